package yamlx

import (
	"fmt"

	"github.com/govplan/govplan/internal/ident"
)

// Translate returns the translation of an English message format into lang, or the format
// itself when there is none. The message catalogs (package i18n, which imports this package)
// install it; without them every message stays English.
var Translate = func(lang, format string) string { return format }

// Localizer is a message argument that can be shown in a language: a Message, an *Error, a
// text of a data file (i18n.Text).
type Localizer interface {
	In(lang string) string
}

// Message is a message kept as its English format and arguments, so it can be shown in the
// language of the reader: String gives the English text, In the translation. An argument
// that is a Localizer (another Message, a data text) is shown in the same language; other
// arguments (ids, values as the file writes them) are formatted as they are.
type Message struct {
	Format string
	Args   []any
}

// Msgf makes a message from an English format (a string literal, so that the test of the
// message catalogs finds it) and its arguments.
func Msgf(format string, args ...any) Message { return Message{Format: format, Args: args} }

// String returns the message in English.
func (m Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

// In returns the message in lang (English when it has no translation).
func (m Message) In(lang string) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = a
		if l, ok := a.(Localizer); ok {
			if e, isErr := l.(*Error); !isErr || e != nil { // a nil *Error prints as fmt shows it
				args[i] = l.In(lang)
			}
		}
	}
	return fmt.Sprintf(Translate(lang, m.Format), args...)
}

// In returns the error as Error does, with its message in lang: "file:line:col: message".
func (e *Error) In(lang string) string {
	msg := e.Msg
	if e.Format != "" {
		msg = Message{Format: e.Format, Args: e.Args}.In(lang)
	}
	if e.Warning {
		msg = Msgf("warning: %s", msg).In(lang)
	}
	return e.where() + msg
}

// In returns the errors in lang, one per line.
func (es Errors) In(lang string) string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.In(lang)
	}
	return joinLines(lines)
}

// Errorf returns an error about a whole file (no line), its message built from an English
// format as Doc.Errorf does. file may be empty.
func Errorf(file, format string, args ...any) *Error {
	return &Error{File: file, Msg: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// In returns the problem's message (without position) in lang.
func (p Problem) In(lang string) string {
	if p.Format == "" {
		return p.Msg
	}
	return Msgf(p.Format, p.Args...).In(lang)
}

// IDRule is the rule every id follows (ident.Rule), as a message argument shown in the
// reader's language: "… is not valid (%s)", yamlx.IDRule.
var IDRule = Message{Format: ident.Rule}
