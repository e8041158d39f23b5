package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
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
	editing int    // ministry being edited; -1 new; -2 the country details
	editID  string // the id of the ministry being edited (found again after a reload)
	k       struct{ add, edit, remove, details, up, down, migrate key.Binding }
}

func newContextScreen(c *shared) *contextScreen {
	s := &contextScreen{c: c}
	s.relang()
	return s
}

func (s *contextScreen) relang() {
	lang := s.c.lang
	s.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "add ministry")))
	s.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "edit ministry")))
	s.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", i18n.T(lang, "remove ministry")))
	s.k.details = key.NewBinding(key.WithKeys("e"), key.WithHelp("e", i18n.T(lang, "country and date")))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
	s.k.migrate = key.NewBinding(key.WithKeys("M"), key.WithHelp("M", i18n.T(lang, "move to the newer framework version")))
}

func (s *contextScreen) capturing() bool { return s.form != nil }

// reopen checks the selection after the file changed under the screen (reload, undo). A
// ministry being edited is found again by its id; when it is gone, the form stays open with
// what was typed and saves it as a new ministry.
func (s *contextScreen) reopen() {
	ms := s.c.sess.doc.File.Ministries
	s.sel = max(0, min(s.sel, len(ms)-1))
	if s.form != nil && s.editing >= 0 {
		s.editing = -1
		for i, m := range ms {
			if m.ID == s.editID {
				s.editing = i
			}
		}
	}
}

func (s *contextScreen) keys() []key.Binding {
	if s.form != nil {
		return nil
	}
	ks := []key.Binding{s.k.add, s.k.edit, s.k.remove, s.k.details}
	if s.c.sess.newerFramework() != nil {
		ks = append(ks, s.k.migrate)
	}
	return ks
}

func (s *contextScreen) allKeys() []key.Binding {
	ks := []key.Binding{s.k.up, s.k.down, s.k.add, s.k.edit, s.k.remove, s.k.details}
	if s.c.sess.newerFramework() != nil {
		ks = append(ks, s.k.migrate)
	}
	return ks
}

// migrate asks, then moves the file to the newest built-in version of its framework, as
// govplan migrate does; the root then rebuilds the screens for the new framework.
func (s *contextScreen) migrate() {
	sess, lang := s.c.sess, s.c.lang
	to := sess.newerFramework()
	if to == nil {
		return
	}
	from := sess.fw.Ref()
	s.c.ask(i18n.F(lang, "Move this file to %s (%d new indicators, unanswered; every answer kept)? (y/n)",
		to.Ref(), len(newIndicators(sess.doc.File, to))), func() tea.Cmd {
		added, err := sess.migrate(to)
		if err != nil {
			s.c.sayErr(err)
			return nil
		}
		s.c.say(false, i18n.F(lang, "saved · moved from %s to %s: %d new indicators to answer (ctrl+z moves it back)", from, to.Ref(), len(added)))
		return nil
	})
}

// newIndicators lists the indicators of fw the file does not list yet.
func newIndicators(f *countries.File, fw *assess.Framework) []string {
	var ids []string
	for _, ind := range fw.Indicators() {
		if _, ok := f.Answers[ind.ID]; !ok {
			ids = append(ids, ind.ID)
		}
	}
	return ids
}

func (s *contextScreen) update(msg tea.Msg) tea.Cmd {
	if s.form != nil {
		res, cmd := s.form.update(s.c.lang, msg)
		switch res {
		case formCancelled:
			s.form = nil
		case formDone:
			if s.save() {
				s.form = nil
			}
		case formSaveField:
			s.save() // field by field: the form stays open
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	f := s.c.sess.doc.File
	lang := s.c.lang
	s.sel = max(0, min(s.sel, len(f.Ministries)-1))
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
		s.editing, s.editID = s.sel, f.Ministries[s.sel].ID
		s.ministryForm(f.Ministries[s.sel])
		return s.form.setFocus(1)
	case key.Matches(km, s.k.remove) && len(f.Ministries) > 0:
		m := f.Ministries[s.sel]
		for _, as := range f.Answers {
			for _, a := range as {
				if a.By == m.ID {
					s.c.say(true, i18n.F(lang, "%s has answers in this file; change or clear them before removing it", m.ID))
					return nil
				}
			}
		}
		id := m.ID
		s.c.ask(i18n.F(lang, "Remove the ministry %s (%s)? (y/n)", m.ID, m.Name.In(lang)), func() tea.Cmd {
			// Found again by id: the list may have changed while the question was open.
			i := -1
			for k, x := range s.c.sess.doc.File.Ministries {
				if x.ID == id {
					i = k
				}
			}
			if i < 0 {
				return nil
			}
			if err := s.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"ministries", i}) }); err != nil {
				s.c.sayErr(err)
				return nil
			}
			s.sel = max(0, min(i, len(s.c.sess.doc.File.Ministries)-1))
			s.c.say(false, s.c.undoable(i18n.F(lang, "saved · ministry %s removed (ctrl+z brings it back)", id), i18n.F(lang, "saved · ministry %s removed", id)))
			return nil
		})
	case key.Matches(km, s.k.migrate):
		s.migrate()
	case key.Matches(km, s.k.details):
		s.editing = -2
		a := f.Assessment
		s.form = newForm(i18n.T(lang, "Country and assessment"),
			textField(i18n.T(lang, "Country name"), f.Country.Name, "", nonEmpty(lang)),
			textField(i18n.T(lang, "Region"), f.Country.Region, i18n.T(lang, "e.g. East Africa"), nil),
			textField(i18n.T(lang, "Assessment date"), a.Date, i18n.T(lang, "YYYY-MM-DD"), checkDate(lang)),
			textField(i18n.T(lang, "Facilitators"), strings.Join(a.Facilitators, ", "), i18n.T(lang, "names, separated by commas"), nil),
			textField(i18n.T(lang, "ISO 3166 code"), f.Country.ISO3, i18n.T(lang, "three letters, e.g. KEN; XAA–XZZ for fictional"), checkISO(lang)),
		)
		return s.form.setFocus(0)
	}
	return nil
}

func (s *contextScreen) ministryForm(m countries.Ministry) {
	lang := s.c.lang
	title := i18n.T(lang, "Add a ministry or agency taking part")
	if s.editing >= 0 {
		title = i18n.F(lang, "Edit %s", m.ID)
	}
	s.form = newForm(title,
		textField(i18n.T(lang, "Id"), m.ID, i18n.T(lang, "short id: ict, finance, interior, health …"), func(v string) string {
			if !ident.Valid(v) {
				return i18n.T(lang, "lower-case letters, digits, '-' or '.'")
			}
			for i, x := range s.c.sess.doc.File.Ministries {
				if x.ID == ident.Norm(v) && i != s.editing {
					return i18n.T(lang, "already in the list")
				}
			}
			return ""
		}),
		textField(i18n.T(lang, "Name"), m.Name.In(lang), i18n.T(lang, "Ministry of ICT and Digital Economy"), nonEmpty(lang)),
		textField(i18n.T(lang, "Focal point"), m.FocalPoint, i18n.T(lang, "who speaks for it"), nil),
		textField(i18n.T(lang, "E-mail"), m.Email, "", nil),
	)
}

// save writes the form; it reports whether it did (the reason shows in the form otherwise).
func (s *contextScreen) save() bool {
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
			c.Name, c.Region, c.ISO3 = f.value(0), f.value(1), strings.ToUpper(f.value(4))
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
			if ident.Norm(f.value(0)) != old && s.hasAnswers(old) {
				f.err = i18n.T(s.c.lang, "the id is used by answers; keep it (change the name instead)")
				return false
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
			if err == nil {
				// Saved: the form goes on editing the new ministry.
				s.sel = len(s.c.sess.doc.File.Ministries) - 1
				s.editing, s.editID = s.sel, m.ID
			}
		}
		if err == nil {
			s.editID = m.ID
		}
	}
	if err != nil {
		f.err = err.Error()
		return false
	}
	f.markSaved()
	s.c.say(false, i18n.T(s.c.lang, "saved"))
	return true
}

// hasAnswers reports whether a ministry gave answers in the file.
func (s *contextScreen) hasAnswers(id string) bool {
	for _, as := range s.c.sess.doc.File.Answers {
		for _, a := range as {
			if a.By == id {
				return true
			}
		}
	}
	return false
}

func (s *contextScreen) view(w, h int) string {
	st, lang := s.c.st, s.c.lang
	title := stepTitle(lang, stepContext)
	if s.form != nil {
		return panel(st, title, s.form.lines(st, lang, w-4), w, h)
	}
	sess := s.c.sess
	f := sess.doc.File
	// Labels in a column as wide as the longest one in this language.
	labels := []string{i18n.T(lang, "Country:"), i18n.T(lang, "Framework:"), i18n.T(lang, "Assessed:"), i18n.T(lang, "File:")}
	lw := 0
	for _, l := range labels {
		lw = max(lw, width(l))
	}
	country := fmt.Sprintf("%s (%s)%s", f.Country.Name, f.Country.ISO3, regionText(f.Country.Region))
	if f.Country.Fictional {
		country += "  " + i18n.T(lang, "(fictional sample)")
	}
	values := []string{
		country,
		fmt.Sprintf("%s — %s", sess.fw.Ref(), sess.fw.Name.In(lang)),
		i18n.F(lang, "%s · facilitators: %s", dateText(lang, f.Assessment.Date), orDash(strings.Join(f.Assessment.Facilitators, ", "))),
		sess.doc.Path,
	}
	newer := sess.newerFramework()
	if newer != nil {
		// A one-line offer under the framework: the newer built-in version and the key.
		labels = append(labels[:2], append([]string{""}, labels[2:]...)...)
		values = append(values[:2], append([]string{st.Warn.Render(i18n.F(lang, "%s is built in (%d new indicators): M moves this file to it, keeping every answer",
			newer.Ref(), len(newIndicators(f, newer))))}, values[2:]...)...)
	}
	if n := f.Assessment.Notes; n != "" {
		labels = append(labels, i18n.T(lang, "Notes:"))
		values = append(values, n)
		lw = max(lw, width(i18n.T(lang, "Notes:")))
	}
	var body []string
	for i, v := range values {
		for j, l := range wrap(v, max(20, w-4-lw-1)) {
			if j == 0 {
				body = append(body, pad(labels[i], lw)+" "+l)
			} else {
				body = append(body, strings.Repeat(" ", lw+1)+l)
			}
		}
	}
	body = append(body, "", st.Bold.Render(i18n.F(lang, "Ministries and agencies taking part · %d", len(f.Ministries))))
	if len(f.Ministries) == 0 {
		body = append(body, wrap(i18n.T(lang, "None yet: press a to add the ministries in the room (their answers can then be told apart)."), w-4)...)
	}
	nameW := max(20, min(60, w-4-19-1-24))
	var foot []string
	foot = append(foot, "")
	for _, l := range wrap(i18n.T(lang, "Next: tab to the readiness questions. Every change is saved to the file at once."), w-4) {
		foot = append(foot, st.Faint.Render(l))
	}
	// The list scrolls: the selected ministry is always on screen (a key acts on what is
	// shown), with "↑ n more" / "↓ n more" when some are hidden.
	rows := h - 2 - len(body) - len(foot)
	s.sel = max(0, min(s.sel, len(f.Ministries)-1))
	from, to := window(s.sel, len(f.Ministries), max(1, rows))
	if to-from < len(f.Ministries) {
		from, to = window(s.sel, len(f.Ministries), max(1, rows-2))
		if from > 0 {
			body = append(body, st.Faint.Render(i18n.F(lang, "↑ %d more", from)))
		}
	}
	for i := from; i < to; i++ {
		m := f.Ministries[i]
		line := fmt.Sprintf("%-18s %s %s", m.ID, pad(m.Name.In(lang), nameW), m.FocalPoint)
		if i == s.sel {
			line = st.Selected.Render(pad(line, w-4))
		}
		body = append(body, line)
	}
	if to < len(f.Ministries) {
		body = append(body, st.Faint.Render(i18n.F(lang, "↓ %d more", len(f.Ministries)-to)))
	}
	return panel(st, title, append(body, foot...), w, h)
}

// checkDate checks a YYYY-MM-DD date.
func checkDate(lang string) func(string) string {
	return func(v string) string {
		if _, err := time.Parse(countries.DateLayout, v); err != nil {
			return i18n.T(lang, "a date in the form YYYY-MM-DD")
		}
		return ""
	}
}

func regionText(r string) string {
	if r == "" {
		return ""
	}
	return " · " + r
}
