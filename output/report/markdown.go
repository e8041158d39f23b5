package report

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/roadmap"
)

// mdText holds every fixed text of the Markdown report, in English. Keys ending in ".one" and
// ".other" are the singular and plural forms of a counted phrase. A later issue moves these into
// message catalogs; until then nothing else in this file spells out a sentence.
var mdText = map[string]string{
	"title":     "%s: digital government readiness and roadmap",
	"subtitle":  "Assessed on %s with the framework %s (%s).",
	"by":        "Facilitators: %s.",
	"taking":    "Ministries taking part: %s.",
	"h.summary": "Summary",

	"sum.score":      "%s scores **%s out of 100** on digital government readiness, in the %s band; %s of %s applicable indicators are answered (%s%%).",
	"sum.noscore":    "%s has no readiness score yet: none of its %s applicable indicators is answered.",
	"sum.blocks":     "The priority services need %s: %s to reuse, %s to upgrade and %s to build.",
	"sum.noblocks":   "No services or use cases are recorded yet, so no building blocks are needed.",
	"sum.plan":       "The roadmap runs %s from %s to %s and costs %s one-off, plus %s a year to run what it builds.",
	"sum.gap":        "Pledges cover %s of that cost; %s is unfunded, and the largest gap is %s (%s).",
	"sum.gap.none":   "No funding is pledged yet; the largest single cost is %s (%s).",
	"sum.funded":     "Pledges cover the whole one-off cost.",
	"sum.noplan":     "No roadmap has been planned yet.",
	"n.blocks.one":   "%d building block",
	"n.blocks.other": "%d building blocks",
	"n.months.one":   "%d month",
	"n.months.other": "%d months",

	"h.score":          "Readiness score card",
	"score.overall":    "**Overall: %s/100, %s.** %s of %s applicable indicators answered (%s%% complete).",
	"score.overall.tg": "The target is %s/100 by %s (gap %s).",
	"score.cols":       "Pillar|Score|Band|Answered|Target|Gap",
	"score.target":     "%s by %s",
	"score.unscored":   "Pillars without a score (no answers yet): %s.",
	"h.disputed":       "Disputed answers",
	"disputed.intro":   "Ministries gave answers two or more levels apart (or opposite yes/no answers) to these questions. The score uses their %s; the disagreement should be settled before targets are fixed.",
	"disputed.cols":    "Question|Ministry|Answer|Evidence",
	"h.unknown":        "Answers kept for indicators the framework no longer has",
	"unknown.intro":    "The country file answers these indicators, which %s does not have. The answers are kept in the file but not scored: %s.",
	"agg.mean":         "mean",
	"agg.median":       "median",
	"agg.min":          "lowest answer",
	"agg.max":          "highest answer",

	"h.gaps":          "Gaps to targets",
	"gaps.intro":      "Targets set in the country file, largest gap first. Gaps are in points on the 0–100 score.",
	"gaps.cols":       "Target for|Now|Target|Gap|Due",
	"gaps.none":       "The country file sets no targets.",
	"gaps.overall":    "Overall readiness",
	"gaps.pillar":     "%s (pillar)",
	"gaps.met":        "met",
	"h.gates":         "Readiness gates",
	"gates.intro":     "These building blocks should not go live before a readiness indicator reaches a minimum level (on the %d–%d scale).",
	"gates.cols":      "Building block|Waits for|Minimum|Now|State",
	"gates.none":      "No required building block waits for a readiness indicator.",
	"gates.met.one":   "%d other gate on the required blocks is already met.",
	"gates.met.other": "%d other gates on the required blocks are already met.",
	"gate.unmet":      "not met",
	"gate.unknown":    "not assessed",
	"gate.met":        "met",

	"h.services":     "Priority services",
	"services.intro": "Services ranked by priority: impact (demand and impact) times feasibility (technical, financial, political), from 1 to 25.",
	"services.cols":  "#|Service|Priority|Quadrant|Use case",
	"services.none":  "No candidate services are recorded.",
	"q.do-first":     "do first",
	"q.plan-for":     "plan for",
	"q.nice-to-have": "nice to have",
	"q.defer":        "defer",

	"h.arch":          "Architecture",
	"h.usecases":      "Needed use cases",
	"usecases.cols":   "Use case|Building blocks|Asked for by",
	"usecase.custom":  "%s (defined by the country)",
	"usecase.file":    "the country's list of use cases",
	"h.blocks":        "Required building blocks",
	"blocks.intro":    "%s: %s to reuse, %s to upgrade and %s to build.",
	"blocks.cols":     "Building block|Category|Status|Existing system|Needed by|Top candidate product",
	"blocks.all":      "all %d use cases",
	"status.reuse":    "reuse",
	"status.upgrade":  "upgrade",
	"status.build":    "build",
	"product.none":    "none in the catalog",
	"product.nofit":   "none that fits the constraints",
	"product.line":    "%s (licence %s; evidence: %s)",
	"unverified":      "%s, unverified",
	"unknown":         "unknown",
	"evidence.none":   "none",
	"reuse.factor":    "Reuse factor %s: each required building block serves %s of the needed use cases on average (1.00 would mean nothing is shared).",
	"h.excluded":      "Products excluded by the country's constraints",
	"excluded.line":   "%s (for %s): %s.",
	"h.roadmap":       "Roadmap",
	"roadmap.none":    "No roadmap has been planned yet.",
	"roadmap.cols":    "Item|Value",
	"roadmap.start":   "Start",
	"roadmap.ws":      "Workstreams (activities at the same time)",
	"roadmap.dur":     "Duration",
	"roadmap.dur.v":   "%s, to %s",
	"roadmap.acts":    "Activities",
	"roadmap.oneoff":  "One-off cost",
	"roadmap.running": "Running cost per year, once built",
	"h.wave":          "Wave %d",
	"wave.intro.1":    "Activities that depend on no other activity; each starts when a workstream is free.",
	"wave.intro.n":    "Activities that depend on work in wave %d.",
	"acts.cols":       "ID|Activity|Owner|Months|Start–end|Cost (%s)|Critical",
	"act.status":      "%s — %s",
	"act.critical":    "yes",
	"h.critical":      "Critical path",
	"critical.intro":  "These activities fix the end date: a delay in any of them delays the whole plan.",
	"defaults.note":   "Figures marked \\* are illustrative defaults from govplan's cost model (%s of %s activities); replace them with local figures under costs: in the country file.",

	"h.kpi":       "KPI timetable",
	"kpi.intro":   "Where each target should be at the end of each year. Scores are 0–100; levels are on the %d–%d scale (L2.5 is halfway between levels 2 and 3); other values are in the unit shown.",
	"kpi.cols":    "KPI|Unit|Now (%d)",
	"kpi.due":     "Due",
	"kpi.met":     "%d (met)",
	"kpi.overall": "Overall readiness",
	"unit.score":  "score",
	"unit.level":  "level",

	"h.budget":         "Budget and funding",
	"budget.intro":     "Amounts in %s. One-off costs are spread evenly over each activity's months; running costs start when an activity ends.",
	"budget.cols":      "Year|One-off|Running|Total|Funded|Unfunded",
	"budget.total":     "**Total**",
	"funding.sum":      "Funders pledged %s; %s of it meets a cost of the plan. %s of the one-off cost is unfunded.",
	"funding.nopl":     "No funding is pledged yet: the whole one-off cost of %s is unfunded.",
	"h.fgaps":          "Funding gaps",
	"fgaps.intro":      "The activities with the largest unfunded cost.",
	"fgaps.cols":       "Activity|Cost (%s)|Funded|Unfunded",
	"fgaps.more.one":   "%d more activity is unfunded, for %s in all.",
	"fgaps.more.other": "%d more activities are unfunded, for %s in all.",
	"h.dup":            "Possible duplicate funding",
	"dup.line":         "%s: %s pledged %s against a cost of %s.",
	"and":              " and ",
	"list.sep":         ", ",
	"h.unneeded":       "Pledges to things the plan does not need",
	"unneeded.line":    "%s pledged %s to %s: %s.",
	"h.shared":         "Shared versus siloed",
	"shared.text":      "Building each required block once and sharing it across the use cases costs %s (build or upgrade, plus integration). If every use case built its own, it would cost %s: sharing saves %s.",

	"footer":           "Generated by govplan from %s.",
	"footer.fictional": "%s is a fictional sample: its name, people, laws, systems, figures and funders are invented.",
	"dash":             "–",
	"not.answered":     "not answered",
	"yes":              "yes",
	"na":               "n/a",
	"no":               "no",
	"score100":         "%s/100",
}

// tr formats the fixed text key with args. Arguments that come from users must already be
// escaped (esc).
func tr(key string, args ...any) string {
	s, ok := mdText[key]
	if !ok {
		return "{" + key + "}"
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// trn picks the singular or plural form of a counted text; n is its first argument.
func trn(key string, n int, args ...any) string {
	if n == 1 {
		return tr(key+".one", append([]any{n}, args...)...)
	}
	return tr(key+".other", append([]any{n}, args...)...)
}

// Markdown renders the model as a report in GitHub-flavoured Markdown for a strategy document:
// summary, score card, gaps, gates, services, architecture, roadmap, KPIs, budget and funding.
// lang picks the language of the framework's texts; the fixed texts are English for now. Every
// text from a file is escaped, so it can neither break a table nor inject HTML.
func Markdown(m *countries.Model, lang string) []byte {
	r := &mdReport{m: m, lang: lang, f: m.Doc.File}
	if m.Plan != nil {
		r.cur = m.Plan.Currency
	}
	r.title()
	r.summary()
	r.scorecard()
	r.gaps()
	r.gates()
	r.services()
	r.architecture()
	r.roadmap()
	r.kpis()
	r.budget()
	r.footer()
	return append(bytes.TrimRight(r.b.Bytes(), "\n"), '\n')
}

type mdReport struct {
	b    bytes.Buffer
	m    *countries.Model
	f    *countries.File
	lang string
	cur  string
}

// --- writing -----------------------------------------------------------------------------

func (r *mdReport) heading(level int, text string) {
	fmt.Fprintf(&r.b, "%s %s\n\n", strings.Repeat("#", level), text)
}

func (r *mdReport) para(sentences ...string) {
	var parts []string
	for _, s := range sentences {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		r.b.WriteString(strings.Join(parts, " ") + "\n\n")
	}
}

func (r *mdReport) bullets(items []string) {
	for _, it := range items {
		r.b.WriteString("- " + it + "\n")
	}
	if len(items) > 0 {
		r.b.WriteString("\n")
	}
}

// table writes a pipe table. header is the fixed column names separated by "|"; align has one
// letter per column (l, r or c). Cells are Markdown already (user text escaped).
func (r *mdReport) table(header []string, align string, rows [][]string) {
	line := func(cells []string) {
		r.b.WriteString("|")
		for _, c := range cells {
			c = strings.TrimSpace(strings.NewReplacer("\r", " ", "\n", " ").Replace(c))
			if c == "" {
				c = " "
			}
			r.b.WriteString(" " + c + " |")
		}
		r.b.WriteString("\n")
	}
	line(header)
	seps := make([]string, len(header))
	for i := range seps {
		switch {
		case i < len(align) && align[i] == 'r':
			seps[i] = "--:"
		case i < len(align) && align[i] == 'c':
			seps[i] = ":-:"
		default:
			seps[i] = "---"
		}
	}
	r.b.WriteString("|")
	for _, s := range seps {
		r.b.WriteString(" " + s + " |")
	}
	r.b.WriteString("\n")
	for _, row := range rows {
		for len(row) < len(header) {
			row = append(row, "")
		}
		line(row[:len(header)])
	}
	r.b.WriteString("\n")
}

func cols(key string, args ...any) []string { return strings.Split(tr(key, args...), "|") }

// --- sections ----------------------------------------------------------------------------

func (r *mdReport) title() {
	f, fw := r.f, r.m.Framework
	r.heading(1, tr("title", esc(f.Country.Name)))
	date := f.Assessment.Date
	if date == "" {
		date = tr("dash")
	}
	r.para(tr("subtitle", esc(date), esc(fw.Ref()), esc(fw.Name.In(r.lang))))
	var lines []string
	if len(f.Assessment.Facilitators) > 0 {
		lines = append(lines, tr("by", escJoin(f.Assessment.Facilitators)))
	}
	if len(f.Ministries) > 0 {
		var names []string
		for _, mi := range f.Ministries {
			names = append(names, mi.Name.In(r.lang))
		}
		lines = append(lines, tr("taking", escJoin(names)))
	}
	r.para(lines...)
}

func (r *mdReport) summary() {
	r.heading(2, tr("h.summary"))
	sc, mt, p := r.m.Score, r.m.Match, r.m.Plan
	name := esc(r.f.Country.Name)
	var s []string
	o := sc.Overall
	if o.Score != nil {
		s = append(s, tr("sum.score", name, score100(o.Score), r.band(o.Band), count(o.Answered), count(o.Applicable), score100(o.Completeness)))
	} else {
		s = append(s, tr("sum.noscore", name, count(o.Applicable)))
	}
	if len(mt.Blocks) > 0 {
		n := statusCounts(mt)
		s = append(s, tr("sum.blocks", trn("n.blocks", len(mt.Blocks)), count(n[catalog.Reuse]), count(n[catalog.Upgrade]), count(n[catalog.Build])))
	} else {
		s = append(s, tr("sum.noblocks"))
	}
	if p != nil {
		s = append(s, tr("sum.plan", trn("n.months", p.Duration), month(p, 0), month(p, max(p.Duration-1, 0)),
			r.money(p.TotalCost), r.money(runningPerYear(p))))
		fd := p.Funding
		switch {
		case len(fd.Gaps) == 0:
			s = append(s, tr("sum.funded"))
		case len(fd.Pledges) == 0:
			g := fd.Gaps[0]
			s = append(s, tr("sum.gap.none", r.activityName(g.Activity, g.Name), r.money(g.Gap)))
		default:
			g := fd.Gaps[0]
			s = append(s, tr("sum.gap", r.money(fd.Covered), r.money(fd.Gap), r.activityName(g.Activity, g.Name), r.money(g.Gap)))
		}
	} else {
		s = append(s, tr("sum.noplan"))
	}
	r.para(s...)
}

func (r *mdReport) scorecard() {
	r.heading(2, tr("h.score"))
	sc, fw := r.m.Score, r.m.Framework
	o := sc.Overall
	var intro []string
	intro = append(intro, tr("score.overall", score100(o.Score), r.band(o.Band), count(o.Answered), count(o.Applicable), score100(o.Completeness)))
	if o.Target != nil && o.Target.Score != nil {
		intro = append(intro, tr("score.overall.tg", score100(o.Target.Score), yearText(o.Target.Year), signed(o.Gap)))
	}
	r.para(intro...)
	var rows [][]string
	for _, p := range sc.Pillars {
		target := tr("dash")
		if p.Target != nil && p.Target.Score != nil {
			target = tr("score.target", score100(p.Target.Score), yearText(p.Target.Year))
		}
		rows = append(rows, []string{
			esc(p.Pillar.Name.In(r.lang)), score100(p.Score), r.band(p.Band),
			fmt.Sprintf("%d/%d", p.Answered, p.Applicable), target, signed(p.Gap),
		})
	}
	r.table(cols("score.cols"), "lrlrlr", rows)
	if len(o.Unscored) > 0 {
		var names []string
		for _, id := range o.Unscored {
			if pl := fw.Pillar(id); pl != nil {
				names = append(names, pl.Name.In(r.lang))
			} else {
				names = append(names, id)
			}
		}
		r.para(tr("score.unscored", escJoin(names)))
	}

	var disputed [][]string
	for _, is := range sc.Indicators {
		if !is.Disputed {
			continue
		}
		for i, a := range is.Answers.Given() {
			q := ""
			if i == 0 {
				q = esc(is.Indicator.Question.In(r.lang))
			}
			disputed = append(disputed, []string{q, esc(r.ministry(a.By)), r.answerText(is.Indicator, a), esc(a.Evidence)})
		}
	}
	if len(disputed) > 0 {
		r.heading(3, tr("h.disputed"))
		r.para(tr("disputed.intro", tr("agg."+aggName(fw.Aggregate))))
		r.table(cols("disputed.cols"), "llll", disputed)
	}
	if len(sc.Unknown) > 0 {
		r.heading(3, tr("h.unknown"))
		r.para(tr("unknown.intro", esc(fw.Ref()), escJoin(sc.Unknown)))
	}
}

func aggName(a string) string {
	switch a {
	case assess.AggMedian, assess.AggMin, assess.AggMax:
		return a
	}
	return "mean"
}

type gapRow struct {
	cells []string
	gap   *float64
	order int
}

func (r *mdReport) gaps() {
	r.heading(2, tr("h.gaps"))
	sc := r.m.Score
	var rows []gapRow
	add := func(cells []string, gap *float64) {
		rows = append(rows, gapRow{cells, gap, len(rows)})
	}
	if t := sc.Overall.Target; t != nil && t.Score != nil {
		add([]string{tr("gaps.overall"), scoreOf(sc.Overall.Score), scoreOf(t.Score), gapText(sc.Overall.Gap), yearText(t.Year)}, sc.Overall.Gap)
	}
	for _, p := range sc.Pillars {
		if p.Target == nil || p.Target.Score == nil {
			continue
		}
		add([]string{tr("gaps.pillar", esc(p.Pillar.Name.In(r.lang))), scoreOf(p.Score), scoreOf(p.Target.Score), gapText(p.Gap), yearText(p.Target.Year)}, p.Gap)
	}
	for _, is := range sc.Indicators {
		if is.Target == nil {
			continue
		}
		add([]string{esc(is.Indicator.Question.In(r.lang)), r.currentText(&is), r.targetText(is.Indicator, *is.Target), gapText(is.Gap), yearText(is.Target.Year)}, is.Gap)
	}
	if len(rows) == 0 {
		r.para(tr("gaps.none"))
		return
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].gap, rows[j].gap
		if (a == nil) != (b == nil) {
			return a != nil
		}
		if a != nil && math.Abs(*a-*b) > 1e-9 {
			return *a > *b
		}
		return rows[i].order < rows[j].order
	})
	var cells [][]string
	for _, g := range rows {
		cells = append(cells, g.cells)
	}
	r.para(tr("gaps.intro"))
	r.table(cols("gaps.cols"), "lllrr", cells)
}

func (r *mdReport) gates() {
	r.heading(2, tr("h.gates"))
	var rows [][]string
	met := 0
	for _, b := range r.m.Match.Blocks {
		for _, g := range b.GatedBy {
			if g.State == assess.GateMet {
				met++
				continue
			}
			ind := r.m.Framework.Indicator(g.Indicator)
			q := g.Indicator
			if ind != nil {
				q = ind.Question.In(r.lang)
			}
			now := tr("not.answered")
			if g.Current != nil {
				now = levelText(*g.Current)
			}
			rows = append(rows, []string{esc(b.Block.Name.In(r.lang)), esc(q), fmt.Sprint(g.Min), now, tr("gate." + g.State)})
		}
	}
	if len(rows) == 0 {
		r.para(tr("gates.none"))
		return
	}
	r.para(tr("gates.intro", r.m.Framework.Scale.Min, r.m.Framework.Scale.Max))
	r.table(cols("gates.cols"), "llrrl", rows)
	if met > 0 {
		r.para(trn("gates.met", met))
	}
}

func (r *mdReport) services() {
	r.heading(2, tr("h.services"))
	mt := r.m.Match
	if len(mt.Services) == 0 {
		r.para(tr("services.none"))
		return
	}
	r.para(tr("services.intro"))
	var rows [][]string
	for _, s := range mt.Services {
		rows = append(rows, []string{fmt.Sprint(s.Rank), esc(s.Service.Name.In(r.lang)), fmt.Sprintf("%.1f", s.Priority), tr("q." + s.Quadrant), esc(r.useCaseName(s.Service.UseCase))})
	}
	r.table(cols("services.cols"), "rlrll", rows)
}

func (r *mdReport) architecture() {
	r.heading(2, tr("h.arch"))
	mt := r.m.Match
	if len(mt.UseCases) == 0 {
		r.para(tr("sum.noblocks"))
		return
	}
	r.heading(3, tr("h.usecases"))
	var rows [][]string
	for _, u := range mt.UseCases {
		var from []string
		for _, f := range u.From {
			if f == "use_cases" {
				from = append(from, tr("usecase.file"))
			} else {
				from = append(from, esc(strings.TrimPrefix(f, "service: ")))
			}
		}
		rows = append(rows, []string{r.useCaseLabel(u.UseCase), fmt.Sprint(len(u.Blocks)), strings.Join(from, tr("list.sep"))})
	}
	r.table(cols("usecases.cols"), "lrl", rows)

	r.heading(3, tr("h.blocks"))
	n := statusCounts(mt)
	r.para(tr("blocks.intro", trn("n.blocks", len(mt.Blocks)), count(n[catalog.Reuse]), count(n[catalog.Upgrade]), count(n[catalog.Build])))
	rows = nil
	for _, b := range mt.Blocks {
		sys := tr("dash")
		if b.Inventory != nil && b.Inventory.System != "" {
			sys = esc(b.Inventory.System)
		}
		rows = append(rows, []string{esc(b.Block.Name.In(r.lang)), esc(b.Block.Category), tr("status." + b.Status), sys, r.neededBy(b.NeededBy), r.topProduct(b.Products)})
	}
	r.table(cols("blocks.cols"), "llllll", rows)
	if mt.ReuseFactor != nil {
		f := fmt.Sprintf("%.2f", *mt.ReuseFactor)
		r.para(tr("reuse.factor", f, f))
	}

	// Excluded products, one line per product with every block it was excluded for.
	type excl struct {
		name, why string
		blocks    []string
	}
	var order []string
	byID := map[string]*excl{}
	for _, b := range mt.Blocks {
		for _, p := range b.Products {
			if !p.Excluded {
				continue
			}
			e := byID[p.Product.ID]
			if e == nil {
				why := ""
				if len(p.Reasons) > 0 {
					why = strings.TrimPrefix(p.Reasons[0], "excluded: ")
				}
				e = &excl{name: p.Product.Name, why: why}
				byID[p.Product.ID] = e
				order = append(order, p.Product.ID)
			}
			e.blocks = append(e.blocks, b.Block.Name.In(r.lang))
		}
	}
	if len(order) > 0 {
		r.heading(3, tr("h.excluded"))
		var items []string
		for _, id := range order {
			e := byID[id]
			items = append(items, tr("excluded.line", esc(e.name), escJoin(e.blocks), esc(e.why)))
		}
		r.bullets(items)
	}
}

func (r *mdReport) roadmap() {
	r.heading(2, tr("h.roadmap"))
	p := r.m.Plan
	if p == nil {
		r.para(tr("roadmap.none"))
		return
	}
	defaults := 0
	for _, a := range p.Activities {
		if a.Basis == roadmap.BasisDefault {
			defaults++
		}
	}
	r.table(cols("roadmap.cols"), "lr", [][]string{
		{tr("roadmap.start"), month(p, 0)},
		{tr("roadmap.ws"), fmt.Sprint(p.Workstreams)},
		{tr("roadmap.dur"), tr("roadmap.dur.v", trn("n.months", p.Duration), month(p, max(p.Duration-1, 0)))},
		{tr("roadmap.acts"), count(len(p.Activities))},
		{tr("roadmap.oneoff"), r.money(p.TotalCost)},
		{tr("roadmap.running"), r.money(runningPerYear(p))},
	})
	maxWave := 0
	for _, a := range p.Activities {
		maxWave = max(maxWave, a.Wave)
	}
	for w := 1; w <= maxWave; w++ {
		var rows [][]string
		for _, a := range p.Activities {
			if a.Wave != w {
				continue
			}
			name := esc(a.Name)
			if a.Status != "" {
				name = tr("act.status", name, esc(strings.ReplaceAll(a.Status, "-", " ")))
			}
			cost := amount(a.Cost)
			if a.Basis == roadmap.BasisDefault {
				cost += `\*`
			}
			crit := ""
			if a.Critical {
				crit = tr("act.critical")
			}
			span := month(p, a.Start)
			if end := max(a.End-1, a.Start); end != a.Start {
				span += " – " + month(p, end)
			}
			rows = append(rows, []string{esc(a.ID), name, esc(a.Owner), fmt.Sprint(a.Months), span, cost, crit})
		}
		if len(rows) == 0 {
			continue
		}
		r.heading(3, tr("h.wave", w))
		if w == 1 {
			r.para(tr("wave.intro.1"))
		} else {
			r.para(tr("wave.intro.n", w-1))
		}
		r.table(cols("acts.cols", esc(p.Currency)), "lllrlrc", rows)
	}
	if len(p.Critical) > 0 {
		r.heading(3, tr("h.critical"))
		var chain []string
		for _, id := range p.Critical {
			chain = append(chain, r.activityName(id, id))
		}
		r.para(tr("critical.intro"))
		r.para(strings.Join(chain, " → "))
	}
	if defaults > 0 {
		r.para(tr("defaults.note", count(defaults), count(len(p.Activities))))
	}
}

func (r *mdReport) kpis() {
	p := r.m.Plan
	if p == nil || len(p.KPIs) == 0 {
		return
	}
	r.heading(2, tr("h.kpi"))
	fw := r.m.Framework
	r.para(tr("kpi.intro", fw.Scale.Min, fw.Scale.Max))
	set := map[int]bool{}
	base := 0
	for _, k := range p.KPIs {
		base = k.BaselineYear
		for _, ms := range k.Milestones {
			set[ms.Year] = true
		}
	}
	var years []int
	for y := range set {
		years = append(years, y)
	}
	sort.Ints(years)
	header := cols("kpi.cols")
	header[2] = fmt.Sprintf(header[2], base)
	align := "llr"
	for _, y := range years {
		header = append(header, fmt.Sprint(y))
		align += "r"
	}
	header = append(header, tr("kpi.due"))
	align += "r"
	var rows [][]string
	for _, k := range p.KPIs {
		label, unit := r.kpiLabel(k)
		row := []string{label, unit, kpiValue(k.Baseline, k.BaselineVal, k.Unit)}
		ms := map[int]roadmap.Milestone{}
		for _, mi := range k.Milestones {
			ms[mi.Year] = mi
		}
		for _, y := range years {
			if mi, ok := ms[y]; ok {
				s := mi.Score
				row = append(row, kpiValue(&s, mi.Value, k.Unit))
			} else {
				row = append(row, "")
			}
		}
		due := fmt.Sprint(k.DueYear)
		if k.Met {
			due = tr("kpi.met", k.DueYear)
		}
		rows = append(rows, append(row, due))
	}
	r.table(header, align, rows)
}

func (r *mdReport) kpiLabel(k roadmap.KPI) (label, unit string) {
	fw := r.m.Framework
	switch k.Kind {
	case "overall":
		label = tr("kpi.overall")
	case "pillar":
		label = k.Name
		if pl := fw.Pillar(k.ID); pl != nil {
			label = pl.Name.In(r.lang)
		}
		label = esc(label)
	default:
		label = k.Name
		if ind := fw.Indicator(k.ID); ind != nil {
			label = ind.Question.In(r.lang)
		}
		label = esc(label)
	}
	switch {
	case k.Unit == "level":
		unit = tr("unit.level")
	case k.Unit != "" && k.TargetVal != nil:
		unit = esc(k.Unit)
	default:
		unit = tr("unit.score")
	}
	return label, unit
}

func kpiValue(score, value *float64, unit string) string {
	switch {
	case value != nil && unit == "level":
		return fmt.Sprintf("L%.1f", *value)
	case value != nil:
		return number(*value)
	case score != nil:
		return score100(score)
	}
	return mdText["dash"]
}

func (r *mdReport) budget() {
	p := r.m.Plan
	if p == nil {
		return
	}
	r.heading(2, tr("h.budget"))
	r.para(tr("budget.intro", esc(p.Currency)))
	var rows [][]string
	var t roadmap.BudgetYear
	for _, y := range p.Budget {
		rows = append(rows, []string{fmt.Sprint(y.Year), amount(y.OneOff), amount(y.Running), amount(y.Total), amount(y.Funded), amount(y.Unfunded)})
		t.OneOff += y.OneOff
		t.Running += y.Running
		t.Total += y.Total
		t.Funded += y.Funded
		t.Unfunded += y.Unfunded
	}
	if len(p.Budget) > 1 {
		b := func(v float64) string { return "**" + amount(v) + "**" }
		rows = append(rows, []string{tr("budget.total"), b(t.OneOff), b(t.Running), b(t.Total), b(t.Funded), b(t.Unfunded)})
	}
	r.table(cols("budget.cols"), "lrrrrr", rows)

	fd := p.Funding
	if len(fd.Pledges) > 0 {
		r.para(tr("funding.sum", r.money(fd.Pledged), r.money(fd.Covered), r.money(fd.Gap)))
	} else {
		r.para(tr("funding.nopl", r.money(p.TotalCost)))
	}
	if len(fd.Gaps) > 0 {
		r.heading(3, tr("h.fgaps"))
		r.para(tr("fgaps.intro"))
		var rows [][]string
		var rest float64
		for i, g := range fd.Gaps {
			if i >= 10 {
				rest += g.Gap
				continue
			}
			rows = append(rows, []string{r.activityName(g.Activity, g.Name), amount(g.Cost), amount(g.Funded), amount(g.Gap)})
		}
		r.table(cols("fgaps.cols", esc(p.Currency)), "lrrr", rows)
		if more := len(fd.Gaps) - 10; more > 0 {
			r.para(trn("fgaps.more", more, r.money(rest)))
		}
	}
	if len(fd.Duplicates) > 0 {
		r.heading(3, tr("h.dup"))
		var items []string
		for _, d := range fd.Duplicates {
			items = append(items, tr("dup.line", r.activityName(d.Activity, d.Activity), joinAnd(d.Funders), r.money(d.Pledged), r.money(d.Cost)))
		}
		r.bullets(items)
	}
	if len(fd.Unneeded) > 0 {
		r.heading(3, tr("h.unneeded"))
		var items []string
		for _, u := range fd.Unneeded {
			target := u.Target
			if b := r.m.Catalog.Block(u.Target); b != nil {
				target = b.Name.In(r.lang)
			}
			items = append(items, tr("unneeded.line", esc(u.Funder), r.money(u.Amount), esc(target), esc(u.Why)))
		}
		r.bullets(items)
	}
	if s := p.Shared; s.Siloed > 0 {
		r.heading(3, tr("h.shared"))
		r.para(tr("shared.text", r.money(s.Shared), r.money(s.Siloed), r.money(s.Savings)))
	}
}

func (r *mdReport) footer() {
	r.b.WriteString("---\n\n")
	d := r.m.Doc
	name := d.Name
	if d.Path != "" {
		name = filepath.Base(d.Path)
	}
	lines := []string{tr("footer", esc(name))}
	if r.f.Country.Fictional {
		lines = append(lines, tr("footer.fictional", esc(r.f.Country.Name)))
	}
	r.para(lines...)
}

// --- pieces ------------------------------------------------------------------------------

func (r *mdReport) band(b *assess.Band) string {
	if b == nil {
		return tr("dash")
	}
	return esc(b.Name.In(r.lang))
}

func (r *mdReport) ministry(id string) string {
	if id == "" {
		return tr("dash")
	}
	for _, mi := range r.f.Ministries {
		if mi.ID == id && mi.Name.In(r.lang) != "" {
			return mi.Name.In(r.lang)
		}
	}
	return id
}

func (r *mdReport) money(v float64) string {
	if r.cur == "" {
		return amount(v)
	}
	return amount(v) + " " + esc(r.cur)
}

func (r *mdReport) activityName(id, fallback string) string {
	if p := r.m.Plan; p != nil {
		if a := p.Activity(id); a != nil && a.Name != "" {
			return esc(a.Name)
		}
	}
	return esc(fallback)
}

func (r *mdReport) useCaseName(id string) string {
	for _, u := range r.m.Match.UseCases {
		if u.UseCase.ID == id {
			return u.UseCase.Name.In(r.lang)
		}
	}
	return id
}

func (r *mdReport) useCaseLabel(u *catalog.UseCase) string {
	if u.Custom {
		return tr("usecase.custom", esc(u.Name.In(r.lang)))
	}
	code := u.Code
	if code == "" {
		code = strings.ToUpper(u.ID)
	}
	return esc(u.Name.In(r.lang) + " (" + code + ")")
}

// neededBy names the use cases that need a block: "all N use cases", or their codes.
func (r *mdReport) neededBy(ids []string) string {
	if n := len(r.m.Match.UseCases); n > 1 && len(ids) == n {
		return tr("blocks.all", n)
	}
	var codes []string
	for _, id := range ids {
		code := strings.ToUpper(id)
		for _, u := range r.m.Match.UseCases {
			if u.UseCase.ID == id {
				switch {
				case u.UseCase.Custom:
					code = u.UseCase.Name.In(r.lang)
				case u.UseCase.Code != "":
					code = u.UseCase.Code
				}
			}
		}
		codes = append(codes, code)
	}
	return escJoin(codes)
}

func (r *mdReport) topProduct(ps []catalog.RankedProduct) string {
	if len(ps) == 0 {
		return tr("product.none")
	}
	for _, rp := range ps {
		if rp.Excluded {
			continue
		}
		p := rp.Product
		lic := esc(p.Licence)
		if p.Licence == "" {
			lic = tr("unknown")
		}
		if !p.LicenceVerified {
			lic = tr("unverified", lic)
		}
		ev := esc(p.Evidence)
		switch {
		case p.Evidence == "" || p.Evidence == catalog.EvidenceNone:
			ev = tr("evidence.none")
		case !p.EvidenceVerified:
			ev = tr("unverified", ev)
		}
		return tr("product.line", esc(p.Name), lic, ev)
	}
	return tr("product.nofit")
}

// answerText shows one answer as people read it.
func (r *mdReport) answerText(ind *assess.Indicator, a assess.Answer) string {
	fw := r.m.Framework
	switch {
	case a.NA:
		return tr("na")
	case a.Level != nil:
		if n := fw.LevelName(*a.Level, r.lang); n != "" {
			return fmt.Sprintf("%d %s", *a.Level, esc(n))
		}
		return fmt.Sprint(*a.Level)
	case a.Value != nil && a.Value.IsBool:
		if a.Value.Bool {
			return tr("yes")
		}
		return tr("no")
	case a.Value != nil:
		return withUnit(number(a.Value.Num), ind.Unit)
	}
	return tr("not.answered")
}

// currentText is an indicator's current state in its own terms: a level, yes/no, or a value.
func (r *mdReport) currentText(is *assess.IndicatorScore) string {
	if is.Status != assess.StatusAnswered || is.Score == nil {
		if is.Status == assess.StatusNA {
			return tr("na")
		}
		return tr("not.answered")
	}
	ind := is.Indicator
	switch ind.Kind {
	case assess.KindLevel:
		return r.levelWithName(*is.Level)
	case assess.KindYesNo:
		switch *is.Score {
		case 1:
			return tr("yes")
		case 0:
			return tr("no")
		}
		return tr("score100", score100(is.Score))
	case assess.KindNumber:
		var sum float64
		n := 0
		for _, a := range is.Answers.Given() {
			if a.Value != nil && !a.Value.IsBool && !a.NA {
				sum += a.Value.Num
				n++
			}
		}
		if n > 0 {
			return withUnit(number(sum/float64(n)), ind.Unit)
		}
	}
	return tr("score100", score100(is.Score))
}

func (r *mdReport) targetText(ind *assess.Indicator, t assess.Target) string {
	switch {
	case t.Level != nil:
		return r.levelWithName(float64(*t.Level))
	case t.Value != nil && t.Value.IsBool:
		if t.Value.Bool {
			return tr("yes")
		}
		return tr("no")
	case t.Value != nil:
		return withUnit(number(t.Value.Num), ind.Unit)
	}
	return tr("dash")
}

func (r *mdReport) levelWithName(l float64) string {
	if l == math.Trunc(l) {
		if n := r.m.Framework.LevelName(int(l), r.lang); n != "" {
			return fmt.Sprintf("%.0f %s", l, esc(n))
		}
	}
	return levelText(l)
}

func withUnit(v, unit string) string {
	if unit == "" {
		return v
	}
	return v + " " + esc(unit)
}

func statusCounts(mt *catalog.Match) map[string]int {
	n := map[string]int{}
	for _, b := range mt.Blocks {
		n[b.Status]++
	}
	return n
}

func runningPerYear(p *roadmap.Plan) float64 {
	var s float64
	for _, a := range p.Activities {
		s += a.RunningCost
	}
	return s
}

func month(p *roadmap.Plan, offset int) string { return p.Month(offset).Format("2006-01") }

func yearText(y int) string {
	if y == 0 {
		return mdText["dash"]
	}
	return fmt.Sprint(y)
}

// score100 shows a 0..1 score as 0–100 without decimals; "–" for none.
func score100(s *float64) string {
	if s == nil {
		return mdText["dash"]
	}
	return fmt.Sprintf("%.0f", math.Round(*s*100))
}

func scoreOf(s *float64) string {
	if s == nil {
		return mdText["dash"]
	}
	return tr("score100", score100(s))
}

// signed shows a gap as a signed 0–100 difference.
func signed(s *float64) string {
	if s == nil {
		return mdText["dash"]
	}
	v := math.Round(*s * 100)
	if v > 0 {
		return fmt.Sprintf("+%.0f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// gapText is a signed gap, or "met" when there is nothing left to close.
func gapText(s *float64) string {
	if s != nil && math.Round(*s*100) <= 0 {
		return tr("gaps.met")
	}
	return signed(s)
}

func levelText(l float64) string {
	if l == math.Trunc(l) {
		return fmt.Sprintf("%.0f", l)
	}
	return fmt.Sprintf("%.1f", l)
}

func count(n int) string { return groupThousands(fmt.Sprint(n)) }

// amount is money rounded to whole units with thousands separators.
func amount(v float64) string {
	v = math.Round(v)
	if v == 0 {
		v = 0 // no "-0"
	}
	neg := v < 0
	s := groupThousands(fmt.Sprintf("%.0f", math.Abs(v)))
	if neg {
		return "-" + s
	}
	return s
}

// number shows a value with at most one decimal and thousands separators.
func number(v float64) string {
	s := strings.TrimSuffix(fmt.Sprintf("%.1f", math.Round(v*10)/10), ".0")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	out := groupThousands(whole)
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

func groupThousands(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func joinAnd(list []string) string {
	esced := make([]string, len(list))
	for i, s := range list {
		esced[i] = esc(s)
	}
	if len(esced) <= 1 {
		return strings.Join(esced, "")
	}
	return strings.Join(esced[:len(esced)-1], tr("list.sep")) + tr("and") + esced[len(esced)-1]
}

func escJoin(list []string) string {
	esced := make([]string, len(list))
	for i, s := range list {
		esced[i] = esc(s)
	}
	return strings.Join(esced, tr("list.sep"))
}

// --- escaping ----------------------------------------------------------------------------

var entityLike = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// esc makes text from a file safe to place anywhere in a line of Markdown: in a table cell, a
// list item, a paragraph or a heading. Line breaks and other control characters become spaces
// (a newline would end a table row), the characters Markdown gives a meaning to are
// backslash-escaped, and < > and entity-like & are written as entities so no HTML survives.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			if entityLike.MatchString(s[i:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case '-', '+', '=':
			// At the start a list marker or setext underline; elsewhere plain text.
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '.', ')':
			// "1. " or "1) " at the start would begin an ordered list.
			if isDigits(s[:i]) && i > 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
