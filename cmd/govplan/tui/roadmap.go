package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/roadmap"
)

// roadmapView is one of the roadmap step's pages.
type roadmapView int

const (
	viewTimeline roadmapView = iota
	viewKPIs
	viewFunding
)

// roadmapScreen shows the plan: waves and a text Gantt, the critical path, totals, KPIs and
// funding. Workstreams and the start month can be changed to ask "what if".
type roadmapScreen struct {
	c      *shared
	view_  roadmapView
	scroll int
	k      struct{ more, fewer, earlier, later, page, save, up, down key.Binding }
}

func newRoadmapScreen(c *shared) *roadmapScreen {
	r := &roadmapScreen{c: c}
	r.k.more = key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "workstreams"))
	r.k.fewer = key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "fewer workstreams"))
	r.k.earlier = key.NewBinding(key.WithKeys("["), key.WithHelp("[/]", "start month"))
	r.k.later = key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "later start"))
	r.k.page = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "timeline/KPIs/funding"))
	r.k.save = key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "keep settings in file"))
	r.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll"))
	r.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll"))
	return r
}

func (r *roadmapScreen) capturing() bool { return false }

func (r *roadmapScreen) keys() []key.Binding {
	return []key.Binding{r.k.more, r.k.earlier, r.k.page, r.k.save, r.k.down}
}

func (r *roadmapScreen) allKeys() []key.Binding {
	return []key.Binding{r.k.more, r.k.fewer, r.k.earlier, r.k.later, r.k.page, r.k.save, r.k.up, r.k.down}
}

func (r *roadmapScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	s := r.c.sess
	p := s.model.Plan
	switch {
	case key.Matches(km, r.k.up):
		r.scroll = max(0, r.scroll-1)
	case key.Matches(km, r.k.down):
		r.scroll++
	case key.Matches(km, r.k.page):
		r.view_ = (r.view_ + 1) % 3
		r.scroll = 0
	case p == nil:
		r.c.say(true, "no plan: %s", s.planErr)
	case key.Matches(km, r.k.more), key.Matches(km, r.k.fewer):
		n := p.Workstreams + 1
		if key.Matches(km, r.k.fewer) {
			n = max(1, p.Workstreams-1)
		}
		s.opts.Workstreams = n
		s.rebuild()
		r.c.say(false, "what if: %d workstreams → %d months (press S to keep it in the file)", n, s.model.Plan.Duration)
	case key.Matches(km, r.k.earlier), key.Matches(km, r.k.later):
		d := 1
		if key.Matches(km, r.k.earlier) {
			d = -1
		}
		s.opts.Start = p.Start.AddDate(0, d, 0)
		s.rebuild()
		r.c.say(false, "what if: start %s (press S to keep it in the file)", s.opts.Start.Format("2006-01"))
	case key.Matches(km, r.k.save):
		ws, start := p.Workstreams, p.Start.Format("2006-01")
		err := s.change(func(d *countries.Doc) error {
			if err := d.Set([]any{"plan", "workstreams"}, ws); err != nil {
				return err
			}
			return d.Set([]any{"plan", "start"}, start)
		})
		if err != nil {
			r.c.sayErr(err)
			return nil
		}
		s.opts = countries.PlanOptions{}
		s.rebuild()
		r.c.say(false, "saved · plan: %d workstreams from %s", ws, start)
	}
	return nil
}

func (r *roadmapScreen) view(w, h int) string {
	st, s := r.c.st, r.c.sess
	p := s.model.Plan
	if p == nil {
		return panel(st, "Roadmap", []string{st.Error.Render("The plan cannot be built:"), s.planErr}, w, h)
	}
	var running float64
	for _, a := range p.Activities {
		running += a.RunningCost
	}
	head := []string{
		st.Bold.Render(fmt.Sprintf("%d activities · %d months from %s to %s · %d workstreams", len(p.Activities), p.Duration,
			p.Start.Format("2006-01"), p.Month(max(p.Duration-1, 0)).Format("2006-01"), p.Workstreams)),
		fmt.Sprintf("One-off %s %s · running %s %s a year · unfunded %s %s · shared approach saves %s %s",
			money(p.TotalCost), p.Currency, money(running), p.Currency, money(p.Funding.Gap), p.Currency, money(p.Shared.Savings), p.Currency),
	}
	var body []string
	var title string
	switch r.view_ {
	case viewTimeline:
		title = "Roadmap · timeline (█ critical path, ▓ other)"
		body = r.timeline(p, w-2)
	case viewKPIs:
		title = "Roadmap · KPI timetable"
		body = r.kpis(p)
	case viewFunding:
		title = "Roadmap · budget and funding"
		body = r.funding(p)
	}
	r.scroll = min(r.scroll, max(0, len(body)-(h-5)))
	body = append(head, append([]string{""}, body[r.scroll:]...)...)
	return panel(st, title, body, w, h)
}

func (r *roadmapScreen) timeline(p *roadmap.Plan, w int) []string {
	st := r.c.st
	idW := min(30, w/3)
	grid := max(10, w-idW-14)
	step := 1
	for (p.Duration+step-1)/step > grid {
		step++
	}
	cols := (p.Duration + step - 1) / step
	acts := append([]roadmap.Activity(nil), p.Activities...)
	sort.SliceStable(acts, func(i, j int) bool {
		if acts[i].Wave != acts[j].Wave {
			return acts[i].Wave < acts[j].Wave
		}
		return acts[i].Start < acts[j].Start
	})
	var lines []string
	scale := fmt.Sprintf("%s one column = %d month(s) from %s", strings.Repeat(" ", idW+1), step, p.Start.Format("2006-01"))
	lines = append(lines, st.Faint.Render(scale))
	wave := 0
	for _, a := range acts {
		if a.Wave != wave {
			wave = a.Wave
			lines = append(lines, st.Faint.Render(fmt.Sprintf("wave %d", wave)))
		}
		var row strings.Builder
		for c := 0; c < cols; c++ {
			m0, m1 := c*step, c*step+step
			on := a.Start < m1 && a.End > m0
			switch {
			case on && a.Critical:
				row.WriteRune('█')
			case on:
				row.WriteRune('▓')
			default:
				row.WriteRune('·')
			}
		}
		tag := ""
		if a.Critical {
			tag = " ◆"
		}
		if a.Status != "" {
			tag += " [" + a.Status + "]"
		}
		line := pad(a.ID, idW) + " " + row.String() + tag
		if a.Critical {
			line = st.Critical.Render(line)
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", "Critical path: "+strings.Join(p.Critical, " → "))
	for _, wmsg := range p.Warnings {
		lines = append(lines, st.Warn.Render("⚠ "+wmsg))
	}
	return lines
}

func (r *roadmapScreen) kpis(p *roadmap.Plan) []string {
	if len(p.KPIs) == 0 {
		return []string{"No targets in the file yet: add targets to get a KPI timetable."}
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
	head := fmt.Sprintf("%-34s %8s", "KPI", "Baseline")
	for _, y := range ys {
		head += fmt.Sprintf(" %6d", y)
	}
	lines := []string{r.c.st.Bold.Render(head + "   Due")}
	for _, k := range p.KPIs {
		line := fmt.Sprintf("%-34s %8s", truncate(k.ID, 34), kpiCell(k.Baseline, k.BaselineVal, k.Unit))
		ms := map[int]roadmap.Milestone{}
		for _, m := range k.Milestones {
			ms[m.Year] = m
		}
		for _, y := range ys {
			cell := ""
			if m, ok := ms[y]; ok {
				s := m.Score
				cell = kpiCell(&s, m.Value, k.Unit)
			}
			line += fmt.Sprintf(" %6s", cell)
		}
		due := fmt.Sprint(k.DueYear)
		if k.Met {
			due += " ✓"
		}
		lines = append(lines, line+"   "+due)
	}
	return append(lines, "", r.c.st.Faint.Render("Scores 0–100; L = level; other values in the indicator's unit."))
}

func kpiCell(score, value *float64, unit string) string {
	switch {
	case value != nil && unit == "level":
		return fmt.Sprintf("L%.1f", *value)
	case value != nil:
		return fmt.Sprintf("%g", *value)
	case score != nil:
		return pct(score)
	}
	return "–"
}

func (r *roadmapScreen) funding(p *roadmap.Plan) []string {
	st := r.c.st
	lines := []string{st.Bold.Render(fmt.Sprintf("%-6s %12s %12s %12s %12s %12s", "Year", "One-off", "Running", "Total", "Funded", "Unfunded"))}
	for _, y := range p.Budget {
		lines = append(lines, fmt.Sprintf("%-6d %12s %12s %12s %12s %12s", y.Year, money(y.OneOff), money(y.Running), money(y.Total), money(y.Funded), money(y.Unfunded)))
	}
	f := p.Funding
	lines = append(lines, "", fmt.Sprintf("Pledged %s %s; %s meets a cost of the plan.", money(f.Pledged), p.Currency, money(f.Covered)))
	for _, d := range f.Duplicates {
		lines = append(lines, st.Warn.Render(fmt.Sprintf("⚠ possible duplicate funding: %s — %s (%s pledged for a cost of %s)", d.Activity, strings.Join(d.Funders, " and "), money(d.Pledged), money(d.Cost))))
	}
	for _, u := range f.Unneeded {
		lines = append(lines, st.Warn.Render(fmt.Sprintf("⚠ %s pledged %s to %s, which the plan does not need", u.Funder, money(u.Amount), u.Target)))
	}
	if len(f.Gaps) > 0 {
		lines = append(lines, "", st.Bold.Render("Unfunded activities (largest first)"))
		for _, g := range f.Gaps {
			lines = append(lines, fmt.Sprintf("%-40s %12s of %12s", truncate(g.Activity, 40), money(g.Gap), money(g.Cost)))
		}
	}
	return lines
}
