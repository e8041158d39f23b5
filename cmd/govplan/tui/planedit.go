package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// planEditor is the roadmap's activity list, where the planner edits the plan: drop or
// restore an activity, change its owner, months or cost, set its status, add one with its
// dependencies, and set the delivery teams. Every change goes to the file's plan section.
type planEditor struct {
	c    *shared
	list rowList
	formHost
	// formKind says what the open form edits.
	formKind string
	formID   string
	nav      listKeys
	k        struct {
		drop, edit, owner, months, cost, status, add, teams key.Binding
	}
}

func newPlanEditor(c *shared) *planEditor {
	p := &planEditor{c: c}
	p.relang()
	return p
}

func (p *planEditor) relang() {
	lang := p.c.lang
	p.nav = newListKeys(lang)
	p.k.drop = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", i18n.T(lang, "drop/restore")))
	p.k.edit = key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", i18n.T(lang, "edit activity")))
	p.k.owner = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", i18n.T(lang, "owner")))
	p.k.months = key.NewBinding(key.WithKeys("m"), key.WithHelp("m", i18n.T(lang, "months")))
	p.k.cost = key.NewBinding(key.WithKeys("c"), key.WithHelp("c", i18n.T(lang, "cost")))
	p.k.status = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", i18n.T(lang, "status")))
	p.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "add activity")))
	p.k.teams = key.NewBinding(key.WithKeys("w"), key.WithHelp("w", i18n.T(lang, "teams and capacity")))
}

func (p *planEditor) capturing() bool { return p.form != nil }

func (p *planEditor) keys() []key.Binding {
	switch {
	case p.form != nil:
		return nil
	}
	return []key.Binding{p.k.drop, p.k.edit, p.k.status, p.k.add, p.k.teams}
}

func (p *planEditor) allKeys() []key.Binding {
	k := p.k
	return append(p.nav.all(), k.drop, k.edit, k.owner, k.months, k.cost, k.status, k.add, k.teams)
}

// planRow is a row of the list: an activity of the plan, or one the planner dropped.
type planRow struct {
	act     *roadmap.Activity // nil for a dropped one
	dropped string            // the dropped activity's id
	dropAt  int               // its index in plan.drop
}

func (p *planEditor) rows() []planRow {
	s := p.c.sess
	var out []planRow
	if pl := s.model.Plan; pl != nil {
		for i := range pl.Activities {
			out = append(out, planRow{act: &pl.Activities[i]})
		}
	}
	for i, id := range s.doc.File.Plan.Drop {
		out = append(out, planRow{dropped: ident.Norm(id), dropAt: i})
	}
	return out
}

func (r planRow) id() string {
	if r.act != nil {
		return r.act.ID
	}
	return r.dropped
}

// addedIndex is the index of id in plan.add, or -1 when the activity is generated.
func (p *planEditor) addedIndex(id string) int {
	for i, a := range p.c.sess.doc.File.Plan.Add {
		if ident.Norm(a.ID) == id {
			return i
		}
	}
	return -1
}

func (p *planEditor) selectID(id string) {
	for i, r := range p.rows() {
		if r.id() == id {
			p.list.sel = i
			return
		}
	}
}

func (p *planEditor) update(msg tea.Msg) tea.Cmd {
	if p.form != nil {
		return p.updateForm(p.c, msg, p.saveForm)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	rows := p.rows()
	page := max(1, p.c.h-12)
	k, lang := p.k, p.c.lang
	switch {
	case p.list.move(p.nav, km, len(rows), page):
	case key.Matches(km, k.add):
		return p.addForm()
	case key.Matches(km, k.teams):
		return p.teamsForm()
	case len(rows) == 0:
		p.c.say(true, i18n.T(lang, "the plan has no activities yet"))
	case key.Matches(km, k.drop):
		p.dropOrRestore(rows[p.clamp(len(rows))])
	case key.Matches(km, k.edit), key.Matches(km, k.owner), key.Matches(km, k.months), key.Matches(km, k.cost):
		r := rows[p.clamp(len(rows))]
		if r.act == nil {
			p.c.say(true, i18n.T(lang, "this activity is dropped; press d to restore it first"))
			return nil
		}
		focus := 0
		switch {
		case key.Matches(km, k.owner):
			focus = 1
		case key.Matches(km, k.months):
			focus = 2
		case key.Matches(km, k.cost):
			focus = 3
		}
		return p.editForm(r.act, focus)
	case key.Matches(km, k.status):
		r := rows[p.clamp(len(rows))]
		if r.act == nil {
			p.c.say(true, i18n.T(lang, "this activity is dropped; press d to restore it first"))
			return nil
		}
		return p.statusForm(r.act)
	}
	p.clamp(len(rows))
	return nil
}

func (p *planEditor) clamp(n int) int { return p.list.clamp(n) }

// dropOrRestore asks before dropping an activity (or deleting one the planner added) and
// restores a dropped one at once.
func (p *planEditor) dropOrRestore(r planRow) {
	s, lang := p.c.sess, p.c.lang
	id := r.id()
	if r.act == nil {
		at := r.dropAt
		if err := s.changePlan(func(d *countries.Doc) error { return d.Delete([]any{"plan", "drop", at}) }); err != nil {
			p.c.sayErr(err)
			return
		}
		p.selectID(id)
		p.c.say(false, i18n.F(lang, "saved · %s restored to the plan", id))
		return
	}
	if i := p.addedIndex(id); i >= 0 {
		p.c.ask(i18n.F(lang, "Delete the activity %s you added?", id), func() tea.Cmd {
			if err := s.changePlan(func(d *countries.Doc) error { return d.Delete([]any{"plan", "add", i}) }); err != nil {
				p.c.sayErr(err)
				return nil
			}
			p.c.say(false, i18n.F(lang, "saved · activity %s deleted", id))
			return nil
		})
		return
	}
	var deps []string
	for _, a := range s.model.Plan.Activities {
		if slices.Contains(a.DependsOn, id) {
			deps = append(deps, a.ID)
		}
	}
	text := i18n.F(lang, "Drop %s from the plan?", id)
	if len(deps) > 0 {
		text = i18n.F(lang, "Drop %s from the plan? %s then go on without it.", id, strings.Join(deps, ", "))
	}
	p.c.ask(text, func() tea.Cmd {
		if err := s.changePlan(func(d *countries.Doc) error { return d.Append([]any{"plan", "drop"}, id) }); err != nil {
			p.c.sayErr(err)
			return nil
		}
		p.selectID(id)
		p.c.say(false, i18n.F(lang, "saved · %s dropped (d restores it)", id))
		return nil
	})
}

// ownerField is a choice of the file's ministries (and the current owner, when it is not
// one of them).
func (p *planEditor) ownerField(cur string) *field {
	lang := p.c.lang
	ids := append([]string{""}, p.c.sess.ministryIDs()...)
	if cur != "" && !slices.Contains(ids, cur) {
		ids = append(ids, cur)
	}
	shown := make([]string, len(ids))
	sel := 0
	for i, id := range ids {
		shown[i] = id
		if id == "" {
			shown[i] = i18n.T(lang, "(none)")
		}
		if id == cur {
			sel = i
		}
	}
	f := choiceField(i18n.T(lang, "Owner"), shown, sel)
	f.values = ids
	return f
}

func (p *planEditor) editForm(a *roadmap.Activity, focus int) tea.Cmd {
	lang := p.c.lang
	p.formKind, p.formID = "edit", a.ID
	p.form = newForm(i18n.F(lang, "Change %s", a.ID),
		textField(i18n.T(lang, "Name"), a.Name, "", nonEmpty(lang)),
		p.ownerField(a.Owner),
		numField(i18n.T(lang, "Months"), strconv.Itoa(a.Months), "6", checkInt(lang, 0, 240, false)),
		numField(i18n.T(lang, "Cost"), numInput(lang, a.Cost), "250000", checkAmount(lang, false, false)),
	)
	return p.form.setFocus(focus)
}

func (p *planEditor) statusForm(a *roadmap.Activity) tea.Cmd {
	lang := p.c.lang
	vals := append([]string{""}, roadmap.Statuses...)
	shown := []string{i18n.T(lang, "(not reported)")}
	sel := 0
	for i, v := range roadmap.Statuses {
		shown = append(shown, words.ActivityStatus(lang, v))
		if v == a.Status {
			sel = i + 1
		}
	}
	f := choiceField(i18n.T(lang, "Status"), shown, sel)
	f.values = vals
	p.formKind, p.formID = "status", a.ID
	p.form = newForm(i18n.F(lang, "Status of %s", a.ID), f)
	return p.form.setFocus(0)
}

// checkDeps accepts activity ids of the plan separated by commas.
func (p *planEditor) checkDeps(self string) func(string) string {
	lang := p.c.lang
	return func(v string) string {
		pl := p.c.sess.model.Plan
		for _, d := range splitList(v) {
			d = ident.Norm(d)
			if d == ident.Norm(self) && d != "" {
				return i18n.T(lang, "an activity cannot depend on itself")
			}
			if pl == nil || !slices.ContainsFunc(pl.Activities, func(a roadmap.Activity) bool { return a.ID == d }) {
				return i18n.F(lang, "%q is not an activity of the plan", d)
			}
		}
		return ""
	}
}

func (p *planEditor) addForm() tea.Cmd {
	lang := p.c.lang
	p.formKind, p.formID = "add", ""
	idField := textField(i18n.T(lang, "Id"), "", "train-cio", nil)
	idField.check = func(v string) string {
		if !ident.Valid(v) {
			return i18n.T(lang, "lower-case letters, digits, '-' or '.'")
		}
		for _, r := range p.rows() {
			if r.id() == ident.Norm(v) {
				return i18n.T(lang, "already in the plan")
			}
		}
		return ""
	}
	p.form = newForm(i18n.T(lang, "Add an activity"),
		idField,
		textField(i18n.T(lang, "Name"), "", i18n.T(lang, "CIO training"), nonEmpty(lang)),
		p.ownerField(""),
		numField(i18n.T(lang, "Months"), "", "6", checkInt(lang, 1, 240, false)),
		numField(i18n.T(lang, "Cost"), "", "80000", checkAmount(lang, false, false)),
		textField(i18n.T(lang, "Depends on"), "", i18n.T(lang, "activity ids, separated by commas"), nil),
	)
	p.form.fields[5].check = func(v string) string { return p.checkDeps(p.form.value(0))(v) }
	return p.form.setFocus(0)
}

func (p *planEditor) teamsForm() tea.Cmd {
	lang := p.c.lang
	s := p.c.sess
	ws := s.doc.File.Plan.Workstreams
	if ws == 0 && s.model.Plan != nil {
		ws = s.model.Plan.Workstreams
	}
	p.formKind, p.formID = "teams", ""
	fields := []*field{numField(i18n.T(lang, "Delivery teams"), strconv.Itoa(ws), "3", checkInt(lang, 1, 50, false))}
	fields = append(fields, p.capacityFields()...)
	p.form = newForm(i18n.T(lang, "Teams: how much work runs at once"), fields...)
	return p.form.setFocus(0)
}

func (p *planEditor) saveForm() {
	s, lang, f := p.c.sess, p.c.lang, p.form
	var err error
	var what string
	switch p.formKind {
	case "edit":
		id := p.formID
		name, owner := f.value(0), f.value(1)
		months, _ := strconv.Atoi(f.value(2))
		cost := amountOf(lang, f.value(3))
		if i := p.addedIndex(id); i >= 0 {
			spec := s.doc.File.Plan.Add[i]
			spec.Name, spec.Owner, spec.Months, spec.Cost = name, owner, months, cost
			err = s.changePlan(func(d *countries.Doc) error { return setFlow(d, []any{"plan", "add", i}, spec) })
		} else {
			ch := s.doc.File.Plan.Change[id]
			a := activityByID(s.model.Plan, id)
			if a != nil && name != a.Name {
				ch.Name = name
			}
			if a == nil || owner != a.Owner {
				ch.Owner = owner
			}
			if a == nil || months != a.Months {
				ch.Months = &months
			}
			if a == nil || cost != a.Cost {
				ch.Cost = &cost
			}
			err = s.changePlan(func(d *countries.Doc) error { return setFlow(d, []any{"plan", "change", id}, ch) })
		}
		what = i18n.F(lang, "%s: %s, %s, %d months, %s", id, name, orDash(owner), months, money(lang, cost))
	case "status":
		id, st := p.formID, f.value(0)
		err = s.changePlan(func(d *countries.Doc) error {
			if st == "" {
				return d.Delete([]any{"plan", "status", id})
			}
			return d.Set([]any{"plan", "status", id}, st)
		})
		what = i18n.F(lang, "%s: %s", id, orDash(words.ActivityStatus(lang, st)))
	case "add":
		months, _ := strconv.Atoi(f.value(3))
		spec := roadmap.ActivitySpec{ID: ident.Norm(f.value(0)), Name: f.value(1), Owner: f.value(2), Months: months, Cost: amountOf(lang, f.value(4))}
		for _, d := range splitList(f.value(5)) {
			spec.DependsOn = append(spec.DependsOn, ident.Norm(d))
		}
		err = s.changePlan(func(d *countries.Doc) error { return d.Append([]any{"plan", "add"}, flowOf(spec)) })
		p.formID = spec.ID
		what = i18n.F(lang, "activity %s added", spec.ID)
	case "teams":
		ws, _ := strconv.Atoi(f.value(0))
		err = s.changePlan(func(d *countries.Doc) error {
			if err := d.Set([]any{"plan", "workstreams"}, ws); err != nil {
				return err
			}
			return p.saveCapacity(d, f)
		})
		what = i18n.F(lang, "%d delivery teams", ws)
	}
	if err != nil {
		f.err = err.Error()
		return
	}
	p.form = nil
	s.opts = countries.PlanOptions{}
	s.rebuild()
	if p.formID != "" {
		p.selectID(p.formID)
	}
	p.c.say(false, i18n.F(lang, "saved · %s", what))
}

// flowOf renders v on one line, or returns v itself when it cannot.
func flowOf(v any) any {
	if n, err := countries.FlowNode(v); err == nil {
		return n
	}
	return v
}

func (p *planEditor) view(w, h int) string {
	st, s, lang := p.c.st, p.c.sess, p.c.lang
	title := i18n.T(lang, "Roadmap · activities (edit the plan)")
	inner := w - 2
	if p.form != nil {
		return panel(st, title, p.form.lines(st, lang, inner), w, h)
	}
	rows := p.rows()
	p.clamp(len(rows))
	pl := s.model.Plan
	var head []string
	if pl != nil {
		head = append(head, st.Bold.Render(truncate(i18n.F(lang, "%d activities · %d months · %d delivery teams · %d dropped", len(pl.Activities), pl.Duration, pl.Workstreams, len(s.doc.File.Plan.Drop)), inner)))
		// Targets the plan meets late or never, with what would fix the first one: the
		// planner sees them where the plan is changed.
		var open []*roadmap.KPI
		for i := range pl.KPIs {
			if pl.KPIs[i].Status != "" && pl.KPIs[i].Status != roadmap.StatusMet {
				open = append(open, &pl.KPIs[i])
			}
		}
		if len(open) > 0 {
			k := open[0]
			line := i18n.F(lang, "⚠ %d of %d targets late or never; %s — %s: %s (v: KPIs)", len(open), len(pl.KPIs), k.ID, words.TargetStatus(lang, k), words.TargetFix(lang, k))
			for _, l := range wrap(line, inner)[:min(2, len(wrap(line, inner)))] {
				head = append(head, st.Warn.Render(l))
			}
		}
	} else {
		head = append(head, st.Error.Render(truncate(i18n.F(lang, "no plan: %s", s.planErr), inner)))
	}
	// Columns: id, owner, months, cost, start, status; the name takes what is left.
	idW := min(28, max(14, inner/4))
	ownW, monW, costW, startW, statW := 10, 4, 12, 8, 12
	nameW := inner - 2 - idW - ownW - monW - costW - startW - statW - 7
	showName := nameW >= 12
	hdr := "  " + pad(i18n.T(lang, "Activity"), idW)
	if showName {
		hdr += " " + pad(i18n.T(lang, "Name"), nameW)
	}
	hdr += " " + pad(i18n.T(lang, "Owner"), ownW) + " " + padLeft(i18n.T(lang, "Mo."), monW) + " " + padLeft(i18n.T(lang, "Cost"), costW) +
		" " + pad(i18n.T(lang, "Start"), startW) + " " + pad(i18n.T(lang, "Status"), statW)
	head = append(head, st.Faint.Render(truncate(hdr, inner)))
	// Room for the rows: the panel less its borders, title, header and the detail lines.
	var foot []string
	if len(rows) > 0 {
		foot = p.detail(rows[p.list.sel], inner)
	} else {
		foot = wrap(i18n.T(lang, "No activities: answer readiness, pick use cases, or press a to add one."), inner)
	}
	n := max(1, h-3-len(head)-len(foot)-1)
	body := append([]string{}, head...)
	body = append(body, p.list.lines(st, lang, len(rows), n, inner, func(i int) (string, *lipgloss.Style) {
		return p.rowLine(rows[i], idW, nameW, showName)
	})...)
	for len(body) < len(head)+n {
		body = append(body, "")
	}
	body = append(body, "")
	body = append(body, foot...)
	return panel(st, title, body, w, h)
}

// rowLine draws one row; only the rows on screen are drawn, so the list stays fast with
// thousands of activities.
func (p *planEditor) rowLine(r planRow, idW, nameW int, showName bool) (string, *lipgloss.Style) {
	st, lang := p.c.st, p.c.lang
	if r.act == nil {
		return pad("✗ "+r.dropped, idW) + " " + i18n.T(lang, "dropped (d restores it)"), &st.Faint
	}
	a := r.act
	s := p.c.sess
	tag := ""
	switch {
	case a.Kind == roadmap.KindCustom:
		tag = "+"
	case hasChange(s.doc.File.Plan.Change, a.ID):
		tag = "✎"
	case a.Critical:
		tag = "◆"
	}
	line := pad(pad(a.ID, idW-2)+" "+tag, idW)
	if showName {
		line += " " + pad(a.Name, nameW)
	}
	start := ""
	if pl := s.model.Plan; pl != nil {
		start = pl.Month(a.Start).Format("2006-01")
	}
	line += " " + pad(orDash(a.Owner), 10) + " " + padLeft(strconv.Itoa(a.Months), 4) + " " + padLeft(money(lang, a.Cost), 12) +
		" " + pad(start, 8) + " " + pad(words.ActivityStatus(lang, a.Status), 12)
	return line, nil
}

func hasChange(m map[string]roadmap.ActivityChange, id string) bool {
	_, ok := m[id]
	return ok
}

// detail describes the selected activity: name, why, dependencies, what the planner changed.
func (p *planEditor) detail(r planRow, w int) []string {
	st, lang := p.c.st, p.c.lang
	if r.act == nil {
		return wrap(i18n.F(lang, "%s is dropped from the plan (plan.drop). d restores it.", r.dropped), w)
	}
	a := r.act
	var out []string
	out = append(out, st.Bold.Render(truncate(a.ID+" — "+a.Name, w)))
	deps := orDash(strings.Join(a.DependsOn, ", "))
	out = append(out, truncate(i18n.F(lang, "Depends on: %s", deps), w))
	if len(a.Why) > 0 {
		out = append(out, st.Faint.Render(truncate(words.ActivityWhy(lang, a), w)))
	}
	marks := i18n.T(lang, "◆ critical path · ✎ changed by the planner · + added by the planner")
	out = append(out, st.Faint.Render(truncate(marks, w)))
	return out
}

// Activity helps find an activity by id in the current plan (nil when it is not there).
func activityByID(pl *roadmap.Plan, id string) *roadmap.Activity {
	if pl == nil {
		return nil
	}
	for i := range pl.Activities {
		if pl.Activities[i].ID == id {
			return &pl.Activities[i]
		}
	}
	return nil
}

// capacityFields is the per-owner capacity (plan.capacity): how many raises, pilots and
// scale-ups each ministry runs at once, written "justice: 1, finance: 3" (others: 2).
func (p *planEditor) capacityFields() []*field {
	lang := p.c.lang
	c := p.c.sess.doc.File.Plan.Capacity
	var parts []string
	for _, o := range yamlx.SortedKeys(c) {
		parts = append(parts, fmt.Sprintf("%s: %d", o, c[o]))
	}
	return []*field{textField(i18n.T(lang, "Capacity per owner"), strings.Join(parts, ", "), i18n.T(lang, "justice: 1, finance: 3 (others run 2 at once)"), func(v string) string {
		if _, err := parseCapacity(v); err != nil {
			return i18n.T(lang, "write owner: number, separated by commas (e.g. justice: 1)")
		}
		return ""
	})}
}

// parseCapacity reads "justice: 1, finance: 3".
func parseCapacity(v string) (map[string]int, error) {
	out := map[string]int{}
	for _, part := range splitList(v) {
		o, n, ok := strings.Cut(part, ":")
		o = ident.Norm(strings.TrimSpace(o))
		k, err := strconv.Atoi(strings.TrimSpace(n))
		if !ok || !ident.Valid(o) || err != nil || k < 1 || k > 50 {
			return nil, fmt.Errorf("bad capacity %q", part)
		}
		out[o] = k
	}
	return out, nil
}

// saveCapacity writes the capacities of the teams form (field 1); none removes the entry.
func (p *planEditor) saveCapacity(d *countries.Doc, f *form) error {
	c, err := parseCapacity(f.value(1))
	if err != nil {
		return err
	}
	if len(c) == 0 {
		if len(d.File.Plan.Capacity) == 0 {
			return nil
		}
		return d.Delete([]any{"plan", "capacity"})
	}
	return setFlow(d, []any{"plan", "capacity"}, c)
}

var _ = fmt.Sprint

// reopen keeps the roadmap page and the selected activity after a reload or an undo.
func (r *roadmapScreen) reopen() {
	r.plan.form = nil
	r.plan.clamp(len(r.plan.rows()))
}
