package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/termtext"
)

// form is a small in-screen form: text fields and choice fields (←/→ to pick). tab/shift+tab
// or ↑/↓ move between fields, enter on the last field submits, esc cancels.
type form struct {
	title  string
	fields []*field
	focus  int
	err    string
	saved  []string // the values as last saved (or as opened)
}

type field struct {
	label   string
	input   textinput.Model
	choices []string // a choice field when set (as shown)
	values  []string // what each choice stands for, when it differs from what is shown
	choice  int
	check   func(string) string // returns a problem, or ""
	typed   string              // letters typed into a choice field, to jump by prefix
	number  bool                // a number: its value is selected when the field is entered
	sel     bool                // the whole value is selected: the next typed text replaces it
}

// formResult is what a form returns when it closes.
type formResult int

const (
	formOpen formResult = iota
	formDone
	formCancelled
	// formSaveField: the user left a field and every field is valid; a screen that edits an
	// existing entry saves now (field by field) and calls markSaved. The form stays open.
	formSaveField
)

func newForm(title string, fields ...*field) *form {
	f := &form{title: title, fields: fields}
	f.setFocus(0)
	f.markSaved()
	return f
}

// markSaved records the values as saved (formSaveField only comes again after a change).
func (f *form) markSaved() {
	f.saved = f.saved[:0]
	for i := range f.fields {
		f.saved = append(f.saved, f.value(i))
	}
}

// changed reports whether a value differs from the last save.
func (f *form) changed() bool {
	for i := range f.fields {
		if i >= len(f.saved) || f.value(i) != f.saved[i] {
			return true
		}
	}
	return false
}

// problem returns the first field that fails its check, with the reason.
func (f *form) problem(lang string) (int, string) {
	for i, x := range f.fields {
		if x.check != nil {
			if p := x.check(f.value(i)); p != "" {
				return i, i18n.F(lang, "%s: %s", x.label, p)
			}
		}
	}
	return -1, ""
}

// leave moves the focus to field i after checking the field left: its problem is shown at
// once, and when the whole form is valid and changed, the screen is asked to save.
func (f *form) leave(lang string, i int) (formResult, tea.Cmd) {
	cur := f.fields[f.focus]
	f.err = ""
	if cur.check != nil {
		if p := cur.check(f.value(f.focus)); p != "" {
			f.err = i18n.F(lang, "%s: %s", cur.label, p)
		}
	}
	cmd := f.setFocus(i)
	if f.err == "" && f.changed() {
		if bad, _ := f.problem(lang); bad < 0 {
			return formSaveField, cmd
		}
	}
	return formOpen, cmd
}

func textField(label, value, placeholder string, check func(string) string) *field {
	in := textinput.New()
	in.SetValue(value)
	in.Placeholder = placeholder
	in.SetWidth(40)
	return &field{label: label, input: in, check: check}
}

// numField is a text field for a number. Entering it selects the value, as form tools do:
// typing replaces it (old 35, type 40: 40), while an arrow, backspace or home edits it.
func numField(label, value, placeholder string, check func(string) string) *field {
	fl := textField(label, value, placeholder, check)
	fl.number = true
	return fl
}

func choiceField(label string, choices []string, sel int) *field {
	return &field{label: label, choices: choices, choice: sel}
}

func (f *form) setFocus(i int) tea.Cmd {
	for _, fl := range f.fields {
		fl.input.Blur()
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	if fl := f.fields[f.focus]; fl.choices == nil {
		fl.input.CursorEnd()
		fl.sel = fl.number && fl.input.Value() != ""
		return fl.input.Focus()
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

func (f *form) update(lang string, msg tea.Msg) (formResult, tea.Cmd) {
	if p, ok := msg.(tea.PasteMsg); ok {
		fl := f.fields[f.focus]
		if fl.choices != nil {
			return formOpen, nil
		}
		var cmd tea.Cmd
		fl.input, cmd = typeInto(fl.input, &fl.sel, p)
		f.err = ""
		return formOpen, cmd
	}
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
		return f.leave(lang, f.focus+1)
	case "shift+tab", "up":
		return f.leave(lang, f.focus-1)
	case "enter":
		if f.focus < len(f.fields)-1 {
			return f.leave(lang, f.focus+1)
		}
		if i, p := f.problem(lang); i >= 0 {
			f.err = p
			return formOpen, f.setFocus(i)
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
	fl.input, cmd = typeInto(fl.input, &fl.sel, msg)
	f.err = ""
	return formOpen, cmd
}

// typeInto gives a key or a paste to a one-line field whose whole value may be selected
// (*sel): typed or pasted text replaces the selection; any other key (arrows, backspace,
// home, end) drops the selection and edits the value as usual.
func typeInto(in textinput.Model, sel *bool, msg tea.Msg) (textinput.Model, tea.Cmd) {
	if *sel {
		*sel = false
		switch m := msg.(type) {
		case tea.PasteMsg:
			in.SetValue("")
		case tea.KeyPressMsg:
			if m.Text != "" && m.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
				in.SetValue("")
			}
		default:
			*sel = true
		}
	}
	return in.Update(msg)
}

// selectedView draws a one-line field whose value is selected: the value in reverse video,
// so the user sees that typing replaces it.
func selectedView(in textinput.Model) string {
	v := in.Value()
	w := in.Width()
	if w > 0 && ansi.StringWidth(v) > w {
		v = ansi.TruncateLeft(v, ansi.StringWidth(v)-w, "")
	}
	return in.Prompt + lipgloss.NewStyle().Reverse(true).Render(v)
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
			if fl.sel && i == f.focus {
				val = selectedView(fl.input)
			}
		}
		lines = append(lines, mark+pad(fl.label, lw)+"  "+val)
	}
	lines = append(lines, "")
	if f.err != "" {
		for _, l := range wrap("⚠ "+termtext.Clean(f.err), w) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	for _, l := range wrap(i18n.T(lang, "tab/↑↓ field · ←/→ or type to choose · enter next/save · esc close"), w) {
		lines = append(lines, st.Faint.Render(l))
	}
	return lines
}

// textBox is a text field of the screens: one line (bubbles textinput, which scrolls sideways
// so the cursor and the end stay visible) or several (bubbles textarea: the text wraps and
// scrolls, alt+enter starts a new line). enter is the caller's: it saves. A bracketed paste
// lands whole, in one message.
type textBox struct {
	multi bool
	sel   bool // one line only: the whole value is selected (see typeInto)
	line  textinput.Model
	area  textarea.Model
}

// newLineBox is a one-line field w cells wide.
func newLineBox(value, placeholder string, w int) *textBox {
	in := textinput.New()
	in.Placeholder = placeholder
	in.SetWidth(max(10, w))
	in.SetValue(value)
	in.CursorEnd()
	return &textBox{line: in}
}

// newAreaBox is a field of h lines, w cells wide, for evidence and notes.
func newAreaBox(value, placeholder string, w, h int, color bool) *textBox {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.Placeholder = placeholder
	ta.KeyMap.InsertNewline = key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"), key.WithHelp("alt+enter", "new line"))
	if !color {
		ta.SetStyles(textarea.Styles{})
	}
	ta.SetWidth(max(10, w))
	ta.SetHeight(max(1, h))
	ta.SetValue(value)
	ta.MoveToEnd()
	return &textBox{multi: true, area: ta}
}

// selectAll selects the value of a one-line field: the first typed text replaces it.
func (t *textBox) selectAll() {
	t.sel = !t.multi && t.line.Value() != ""
}

// Value is the text typed so far.
func (t *textBox) Value() string {
	if t.multi {
		return t.area.Value()
	}
	return t.line.Value()
}

// Focus shows the cursor and takes keys.
func (t *textBox) Focus() tea.Cmd {
	if t.multi {
		return t.area.Focus()
	}
	return t.line.Focus()
}

// Blur stops taking keys.
func (t *textBox) Blur() {
	if t.multi {
		t.area.Blur()
	} else {
		t.line.Blur()
	}
}

// SetWidth fits the field in w cells.
func (t *textBox) SetWidth(w int) {
	if t.multi {
		t.area.SetWidth(max(10, w))
	} else {
		t.line.SetWidth(max(10, w))
	}
}

// Update types a key or a paste into the field.
func (t *textBox) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if t.multi {
		t.area, cmd = t.area.Update(msg)
	} else {
		t.line, cmd = typeInto(t.line, &t.sel, msg)
	}
	return cmd
}

// View draws the field.
func (t *textBox) View() string {
	if t.multi {
		return t.area.View()
	}
	if t.sel {
		return selectedView(t.line)
	}
	return t.line.View()
}
