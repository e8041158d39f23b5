package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// roadmapView is one of the roadmap step's pages.
type roadmapView int

const (
	viewTimeline   roadmapView = iota
	viewActivities             // the activity list that edits the plan (planedit.go)
	viewKPIs
	viewFunding
)

// roadmapScreen shows the plan: phases and a text Gantt, the critical path, totals, KPIs with
// late and never-met targets, and funding. Delivery teams, each owner's capacity and the start
// month can be changed to ask "what if".
type roadmapScreen struct {
	c      *shared
	view_  roadmapView
	scroll int
	plan   *planEditor
	tl     timelineCache
	pg     pageCache
	owner  string // the owner whose capacity { and } change
	k      struct {
		more, fewer, earlier, later, page, save, up, down, owner, capMore, capFewer key.Binding
	}
}

func newRoadmapScreen(c *shared) *roadmapScreen {
	r := &roadmapScreen{c: c, plan: newPlanEditor(c)}
	r.relang()
	return r
}

func (r *roadmapScreen) relang() {
	lang := r.c.lang
	if r.plan != nil {
		r.plan.relang()
	}
	r.k.more = key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", i18n.T(lang, "delivery teams")))
	r.k.fewer = key.NewBinding(key.WithKeys("-"), key.WithHelp("-", i18n.T(lang, "fewer delivery teams")))
	r.k.owner = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", i18n.T(lang, "next owner")))
	r.k.capMore = key.NewBinding(key.WithKeys("}"), key.WithHelp("{/}", i18n.T(lang, "owner's capacity")))
	r.k.capFewer = key.NewBinding(key.WithKeys("{"), key.WithHelp("{", i18n.T(lang, "less capacity")))
	r.k.earlier = key.NewBinding(key.WithKeys("["), key.WithHelp("[/]", i18n.T(lang, "start month")))
	r.k.later = key.NewBinding(key.WithKeys("]"), key.WithHelp("]", i18n.T(lang, "later start")))
	r.k.page = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", i18n.T(lang, "timeline/activities/KPIs/funding")))
	r.k.save = key.NewBinding(key.WithKeys("S"), key.WithHelp("S", i18n.T(lang, "keep settings in file")))
	r.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "scroll")))
	r.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "scroll")))
}

func (r *roadmapScreen) capturing() bool { return r.view_ == viewActivities && r.plan.capturing() }

func (r *roadmapScreen) keys() []key.Binding {
	if r.view_ == viewActivities {
		if r.plan.capturing() {
			return r.plan.keys()
		}
		return append(r.plan.keys(), r.k.page)
	}
	return []key.Binding{r.k.more, r.k.owner, r.k.capMore, r.k.page, r.k.earlier, r.k.save, r.k.down}
}

func (r *roadmapScreen) allKeys() []key.Binding {
	if r.view_ == viewActivities {
		return append(r.plan.allKeys(), r.k.page)
	}
	return []key.Binding{r.k.more, r.k.fewer, r.k.owner, r.k.capMore, r.k.capFewer, r.k.earlier, r.k.later, r.k.page, r.k.save, r.k.up, r.k.down}
}

func (r *roadmapScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if r.view_ == viewActivities && (r.plan.capturing() || !ok || !key.Matches(km, r.k.page)) {
		return r.plan.update(msg)
	}
	if !ok {
		return nil
	}
	s, lang := r.c.sess, r.c.lang
	p := s.model.Plan
	switch {
	case key.Matches(km, r.k.up):
		r.scroll = max(0, r.scroll-1)
	case key.Matches(km, r.k.down):
		r.scroll++
	case key.Matches(km, r.k.page):
		r.view_ = (r.view_ + 1) % 4
		r.scroll = 0
	case p == nil:
		r.c.say(true, i18n.F(lang, "no plan: %s", s.planErr))
	case key.Matches(km, r.k.more), key.Matches(km, r.k.fewer):
		n := p.Workstreams + 1
		if key.Matches(km, r.k.fewer) {
			n = max(1, p.Workstreams-1)
		}
		s.opts.Workstreams = n
		s.rebuild()
		r.c.say(false, r.whatIf(i18n.F(lang, "what if: %d delivery teams", n)))
	case key.Matches(km, r.k.owner):
		owners := yamlxKeys(p.Capacity)
		if len(owners) == 0 {
			return nil
		}
		cur := r.owner0(p)
		r.owner = owners[0]
		for i, o := range owners {
			if o == cur && i+1 < len(owners) {
				r.owner = owners[i+1]
			}
		}
		r.c.say(false, i18n.F(lang, "owner %s: capacity %d ({ and } change it)", r.owner, p.Capacity[r.owner]))
	case key.Matches(km, r.k.capMore), key.Matches(km, r.k.capFewer):
		o := r.owner0(p)
		if o == "" {
			return nil
		}
		n := p.Capacity[o] + 1
		if key.Matches(km, r.k.capFewer) {
			n = max(1, p.Capacity[o]-1)
		}
		if s.opts.Capacity == nil {
			s.opts.Capacity = map[string]int{}
		}
		s.opts.Capacity[o] = n
		s.rebuild()
		r.c.say(false, r.whatIf(i18n.F(lang, "what if: %s capacity %d", o, n)))
	case key.Matches(km, r.k.earlier), key.Matches(km, r.k.later):
		d := 1
		if key.Matches(km, r.k.earlier) {
			d = -1
		}
		s.opts.Start = p.Start.AddDate(0, d, 0)
		s.rebuild()
		r.c.say(false, i18n.F(lang, "what if: start %s (press S to keep it in the file)", i18n.Month(lang, s.opts.Start)))
	case key.Matches(km, r.k.save):
		ws, start := p.Workstreams, p.Start.Format("2006-01")
		capacity := s.opts.Capacity
		err := s.change(func(d *countries.Doc) error {
			if err := d.Set([]any{"plan", "workstreams"}, ws); err != nil {
				return err
			}
			for _, o := range yamlxKeys(capacity) {
				if err := d.Set([]any{"plan", "capacity", o}, capacity[o]); err != nil {
					return err
				}
			}
			return d.Set([]any{"plan", "start"}, start)
		})
		if err != nil {
			r.c.sayErr(err)
			return nil
		}
		s.opts = countries.PlanOptions{}
		s.rebuild()
		r.c.say(false, i18n.F(lang, "saved · plan: %d delivery teams from %s", ws, i18n.Month(lang, p.Start)))
	}
	return nil
}

// owner0 is the owner whose capacity { and } change: the chosen one, else the first.
func (r *roadmapScreen) owner0(p *roadmap.Plan) string {
	if _, ok := p.Capacity[r.owner]; ok {
		return r.owner
	}
	if owners := yamlxKeys(p.Capacity); len(owners) > 0 {
		return owners[0]
	}
	return ""
}

// whatIf says what a what-if change did: the plan's length and its late or never-met targets.
func (r *roadmapScreen) whatIf(change string) string {
	lang, p := r.c.lang, r.c.sess.model.Plan
	if p == nil {
		return change
	}
	open := 0
	for _, k := range p.KPIs {
		if k.Status != roadmap.StatusMet {
			open++
		}
	}
	return i18n.F(lang, "%s → %d months, %d of %d targets late or never (press S to keep it in the file)", change, p.Duration, open, len(p.KPIs))
}

// yamlxKeys returns a map's keys in order.
func yamlxKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (r *roadmapScreen) view(w, h int) string {
	st, s, lang := r.c.st, r.c.sess, r.c.lang
	if r.view_ == viewActivities {
		return r.plan.view(w, h)
	}
	p := s.model.Plan
	if p == nil {
		return panel(st, stepTitle(lang, stepRoadmap), []string{st.Error.Render(i18n.T(lang, "The plan cannot be built:")), s.planErr}, w, h)
	}
	var running float64
	for _, a := range p.Activities {
		running += a.RunningCost
	}
	cur := func(v float64) string { return money(lang, v) + " " + p.Currency }
	var head []string
	for _, l := range wrap(i18n.F(lang, "%d activities · %d months from %s to %s · %s", len(p.Activities), p.Duration,
		i18n.Month(lang, p.Start), i18n.Month(lang, p.Month(max(p.Duration-1, 0))), words.Resources(lang, p)), w-2) {
		head = append(head, st.Bold.Render(l))
	}
	// The totals on one line when they fit, else one line each.
	totals := []string{i18n.F(lang, "One-off %s", cur(p.TotalCost)), i18n.F(lang, "running %s a year", cur(running)),
		i18n.F(lang, "unfunded %s", cur(p.Funding.Gap)), i18n.F(lang, "shared approach saves up to %s", cur(p.Shared.Savings))}
	for _, a := range p.Activities {
		if a.Basis == roadmap.BasisDefault && a.Cost > 0 {
			totals = append(totals, i18n.T(lang, "costs are illustrative defaults, not quotes"))
			break
		}
	}
	line := ""
	for _, t := range totals {
		switch {
		case line == "":
			line = t
		case width(line)+3+width(t) <= w-2:
			line += " · " + t
		default:
			head = append(head, line)
			line = t
		}
	}
	head = append(head, line)
	var title string
	switch r.view_ {
	case viewTimeline:
		title = i18n.T(lang, "Roadmap · timeline (█ critical path, ▓ other)")
		var lines []string
		lines, r.scroll = r.timelineWindow(p, w-2, r.scroll, max(1, h-3-len(head)-1))
		return panel(st, title, append(head, append([]string{""}, lines...)...), w, h)
	case viewKPIs:
		title = i18n.T(lang, "Roadmap · KPI timetable")
	case viewFunding:
		title = i18n.T(lang, "Roadmap · budget and funding")
	}
	page := r.pageLines(p, w-2)
	// Rows for the body: the panel's, less its title, the head and the blank line under it.
	n := max(1, h-3-len(head)-1)
	r.scroll = max(0, min(r.scroll, page.len()-n))
	body := append(head, "")
	body = append(body, page.window(r.scroll, n)...)
	return panel(st, title, body, w, h)
}

// pageLines is a page's lines: a head and a tail built once per plan, width and language, and
// between them n rows drawn on demand, so a frame draws only the rows on screen.
type pageLines struct {
	head []string
	n    int
	row  func(i int) string
	tail []string
}

func (pl pageLines) len() int { return len(pl.head) + pl.n + len(pl.tail) }

// window returns up to n lines from line from on.
func (pl pageLines) window(from, n int) []string {
	out := make([]string, 0, n)
	for i := from; i < pl.len() && len(out) < n; i++ {
		switch {
		case i < len(pl.head):
			out = append(out, pl.head[i])
		case i < len(pl.head)+pl.n:
			out = append(out, pl.row(i-len(pl.head)))
		default:
			out = append(out, pl.tail[i-len(pl.head)-pl.n])
		}
	}
	return out
}

// pageCache keeps the KPI or funding page of one plan at one width and language.
type pageCache struct {
	plan  *roadmap.Plan
	view  roadmapView
	w     int
	lang  string
	lines pageLines
}

// pageLines returns the KPI or funding page of p, from the cache when nothing changed.
func (r *roadmapScreen) pageLines(p *roadmap.Plan, w int) pageLines {
	c := &r.pg
	if c.plan != p || c.view != r.view_ || c.w != w || c.lang != r.c.lang {
		var pl pageLines
		if r.view_ == viewKPIs {
			pl = r.kpis(p, w)
		} else {
			pl = r.funding(p, w)
		}
		*c = pageCache{plan: p, view: r.view_, w: w, lang: r.c.lang, lines: pl}
	}
	return c.lines
}

func (r *roadmapScreen) kpis(p *roadmap.Plan, w int) pageLines {
	st, lang := r.c.st, r.c.lang
	if len(p.KPIs) == 0 {
		return pageLines{head: wrap(i18n.T(lang, "No targets in the file yet: add targets to get a KPI timetable."), w)}
	}
	years := map[int]bool{}
	for _, k := range p.KPIs {
		for _, m := range k.Milestones {
			years[m.Year] = true
		}
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	blW := max(8, width(i18n.T(lang, "Baseline")))
	head := pad(i18n.T(lang, "KPI"), 34) + " " + padLeft(i18n.T(lang, "Baseline"), blW)
	for _, y := range ys {
		head += fmt.Sprintf(" %6d", y)
	}
	pl := pageLines{head: []string{st.Bold.Render(head + "   " + i18n.T(lang, "Due") + "  " + i18n.T(lang, "Status"))}, n: len(p.KPIs)}
	pl.row = func(i int) string {
		k := &p.KPIs[i]
		line := pad(k.ID, 34) + " " + padLeft(words.KPIValue(lang, k.Baseline, k.BaselineVal, k.Unit), blW)
		for _, y := range ys {
			cell := ""
			for _, m := range k.Milestones {
				if m.Year == y {
					s := m.Score
					cell = words.KPIValue(lang, &s, m.Value, k.Unit)
				}
			}
			line += fmt.Sprintf(" %6s", cell)
		}
		line += "   " + fmt.Sprint(k.DueYear) + "  " + words.TargetStatus(lang, k)
		if k.Status != roadmap.StatusMet {
			return st.Warn.Render(line)
		}
		return line
	}
	pl.tail = []string{""}
	open := false
	for i := range p.KPIs {
		k := &p.KPIs[i]
		if k.Status == roadmap.StatusMet {
			continue
		}
		open = true
		for _, l := range wrap("⚠ "+i18n.F(lang, "%s — %s: %s.", k.ID, words.TargetStatus(lang, k), words.TargetFix(lang, k)), w) {
			pl.tail = append(pl.tail, st.Warn.Render(l))
		}
	}
	if open {
		pl.tail = append(pl.tail, "")
	}
	for _, l := range wrap(i18n.T(lang, "Projected from the schedule at each year-end. Scores 0–100; L = whole level; other values in the indicator's unit. Try + - { } o to see what more teams or capacity would meet."), w) {
		pl.tail = append(pl.tail, st.Faint.Render(l))
	}
	return pl
}

func (r *roadmapScreen) funding(p *roadmap.Plan, w int) pageLines {
	st, lang := r.c.st, r.c.lang
	heads := []string{i18n.T(lang, "One-off"), i18n.T(lang, "Running"), i18n.T(lang, "Total"), i18n.T(lang, "Funded"), i18n.T(lang, "Unfunded")}
	colW := 12
	for _, c := range heads {
		colW = max(colW, width(c))
	}
	head := pad(i18n.T(lang, "Year"), 6)
	for _, c := range heads {
		head += " " + padLeft(c, colW)
	}
	lines := []string{st.Bold.Render(head)}
	for _, y := range p.Budget {
		line := fmt.Sprintf("%-6d", y.Year)
		for _, v := range []float64{y.OneOff, y.Running, y.Total, y.Funded, y.Unfunded} {
			line += " " + padLeft(money(lang, v), colW)
		}
		lines = append(lines, line)
	}
	f := p.Funding
	warn := func(s string) {
		for _, l := range wrap(s, w) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	lines = append(lines, "")
	lines = append(lines, wrap(i18n.F(lang, "Pledged %s %s; %s meets a cost of the plan in its years.", money(lang, f.Pledged), p.Currency, money(lang, f.Covered)), w)...)
	for _, t := range f.TimingUnused {
		warn("⚠ " + words.TimingUnused(lang, t, money(lang, t.Amount)+" "+p.Currency))
	}
	for _, d := range f.Duplicates {
		warn(i18n.F(lang, "⚠ possible duplicate funding: %s — %s (%s pledged for a cost of %s)", d.Activity,
			strings.Join(d.Funders, i18n.T(lang, " and ")), money(lang, d.Pledged), money(lang, d.Cost)))
	}
	for _, u := range f.Unneeded {
		warn(i18n.F(lang, "⚠ %s pledged %s to %s, which the plan does not need", u.Funder, money(lang, u.Amount), u.Target))
	}
	pl := pageLines{head: lines}
	if len(f.Gaps) > 0 {
		pl.head = append(pl.head, "", st.Bold.Render(i18n.T(lang, "Unfunded activities (largest first)")))
		idW := max(10, min(40, w-1-width(i18n.F(lang, "%s of %s", padLeft("", 12), padLeft("", 12)))))
		pl.n = len(f.Gaps)
		pl.row = func(i int) string {
			g := f.Gaps[i]
			return pad(g.Activity, idW) + " " + i18n.F(lang, "%s of %s", padLeft(money(lang, g.Gap), 12), padLeft(money(lang, g.Cost), 12))
		}
	}
	return pl
}
