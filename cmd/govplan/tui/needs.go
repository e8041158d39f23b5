package tui

import (
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
)

// needs is the step where the country picks its use cases and scores candidate services.
type needs struct {
	c        *shared
	services bool // the services view (else use cases)
	sel      int
	ssel     int
	form     *form
	editing  int // service being edited (-1: a new one)
	legacy   bool
	k        struct{ toggle, custom, remove, view, add, edit, up, down, legacy key.Binding }
}

func newNeedsScreen(c *shared) *needs {
	n := &needs{c: c}
	n.k.toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pick/unpick"))
	n.k.custom = key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "custom use case"))
	n.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete"))
	n.k.view = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "use cases/services"))
	n.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add service"))
	n.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit service"))
	n.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	n.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	n.k.legacy = key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "show legacy variants"))
	return n
}

func (n *needs) capturing() bool { return n.form != nil }

func (n *needs) keys() []key.Binding {
	if n.form != nil {
		return nil
	}
	if n.services {
		return []key.Binding{n.k.add, n.k.edit, n.k.remove, n.k.view}
	}
	return []key.Binding{n.k.toggle, n.k.custom, n.k.remove, n.k.view, n.k.legacy}
}

func (n *needs) allKeys() []key.Binding {
	return []key.Binding{n.k.up, n.k.down, n.k.toggle, n.k.custom, n.k.remove, n.k.legacy, n.k.view, n.k.add, n.k.edit}
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
	bySector := map[string][]*catalog.UseCase{}
	for _, u := range n.c.sess.cat.UseCases {
		if u.Legacy && !n.legacy {
			continue
		}
		sector := u.Sector
		if u.Legacy {
			sector = "legacy (SDG Digital Investment Framework)"
		}
		bySector[sector] = append(bySector[sector], u)
	}
	for _, r := range f.UseCases {
		if r.Custom != nil {
			bySector["custom (this country)"] = append(bySector["custom (this country)"], r.Custom)
		}
	}
	sectors := make([]string, 0, len(bySector))
	for s := range bySector {
		sectors = append(sectors, s)
	}
	sort.Strings(sectors)
	var rows []useCaseRow
	for _, s := range sectors {
		rows = append(rows, useCaseRow{heading: s})
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
	if n.form != nil {
		res, cmd := n.form.update(msg)
		switch res {
		case formCancelled:
			n.form = nil
		case formDone:
			if n.services {
				n.saveService()
			} else {
				n.saveCustom()
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
		move(1)
	}
	switch {
	case key.Matches(km, n.k.up):
		move(-1)
	case key.Matches(km, n.k.down):
		move(1)
	case key.Matches(km, n.k.toggle):
		r := rows[n.sel]
		if r.uc.Custom {
			n.c.say(true, "custom use cases are always needed; press d to delete one")
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
		n.c.say(false, "saved · use cases: %s", strings.Join(n.pickedIDs(), ", "))
	case key.Matches(km, n.k.remove):
		r := rows[n.sel]
		if !r.uc.Custom {
			n.c.say(true, "only custom use cases can be deleted; space unpicks a catalog one")
			return nil
		}
		if err := n.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"use_cases", r.index}) }); err != nil {
			n.c.sayErr(err)
			return nil
		}
		n.c.say(false, "saved · custom use case %s deleted", r.uc.ID)
	case key.Matches(km, n.k.custom):
		n.form = newForm("Custom use case (one step per line: Step name: block, block)",
			textField("Id", "", "land-transfer", func(v string) string {
				if !ident.Valid(v) {
					return "lower-case letters, digits, '-' or '.'"
				}
				if n.c.sess.cat.UseCase(v) != nil {
					return "that is a catalog use case; choose another id"
				}
				return ""
			}),
			textField("Name", "", "Land title transfer", nonEmpty),
			textField("Sector", "", "land", nil),
			textField("Steps", "", "Apply: registration, identity; Pay: payments", n.checkSteps),
		)
		return n.form.setFocus(0)
	}
	return nil
}

func nonEmpty(v string) string {
	if v == "" {
		return "required"
	}
	return ""
}

// parseSteps reads "Name: block, block; Name: block".
func parseSteps(v string) ([]catalog.Step, error) {
	var steps []catalog.Step
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, blocks, ok := strings.Cut(part, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("write each step as 'Name: block, block' and separate steps with ';'")
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
		return nil, fmt.Errorf("give at least one step")
	}
	return steps, nil
}

func (n *needs) checkSteps(v string) string {
	steps, err := parseSteps(v)
	if err != nil {
		return err.Error()
	}
	for _, s := range steps {
		for _, b := range s.Blocks {
			if n.c.sess.cat.Block(b) == nil {
				return fmt.Sprintf("unknown block %q (blocks: %s)", b, strings.Join(n.c.sess.cat.BlockIDs(), ", "))
			}
		}
	}
	return ""
}

func (n *needs) saveCustom() {
	f := n.form
	steps, _ := parseSteps(f.value(3))
	u := &catalog.UseCase{ID: ident.Norm(f.value(0)), Name: i18n.Plain(f.value(1)), Sector: f.value(2), Steps: steps}
	for i := range u.Steps {
		sort.Strings(u.Steps[i].Blocks)
	}
	if err := n.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"use_cases"}, u) }); err != nil {
		f.err = err.Error()
		return
	}
	n.form = nil
	n.c.say(false, "saved · custom use case %s added", u.ID)
}

func (n *needs) pickedIDs() []string {
	var ids []string
	for _, r := range n.c.sess.doc.File.UseCases {
		ids = append(ids, r.ID)
	}
	return ids
}

func (n *needs) updateServices(km tea.KeyPressMsg) tea.Cmd {
	svcs := n.c.sess.model.Match.Services
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
		n.editing = n.fileIndex(svcs[n.ssel].Service.Name.In(n.c.lang))
		n.serviceForm(svcs[n.ssel].Service)
		return n.form.setFocus(0)
	case key.Matches(km, n.k.remove) && len(svcs) > 0:
		i := n.fileIndex(svcs[n.ssel].Service.Name.In(n.c.lang))
		name := svcs[n.ssel].Service.Name
		if err := n.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"services", i}) }); err != nil {
			n.c.sayErr(err)
			return nil
		}
		n.ssel = max(0, n.ssel-1)
		n.c.say(false, "saved · service %q deleted", name)
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
	score := func(label string, v int) *field {
		return choiceField(label, []string{"1", "2", "3", "4", "5"}, min(4, max(0, v-1)))
	}
	title := "New candidate service (criteria 1 = low … 5 = high)"
	if n.editing >= 0 {
		title = "Edit service (criteria 1 = low … 5 = high)"
	}
	n.form = newForm(title,
		textField("Name", s.Name.In(n.c.lang), "Child cash benefit", nonEmpty),
		choiceField("Use case", ucs, sel),
		score("User demand", s.Demand), score("Impact", s.Impact),
		score("Technical feasibility", s.Technical), score("Financial feasibility", s.Financial), score("Political feasibility", s.Political),
	)
}

func (n *needs) saveService() {
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
		if n.editing >= 0 {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Set([]any{"services", n.editing}, node) })
		} else {
			err = n.c.sess.change(func(d *countries.Doc) error { return d.Append([]any{"services"}, node) })
		}
	}
	if err != nil {
		f.err = err.Error()
		return
	}
	n.form = nil
	p := catalog.Priority(s)
	n.c.say(false, "saved · %s: priority %.1f (%s)", s.Name, p.Priority, p.Quadrant)
}

func (n *needs) view(w, h int) string {
	st := n.c.st
	if n.form != nil {
		return panel(st, "Needs", n.form.lines(st, w-4), w, h)
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
			via = " (via service)"
		}
		line := fmt.Sprintf("%s %s %s%s", mark(r.picked || r.uc.Custom), pad(r.uc.ID, 13), r.uc.Name, via)
		if i == n.sel {
			line = st.Selected.Render(pad(line, leftW-2))
		}
		body = append(body, line)
	}
	left := panel(st, fmt.Sprintf("Use cases · %d needed", len(n.c.sess.model.Match.UseCases)), body, leftW, h)
	var u *catalog.UseCase
	if n.sel < len(rows) {
		u = rows[n.sel].uc
	}
	return joinColumns(left, n.useCaseDetail(u, w-leftW, h))
}

// useCaseDetail shows a use case's steps × blocks.
func (n *needs) useCaseDetail(u *catalog.UseCase, w, h int) string {
	st := n.c.st
	if u == nil {
		return panel(st, "", nil, w, h)
	}
	inner := w - 2
	var body []string
	meta := fmt.Sprintf("%s · version %s", u.Sector, orDash(u.Version))
	if len(u.SDGs) > 0 {
		meta += " · SDG " + strings.Join(u.SDGs, ", ")
	}
	body = append(body, st.Faint.Render(meta))
	for _, l := range wrap(u.Summary.In(n.c.lang), inner) {
		if l != "" {
			body = append(body, l)
		}
	}
	body = append(body, "")
	blocks := u.Blocks()
	short := make([]string, len(blocks))
	for i, b := range blocks {
		short[i] = abbrev(b)
	}
	colW := 5
	nameW := max(12, inner-4-colW*len(blocks))
	head := "    " + pad("Step", nameW)
	for _, s := range short {
		head += pad(s, colW)
	}
	body = append(body, st.Bold.Render(head))
	for i, s := range u.Steps {
		line := fmt.Sprintf("%2d  %s", i+1, pad(s.Name.In(n.c.lang), nameW))
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
			name = blk.Name.In(n.c.lang)
		}
		legend = append(legend, abbrev(b)+" "+name)
	}
	body = append(body, "")
	body = append(body, wrap(st.Faint.Render(strings.Join(legend, " · ")), inner)...)
	return panel(st, strings.ToUpper(u.ID)+" "+u.Name.In(n.c.lang), body, w, h)
}

func (n *needs) servicesView(w, h int) string {
	st := n.c.st
	svcs := n.c.sess.model.Match.Services
	var body []string
	body = append(body, st.Faint.Render("Priority = impact (mean of demand and impact) × feasibility (mean of technical, financial, political); quadrants split at 3."), "")
	body = append(body, st.Bold.Render(fmt.Sprintf("%-3s %-34s %8s  %-12s %-13s %s", "#", "Service", "Priority", "Quadrant", "Use case", "D I T F P")))
	for i, s := range svcs {
		sv := s.Service
		line := fmt.Sprintf("%-3d %-34s %8.1f  %-12s %-13s %d %d %d %d %d", s.Rank, truncate(sv.Name.In(n.c.lang), 34), s.Priority, s.Quadrant, sv.UseCase, sv.Demand, sv.Impact, sv.Technical, sv.Financial, sv.Political)
		if i == n.ssel {
			line = st.Selected.Render(pad(line, w-2))
		}
		body = append(body, line)
	}
	if len(svcs) == 0 {
		body = append(body, "No candidate services yet: press a to add one.")
	}
	return panel(st, fmt.Sprintf("Candidate services · %d", len(svcs)), body, w, h)
}

// abbrev is a block's short column name.
func abbrev(id string) string {
	short := map[string]string{
		"identity": "ID", "information-mediator": "IM", "workflow": "WF", "digital-registries": "DR",
		"registration": "Reg", "consent": "Cons", "messaging": "Msg", "payments": "Pay", "scheduler": "Sch",
		"e-signature": "eSig", "e-marketplace": "eMkt", "gis": "GIS", "wallet": "Wal", "cloud-infrastructure": "Cloud",
		"cms": "CMS", "e-learning": "eLrn", "shared-data-repository": "SDR", "data-collection": "DC",
		"artificial-intelligence": "AI", "analytics": "BI", "content-management": "CM", "mobility-management": "MM",
	}
	if s, ok := short[id]; ok {
		return s
	}
	return truncate(id, 5)
}
