package tui

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/iso3166"
)

// checkISO accepts an ISO 3166 alpha-3 code (XAA–XZZ for fictional or sub-national units).
func checkISO(lang string) func(string) string {
	return func(v string) string {
		if !iso3166.Valid(strings.ToUpper(v)) {
			return i18n.T(lang, "not an ISO 3166 alpha-3 code (XAA–XZZ are free for fictional or sub-national units)")
		}
		return ""
	}
}

// fileName makes a typed file name safe: the folder's own file, ending in .yaml.
func fileName(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if !strings.HasSuffix(v, ".yaml") && !strings.HasSuffix(v, ".yml") {
		v += ".yaml"
	}
	return v
}

// checkFileName accepts a plain file name (no folder) that is not taken yet in dir; empty
// lets the country's name decide.
func checkFileName(lang, dir string) func(string) string {
	return func(v string) string {
		if v == "" {
			return ""
		}
		if strings.ContainsAny(v, `/\:*?"<>|`) || strings.HasPrefix(v, ".") {
			return i18n.T(lang, "a plain file name such as kenya-2026 (letters, digits, '-' and '_')")
		}
		if _, err := os.Stat(filepath.Join(dir, fileName(v))); err == nil {
			return i18n.F(lang, "%s already exists in this folder; choose another name", fileName(v))
		}
		return ""
	}
}

// roundForm starts a new assessment round of the selected country file: a copy with the
// previous round's answers as its baseline, under a new file name and date.
func (s *start) roundForm() tea.Cmd {
	lang := s.c.lang
	it := s.items[s.sel]
	if it.path == "" || it.err != "" {
		s.c.say(true, i18n.T(lang, "choose a country file of this folder (not a sample, not a broken file) for a new round"))
		return nil
	}
	today := time.Now().Format(countries.DateLayout)
	base := strings.TrimSuffix(filepath.Base(it.path), filepath.Ext(it.path))
	// "kenya-2025" → "kenya-2026"; else "kenya" → "kenya-2026".
	name := base
	if i := strings.LastIndex(base, "-"); i > 0 && len(base)-i == 5 {
		name = base[:i]
	}
	name += "-" + today[:4]
	s.roundFrom = it.path
	s.form = newForm(i18n.F(lang, "New round of %s: its answers are copied as the baseline", it.title),
		textField(i18n.T(lang, "File name"), name, "kenya-2026", func(v string) string {
			if v == "" {
				return i18n.T(lang, "required")
			}
			return checkFileName(lang, s.dir())(v)
		}),
		textField(i18n.T(lang, "Assessment date"), today, i18n.T(lang, "YYYY-MM-DD"), checkDate(lang)),
	)
	return s.form.setFocus(0)
}

// createRound writes the new round and opens it.
func (s *start) createRound() tea.Cmd {
	f, lang := s.form, s.c.lang
	d, err := countries.Load(s.roundFrom)
	if err != nil {
		f.err = err.Error()
		return nil
	}
	prev := d.File.Assessment.Date
	note := i18n.F(lang, "New round. The answers are the baseline copied from %s (assessed %s); review each one.", filepath.Base(s.roundFrom), prev)
	if err := d.Set([]any{"assessment", "date"}, f.value(1)); err != nil {
		f.err = err.Error()
		return nil
	}
	if err := d.Set([]any{"assessment", "notes"}, note); err != nil {
		f.err = err.Error()
		return nil
	}
	path := filepath.Join(s.dir(), fileName(f.value(0)))
	if err := d.SaveAs(path, false); err != nil {
		f.err = err.Error()
		return nil
	}
	s.form, s.roundFrom = nil, ""
	s.scan()
	return func() tea.Msg { return openedMsg{path} }
}
