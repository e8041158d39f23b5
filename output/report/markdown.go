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
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// Markdown renders the model as a report in GitHub-flavoured Markdown for a strategy document:
// summary, score card, gaps, gates, services, architecture, roadmap, KPIs, budget and funding.
// Every fixed text, number and date is written in lang (English messages are looked up in the
// i18n catalogs); texts from data files are taken in lang where they have it. Every text from
// a file is escaped, so it can neither break a table nor inject HTML.
func Markdown(m *countries.Model, lang string) []byte {
	return MarkdownWith(m, lang, MarkdownOptions{})
}

// MarkdownOptions say which diagram files the Markdown report links to.
type MarkdownOptions struct {
	// DiagramPrefix is put before a diagram's export name and ".svg" to make the link
	// ("bakana-" links "bakana-architecture.svg"), relative to the report.
	DiagramPrefix string
	// Diagrams are the export names of the diagrams written beside the report; only those
	// are linked.
	Diagrams map[string]bool
}

// MarkdownWith is Markdown with the diagrams written beside the report linked as images
// (![caption](prefix-name.svg)), so git hosts and Pandoc show them.
func MarkdownWith(m *countries.Model, lang string, opt MarkdownOptions) []byte {
	r := &mdReport{m: m, lang: lang, f: m.Doc.File, opt: opt}
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
	opt  MarkdownOptions
}

// image links a diagram written beside the report, when there is one.
func (r *mdReport) image(name, caption string) {
	if !r.opt.Diagrams[name] {
		return
	}
	file := r.opt.DiagramPrefix + name + ".svg"
	fmt.Fprintf(&r.b, "![%s](%s)\n\n", esc(caption), mdLink(file))
}

// mdLink makes a relative file name safe inside a Markdown link target.
func mdLink(file string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(file)
}

// dash stands for "nothing" in a cell or a sentence, in every language.
const dash = "–"

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

// --- sections ----------------------------------------------------------------------------

func (r *mdReport) title() {
	f, fw, l := r.f, r.m.Framework, r.lang
	r.heading(1, i18n.F(l, "%s: digital government readiness and roadmap", esc(f.Country.Name)))
	date := dash
	if t := f.Assessment.Time(); !t.IsZero() {
		date = i18n.Date(l, t)
	} else if f.Assessment.Date != "" {
		date = esc(f.Assessment.Date)
	}
	r.para(i18n.F(l, "Assessed on %[1]s with the framework %[2]s (%[3]s).", date, esc(fw.Ref()), esc(fw.Name.In(l))))
	var lines []string
	if len(f.Assessment.Facilitators) > 0 {
		lines = append(lines, i18n.F(l, "Facilitators: %s.", escJoin(f.Assessment.Facilitators)))
	}
	if len(f.Ministries) > 0 {
		var names []string
		for _, mi := range f.Ministries {
			names = append(names, mi.Name.In(l))
		}
		lines = append(lines, i18n.F(l, "Ministries taking part: %s.", escJoin(names)))
	}
	r.para(lines...)
}

func (r *mdReport) summary() {
	l := r.lang
	r.heading(2, i18n.T(l, "Summary"))
	sc, mt, p := r.m.Score, r.m.Match, r.m.Plan
	name := esc(r.f.Country.Name)
	var s []string
	o := sc.Overall
	if o.Score != nil {
		s = append(s, i18n.F(l, "%s scores **%s out of 100** on digital government readiness, in the %s band; %s of %s applicable indicators are answered (%s%%).",
			name, r.score100(o.Score), r.band(o.Band), r.count(o.Answered), r.count(o.Applicable), r.score100(o.Completeness)))
	} else {
		s = append(s, i18n.F(l, "%s has no readiness score yet: none of its %s applicable indicators is answered.", name, r.count(o.Applicable)))
	}
	if len(mt.Blocks) > 0 {
		n := statusCounts(mt)
		s = append(s, i18n.F(l, "The priority services need %s: %s to reuse, %s to upgrade and %s to build.",
			r.nBlocks(len(mt.Blocks)), r.count(n[catalog.Reuse]), r.count(n[catalog.Upgrade]), r.count(n[catalog.Build])))
	} else {
		s = append(s, i18n.T(l, "No services or use cases are recorded yet, so no building blocks are needed."))
	}
	if p != nil {
		s = append(s, i18n.F(l, "The roadmap runs %s from %s to %s and costs %s one-off, plus %s a year to run what it builds.",
			r.nMonths(p.Duration), r.month(p, 0), r.month(p, max(p.Duration-1, 0)), r.money(p.TotalCost), r.money(runningPerYear(p))))
		if illustrative(p) {
			s = append(s, "*"+i18n.T(l, "Costs marked illustrative come from govplan's default cost model, not from local quotes: replace them under costs: in the country file before budgeting.")+"*")
		}
		fd := p.Funding
		switch {
		case len(fd.Gaps) == 0:
			s = append(s, i18n.T(l, "Pledges cover the whole one-off cost."))
		case len(fd.Pledges) == 0:
			g := fd.Gaps[0]
			s = append(s, i18n.F(l, "No funding is pledged yet; the largest single cost is %s (%s).", r.activityName(g.Activity, g.Name), r.money(g.Gap)))
		default:
			g := fd.Gaps[0]
			s = append(s, i18n.F(l, "Pledges cover %s of that cost; %s is unfunded, and the largest gap is %s (%s).",
				r.money(fd.Covered), r.money(fd.Gap), r.activityName(g.Activity, g.Name), r.money(g.Gap)))
		}
	} else {
		s = append(s, i18n.T(l, "No roadmap has been planned yet."))
	}
	r.para(s...)
}

// nBlocks is "1 building block" or "N building blocks".
func (r *mdReport) nBlocks(n int) string {
	if n == 1 {
		return i18n.F(r.lang, "%s building block", r.count(n))
	}
	return i18n.F(r.lang, "%s building blocks", r.count(n))
}

// nMonths is "1 month" or "N months".
func (r *mdReport) nMonths(n int) string {
	if n == 1 {
		return i18n.F(r.lang, "%s month", r.count(n))
	}
	return i18n.F(r.lang, "%s months", r.count(n))
}

func (r *mdReport) scorecard() {
	l := r.lang
	r.heading(2, i18n.T(l, "Readiness score card"))
	sc, fw := r.m.Score, r.m.Framework
	o := sc.Overall
	var intro []string
	intro = append(intro, i18n.F(l, "**Overall: %s/100, %s.** %s of %s applicable indicators answered (%s%% complete).",
		r.score100(o.Score), r.band(o.Band), r.count(o.Answered), r.count(o.Applicable), r.score100(o.Completeness)))
	if o.Target != nil && o.Target.Score != nil {
		intro = append(intro, i18n.F(l, "The target is %s/100 by %s (gap %s).", r.score100(o.Target.Score), yearText(o.Target.Year), signed(o.Gap)))
	}
	r.para(intro...)
	var rows [][]string
	for _, p := range sc.Pillars {
		target := dash
		if p.Target != nil && p.Target.Score != nil {
			target = i18n.F(l, "%s by %s", r.score100(p.Target.Score), yearText(p.Target.Year))
		}
		rows = append(rows, []string{
			esc(p.Pillar.Name.In(l)), r.score100(p.Score), r.band(p.Band),
			fmt.Sprintf("%d/%d", p.Answered, p.Applicable), target, signed(p.Gap),
		})
	}
	r.table([]string{i18n.T(l, "Pillar"), i18n.T(l, "Score"), i18n.T(l, "Band"), i18n.T(l, "Answered"), i18n.T(l, "Target"), i18n.T(l, "Gap")},
		"lrlrlr", rows)
	if len(o.Unscored) > 0 {
		var names []string
		for _, id := range o.Unscored {
			if pl := fw.Pillar(id); pl != nil {
				names = append(names, pl.Name.In(l))
			} else {
				names = append(names, id)
			}
		}
		r.para(i18n.F(l, "Pillars without a score (no answers yet): %s.", escJoin(names)))
	}

	var disputed [][]string
	for _, is := range sc.Indicators {
		if !is.Disputed {
			continue
		}
		for i, a := range is.Answers.Given() {
			q := ""
			if i == 0 {
				q = esc(is.Indicator.Question.In(l))
			}
			disputed = append(disputed, []string{q, esc(r.ministry(a.By)), r.answerText(is.Indicator, a), esc(a.Evidence)})
		}
	}
	if len(disputed) > 0 {
		r.heading(3, i18n.T(l, "Disputed answers"))
		r.para(i18n.F(l, "Ministries gave answers two or more levels apart (or opposite yes/no answers) to these questions. The score uses their %s; the disagreement should be settled before targets are fixed.",
			r.aggName(fw.Aggregate)))
		r.table([]string{i18n.T(l, "Question"), i18n.T(l, "Ministry"), i18n.T(l, "Answer"), i18n.T(l, "Evidence")}, "llll", disputed)
	}
	if len(sc.Unknown) > 0 {
		r.heading(3, i18n.T(l, "Answers kept for indicators the framework no longer has"))
		r.para(i18n.F(l, "The country file answers these indicators, which %s does not have. The answers are kept in the file but not scored: %s.",
			esc(fw.Ref()), escJoin(sc.Unknown)))
	}
}

// aggName names how the framework combines several ministries' answers.
func (r *mdReport) aggName(a string) string {
	switch a {
	case assess.AggMedian:
		return i18n.T(r.lang, "median")
	case assess.AggMin:
		return i18n.T(r.lang, "lowest answer")
	case assess.AggMax:
		return i18n.T(r.lang, "highest answer")
	}
	return i18n.T(r.lang, "mean")
}

type gapRow struct {
	cells []string
	gap   *float64
	order int
}

func (r *mdReport) gaps() {
	l := r.lang
	r.heading(2, i18n.T(l, "Gaps to targets"))
	sc := r.m.Score
	var rows []gapRow
	add := func(cells []string, gap *float64) {
		rows = append(rows, gapRow{cells, gap, len(rows)})
	}
	if t := sc.Overall.Target; t != nil && t.Score != nil {
		add([]string{i18n.T(l, "Overall readiness"), r.scoreOf(sc.Overall.Score), r.scoreOf(t.Score), r.gapText(sc.Overall.Gap), yearText(t.Year)}, sc.Overall.Gap)
	}
	for _, p := range sc.Pillars {
		if p.Target == nil || p.Target.Score == nil {
			continue
		}
		add([]string{i18n.F(l, "%s (pillar)", esc(p.Pillar.Name.In(l))), r.scoreOf(p.Score), r.scoreOf(p.Target.Score), r.gapText(p.Gap), yearText(p.Target.Year)}, p.Gap)
	}
	for _, is := range sc.Indicators {
		if is.Target == nil {
			continue
		}
		add([]string{esc(is.Indicator.Question.In(l)), r.currentText(&is), r.targetText(is.Indicator, *is.Target), r.gapText(is.Gap), yearText(is.Target.Year)}, is.Gap)
	}
	if len(rows) == 0 {
		r.para(i18n.T(l, "The country file sets no targets."))
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
	r.para(i18n.T(l, "Targets set in the country file, largest gap first. Gaps are in points on the 0–100 score."))
	r.table([]string{i18n.T(l, "Target for"), i18n.T(l, "Now"), i18n.T(l, "Target"), i18n.T(l, "Gap"), i18n.T(l, "Due")}, "lllrr", cells)
}

func (r *mdReport) gates() {
	l := r.lang
	r.heading(2, i18n.T(l, "Readiness gates"))
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
				q = ind.Question.In(l)
			}
			now := i18n.T(l, "not answered")
			if g.Current != nil {
				now = r.levelText(*g.Current)
			}
			rows = append(rows, []string{esc(b.Block.Name.In(l)), esc(q), fmt.Sprint(g.Min), now, r.gateState(g.State)})
		}
	}
	if len(rows) == 0 {
		r.para(i18n.T(l, "No required building block waits for a readiness indicator."))
		return
	}
	r.para(i18n.F(l, "These building blocks should not go live before a readiness indicator reaches a minimum level (on the %d–%d scale).",
		r.m.Framework.Scale.Min, r.m.Framework.Scale.Max))
	r.table([]string{i18n.T(l, "Building block"), i18n.T(l, "Waits for"), i18n.T(l, "Minimum"), i18n.T(l, "Now"), i18n.T(l, "State")}, "llrrl", rows)
	switch {
	case met == 1:
		r.para(i18n.F(l, "%d other gate on the required blocks is already met.", met))
	case met > 1:
		r.para(i18n.F(l, "%d other gates on the required blocks are already met.", met))
	}
}

// gateState names the state of a readiness gate.
func (r *mdReport) gateState(s string) string { return esc(words.Gate(r.lang, s)) }

func (r *mdReport) services() {
	l := r.lang
	r.heading(2, i18n.T(l, "Priority services"))
	mt := r.m.Match
	if len(mt.Services) == 0 {
		r.para(i18n.T(l, "No candidate services are recorded."))
		return
	}
	r.para(i18n.T(l, "Services ranked by priority: impact (demand and impact) times feasibility (technical, financial, political), from 1 to 25."))
	var rows [][]string
	for _, s := range mt.Services {
		rows = append(rows, []string{fmt.Sprint(s.Rank), esc(s.Service.Name.In(l)), i18n.Number(l, s.Priority, 1), r.quadrant(s.Quadrant), esc(r.useCaseName(s.Service.UseCase))})
	}
	r.table([]string{"#", i18n.T(l, "Service"), i18n.T(l, "Priority"), i18n.T(l, "Quadrant"), i18n.T(l, "Use case")}, "rlrll", rows)
}

// quadrant names a service's place on the impact × feasibility grid.
func (r *mdReport) quadrant(q string) string { return esc(words.Quadrant(r.lang, q)) }

// blockStatus names what the plan does with a block: reuse, upgrade or build.
func (r *mdReport) blockStatus(s string) string { return esc(words.BlockStatus(r.lang, s)) }

// category names a block's category.
func (r *mdReport) category(c string) string { return esc(words.Category(r.lang, c)) }

// activityStatus names an activity's status as planners report it.
func (r *mdReport) activityStatus(s string) string { return esc(words.ActivityStatus(r.lang, s)) }

// evidence names how far a product's fit with GovStack specifications is shown.
func (r *mdReport) evidence(e string) string {
	switch e {
	case catalog.EvidenceSandbox:
		return i18n.T(r.lang, "sandbox")
	case catalog.EvidenceTestHarness:
		return i18n.T(r.lang, "test harness")
	case catalog.EvidenceSelfReported:
		return i18n.T(r.lang, "self-reported")
	case catalog.EvidenceNone, "":
		return i18n.T(r.lang, "none")
	}
	return esc(e)
}

func (r *mdReport) architecture() {
	l := r.lang
	r.heading(2, i18n.T(l, "Architecture"))
	r.image("architecture", i18n.T(l, "Layered architecture: services, the information mediator, building blocks and hosting"))
	r.image("dependencies", i18n.T(l, "Building blocks, their dependencies and readiness gates"))
	mt := r.m.Match
	if len(mt.UseCases) == 0 {
		r.para(i18n.T(l, "No services or use cases are recorded yet, so no building blocks are needed."))
		return
	}
	r.heading(3, i18n.T(l, "Needed use cases"))
	var rows [][]string
	for _, u := range mt.UseCases {
		var from []string
		for _, f := range u.From {
			if f == "use_cases" {
				from = append(from, i18n.T(l, "the country's list of use cases"))
			} else {
				from = append(from, esc(r.serviceName(strings.TrimPrefix(f, "service: "))))
			}
		}
		rows = append(rows, []string{r.useCaseLabel(u.UseCase), fmt.Sprint(len(u.Blocks)), strings.Join(from, ", ")})
	}
	r.table([]string{i18n.T(l, "Use case"), i18n.T(l, "Building blocks"), i18n.T(l, "Asked for by")}, "lrl", rows)
	for _, u := range mt.UseCases {
		r.image("usecase-"+countries.FileID(u.UseCase.ID), i18n.F(l, "Steps of %s and the building blocks each uses", u.UseCase.Name.In(l)))
	}

	r.heading(3, i18n.T(l, "Required building blocks"))
	n := statusCounts(mt)
	r.para(i18n.F(l, "%s: %s to reuse, %s to upgrade and %s to build.", r.nBlocks(len(mt.Blocks)), r.count(n[catalog.Reuse]), r.count(n[catalog.Upgrade]), r.count(n[catalog.Build])))
	rows = nil
	for _, b := range mt.Blocks {
		sys := dash
		if b.Inventory != nil && b.Inventory.System != "" {
			sys = esc(b.Inventory.System)
		}
		rows = append(rows, []string{esc(b.Block.Name.In(l)), r.category(b.Block.Category), r.blockStatus(b.Status), sys, r.neededBy(b.NeededBy), r.pickedProduct(&b)})
	}
	r.table([]string{i18n.T(l, "Building block"), i18n.T(l, "Category"), i18n.T(l, "Status"), i18n.T(l, "Existing system"), i18n.T(l, "Needed by"), i18n.T(l, "Top candidate product")},
		"llllll", rows)
	if mt.ReuseFactor != nil {
		f := i18n.Number(l, *mt.ReuseFactor, 2)
		r.para(i18n.F(l, "Reuse factor %s: each required building block serves %s of the needed use cases on average (1.00 would mean nothing is shared).", f, f))
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
				e = &excl{name: p.Product.Name, why: words.Reasons(l, p.Why, "; ")}
				byID[p.Product.ID] = e
				order = append(order, p.Product.ID)
			}
			e.blocks = append(e.blocks, b.Block.Name.In(l))
		}
	}
	if len(order) > 0 {
		r.heading(3, i18n.T(l, "Products excluded by the country's constraints"))
		var items []string
		for _, id := range order {
			e := byID[id]
			items = append(items, i18n.F(l, "%s (for %s): %s.", esc(e.name), escJoin(e.blocks), esc(e.why)))
		}
		r.bullets(items)
	}
}

func (r *mdReport) roadmap() {
	l := r.lang
	r.heading(2, i18n.T(l, "Roadmap"))
	p := r.m.Plan
	if p == nil {
		r.para(i18n.T(l, "No roadmap has been planned yet."))
		return
	}
	r.image("roadmap", i18n.T(l, "Roadmap network: activities, dependencies and the critical path"))
	defaults := 0
	for _, a := range p.Activities {
		if a.Basis == roadmap.BasisDefault {
			defaults++
		}
	}
	r.table([]string{i18n.T(l, "Item"), i18n.T(l, "Value")}, "lr", [][]string{
		{i18n.T(l, "Start"), r.month(p, 0)},
		{i18n.T(l, "Resources"), esc(words.Resources(l, p))},
		{i18n.T(l, "Duration"), i18n.F(l, "%s, to %s", r.nMonths(p.Duration), r.month(p, max(p.Duration-1, 0)))},
		{i18n.T(l, "Activities"), r.count(len(p.Activities))},
		{i18n.T(l, "One-off cost"), r.money(p.TotalCost)},
		{i18n.T(l, "Running cost per year, once built"), r.money(runningPerYear(p))},
	})
	for n, acts := range p.Phases() {
		var rows [][]string
		for i := range acts {
			a := &acts[i]
			name := esc(a.Name)
			if a.Status != "" {
				name += " — " + r.activityStatus(a.Status)
			}
			cost := r.amount(a.Cost)
			if a.Basis == roadmap.BasisDefault {
				cost += `\*`
			}
			crit := ""
			if a.Critical {
				crit = i18n.T(l, "yes")
			}
			span := r.month(p, a.Start)
			if end := max(a.End-1, a.Start); end != a.Start {
				span += " – " + r.month(p, end)
			}
			rows = append(rows, []string{esc(a.ID), name, esc(a.Owner), fmt.Sprint(a.Months), span, cost, esc(words.Holds(l, a)), esc(words.FixedHow(l, a)), crit})
		}
		if len(rows) == 0 {
			continue
		}
		r.heading(3, esc(words.Phase(l, p, n+1)))
		r.table([]string{i18n.T(l, "ID"), i18n.T(l, "Activity"), i18n.T(l, "Owner"), i18n.T(l, "Months"), i18n.T(l, "Start–end"),
			i18n.F(l, "Cost (%s)", esc(p.Currency)), i18n.T(l, "Holds"), i18n.T(l, "Starts when"), i18n.T(l, "Critical")}, "lllrlrllc", rows)
	}
	if len(p.Critical) > 0 {
		r.heading(3, i18n.T(l, "Critical path"))
		var chain []string
		for _, id := range p.Critical {
			link := ""
			if a := p.Activity(id); a != nil && len(chain) > 0 && a.FixedHow != roadmap.FixedByDependency && a.FixedHow != "" {
				link = "[" + esc(words.FixedKind(l, a)) + "] "
			}
			chain = append(chain, link+r.activityName(id, id))
		}
		r.para(i18n.T(l, "These activities fix the end date: a delay in any of them delays the whole plan. A link in brackets is a gate or a team or capacity that one activity frees for the next."))
		r.para(strings.Join(chain, " → "))
	}
	if defaults > 0 {
		r.para(i18n.F(l, "Figures marked \\* are illustrative defaults from govplan's cost model (%s of %s activities); replace them with local figures under costs: in the country file.",
			r.count(defaults), r.count(len(p.Activities))))
	}
}

func (r *mdReport) kpis() {
	p := r.m.Plan
	if p == nil || len(p.KPIs) == 0 {
		return
	}
	l := r.lang
	r.heading(2, i18n.T(l, "KPI timetable"))
	fw := r.m.Framework
	r.para(i18n.F(l, "Where each target stands at the end of each year if the roadmap runs as scheduled: an indicator reaches its level in the month the work that raises it ends, and the projection is scored with the framework's rules. Scores are 0–100; levels are whole levels on the %d–%d scale; other values are in the unit shown.",
		fw.Scale.Min, fw.Scale.Max))
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
	header := []string{i18n.T(l, "KPI"), i18n.T(l, "Unit"), i18n.F(l, "Now (%d)", base)}
	align := "llr"
	for _, y := range years {
		header = append(header, fmt.Sprint(y))
		align += "r"
	}
	header = append(header, i18n.T(l, "Target"), i18n.T(l, "Due"), i18n.T(l, "Status"))
	align += "rrl"
	var rows [][]string
	var open []string
	for _, k := range p.KPIs {
		label, unit := r.kpiLabel(k)
		row := []string{label, unit, r.kpiValue(k.Baseline, k.BaselineVal, k.Unit)}
		ms := map[int]roadmap.Milestone{}
		for _, mi := range k.Milestones {
			ms[mi.Year] = mi
		}
		for _, y := range years {
			if mi, ok := ms[y]; ok {
				s := mi.Score
				row = append(row, r.kpiValue(&s, mi.Value, k.Unit))
			} else {
				row = append(row, "")
			}
		}
		t := k.Target
		status := esc(words.TargetStatus(l, &k))
		if k.Status != roadmap.StatusMet {
			status = "**" + status + "**"
			open = append(open, i18n.F(l, "%s — %s: %s.", label, esc(words.TargetStatus(l, &k)), esc(words.TargetFix(l, &k))))
		}
		rows = append(rows, append(row, r.kpiValue(&t, k.TargetVal, k.Unit), fmt.Sprint(k.DueYear), status))
	}
	r.table(header, align, rows)
	if len(open) > 0 {
		r.heading(3, i18n.T(l, "Targets met late or never"))
		r.bullets(open)
	} else {
		r.para(i18n.F(l, "All %d targets are met on time.", len(p.KPIs)))
	}
}

func (r *mdReport) kpiLabel(k roadmap.KPI) (label, unit string) {
	fw := r.m.Framework
	switch k.Kind {
	case "overall":
		label = i18n.T(r.lang, "Overall readiness")
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
		unit = i18n.T(r.lang, "level")
	case k.UnitName != "" && k.TargetVal != nil:
		unit = esc(k.UnitName)
	case k.Unit != "" && k.TargetVal != nil:
		unit = esc(k.Unit)
	default:
		unit = i18n.T(r.lang, "score")
	}
	return label, unit
}

func (r *mdReport) kpiValue(score, value *float64, unit string) string {
	switch {
	case value != nil && (unit == "level" || unit == "yes/no"):
		return esc(words.KPIValue(r.lang, score, value, unit))
	case value != nil:
		return r.number(*value)
	case score != nil:
		return r.score100(score)
	}
	return dash
}

func (r *mdReport) budget() {
	p := r.m.Plan
	if p == nil {
		return
	}
	l := r.lang
	r.heading(2, i18n.T(l, "Budget and funding"))
	r.para(i18n.F(l, "Amounts in %s. One-off costs are spread evenly over each activity's months; running costs start when an activity ends.", esc(p.Currency)))
	var rows [][]string
	var t roadmap.BudgetYear
	for _, y := range p.Budget {
		rows = append(rows, []string{fmt.Sprint(y.Year), r.amount(y.OneOff), r.amount(y.Running), r.amount(y.Total), r.amount(y.Funded), r.amount(y.Unfunded)})
		t.OneOff += y.OneOff
		t.Running += y.Running
		t.Total += y.Total
		t.Funded += y.Funded
		t.Unfunded += y.Unfunded
	}
	if len(p.Budget) > 1 {
		b := func(v float64) string { return "**" + r.amount(v) + "**" }
		rows = append(rows, []string{"**" + i18n.T(l, "Total") + "**", b(t.OneOff), b(t.Running), b(t.Total), b(t.Funded), b(t.Unfunded)})
	}
	r.table([]string{i18n.T(l, "Year"), i18n.T(l, "One-off"), i18n.T(l, "Running"), i18n.T(l, "Total"), i18n.T(l, "Funded"), i18n.T(l, "Unfunded")},
		"lrrrrr", rows)

	fd := p.Funding
	if len(fd.Pledges) > 0 {
		r.para(i18n.F(l, "Funders pledged %s; %s of it meets a cost of the plan in the pledges' years. %s of the one-off cost is unfunded.", r.money(fd.Pledged), r.money(fd.Covered), r.money(fd.Gap)))
	} else {
		r.para(i18n.F(l, "No funding is pledged yet: the whole one-off cost of %s is unfunded.", r.money(p.TotalCost)))
	}
	if len(fd.Gaps) > 0 {
		r.heading(3, i18n.T(l, "Funding gaps"))
		r.para(i18n.T(l, "The activities with the largest unfunded cost."))
		var rows [][]string
		var rest float64
		for i, g := range fd.Gaps {
			if i >= 10 {
				rest += g.Gap
				continue
			}
			rows = append(rows, []string{r.activityName(g.Activity, g.Name), r.amount(g.Cost), r.amount(g.Funded), r.amount(g.Gap)})
		}
		r.table([]string{i18n.T(l, "Activity"), i18n.F(l, "Cost (%s)", esc(p.Currency)), i18n.T(l, "Funded"), i18n.T(l, "Unfunded")}, "lrrr", rows)
		switch more := len(fd.Gaps) - 10; {
		case more == 1:
			r.para(i18n.F(l, "%d more activity is unfunded, for %s in all.", more, r.money(rest)))
		case more > 1:
			r.para(i18n.F(l, "%d more activities are unfunded, for %s in all.", more, r.money(rest)))
		}
	}
	if len(fd.Duplicates) > 0 {
		r.heading(3, i18n.T(l, "Possible duplicate funding"))
		var items []string
		for _, d := range fd.Duplicates {
			items = append(items, i18n.F(l, "%s: %s pledged %s against a cost of %s.", r.activityName(d.Activity, d.Activity), r.joinAnd(d.Funders), r.money(d.Pledged), r.money(d.Cost)))
		}
		r.bullets(items)
	}
	if len(fd.TimingUnused) > 0 {
		r.heading(3, i18n.T(l, "Pledges the timing cannot use"))
		var items []string
		for _, t := range fd.TimingUnused {
			items = append(items, esc(words.TimingUnused(l, t, r.money(t.Amount)))+".")
		}
		r.bullets(items)
	}
	if len(fd.Unneeded) > 0 {
		r.heading(3, i18n.T(l, "Pledges to things the plan does not need"))
		var items []string
		for _, u := range fd.Unneeded {
			target := u.Target
			if b := r.m.Catalog.Block(u.Target); b != nil {
				target = b.Name.In(l)
			}
			items = append(items, i18n.F(l, "%s pledged %s to %s: %s.", esc(u.Funder), r.money(u.Amount), esc(target), esc(words.Unneeded(l, u))))
		}
		r.bullets(items)
	}
	if s := p.Shared; s.Siloed > 0 {
		r.heading(3, i18n.T(l, "Shared versus siloed"))
		r.para(i18n.F(l, "Building each required block once and sharing it across the use cases costs %s (build or upgrade, plus integration). If every use case built its own, it would cost at most %s: sharing saves up to %s. The siloed figure is an upper bound: a silo would not build every shared layer.",
			r.money(s.Shared), r.money(s.Siloed), r.money(s.Savings)))
	}
}

func (r *mdReport) footer() {
	r.b.WriteString("---\n\n")
	d := r.m.Doc
	name := d.Name
	if d.Path != "" {
		name = filepath.Base(d.Path)
	}
	lines := []string{i18n.F(r.lang, "Generated by govplan from %s.", esc(name))}
	if r.f.Country.Fictional {
		lines = append(lines, i18n.F(r.lang, "%s is a fictional sample: its name, people, laws, systems, figures and funders are invented.", esc(r.f.Country.Name)))
	}
	r.para(lines...)
}

// --- pieces ------------------------------------------------------------------------------

func (r *mdReport) band(b *assess.Band) string {
	if b == nil {
		return dash
	}
	return esc(b.Name.In(r.lang))
}

func (r *mdReport) ministry(id string) string {
	if id == "" {
		return dash
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
		return r.amount(v)
	}
	return r.amount(v) + " " + esc(r.cur)
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

// serviceName is a service's name in the report's language, from its English name.
func (r *mdReport) serviceName(en string) string {
	for _, s := range r.m.Match.Services {
		if s.Service.Name.String() == en {
			return s.Service.Name.In(r.lang)
		}
	}
	return en
}

func (r *mdReport) useCaseLabel(u *catalog.UseCase) string {
	if u.Custom {
		return i18n.F(r.lang, "%s (defined by the country)", esc(u.Name.In(r.lang)))
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
		return i18n.F(r.lang, "all %d use cases", n)
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

// pickedProduct is the country's choice for the block when it made one, else the top-ranked
// product.
func (r *mdReport) pickedProduct(rb *catalog.RequiredBlock) string {
	l := r.lang
	if rb.Chosen == catalog.Undecided {
		return i18n.T(l, "undecided (the country has not chosen yet)")
	}
	if p, chosen := rb.Pick(); chosen {
		return i18n.F(l, "%s (chosen)", r.topProduct([]catalog.RankedProduct{*p}))
	}
	return r.topProduct(rb.Products)
}

func (r *mdReport) topProduct(ps []catalog.RankedProduct) string {
	l := r.lang
	if len(ps) == 0 {
		return i18n.T(l, "none in the catalog")
	}
	for _, rp := range ps {
		if rp.Excluded {
			continue
		}
		p := rp.Product
		lic := esc(p.Licence)
		if p.Licence == "" {
			lic = i18n.T(l, "unknown")
		}
		if !p.LicenceVerified {
			lic = i18n.F(l, "%s, unverified", lic)
		}
		ev := r.evidence(p.Evidence)
		if p.Evidence != "" && p.Evidence != catalog.EvidenceNone && !p.EvidenceVerified {
			ev = i18n.F(l, "%s, unverified", ev)
		}
		return i18n.F(l, "%s (licence %s; evidence: %s)", esc(p.Name), lic, ev)
	}
	return i18n.T(l, "none that fits the constraints")
}

// answerText shows one answer as people read it.
func (r *mdReport) answerText(ind *assess.Indicator, a assess.Answer) string {
	fw := r.m.Framework
	switch {
	case a.NA:
		return i18n.T(r.lang, "n/a")
	case a.Level != nil:
		if n := fw.LevelName(*a.Level, r.lang); n != "" {
			return fmt.Sprintf("%d %s", *a.Level, esc(n))
		}
		return fmt.Sprint(*a.Level)
	case a.Value != nil && a.Value.IsBool:
		return words.YesNo(r.lang, a.Value.Bool)
	case a.Value != nil:
		return withUnit(r.number(a.Value.Num), ind.Unit.In(r.lang))
	}
	return i18n.T(r.lang, "not answered")
}

// currentText is an indicator's current state in its own terms: a level, yes/no, or a value.
func (r *mdReport) currentText(is *assess.IndicatorScore) string {
	if is.Status != assess.StatusAnswered || is.Score == nil {
		if is.Status == assess.StatusNA {
			return i18n.T(r.lang, "n/a")
		}
		return i18n.T(r.lang, "not answered")
	}
	ind := is.Indicator
	switch ind.Kind {
	case assess.KindLevel:
		return r.levelWithName(*is.Level)
	case assess.KindYesNo:
		switch *is.Score {
		case 1:
			return words.YesNo(r.lang, true)
		case 0:
			return words.YesNo(r.lang, false)
		}
		return r.scoreOf(is.Score)
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
			return withUnit(r.number(sum/float64(n)), ind.Unit.In(r.lang))
		}
	}
	return r.scoreOf(is.Score)
}

func (r *mdReport) targetText(ind *assess.Indicator, t assess.Target) string {
	switch {
	case t.Level != nil:
		return r.levelWithName(float64(*t.Level))
	case t.Value != nil && t.Value.IsBool:
		return words.YesNo(r.lang, t.Value.Bool)
	case t.Value != nil:
		return withUnit(r.number(t.Value.Num), ind.Unit.In(r.lang))
	}
	return dash
}

func (r *mdReport) levelWithName(l float64) string {
	if l == math.Trunc(l) {
		if n := r.m.Framework.LevelName(int(l), r.lang); n != "" {
			return fmt.Sprintf("%.0f %s", l, esc(n))
		}
	}
	return r.levelText(l)
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

// month names the month offset months after the plan's start ("April 2026").
func (r *mdReport) month(p *roadmap.Plan, offset int) string {
	return i18n.Month(r.lang, p.Month(offset))
}

func yearText(y int) string {
	if y == 0 {
		return dash
	}
	return fmt.Sprint(y)
}

// score100 shows a 0..1 score as 0–100 without decimals; "–" for none.
func (r *mdReport) score100(s *float64) string {
	if s == nil {
		return dash
	}
	return i18n.Int(r.lang, *s*100)
}

func (r *mdReport) scoreOf(s *float64) string {
	if s == nil {
		return dash
	}
	return r.score100(s) + "/100"
}

// signed shows a gap as a signed 0–100 difference.
func signed(s *float64) string {
	if s == nil {
		return dash
	}
	v := math.Round(*s * 100)
	if v > 0 {
		return fmt.Sprintf("+%.0f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// gapText is a signed gap, or "met" when there is nothing left to close.
func (r *mdReport) gapText(s *float64) string {
	if s != nil && math.Round(*s*100) <= 0 {
		return i18n.T(r.lang, "met")
	}
	return signed(s)
}

// levelText is a level: whole levels without decimals, others with one.
func (r *mdReport) levelText(l float64) string {
	if l == math.Trunc(l) {
		return fmt.Sprintf("%.0f", l)
	}
	return i18n.Number(r.lang, l, 1)
}

// count is a whole number with the language's thousands separator.
func (r *mdReport) count(n int) string { return i18n.Int(r.lang, float64(n)) }

// amount is money rounded to whole units with thousands separators.
func (r *mdReport) amount(v float64) string { return i18n.Int(r.lang, v) }

// number shows a value with at most one decimal and thousands separators.
func (r *mdReport) number(v float64) string {
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) {
		return i18n.Number(r.lang, v, 0)
	}
	return i18n.Number(r.lang, v, 1)
}

// joinAnd joins names as a sentence does: "A, B and C".
func (r *mdReport) joinAnd(list []string) string {
	esced := make([]string, len(list))
	for i, s := range list {
		esced[i] = esc(s)
	}
	if len(esced) <= 1 {
		return strings.Join(esced, "")
	}
	return i18n.F(r.lang, "%s and %s", strings.Join(esced[:len(esced)-1], ", "), esced[len(esced)-1])
}

func escJoin(list []string) string {
	esced := make([]string, len(list))
	for i, s := range list {
		esced[i] = esc(s)
	}
	return strings.Join(esced, ", ")
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
