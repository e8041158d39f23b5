package tui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/output/words"
)

// needs is the step where the country picks its use cases and scores candidate services.
type needs struct {
	c        *shared
	services bool // the services view (else use cases)
	sel      int
	ssel     int
	form     *form
	editing  int    // service being edited (-1: a new one)
	editName string // its name, to find it again after a reload
	legacy   bool
	k        struct{ toggle, custom, remove, view, add, edit, up, down, legacy key.Binding }

	ucEdit    *useCaseEditor // the open custom use case (usecase_edit.go)
	ucEditKey key.Binding
}

func newNeedsScreen(c *shared) *needs {
	n := &needs{c: c}
	n.relang()
	return n
}

func (n *needs) relang() {
	lang := n.c.lang
	n.k.toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", i18n.T(lang, "pick/unpick")))
	n.k.custom = key.NewBinding(key.WithKeys("c"), key.WithHelp("c", i18n.T(lang, "custom use case")))
	n.ucEditKey = key.NewBinding(key.WithKeys("e"), key.WithHelp("e", i18n.T(lang, "edit custom use case")))
	n.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", i18n.T(lang, "delete")))
	n.k.view = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", i18n.T(lang, "use cases/services")))
	n.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "add service")))
	n.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "edit service")))
	n.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	n.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
	n.k.legacy = key.NewBinding(key.WithKeys("L"), key.WithHelp("L", i18n.T(lang, "show legacy variants")))
}

func (n *needs) capturing() bool { return n.form != nil || n.ucEdit != nil }

// reopen checks the selections after the file changed under the screen (reload, undo). A
// service being edited is found again by its name; when it is gone the form saves it anew.
func (n *needs) reopen() {
	n.ssel = max(0, min(n.ssel, len(n.c.sess.model.Match.Services)-1))
	n.sel = max(0, min(n.sel, len(n.rows())-1))
	if n.form != nil && n.services && n.editing >= 0 {
		n.editing = n.fileIndex(n.editName)
	}
}

func (n *needs) keys() []key.Binding {
	if n.ucEdit != nil {
		return n.ucEdit.keys()
	}
	if n.form != nil {
		return nil
	}
	if n.services {
		return []key.Binding{n.k.add, n.k.edit, n.k.remove, n.k.view}
	}
	return []key.Binding{n.k.toggle, n.k.custom, n.ucEditKey, n.k.remove, n.k.view, n.k.legacy}
}

func (n *needs) allKeys() []key.Binding {
	if n.ucEdit != nil {
		return n.ucEdit.allKeys()
	}
	return []key.Binding{n.k.up, n.k.down, n.k.toggle, n.k.custom, n.ucEditKey, n.k.remove, n.k.legacy, n.k.view, n.k.add, n.k.edit}
}

// useCaseRow is a use case in the list: catalog or custom.
type useCaseRow struct {
	uc      *catalog.UseCase
	picked  bool
	index   int // position in the file's use_cases, -1 when not picked
	viaSvc  bool
	heading string // a sector heading row instead of a use case
}

func (n *needs) rows() []useCaseRow {
	f := n.c.sess.doc.File
	picked := map[string]int{}
	for i, r := range f.UseCases {
		picked[r.ID] = i
	}
	viaSvc := map[string]bool{}
	for _, s := range f.Services {
		viaSvc[s.UseCase] = true
	}
	// Sectors in the order of their names in this language; the country's own use cases and
	// the legacy ones last.
	lang := n.c.lang
	const custom, legacy = "\x00custom", "\x00legacy"
	bySector := map[string][]*catalog.UseCase{}
	for _, u := range n.c.sess.cat.UseCases {
		if u.Legacy && !n.legacy {
			continue
		}
		sector := u.Sector
		if u.Legacy {
			sector = legacy
		}
		bySector[sector] = append(bySector[sector], u)
	}
	for _, r := range f.UseCases {
		if r.Custom != nil {
			bySector[custom] = append(bySector[custom], r.Custom)
		}
	}
	sectors := make([]string, 0, len(bySector))
	for s := range bySector {
		if s != custom && s != legacy {
			sectors = append(sectors, s)
		}
	}
	sort.Slice(sectors, func(i, j int) bool {
		return collate(words.Sector(lang, sectors[i])) < collate(words.Sector(lang, sectors[j]))
	})
	for _, s := range []string{custom, legacy} {
		if bySector[s] != nil {
			sectors = append(sectors, s)
		}
	}
	var rows []useCaseRow
	for _, s := range sectors {
		heading := words.Sector(lang, s)
		switch s {
		case custom:
			heading = i18n.T(lang, "custom (this country)")
		case legacy:
			heading = i18n.T(lang, "legacy (SDG Digital Investment Framework)")
		}
		rows = append(rows, useCaseRow{heading: heading})
		for _, u := range bySector[s] {
			i, ok := picked[u.ID]
			if !ok {
				i = -1
			}
			rows = append(rows, useCaseRow{uc: u, picked: ok, index: i, viaSvc: viaSvc[u.ID]})
		}
	}
	return rows
}

func (n *needs) update(msg tea.Msg) tea.Cmd {
	if n.ucEdit != nil {
		cmd, closed := n.ucEdit.update(msg)
		if closed {
			n.ucEdit = nil
		}
		return cmd
	}
	if n.form != nil {
		res, cmd := n.form.update(n.c.lang, msg)
		switch res {
		case formCancelled:
			n.form = nil
		case formDone:
			if n.services {
				n.saveService(true)
			} else {
				n.saveCustom()
			}
		case formSaveField:
			if n.services && n.editing >= 0 {
				n.saveService(false) // field by field, for a service already in the file
			}
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, n.k.view):
		n.services = !n.services
	case key.Matches(km, n.k.legacy) && !n.services:
		n.legacy = !n.legacy
	case n.services:
		return n.updateServices(km)
	default:
		return n.updateUseCases(km)
	}
	return nil
}

func (n *needs) updateUseCases(km tea.KeyPressMsg) tea.Cmd {
	lang := n.c.lang
	rows := n.rows()
	move := func(d int) {
		for i := n.sel + d; i >= 0 && i < len(rows); i += d {
			if rows[i].heading == "" {
				n.sel = i
				return
			}
		}
	}
	if n.sel >= len(rows) || rows[n.sel].heading != "" {
		n.sel = min(n.sel, len(rows)-1)
		move(1)
		if n.sel < len(rows) && rows[n.sel].heading != "" {
			move(-1)
		}
	}
	if n.sel < 0 || n.sel >= len(rows) || rows[n.sel].uc == nil {
		return nil
	}
	switch {
	case key.Matches(km, n.k.up):
		move(-1)
	case key.Matches(km, n.k.down):
		move(1)
	case key.Matches(km, n.k.toggle):
		r := rows[n.sel]
		if r.uc.Custom {
			n.c.say(true, i18n.T(lang, "custom use cases are always needed; press d to delete one"))
			return nil
		}
		var err error
		if r.picked {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"use_cases", r.index}) })
		} else {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"use_cases"}, r.uc.ID) })
		}
		if err != nil {
			n.c.sayErr(err)
			return nil
		}
		n.c.say(false, i18n.F(lang, "saved · use cases: %s", orDash(strings.Join(n.pickedIDs(), ", "))))
	case key.Matches(km, n.k.remove):
		r := rows[n.sel]
		if !r.uc.Custom {
			n.c.say(true, i18n.T(lang, "only custom use cases can be deleted; space unpicks a catalog one"))
			return nil
		}
		id := r.uc.ID
		n.c.ask(i18n.F(lang, "Delete the custom use case %s (%s) and its steps? (y/n)", id, r.uc.Name.In(lang)), func() tea.Cmd {
			i := -1
			for k, u := range n.c.sess.doc.File.UseCases {
				if u.ID == id && u.Custom != nil {
					i = k
				}
			}
			if i < 0 {
				return nil
			}
			if err := n.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"use_cases", i}) }); err != nil {
				n.c.sayErr(err)
				return nil
			}
			n.c.say(false, n.c.undoable(i18n.F(lang, "saved · custom use case %s deleted (ctrl+z brings it back)", id), i18n.F(lang, "saved · custom use case %s deleted", id)))
			return nil
		})
	case key.Matches(km, n.ucEditKey):
		if r := rows[n.sel]; r.uc != nil && r.uc.Custom {
			n.ucEdit = newUseCaseEditor(n.c, r.uc.ID)
		} else {
			n.c.say(true, i18n.T(lang, "only custom use cases can be edited; c creates one"))
		}
	case key.Matches(km, n.k.custom):
		n.form = newForm(i18n.T(lang, "Custom use case (steps separated by ';', each 'Step name: block, block')"),
			textField(i18n.T(lang, "Id"), "", i18n.T(lang, "land-transfer"), func(v string) string {
				if !ident.Valid(v) {
					return i18n.T(lang, "lower-case letters, digits, '-' or '.'")
				}
				if n.c.sess.cat.UseCase(v) != nil {
					return i18n.T(lang, "that is a catalog use case; choose another id")
				}
				return ""
			}),
			textField(i18n.T(lang, "Name"), "", i18n.T(lang, "Land title transfer"), nonEmpty(lang)),
			textField(i18n.T(lang, "Sector"), "", i18n.T(lang, "land"), nil),
			textField(i18n.T(lang, "Steps"), "", i18n.T(lang, "Apply: registration, identity; Pay: payments"), n.checkSteps),
		)
		return n.form.setFocus(0)
	}
	return nil
}

// nonEmpty checks that a field is filled in.
func nonEmpty(lang string) func(string) string {
	return func(v string) string {
		if v == "" {
			return i18n.T(lang, "required")
		}
		return ""
	}
}

// parseSteps reads "Name: block, block; Name: block".
func parseSteps(lang, v string) ([]catalog.Step, error) {
	var steps []catalog.Step
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, blocks, ok := strings.Cut(part, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, errors.New(i18n.T(lang, "write each step as 'Name: block, block' and separate steps with ';'"))
		}
		s := catalog.Step{Name: i18n.Plain(strings.TrimSpace(name))}
		for _, b := range strings.Split(blocks, ",") {
			if b = ident.Norm(b); b != "" {
				s.Blocks = append(s.Blocks, b)
			}
		}
		steps = append(steps, s)
	}
	if len(steps) == 0 {
		return nil, errors.New(i18n.T(lang, "give at least one step"))
	}
	return steps, nil
}

func (n *needs) checkSteps(v string) string {
	steps, err := parseSteps(n.c.lang, v)
	if err != nil {
		return err.Error()
	}
	for _, s := range steps {
		for _, b := range s.Blocks {
			if n.c.sess.cat.Block(b) == nil {
				return i18n.F(n.c.lang, "unknown block %q (blocks: %s)", b, strings.Join(n.c.sess.cat.BlockIDs(), ", "))
			}
		}
	}
	return ""
}

func (n *needs) saveCustom() {
	f := n.form
	steps, _ := parseSteps(n.c.lang, f.value(3))
	u := &catalog.UseCase{ID: ident.Norm(f.value(0)), Name: i18n.Plain(f.value(1)), Sector: f.value(2), Steps: steps}
	for i := range u.Steps {
		sort.Strings(u.Steps[i].Blocks)
	}
	if err := n.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"use_cases"}, u) }); err != nil {
		f.err = err.Error()
		return
	}
	n.form = nil
	n.c.say(false, i18n.F(n.c.lang, "saved · custom use case %s added", u.ID))
}

func (n *needs) pickedIDs() []string {
	var ids []string
	for _, r := range n.c.sess.doc.File.UseCases {
		ids = append(ids, r.ID)
	}
	return ids
}

func (n *needs) updateServices(km tea.KeyPressMsg) tea.Cmd {
	lang := n.c.lang
	svcs := n.c.sess.model.Match.Services
	n.ssel = max(0, min(n.ssel, len(svcs)-1))
	switch {
	case key.Matches(km, n.k.up):
		n.ssel = max(0, n.ssel-1)
	case key.Matches(km, n.k.down):
		n.ssel = min(len(svcs)-1, n.ssel+1)
	case key.Matches(km, n.k.add):
		n.editing = -1
		n.serviceForm(catalog.Service{Demand: 3, Impact: 3, Technical: 3, Financial: 3, Political: 3})
		return n.form.setFocus(0)
	case key.Matches(km, n.k.edit) && len(svcs) > 0:
		n.editName = svcs[n.ssel].Service.Name.In(lang)
		n.editing = n.fileIndex(n.editName)
		n.serviceForm(svcs[n.ssel].Service)
		return n.form.setFocus(0)
	case key.Matches(km, n.k.remove) && len(svcs) > 0:
		name := svcs[n.ssel].Service.Name.In(lang)
		n.c.ask(i18n.F(lang, "Delete the service %q and its scores? (y/n)", name), func() tea.Cmd {
			i := n.fileIndex(name)
			if i < 0 {
				return nil
			}
			if err := n.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"services", i}) }); err != nil {
				n.c.sayErr(err)
				return nil
			}
			n.ssel = max(0, n.ssel-1)
			n.c.say(false, n.c.undoable(i18n.F(lang, "saved · service %q deleted (ctrl+z brings it back)", name), i18n.F(lang, "saved · service %q deleted", name)))
			return nil
		})
	}
	return nil
}

func (n *needs) fileIndex(name string) int {
	for i, s := range n.c.sess.doc.File.Services {
		if s.Name.In(n.c.lang) == name {
			return i
		}
	}
	return -1
}

func (n *needs) serviceForm(s catalog.Service) {
	var ucs []string
	sel := 0
	for _, u := range n.c.sess.cat.UseCases {
		if !u.Legacy {
			ucs = append(ucs, u.ID)
		}
	}
	for _, r := range n.c.sess.doc.File.UseCases {
		if r.Custom != nil {
			ucs = append(ucs, r.ID)
		}
	}
	for i, u := range ucs {
		if u == s.UseCase {
			sel = i
		}
	}
	lang := n.c.lang
	score := func(label string, v int) *field {
		return choiceField(label, []string{"1", "2", "3", "4", "5"}, min(4, max(0, v-1)))
	}
	title := i18n.T(lang, "New candidate service (criteria 1 = low … 5 = high)")
	if n.editing >= 0 {
		title = i18n.T(lang, "Edit service (criteria 1 = low … 5 = high)")
	}
	n.form = newForm(title,
		textField(i18n.T(lang, "Name"), s.Name.In(lang), i18n.T(lang, "Child cash benefit"), nonEmpty(lang)),
		choiceField(i18n.T(lang, "Use case"), ucs, sel),
		score(i18n.T(lang, "User demand"), s.Demand), score(i18n.T(lang, "Impact"), s.Impact),
		score(i18n.T(lang, "Technical feasibility"), s.Technical), score(i18n.T(lang, "Financial feasibility"), s.Financial), score(i18n.T(lang, "Political feasibility"), s.Political),
	)
}

// saveService writes the service form; done closes the form when it saved.
func (n *needs) saveService(done bool) {
	f := n.form
	num := func(i int) int { v, _ := strconv.Atoi(f.value(i)); return v }
	var name i18n.Text
	if n.editing >= 0 {
		name = n.c.sess.doc.File.Services[n.editing].Name
	}
	s := catalog.Service{Name: setText(name, n.c.lang, f.value(0)), UseCase: f.value(1), Demand: num(2), Impact: num(3), Technical: num(4), Financial: num(5), Political: num(6)}
	if n.editing >= 0 {
		s.Owner = n.c.sess.doc.File.Services[n.editing].Owner
		s.Notes = n.c.sess.doc.File.Services[n.editing].Notes
	}
	node, err := countries.FlowNode(s)
	if err == nil {
		if i := n.editing; i >= 0 {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Set([]any{"services", i}, node) })
		} else {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"services"}, node) })
			if err == nil {
				n.editing = len(n.c.sess.doc.File.Services) - 1
			}
		}
	}
	if err != nil {
		f.err = err.Error()
		return
	}
	n.editName = s.Name.In(n.c.lang)
	f.markSaved()
	if done {
		n.form = nil
	}
	p := catalog.Priority(s)
	lang := n.c.lang
	n.c.say(false, i18n.F(lang, "saved · %s: priority %s (%s)", s.Name.In(lang), i18n.Number(lang, p.Priority, 1), words.Quadrant(lang, p.Quadrant)))
}

func (n *needs) view(w, h int) string {
	st, lang := n.c.st, n.c.lang
	if n.ucEdit != nil {
		return n.ucEdit.view(w, h)
	}
	if n.form != nil {
		return panel(st, stepTitle(lang, stepNeeds), n.form.lines(st, lang, w-4), w, h)
	}
	if n.services {
		return n.servicesView(w, h)
	}
	rows := n.rows()
	if n.sel >= len(rows) || rows[n.sel].heading != "" {
		for i := n.sel; i < len(rows); i++ {
			if rows[i].heading == "" {
				n.sel = i
				break
			}
		}
	}
	leftW := max(min(46, w/2), min(64, w*2/5))
	if n.sel < len(rows) && rows[n.sel].uc != nil {
		// Room for the steps × blocks table of the selected use case (a column per block).
		leftW = max(32, min(leftW, w-2-5-3*len(rows[n.sel].uc.Blocks())-10))
	}
	var body []string
	from, to := window(n.sel, len(rows), max(1, h-4))
	for i := from; i < to; i++ {
		r := rows[i]
		if r.heading != "" {
			body = append(body, st.Faint.Render(strings.ToUpper(r.heading)))
			continue
		}
		via := ""
		if !r.picked && r.viaSvc {
			via = " " + i18n.T(lang, "(via service)")
		}
		line := fmt.Sprintf("%s %s %s%s", mark(r.picked || r.uc.Custom), pad(r.uc.ID, 13), r.uc.Name.In(lang), via)
		if i == n.sel {
			line = st.Selected.Render(pad(line, leftW-2))
		}
		body = append(body, line)
	}
	left := panel(st, i18n.F(lang, "Use cases · %d needed", len(n.c.sess.model.Match.UseCases)), body, leftW, h)
	var u *catalog.UseCase
	if n.sel < len(rows) {
		u = rows[n.sel].uc
	}
	return joinColumns(left, n.useCaseDetail(u, w-leftW, h))
}

// useCaseDetail shows a use case's steps × blocks.
func (n *needs) useCaseDetail(u *catalog.UseCase, w, h int) string {
	st, lang := n.c.st, n.c.lang
	if u == nil {
		return panel(st, "", nil, w, h)
	}
	inner := w - 2
	var body []string
	meta := i18n.F(lang, "%s · version %s", words.Sector(lang, u.Sector), orDash(u.Version))
	if len(u.SDGs) > 0 {
		meta += " · " + i18n.F(lang, "SDG %s", strings.Join(u.SDGs, ", "))
	}
	body = append(body, st.Faint.Render(meta))
	for _, l := range wrap(u.Summary.In(lang), inner) {
		if l != "" {
			body = append(body, l)
		}
	}
	body = append(body, "")
	blocks := u.Blocks()
	// A column per block, with two-letter names when the steps' names would get less than
	// 12 cells.
	colW := 5
	nameW := inner - 5 - colW*len(blocks)
	short2 := nameW < 12
	if short2 {
		colW = 3
		nameW = max(8, inner-5-colW*len(blocks))
	}
	short := make([]string, len(blocks))
	for i, b := range blocks {
		short[i] = words.BlockAbbrev(b, short2)
	}
	head := "    " + pad(i18n.T(lang, "Step"), nameW) + " "
	for _, s := range short {
		head += pad(s, colW)
	}
	body = append(body, st.Bold.Render(head))
	for i, s := range u.Steps {
		line := fmt.Sprintf("%2d  %s ", i+1, pad(s.Name.In(lang), nameW))
		for _, b := range blocks {
			m := "·"
			for _, sb := range s.Blocks {
				if sb == b {
					m = "●"
				}
			}
			line += pad(m, colW)
		}
		body = append(body, line)
	}
	var legend []string
	for _, b := range blocks {
		name := b
		if blk := n.c.sess.cat.Block(b); blk != nil {
			name = blk.Name.In(lang)
		}
		legend = append(legend, words.BlockAbbrev(b, short2)+" "+name)
	}
	body = append(body, "")
	for _, l := range wrap(strings.Join(legend, " · "), inner) {
		body = append(body, st.Faint.Render(l))
	}
	return panel(st, strings.ToUpper(u.ID)+" "+u.Name.In(lang), body, w, h)
}

func (n *needs) servicesView(w, h int) string {
	st, lang := n.c.st, n.c.lang
	svcs := n.c.sess.model.Match.Services
	var body []string
	for _, l := range wrap(i18n.T(lang, "Priority = impact (mean of demand and impact) × feasibility (mean of technical, financial, political); quadrants split at 3."), w-2) {
		body = append(body, st.Faint.Render(l))
	}
	body = append(body, "")
	// Columns: the quadrant fits its longest word in this language; the name takes the rest.
	qW := width(i18n.T(lang, "Quadrant"))
	for _, q := range []string{catalog.QuadrantDoFirst, catalog.QuadrantPlanFor, catalog.QuadrantNiceToHave, catalog.QuadrantDefer} {
		qW = max(qW, width(words.Quadrant(lang, q)))
	}
	prW := max(8, width(i18n.T(lang, "Priority")))
	nameW := max(16, min(60, w-2-4-prW-2-qW-1-14-10))
	body = append(body, st.Bold.Render(fmt.Sprintf("%-3s %s %s  %s %s %s", "#", pad(i18n.T(lang, "Service"), nameW),
		padLeft(i18n.T(lang, "Priority"), prW), pad(i18n.T(lang, "Quadrant"), qW), pad(i18n.T(lang, "Use case"), 13), i18n.T(lang, "D I T F P"))))
	for i, s := range svcs {
		sv := s.Service
		line := fmt.Sprintf("%-3d %s %s  %s %-13s %d %d %d %d %d", s.Rank, pad(sv.Name.In(lang), nameW), padLeft(i18n.Number(lang, s.Priority, 1), prW),
			pad(words.Quadrant(lang, s.Quadrant), qW), sv.UseCase, sv.Demand, sv.Impact, sv.Technical, sv.Financial, sv.Political)
		if i == n.ssel {
			line = st.Selected.Render(pad(line, w-2))
		}
		body = append(body, line)
	}
	if len(svcs) == 0 {
		body = append(body, i18n.T(lang, "No candidate services yet: press a to add one."))
	} else {
		body = append(body, "", st.Faint.Render(i18n.T(lang, "D demand · I impact · T technical · F financial · P political feasibility (1 low … 5 high)")))
	}
	return panel(st, i18n.F(lang, "Candidate services · %d", len(svcs)), body, w, h)
}
