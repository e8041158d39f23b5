package assess

import "github.com/govplan/govplan/internal/i18n"

// Text is a text people read, in one or more languages; see i18n.Text.
type Text = i18n.Text

// DefaultLang is the language every text has and every lookup falls back to.
const DefaultLang = i18n.Default

// Plain makes an English-only text.
func Plain(s string) Text { return i18n.Plain(s) }
