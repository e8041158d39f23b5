package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
)

// contextScreen is the first step of the flow: the country, the assessment and the
// ministries taking part with their focal points.
type contextScreen struct {
	c       *shared
	sel     int
	form    *form
	editing int // ministry being edited; -1 new; -2 the country details
	k       struct{ add, edit, remove, details, up, down key.Binding }
}

func newContextScreen(c *shared) *contextScreen {
	s := &contextScreen{c: c}
	s.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add ministry"))
	s.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit ministry"))
	s.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "remove ministry"))
	s.k.details = key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "country and date"))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	return s
}

func (s *contextScreen) capturing() bool { return s.form != nil }

func (s *contextScreen) keys() []key.Binding {
	if s.form != nil {
		return nil
	}
	return []key.Binding{s.k.add, s.k.edit, s.k.remove, s.k.details}
}

func (s *contextScreen) update(msg tea.Msg) tea.Cmd {
	if s.form != nil {
		res, cmd := s.form.update(msg)
		switch res {
		case formCancelled:
			s.form = nil
		case formDone:
			s.save()
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	f := s.c.sess.doc.File
	switch {
	case key.Matches(km, s.k.up):
		s.sel = max(0, s.sel-1)
	case key.Matches(km, s.k.down):
		s.sel = min(len(f.Ministries)-1, s.sel+1)
	case key.Matches(km, s.k.add):
		s.editing = -1
		s.ministryForm(countries.Ministry{})
		return s.form.setFocus(0)
	case key.Matches(km, s.k.edit) && len(f.Ministries) > 0:
		s.editing = s.sel
		s.ministryForm(f.Ministries[s.sel])
		return s.form.setFocus(1)
	case key.Matches(km, s.k.remove) && len(f.Ministries) > 0:
		m := f.Ministries[s.sel]
		for _, as := range f.Answers {
			for _, a := range as {
				if a.By == m.ID {
					s.c.say(true, "%s has answers in this file; change or clear them before removing it", m.ID)
					return nil
				}
			}
		}
		i := s.sel
		if err := s.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"ministries", i}) }); err != nil {
			s.c.sayErr(err)
			return nil
		}
		s.sel = max(0, s.sel-1)
		s.c.say(false, "saved · ministry %s removed", m.ID)
	case key.Matches(km, s.k.details):
		s.editing = -2
		a := f.Assessment
		s.form = newForm("Country and assessment",
			textField("Country name", f.Country.Name, "", nonEmpty),
			textField("Region", f.Country.Region, "e.g. East Africa", nil),
			textField("Assessment date", a.Date, "YYYY-MM-DD", func(v string) string {
				if _, err := time.Parse(countries.DateLayout, v); err != nil {
					return "a date in the form YYYY-MM-DD"
				}
				return ""
			}),
			textField("Facilitators", strings.Join(a.Facilitators, ", "), "names, separated by commas", nil),
		)
		return s.form.setFocus(0)
	}
	return nil
}

func (s *contextScreen) ministryForm(m countries.Ministry) {
	title := "Add a ministry or agency taking part"
	if s.editing >= 0 {
		title = "Edit " + m.ID
	}
	s.form = newForm(title,
		textField("Id", m.ID, "short id: ict, finance, interior, health …", func(v string) string {
			if !ident.Valid(v) {
				return "lower-case letters, digits, '-' or '.'"
			}
			for i, x := range s.c.sess.doc.File.Ministries {
				if x.ID == ident.Norm(v) && i != s.editing {
					return "already in the list"
				}
			}
			return ""
		}),
		textField("Name", m.Name.In(s.c.lang), "Ministry of ICT and Digital Economy", nonEmpty),
		textField("Focal point", m.FocalPoint, "who speaks for it", nil),
		textField("E-mail", m.Email, "", nil),
	)
}

func (s *contextScreen) save() {
	f := s.form
	var err error
	switch {
	case s.editing == -2:
		var facil []string
		for _, x := range strings.Split(f.value(3), ",") {
			if x = strings.TrimSpace(x); x != "" {
				facil = append(facil, x)
			}
		}
		err = s.c.sess.change(func(d *countries.Doc) error {
			c := d.File.Country
			c.Name, c.Region = f.value(0), f.value(1)
			cn, err := countries.FlowNode(c)
			if err != nil {
				return err
			}
			if err := d.Set([]any{"country"}, cn); err != nil {
				return err
			}
			a := d.File.Assessment
			a.Date, a.Facilitators = f.value(2), facil
			an, err := countries.FlowNode(a)
			if err != nil {
				return err
			}
			return d.Set([]any{"assessment"}, an)
		})
	default:
		if s.editing >= 0 {
			old := s.c.sess.doc.File.Ministries[s.editing].ID
			if ident.Norm(f.value(0)) != old {
				f.err = "the id is used by answers; keep it (change the name instead)"
				return
			}
		}
		var name i18n.Text
		if s.editing >= 0 {
			name = s.c.sess.doc.File.Ministries[s.editing].Name
		}
		m := countries.Ministry{ID: ident.Norm(f.value(0)), Name: setText(name, s.c.lang, f.value(1)), FocalPoint: f.value(2), Email: f.value(3)}
		node, nerr := countries.FlowNode(m)
		if nerr != nil {
			err = nerr
			break
		}
		if s.editing >= 0 {
			i := s.editing
			err = s.c.sess.change(func(d *countries.Doc) error { return d.Set([]any{"ministries", i}, node) })
		} else {
			err = s.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"ministries"}, node) })
			s.sel = len(s.c.sess.doc.File.Ministries) - 1
		}
	}
	if err != nil {
		f.err = err.Error()
		return
	}
	s.form = nil
	s.c.say(false, "saved")
}

func (s *contextScreen) view(w, h int) string {
	st := s.c.st
	if s.form != nil {
		return panel(st, "Context", s.form.lines(st, w-4), w, h)
	}
	sess := s.c.sess
	f := sess.doc.File
	body := []string{
		fmt.Sprintf("Country:     %s (%s)%s", f.Country.Name, f.Country.ISO3, regionText(f.Country.Region)),
		fmt.Sprintf("Framework:   %s — %s", sess.fw.Ref(), sess.fw.Name.In(s.c.lang)),
		fmt.Sprintf("Assessed:    %s · facilitators: %s", f.Assessment.Date, orDash(strings.Join(f.Assessment.Facilitators, ", "))),
		fmt.Sprintf("File:        %s", sess.doc.Path),
		"",
		st.Bold.Render(fmt.Sprintf("Ministries and agencies taking part · %d", len(f.Ministries))),
	}
	if f.Country.Fictional {
		body[0] += st.Faint.Render("  (fictional sample)")
	}
	if len(f.Ministries) == 0 {
		body = append(body, "None yet: press a to add the ministries in the room (their answers can then be told apart).")
	}
	for i, m := range f.Ministries {
		line := fmt.Sprintf("%-18s %-44s %s", m.ID, truncate(m.Name.In(s.c.lang), 44), m.FocalPoint)
		if i == s.sel {
			line = st.Selected.Render(pad(line, w-4))
		}
		body = append(body, line)
	}
	body = append(body, "", st.Faint.Render("Next: tab to the readiness questions. Every change is saved to the file at once."))
	return panel(st, "Context", body, w, h)
}

func regionText(r string) string {
	if r == "" {
		return ""
	}
	return " · " + r
}
