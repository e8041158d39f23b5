package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/internal/i18n"
)

// form is a small in-screen form: text fields and choice fields (←/→ to pick). tab/shift+tab
// or ↑/↓ move between fields, enter on the last field submits, esc cancels.
type form struct {
	title  string
	fields []*field
	focus  int
	err    string
}

type field struct {
	label   string
	input   textinput.Model
	choices []string // a choice field when set (as shown)
	values  []string // what each choice stands for, when it differs from what is shown
	choice  int
	check   func(string) string // returns a problem, or ""
	typed   string              // letters typed into a choice field, to jump by prefix
}

// formResult is what a form returns when it closes.
type formResult int

const (
	formOpen formResult = iota
	formDone
	formCancelled
)

func newForm(title string, fields ...*field) *form {
	f := &form{title: title, fields: fields}
	f.setFocus(0)
	return f
}

func textField(label, value, placeholder string, check func(string) string) *field {
	in := textinput.New()
	in.SetValue(value)
	in.Placeholder = placeholder
	in.SetWidth(40)
	return &field{label: label, input: in, check: check}
}

func choiceField(label string, choices []string, sel int) *field {
	return &field{label: label, choices: choices, choice: sel}
}

func (f *form) setFocus(i int) tea.Cmd {
	for _, fl := range f.fields {
		fl.input.Blur()
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	if f.fields[f.focus].choices == nil {
		f.fields[f.focus].input.CursorEnd()
		return f.fields[f.focus].input.Focus()
	}
	return nil
}

// value returns the value of field i.
func (f *form) value(i int) string {
	fl := f.fields[i]
	if fl.values != nil {
		return fl.values[fl.choice]
	}
	if fl.choices != nil {
		return fl.choices[fl.choice]
	}
	return strings.TrimSpace(fl.input.Value())
}

// checkField shows the problem with field i, if any, as the field is left: each field is
// checked as it is filled in, not only when the form is saved.
func (f *form) checkField(lang string, i int) {
	f.err = ""
	if x := f.fields[i]; x.check != nil {
		if p := x.check(f.value(i)); p != "" {
			f.err = i18n.F(lang, "%s: %s", x.label, p)
		}
	}
}

func (f *form) update(lang string, msg tea.Msg) (formResult, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return formOpen, nil
	}
	fl := f.fields[f.focus]
	if km.Text == "" {
		fl.typed = ""
	}
	switch km.String() {
	case "esc":
		return formCancelled, nil
	case "tab", "down":
		f.checkField(lang, f.focus)
		return formOpen, f.setFocus(f.focus + 1)
	case "shift+tab", "up":
		f.checkField(lang, f.focus)
		return formOpen, f.setFocus(f.focus - 1)
	case "enter":
		if f.focus < len(f.fields)-1 {
			f.checkField(lang, f.focus)
			return formOpen, f.setFocus(f.focus + 1)
		}
		for i, x := range f.fields {
			if x.check != nil {
				if p := x.check(f.value(i)); p != "" {
					f.err = i18n.F(lang, "%s: %s", x.label, p)
					return formOpen, f.setFocus(i)
				}
			}
		}
		return formDone, nil
	case "left", "right":
		if fl.choices != nil {
			d := 1
			if km.String() == "left" {
				d = len(fl.choices) - 1
			}
			fl.choice = (fl.choice + d) % len(fl.choices)
			return formOpen, nil
		}
	}
	if fl.choices != nil {
		// A typed letter or digit jumps to the next choice starting with it.
		if t := strings.ToLower(km.Text); t != "" {
			for _, prefix := range []string{fl.typed + t, t} {
				found := false
				for i, c := range fl.choices {
					if strings.HasPrefix(strings.ToLower(c), prefix) {
						fl.choice, fl.typed, found = i, prefix, true
						break
					}
				}
				if found {
					break
				}
			}
		}
		return formOpen, nil
	}
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	f.err = ""
	return formOpen, cmd
}

func (f *form) lines(st Styles, lang string, w int) []string {
	lines := []string{st.Bold.Render(f.title), ""}
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, width(fl.label))
	}
	for i, fl := range f.fields {
		mark := "  "
		if i == f.focus {
			mark = "▸ "
		}
		val := ""
		if fl.choices != nil {
			val = "◂ " + orDash(fl.choices[fl.choice]) + " ▸"
		} else {
			fl.input.SetWidth(max(10, w-lw-8))
			val = fl.input.View()
		}
		lines = append(lines, mark+pad(fl.label, lw)+"  "+val)
	}
	lines = append(lines, "")
	if f.err != "" {
		for _, l := range wrap("⚠ "+f.err, w) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	for _, l := range wrap(i18n.T(lang, "tab/↑↓ field · ←/→ or type to choose · enter next/save · esc cancel"), w) {
		lines = append(lines, st.Faint.Render(l))
	}
	return lines
}
