package tui

import (
	"sort"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// timelineCache keeps the timeline's row order for one plan, so a frame only sorts the
// activities again after the plan changed.
type timelineCache struct {
	plan *roadmap.Plan
	rows []timelineRow
	// tail is the critical path and warnings under the rows, for tailW and tailLang.
	tail     []string
	tailW    int
	tailLang string
}

// timelineRow is a row of the timeline: a group heading or an activity.
type timelineRow struct {
	group int               // > 0: a heading row for this group
	act   *roadmap.Activity // else the activity
}

// timelineRows lists the heading and activity rows of p in order, grouped and by start.
func (r *roadmapScreen) timelineRows(p *roadmap.Plan) []timelineRow {
	if r.tl.plan == p && r.tl.rows != nil {
		return r.tl.rows
	}
	acts := make([]*roadmap.Activity, len(p.Activities))
	for i := range p.Activities {
		acts[i] = &p.Activities[i]
	}
	sort.SliceStable(acts, func(i, j int) bool { return acts[i].Start < acts[j].Start }) // phases in date order
	rows := make([]timelineRow, 0, len(acts)+8)
	group := 0
	for _, a := range acts {
		if a.Phase != group {
			group = a.Phase
			rows = append(rows, timelineRow{group: group})
		}
		rows = append(rows, timelineRow{act: a})
	}
	r.tl = timelineCache{plan: p, rows: rows}
	return rows
}

// timelineWindow draws the n timeline lines from line scroll on (the scale, the rows, then
// the critical path and warnings). Only the lines on screen are drawn, so a plan of thousands
// of activities scrolls as fast as a small one. It returns the scroll clamped to the lines.
func (r *roadmapScreen) timelineWindow(p *roadmap.Plan, w, scroll, n int) ([]string, int) {
	st, lang := r.c.st, r.c.lang
	rows := r.timelineRows(p)
	if r.tl.tail == nil || r.tl.tailW != w || r.tl.tailLang != lang {
		tail := []string{""}
		var path []string
		for _, id := range p.Critical {
			if a := p.Activity(id); a != nil && len(path) > 0 && a.FixedHow != roadmap.FixedByDependency && a.FixedHow != "" {
				id = "[" + words.FixedKind(lang, a) + "] " + id
			}
			path = append(path, id)
		}
		tail = append(tail, wrap(i18n.F(lang, "Critical path: %s", strings.Join(path, " → ")), w)...)
		for _, wmsg := range p.Warnings {
			tail = append(tail, st.Warn.Render("⚠ "+wmsg))
		}
		r.tl.tail, r.tl.tailW, r.tl.tailLang = tail, w, lang
	}
	tail := r.tl.tail
	total := 1 + len(rows) + len(tail)
	scroll = max(0, min(scroll, total-n))
	idW := min(30, w/3)
	grid := max(10, w-idW-14)
	step := 1
	for (p.Duration+step-1)/step > grid {
		step++
	}
	cols := (p.Duration + step - 1) / step
	out := make([]string, 0, n)
	for i := scroll; i < total && len(out) < n; i++ {
		switch {
		case i == 0:
			out = append(out, st.Faint.Render(strings.Repeat(" ", idW+1)+i18n.N(lang, "one column = %d months from %s", step, i18n.Month(lang, p.Start))))
		case i <= len(rows):
			out = append(out, r.timelineLine(rows[i-1], idW, cols, step))
		default:
			out = append(out, tail[i-1-len(rows)])
		}
	}
	return out, scroll
}

// timelineLine draws one heading or activity row of the Gantt.
func (r *roadmapScreen) timelineLine(row timelineRow, idW, cols, step int) string {
	st, lang := r.c.st, r.c.lang
	if row.act == nil {
		return st.Faint.Render(words.Phase(lang, r.tl.plan, row.group))
	}
	a := row.act
	var b strings.Builder
	b.Grow(idW + cols*3 + 16)
	b.WriteString(pad(a.ID, idW))
	b.WriteByte(' ')
	for c := 0; c < cols; c++ {
		m0, m1 := c*step, c*step+step
		on := a.Start < m1 && a.End > m0
		switch {
		case on && a.Critical:
			b.WriteRune('█')
		case on:
			b.WriteRune('▓')
		default:
			b.WriteRune('·')
		}
	}
	if a.Critical {
		b.WriteString(" ◆")
	}
	if a.Status != "" {
		b.WriteString(" [" + words.ActivityStatus(lang, a.Status) + "]")
	}
	if a.Critical {
		return st.Critical.Render(b.String())
	}
	return b.String()
}
