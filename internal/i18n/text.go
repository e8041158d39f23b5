package i18n

import (
	"regexp"
	"sort"

	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Text is a text from a data file, in one or more languages (language code → text). In YAML
// it is a plain string (English) or a mapping such as {en: ..., fr: ..., es: ...}.
type Text map[string]string

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// In returns the text in lang, falling back to English, then to any language present.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[base(lang)]; s != "" {
		return s
	}
	if s := t[Default]; s != "" {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// String returns the English text.
func (t Text) String() string { return t.In(Default) }

// Plain makes an English-only text.
func Plain(s string) Text { return Text{Default: s} }

// UnmarshalYAMLNode decodes a plain string or a map of language codes to strings.
func (t *Text) UnmarshalYAMLNode(d *yamlx.Decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			*t = nil
			return
		}
		*t = Text{Default: n.Value}
	case yaml.MappingNode:
		m := map[string]string{}
		d.Decode(n, &m)
		out := Text{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !langCode.MatchString(k.Value) {
				d.Errorf(k, "%q is not a language code (expected en, fr, es, pt-BR, ...)", k.Value)
				continue
			}
			out[k.Value] = m[k.Value]
		}
		if len(out) > 0 && out[Default] == "" {
			d.Errorf(n, "a text in several languages needs an English (en) version to fall back to")
		}
		*t = out
	default:
		d.Errorf(n, "expected text or a mapping of languages to text, got %s", yamlx.Describe(n))
	}
}

// MarshalYAML writes a text as a plain string when it is English only.
func (t Text) MarshalYAML() (any, error) {
	if len(t) == 1 && t[Default] != "" {
		return t[Default], nil
	}
	return map[string]string(t), nil
}
