// Package i18n gives every text a person reads in the language of the room: messages are
// written in English in the code and looked up in per-language catalogs
// (locales/<lang>/*.yaml, English text → translation), falling back to English; numbers and
// dates are formatted the way the language writes them.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Default is the source language of every message, and the fallback.
const Default = "en"

//go:embed locales
var files embed.FS

// catalogs holds each language's messages, parsed on its first use: a command run in English
// parses no catalog, one run in French parses only the French one.
var catalogs = sync.OnceValue(func() map[string]*langCatalog {
	m := map[string]*langCatalog{}
	dirs, _ := fs.ReadDir(files, "locales")
	for _, d := range dirs {
		if d.IsDir() && d.Name() != Default { // English is the source; locales/en holds only its plural forms
			m[d.Name()] = &langCatalog{lang: d.Name()}
		}
	}
	return m
})

type langCatalog struct {
	lang string
	once sync.Once
	m    map[string]string // English → translation
	err  error
}

func (c *langCatalog) load() map[string]string {
	c.once.Do(func() {
		cat := map[string]string{}
		entries, _ := fs.ReadDir(files, path.Join("locales", c.lang))
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".yaml") || e.Name() == pluralFile {
				continue
			}
			data, err := files.ReadFile(path.Join("locales", c.lang, e.Name()))
			if err != nil {
				c.err = err
				continue
			}
			var m map[string]string
			if err := yaml.Unmarshal(data, &m); err != nil {
				c.err = fmt.Errorf("locales/%s/%s: %w", c.lang, e.Name(), err)
				continue
			}
			for k, v := range m {
				if v != "" {
					cat[k] = v
				}
			}
		}
		c.m = cat
	})
	return c.m
}

// Catalog returns the messages of a language (English text → translation).
func Catalog(lang string) map[string]string {
	if c := catalogs()[base(lang)]; c != nil {
		return c.load()
	}
	return nil
}

// LoadError reports a broken catalog file (tests check it is nil).
func LoadError() error {
	for _, l := range Languages()[1:] {
		c := catalogs()[l]
		if c.load(); c.err != nil {
			return c.err
		}
	}
	return nil
}

// Languages lists the languages with a catalog, English first.
func Languages() []string {
	langs := []string{Default}
	var rest []string
	for l := range catalogs() {
		rest = append(rest, l)
	}
	sort.Strings(rest)
	return append(langs, rest...)
}

// Supported reports whether lang has a catalog (or is English).
func Supported(lang string) bool {
	l := base(lang)
	return l == Default || catalogs()[l] != nil
}

// base reduces "fr-FR" or "fr_CA.UTF-8" to "fr".
func base(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	for _, sep := range []string{".", "_", "-"} {
		lang, _, _ = strings.Cut(lang, sep)
	}
	return lang
}

// T returns the message in lang, or the English one when there is no translation.
func T(lang, msg string) string {
	if base(lang) == Default || lang == "" {
		return msg
	}
	if t, ok := Catalog(lang)[msg]; ok {
		return t
	}
	return msg
}

// F translates a format string and formats it; translations may reorder arguments with
// explicit indexes (%[2]d).
func F(lang, format string, args ...any) string {
	return fmt.Sprintf(T(lang, format), args...)
}
