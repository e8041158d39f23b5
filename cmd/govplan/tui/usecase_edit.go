package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// useCaseEditor edits a custom use case of the file: its name and sector, and its steps,
// each with the blocks it uses picked from the catalog. Every change is saved at once.
type useCaseEditor struct {
	c      *shared
	id     string // the use case's id (its place in use_cases is found again on each save)
	sel    int
	form   *form
	fkind  string // "step" (name of step sel, or a new one when adding), "usecase"
	adding bool
	check  *pickList
	k      struct{ up, down, add, rename, blocks, remove, meta, close key.Binding }
}

func newUseCaseEditor(c *shared, id string) *useCaseEditor {
	e := &useCaseEditor{c: c, id: id}
	lang := c.lang
	e.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	e.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
	e.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "add step")))
	e.k.rename = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "rename step")))
	e.k.blocks = key.NewBinding(key.WithKeys("b", "space"), key.WithHelp("b", i18n.T(lang, "blocks of the step")))
	e.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", i18n.T(lang, "delete step")))
	e.k.meta = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", i18n.T(lang, "name and sector")))
	e.k.close = key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", i18n.T(lang, "back to the list")))
	return e
}

func (e *useCaseEditor) keys() []key.Binding {
	if e.form != nil || e.check != nil {
		return nil
	}
	return []key.Binding{e.k.add, e.k.rename, e.k.blocks, e.k.remove, e.k.meta, e.k.close}
}

func (e *useCaseEditor) allKeys() []key.Binding {
	k := e.k
	return []key.Binding{k.up, k.down, k.add, k.rename, k.blocks, k.remove, k.meta, k.close}
}

// index is the use case's place in the file's use_cases and the use case (nil when gone).
func (e *useCaseEditor) index() (int, *catalog.UseCase) {
	for i, r := range e.c.sess.doc.File.UseCases {
		if r.ID == e.id && r.Custom != nil {
			return i, r.Custom
		}
	}
	return -1, nil
}

// saveSteps writes the use case's steps, one step (one line) at a time where it can.
func (e *useCaseEditor) save(what string, edit func(d *countries.Doc, i int) error) bool {
	i, _ := e.index()
	if i < 0 {
		e.c.say(true, i18n.F(e.c.lang, "the use case %s is no longer in the file", e.id))
		return false
	}
	if err := e.c.sess.change(func(d *countries.Doc) error { return edit(d, i) }); err != nil {
		e.c.sayErr(err)
		return false
	}
	e.c.say(false, i18n.F(e.c.lang, "saved · %s: %s", e.id, what))
	return true
}

// update handles a message; closed reports that the editor is done.
func (e *useCaseEditor) update(msg tea.Msg) (cmd tea.Cmd, closed bool) {
	lang := e.c.lang
	if e.form != nil {
		res, cmd := e.form.update(lang, msg)
		switch res {
		case formCancelled:
			e.form = nil
		case formDone:
			e.saveForm()
		}
		return cmd, false
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	if e.check != nil {
		done, cancelled := e.check.update(km)
		switch {
		case cancelled:
			e.check = nil
		case done:
			e.saveBlocks()
		}
		return nil, false
	}
	_, u := e.index()
	if u == nil {
		return nil, true
	}
	n := len(u.Steps)
	switch {
	case key.Matches(km, e.k.close):
		return nil, true
	case key.Matches(km, e.k.up):
		e.sel = max(0, e.sel-1)
	case key.Matches(km, e.k.down):
		e.sel = max(0, min(n-1, e.sel+1))
	case key.Matches(km, e.k.add):
		e.fkind, e.adding = "step", true
		e.form = newForm(i18n.T(lang, "New step"), textField(i18n.T(lang, "Step name"), "", i18n.T(lang, "Pay transfer duty"), nonEmpty(lang)))
		return e.form.setFocus(0), false
	case key.Matches(km, e.k.meta):
		e.fkind = "usecase"
		e.form = newForm(i18n.F(lang, "Custom use case %s", e.id),
			textField(i18n.T(lang, "Name"), u.Name.In(lang), "", nonEmpty(lang)),
			textField(i18n.T(lang, "Sector"), u.Sector, i18n.T(lang, "land"), nil))
		return e.form.setFocus(0), false
	case n == 0:
	case key.Matches(km, e.k.rename):
		e.sel = min(e.sel, n-1)
		e.fkind, e.adding = "step", false
		e.form = newForm(i18n.F(lang, "Step %d", e.sel+1), textField(i18n.T(lang, "Step name"), u.Steps[e.sel].Name.In(lang), "", nonEmpty(lang)))
		return e.form.setFocus(0), false
	case key.Matches(km, e.k.blocks):
		e.sel = min(e.sel, n-1)
		e.openChecklist(u.Steps[e.sel])
	case key.Matches(km, e.k.remove):
		e.sel = min(e.sel, n-1)
		if n == 1 {
			e.c.say(true, i18n.T(lang, "a use case needs at least one step; add another before deleting this one"))
			return nil, false
		}
		si, name := e.sel, u.Steps[e.sel].Name.In(lang)
		e.c.ask(i18n.F(lang, "Delete step %d, %s?", si+1, name), func() tea.Cmd {
			if e.save(i18n.F(lang, "step %d deleted", si+1), func(d *countries.Doc, i int) error {
				return d.Delete([]any{"use_cases", i, "steps", si})
			}) {
				e.sel = max(0, e.sel-1)
			}
			return nil
		})
	}
	return nil, false
}

func (e *useCaseEditor) openChecklist(s catalog.Step) {
	lang := e.c.lang
	cl := newPickList(lang, i18n.F(lang, "Blocks used by the step %s (space picks, enter saves)", s.Name.In(lang)), true)
	for _, b := range e.c.sess.cat.Blocks {
		if b.Category == catalog.Other && !slices.Contains(s.Blocks, b.ID) {
			continue
		}
		cl.items = append(cl.items, pickItem{label: pad(b.ID, 24) + " " + b.Name.In(lang), value: b.ID, on: slices.Contains(s.Blocks, b.ID)})
	}
	e.check = cl
}

func (e *useCaseEditor) saveBlocks() {
	_, u := e.index()
	if u == nil || e.sel >= len(u.Steps) {
		e.check = nil
		return
	}
	step := u.Steps[e.sel]
	step.Blocks = e.check.picked()
	si := e.sel
	if e.save(i18n.F(e.c.lang, "step %d uses %s", si+1, orDash(strings.Join(step.Blocks, ", "))), func(d *countries.Doc, i int) error {
		return setFlow(d, []any{"use_cases", i, "steps", si}, step)
	}) {
		e.check = nil
	}
}

func (e *useCaseEditor) saveForm() {
	lang, f := e.c.lang, e.form
	_, u := e.index()
	if u == nil {
		e.form = nil
		return
	}
	var ok bool
	switch {
	case e.fkind == "usecase":
		name, sector := setText(u.Name, lang, f.value(0)), f.value(1)
		ok = e.save(i18n.T(lang, "name and sector"), func(d *countries.Doc, i int) error {
			if err := d.Set([]any{"use_cases", i, "name"}, flowOf(name)); err != nil {
				return err
			}
			if sector == "" {
				return d.Delete([]any{"use_cases", i, "sector"})
			}
			return d.Set([]any{"use_cases", i, "sector"}, sector)
		})
	case e.adding:
		step := catalog.Step{Name: i18n.Plain(f.value(0)), Blocks: []string{}}
		ok = e.save(i18n.F(lang, "step %s added: press b to pick its blocks", f.value(0)), func(d *countries.Doc, i int) error {
			return d.Append([]any{"use_cases", i, "steps"}, flowOf(step))
		})
		if ok {
			_, u = e.index()
			e.sel = len(u.Steps) - 1
			e.form = nil
			e.openChecklist(u.Steps[e.sel])
			return
		}
	default:
		si := e.sel
		step := u.Steps[si]
		step.Name = setText(step.Name, lang, f.value(0))
		ok = e.save(i18n.F(lang, "step %d renamed", si+1), func(d *countries.Doc, i int) error {
			return setFlow(d, []any{"use_cases", i, "steps", si}, step)
		})
	}
	if ok {
		e.form = nil
	} else {
		f.err = e.c.status
	}
}

func (e *useCaseEditor) view(w, h int) string {
	st, lang := e.c.st, e.c.lang
	inner := w - 2
	_, u := e.index()
	title := i18n.F(lang, "Custom use case %s", e.id)
	switch {
	case e.form != nil:
		return panel(st, title, e.form.lines(st, lang, inner), w, h)
	case e.check != nil:
		return panel(st, title, e.check.lines(st, lang, inner, h-2), w, h)
	case u == nil:
		return panel(st, title, []string{i18n.T(lang, "This use case is no longer in the file.")}, w, h)
	}
	body := []string{st.Bold.Render(truncate(u.Name.In(lang), inner))}
	if u.Sector != "" {
		body = append(body, st.Faint.Render(i18n.F(lang, "Sector: %s", u.Sector)))
	}
	body = append(body, "")
	if len(u.Steps) == 0 {
		body = append(body, i18n.T(lang, "No steps yet: press a to add one."))
	}
	steps := rowList{sel: e.sel}
	body = append(body, steps.lines(st, lang, len(u.Steps), max(3, h-8), inner, func(i int) (string, *lipgloss.Style) {
		s := u.Steps[i]
		blocks := orDash(strings.Join(s.Blocks, ", "))
		if len(s.Blocks) == 0 {
			blocks = i18n.T(lang, "no blocks yet (b picks them)")
		}
		return pad(i18n.F(lang, "%d. %s", i+1, s.Name.In(lang)), min(40, inner/2)) + " " + blocks, nil
	})...)
	body = append(body, "")
	for _, l := range wrap(i18n.T(lang, "Each step lists the building blocks it uses; the architecture and the roadmap follow at once."), inner) {
		body = append(body, st.Faint.Render(l))
	}
	return panel(st, title, body, w, h)
}
