package diagram

import (
	"sort"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	gwords "github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// Activity kinds: fill (the word shown is kindWord).
var kindFills = map[string]string{
	roadmap.KindProcure:   colCustom,
	roadmap.KindAssess:    colReadiness,
	roadmap.KindScale:     colPilot,
	roadmap.KindBuild:     colBuild,
	roadmap.KindUpgrade:   colUpgrade,
	roadmap.KindReadiness: colReadiness,
	roadmap.KindPilot:     colPilot,
	roadmap.KindCustom:    colCustom,
}

// Roadmap draws the plan as a network: phases (plan years) left to right in date order (a long
// phase in several columns, by start month), arrows for the direct dependencies, dashed arrows
// for the gates that hold a go-live. The critical path — the chain that fixes the end date —
// has bold black borders and arrows and is numbered in the labels ("◆ CRITICAL 3/10"), so it
// reads without colour; two consecutive critical activities with no arrow between them share a
// delivery team or an owner's capacity (the later one waited for it). A box lists the targets
// the schedule meets late or never.
// Every text is in lang; months in node labels are written 2027-03.
func Roadmap(m *countries.Model, lang string) []byte {
	p := m.Plan
	w := &writer{}
	header(w, "roadmap", "", a("rankdir", "LR"), a("nodesep", "0.2"), a("ranksep", "0.9"))
	title := i18n.F(lang, "%s — roadmap", m.Doc.File.Country.Name)
	if p == nil {
		graphTitle(w, title, i18n.T(lang, "no plan"))
		w.close()
		return w.b.Bytes()
	}
	end := i18n.Month(lang, p.Month(max(p.Duration-1, 0)))
	sub := i18n.F(lang, "%d activities · %d months (%s → %s) · %s one-off · %s · critical path in bold, marked ◆",
		len(p.Activities), p.Duration, i18n.Month(lang, p.Month(0)), end, money(lang, p.TotalCost, p.Currency), gwords.Resources(lang, p))
	if illustrative(p) {
		sub += "\n" + i18n.T(lang, "Costs marked illustrative come from govplan's default cost model, not from local quotes: replace them under costs: in the country file before budgeting.")
	}
	graphTitle(w, title, sub)

	// A plan of thousands of activities (2,000 custom use cases) would take Graphviz minutes:
	// beyond MaxRoadmapActivities the critical path and the earliest activities are drawn, and
	// one note counts the others.
	drawn := roadmapDrawn(p)
	if drawn != nil {
		w.node("more_activities", a("shape", "note"), a("style", "dashed"),
			a("label", i18n.F(lang, "%d of %d activities drawn: the critical path and the earliest; the workbook's roadmap sheet lists them all", len(drawn), len(p.Activities))))
	}
	waves := map[int][]*roadmap.Activity{}
	var order []int
	for i := range p.Activities {
		act := &p.Activities[i]
		if drawn != nil && !drawn[act.ID] {
			continue
		}
		if _, ok := waves[act.Phase]; !ok {
			order = append(order, act.Phase)
		}
		waves[act.Phase] = append(waves[act.Phase], act)
	}
	sort.Ints(order)
	// One cluster per wave; a long wave is split into columns of at most perColumn
	// activities (by start month), and an invisible edge between the first activities of
	// consecutive columns keeps the columns, and so the waves, in order from left to right.
	prev := ""
	for _, wv := range order {
		acts := waves[wv] // already by start, then id
		w.open("subgraph cluster_phase_%d", wv)
		w.attrs(a("label", gwords.Phase(lang, p, wv)), a("style", "rounded,filled"), a("fillcolor", "#fafafa"),
			a("color", colGrey), a("fontsize", "14"))
		for _, act := range acts {
			w.node(nodeID("act", act.ID), activityAttrs(m, act, lang)...)
		}
		var firsts []string
		for _, col := range columns(acts) {
			ids := make([]string, len(col))
			for i, act := range col {
				ids[i] = nodeID("act", act.ID)
			}
			w.line("{rank=same; %s;}", strings.Join(ids, "; "))
			firsts = append(firsts, ids[0])
		}
		w.close()
		for _, id := range firsts {
			if prev != "" {
				w.edge(prev, id, a("style", "invis"))
			}
			prev = id
		}
	}

	// Dependencies, reduced to the direct ones (an arrow implied by a longer path is left
	// out); those between consecutive critical activities are bold.
	next := map[string]string{}
	for i := 0; i+1 < len(p.Critical); i++ {
		next[p.Critical[i]] = p.Critical[i+1]
	}
	implied := impliedDeps(p, drawn)
	for _, act := range p.Activities {
		if drawn != nil && !drawn[act.ID] {
			continue
		}
		for _, d := range act.DependsOn {
			if p.Activity(d) == nil || drawn != nil && !drawn[d] {
				continue
			}
			critical := next[d] == act.ID
			if implied[[2]string{d, act.ID}] && !critical {
				continue
			}
			var as []attr
			if contains(act.Gates, d) {
				as = append(as, a("style", "dashed"))
			}
			if critical {
				as = append(as, af("penwidth", 3.5), a("color", "black"), a("arrowsize", "1"))
			}
			w.edge(nodeID("act", d), nodeID("act", act.ID), as...)
		}
	}
	legend(w, lang, "legend", 1, []legendRow{
		{swatch: esc(kindWord(lang, roadmap.KindProcure)), attrs: `BGCOLOR="` + colCustom + `"`, text: i18n.T(lang, "procure a block before building it")},
		{swatch: esc(kindWord(lang, roadmap.KindBuild)), attrs: `BGCOLOR="` + colBuild + `"`, text: i18n.T(lang, "build a building block")},
		{swatch: esc(kindWord(lang, roadmap.KindUpgrade)), attrs: `BGCOLOR="` + colUpgrade + `"`, text: i18n.T(lang, "upgrade an existing system")},
		{swatch: esc(kindWord(lang, roadmap.KindReadiness)), attrs: `BGCOLOR="` + colReadiness + `"`, text: i18n.T(lang, "assess or raise a readiness indicator")},
		{swatch: esc(kindWord(lang, roadmap.KindPilot)), attrs: `BGCOLOR="` + colPilot + `"`, text: i18n.T(lang, "pilot a use case on its blocks")},
		{swatch: esc(kindWord(lang, roadmap.KindScale)), attrs: `BGCOLOR="` + colPilot + `"`, text: i18n.T(lang, "roll a piloted use case out nationally")},
		{swatch: esc(kindWord(lang, roadmap.KindCustom)), attrs: `BGCOLOR="` + colCustom + `"`, text: i18n.T(lang, "added by the planner")},
		{swatch: bold(esc(i18n.F(lang, "◆ CRITICAL i/%d", len(p.Critical)))), attrs: `BORDER="3"`,
			text: i18n.F(lang, "the i-th of the %d activities that fix the end date", len(p.Critical))},
		{swatch: esc("A → B"), text: i18n.T(lang, "B starts after A ends\n(arrows implied by a longer chain are left out)")},
		{swatch: esc("A ┄▶ B"), text: i18n.T(lang, "a readiness gate: B's go-live waits for A")},
		{swatch: bold(esc("A ━▶ B")), text: i18n.T(lang, "a dependency on the critical path; consecutive critical\nactivities with no arrow share a team or capacity (B waited for A)")},
	})
	targetsBox(w, p, lang)
	if prev != "" {
		w.line("{rank=same; %s; legend;}", prev) // under the last column
	}
	w.close()
	return w.b.Bytes()
}

// perColumn is the most activities one column of a wave holds.
const perColumn = 8

// columns splits a wave's activities into columns of at most perColumn, evenly, in order.
func columns(acts []*roadmap.Activity) [][]*roadmap.Activity {
	k := (len(acts) + perColumn - 1) / perColumn
	size := (len(acts) + k - 1) / k
	var out [][]*roadmap.Activity
	for i := 0; i < len(acts); i += size {
		out = append(out, acts[i:min(i+size, len(acts))])
	}
	return out
}

// impliedDeps returns the dependencies {d, a} that another dependency of a already implies
// (d comes before one of a's other dependencies).
// MaxRoadmapActivities is how many activities the roadmap diagram draws.
const MaxRoadmapActivities = 120

// roadmapDrawn picks the activities drawn when the plan has more than MaxRoadmapActivities:
// the critical path, then the others in plan order (by start). nil means all.
func roadmapDrawn(p *roadmap.Plan) map[string]bool {
	if len(p.Activities) <= MaxRoadmapActivities {
		return nil
	}
	drawn := map[string]bool{}
	for _, id := range p.Critical {
		if len(drawn) < MaxRoadmapActivities {
			drawn[id] = true
		}
	}
	for _, act := range p.Activities {
		if len(drawn) >= MaxRoadmapActivities {
			break
		}
		drawn[act.ID] = true
	}
	return drawn
}

func impliedDeps(p *roadmap.Plan, drawn map[string]bool) map[[2]string]bool {
	before := map[string]map[string]bool{} // activity → every activity it waits for, transitively
	var visit func(id string) map[string]bool
	visit = func(id string) map[string]bool {
		if set, ok := before[id]; ok {
			return set
		}
		set := map[string]bool{}
		before[id] = set // the plan has no cycles (Schedule checked)
		if act := p.Activity(id); act != nil {
			for _, d := range act.DependsOn {
				set[d] = true
				for x := range visit(d) {
					set[x] = true
				}
			}
		}
		return set
	}
	out := map[[2]string]bool{}
	for _, act := range p.Activities {
		if drawn != nil && !drawn[act.ID] {
			continue
		}
		for _, d := range act.DependsOn {
			for _, other := range act.DependsOn {
				if other != d && visit(other)[d] {
					out[[2]string{d, act.ID}] = true
				}
			}
		}
	}
	return out
}

func activityAttrs(m *countries.Model, act *roadmap.Activity, lang string) []attr {
	p := m.Plan
	fill, ok := kindFills[act.Kind]
	if !ok {
		fill = kindFills[roadmap.KindCustom]
	}
	head := kindWord(lang, act.Kind)
	critical := false
	for i, id := range p.Critical {
		if id == act.ID {
			head = i18n.F(lang, "◆ CRITICAL %d/%d · %s", i+1, len(p.Critical), head)
			critical = true
		}
	}
	when := i18n.F(lang, "%s → %s · %d mo", p.Month(act.Start).Format("2006-01"), p.Month(max(act.End-1, act.Start)).Format("2006-01"), act.Months)
	who := act.Owner
	if act.Cost > 0 {
		who += " · " + money(lang, act.Cost, p.Currency)
	}
	if act.Status != "" {
		who += " · " + activityStatus(lang, act.Status)
	}
	rows := []html{small(bold(esc(head)) + esc(" · "+act.ID)), bold(lines(wrap(act.Name, 38))), small(lines(wrap(when+" · "+who, 52)))}
	as := []attr{a("style", "rounded,filled"), a("fillcolor", fill), af("width", 3.2), ah("label", table(rows...)),
		tip(activityTooltip(m, act, lang))}
	if critical {
		as = append(as, af("penwidth", 3.5), a("color", "black"))
	} else {
		as = append(as, af("penwidth", 1), a("color", colGrey))
	}
	return as
}

// activityTooltip says why the activity is in the plan and what it depends on; for readiness
// work it quotes the indicator's question in lang.
func activityTooltip(m *countries.Model, act *roadmap.Activity, lang string) string {
	t := i18n.F(lang, "%s: %s.", act.Name, gwords.ActivityWhy(lang, act))
	if act.Indicator != "" {
		if ind := m.Framework.Indicator(act.Indicator); ind != nil {
			if q := ind.Question.In(lang); q != "" {
				t += " " + i18n.F(lang, "%s: %s", act.Indicator, q)
			}
		}
	}
	if len(act.DependsOn) > 0 {
		t += " " + i18n.F(lang, "After: %s.", strings.Join(act.DependsOn, ", "))
	}
	return truncate(t, 600)
}

// activityStatus is the status a planner reported for an activity, in brackets: [in-progress].
func activityStatus(lang, status string) string {
	switch status {
	case "not-started":
		return i18n.T(lang, "[not-started]")
	case "in-progress":
		return i18n.T(lang, "[in-progress]")
	case "done":
		return i18n.T(lang, "[done]")
	case "blocked":
		return i18n.T(lang, "[blocked]")
	}
	return "[" + status + "]"
}

// targetsBox draws a box with the targets the schedule meets late or never (or says all are
// met), next to the legend.
func targetsBox(w *writer, p *roadmap.Plan, lang string) {
	if len(p.KPIs) == 0 {
		return
	}
	var rows []html
	for i := range p.KPIs {
		k := &p.KPIs[i]
		if k.Status == roadmap.StatusMet {
			continue
		}
		rows = append(rows, small(bold(esc(k.ID+": "+gwords.TargetStatus(lang, k)))+"<BR/>"+lines(wrap(gwords.TargetFix(lang, k), 60))))
	}
	title := i18n.F(lang, "All %d targets are met on time.", len(p.KPIs))
	colour := colPilot
	if len(rows) > 0 {
		title = i18n.F(lang, "%d of %d targets are not met on time:", len(rows), len(p.KPIs))
		colour = colBuild
	}
	rows = append([]html{bold(esc(title))}, rows...)
	w.node("targets", a("shape", "box"), a("style", "filled"), a("fillcolor", colour), ah("label", table(rows...)))
	w.line("{rank=same; legend; targets;}")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// illustrative reports whether any cost of the plan is an illustrative default.
func illustrative(p *roadmap.Plan) bool {
	for _, a := range p.Activities {
		if a.Basis == roadmap.BasisDefault && a.Cost > 0 {
			return true
		}
	}
	return false
}
