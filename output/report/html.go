package report

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// HTMLOptions say what the HTML report is made with.
type HTMLOptions struct {
	// Diagrams holds drawn diagrams as SVG, by export name ("architecture",
	// "usecase-inst-1"); a missing one is left out with a note.
	Diagrams map[string][]byte
	// Generated is the date printed in the running header (zero: today).
	Generated time.Time
	// Version is govplan's version for the header and footer.
	Version string
	// ForPDF leaves the running header and footer to the PDF printer (which numbers pages)
	// instead of CSS page-margin boxes.
	ForPDF bool
}

// HTML renders the model as one self-contained HTML document that prints on A4: an executive
// page, then the score, gates, architecture, roadmap, KPIs, budget, funding, methodology,
// assumptions and the use-case diagrams. It loads nothing and needs no script; every
// text from a file is escaped.
func HTML(m *countries.Model, lang string, opt HTMLOptions) []byte {
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	md := &mdReport{m: m, lang: lang, f: m.Doc.File}
	if m.Plan != nil {
		md.cur = m.Plan.Currency
	}
	r := &htmlReport{md: md, m: m, l: lang, opt: opt}
	r.document()
	return r.b.Bytes()
}

type htmlReport struct {
	b   bytes.Buffer
	md  *mdReport // number, date and money formatting shared with the Markdown report
	m   *countries.Model
	l   string
	opt HTMLOptions
	fig int
}

// e escapes text for HTML.
func e(s string) string { return html.EscapeString(s) }

func (r *htmlReport) w(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

func (r *htmlReport) p(s string) {
	if s != "" {
		r.w("<p>%s</p>\n", s)
	}
}

// table writes a table with a caption; cells are HTML already. num marks right-aligned
// (numeric) columns by index.
func (r *htmlReport) table(caption string, header []string, num string, rows [][]string) {
	r.w(`<table>`)
	if caption != "" {
		r.w(`<caption>%s</caption>`, caption)
	}
	r.w(`<thead><tr>`)
	for i, h := range header {
		r.w(`<th scope="col"%s>%s</th>`, r.align(num, i), h)
	}
	r.w("</tr></thead>\n<tbody>\n")
	for _, row := range rows {
		r.w("<tr>")
		for i, c := range row {
			if i == 0 {
				r.w(`<th scope="row">%s</th>`, c)
				continue
			}
			r.w(`<td%s>%s</td>`, r.align(num, i), c)
		}
		r.w("</tr>\n")
	}
	r.w("</tbody></table>\n")
}

func (r *htmlReport) align(num string, i int) string {
	if i < len(num) && num[i] == 'r' {
		return ` class="num"`
	}
	return ""
}

// section opens a top-level section that starts a new printed page.
func (r *htmlReport) section(id, title string) {
	r.w("<section id=\"%s\" class=\"page\">\n<h2>%s</h2>\n", id, title)
}

func (r *htmlReport) end() { r.w("</section>\n") }

// figure wraps an SVG with a caption.
func (r *htmlReport) figure(svg, caption string) {
	r.w("<figure>%s<figcaption>%s</figcaption></figure>\n", svg, caption)
}

// --- the document ------------------------------------------------------------------------

func (r *htmlReport) document() {
	f := r.m.Doc.File
	title := i18n.F(r.l, "%s: digital government readiness and roadmap", e(f.Country.Name))
	running := r.runningText()
	r.w(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govplan %s">
<title>%s</title>
<style>%s`, e(r.l), e(r.opt.Version), stripTags(title), reportCSS)
	if !r.opt.ForPDF {
		r.w(`@page { @top-left { content: "%s"; font: 8pt sans-serif; color: #333; } @bottom-right { content: "%s " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #333; } }`,
			cssString(running), cssString(i18n.T(r.l, "page")))
	}
	r.w("</style>\n</head>\n<body>\n")
	r.w(`<header class="running"><span>%s</span></header>`+"\n", e(running))
	r.w("<main>\n")
	r.executive(title)
	r.pillars()
	r.scores()
	r.unanswered()
	r.gates()
	r.architecture()
	r.roadmap()
	r.kpis()
	r.budget()
	r.funding()
	r.shared()
	r.methodology()
	r.assumptions()
	r.appendix()
	r.w("</main>\n")
	r.w(`<footer class="colophon"><p>%s</p></footer>`+"\n", r.colophon())
	r.w("</body>\n</html>\n")
}

// runningText is the line printed at the top of every page: country, date, govplan version.
func (r *htmlReport) runningText() string {
	f := r.m.Doc.File
	v := r.opt.Version
	if v == "" {
		v = "dev"
	}
	return i18n.F(r.l, "%s · %s · govplan %s", f.Country.Name, i18n.Date(r.l, r.opt.Generated), v)
}

// RunningText is the line the PDF printer repeats at the top of each page.
func RunningText(m *countries.Model, lang string, opt HTMLOptions) string {
	r := &htmlReport{m: m, l: lang, opt: opt}
	if r.opt.Generated.IsZero() {
		r.opt.Generated = time.Now()
	}
	return r.runningText()
}

func (r *htmlReport) colophon() string {
	d := r.m.Doc
	name := d.Name
	if d.Path != "" {
		name = baseName(d.Path)
	}
	s := i18n.F(r.l, "Generated by govplan from %s.", e(name))
	if r.m.Doc.File.Country.Fictional {
		s += " " + i18n.F(r.l, "%s is a fictional sample: its name, people, laws, systems, figures and funders are invented.", e(r.m.Doc.File.Country.Name))
	}
	return s
}

// --- executive page -----------------------------------------------------------------------

func (r *htmlReport) executive(title string) {
	f, sc, mt, p := r.m.Doc.File, r.m.Score, r.m.Match, r.m.Plan
	r.w("<section id=\"executive\" class=\"exec\">\n<h1>%s</h1>\n", title)
	date := dash
	if t := f.Assessment.Time(); !t.IsZero() {
		date = i18n.Date(r.l, t)
	}
	r.w(`<p class="sub">%s</p>`+"\n", i18n.F(r.l, "Assessed on %[1]s with the framework %[2]s (%[3]s).", e(date), e(r.m.Framework.Ref()), e(r.m.Framework.Name.In(r.l))))
	r.w(`<h2>%s</h2>`+"\n", e(i18n.T(r.l, "Executive summary")))

	o := sc.Overall
	var kv [][2]string
	kv = append(kv, [2]string{e(i18n.T(r.l, "Readiness score")), i18n.F(r.l, "%s out of 100", r.md.score100(o.Score))})
	kv = append(kv, [2]string{e(i18n.T(r.l, "Band")), e(r.bandName(o.Band))})
	kv = append(kv, [2]string{e(i18n.T(r.l, "Completeness")), i18n.F(r.l, "%s of %s indicators answered (%s%%)", r.md.count(o.Answered), r.md.count(o.Applicable), r.md.score100(o.Completeness))})
	n := statusCounts(mt)
	kv = append(kv, [2]string{e(i18n.T(r.l, "Building blocks")), i18n.F(r.l, "%s to reuse, %s to upgrade, %s to build", r.md.count(n[catalog.Reuse]), r.md.count(n[catalog.Upgrade]), r.md.count(n[catalog.Build]))})
	if p != nil {
		kv = append(kv, [2]string{e(i18n.T(r.l, "Plan length")), i18n.F(r.l, "%s, %s to %s", e(r.md.nMonths(p.Duration)), e(r.md.month(p, 0)), e(r.md.month(p, max(p.Duration-1, 0))))})
		cost := e(r.md.money(p.TotalCost))
		if illustrative(p) {
			cost += " <em>" + e(i18n.T(r.l, "(illustrative default costs)")) + "</em>"
		}
		kv = append(kv, [2]string{e(i18n.T(r.l, "One-off cost")), cost})
		kv = append(kv, [2]string{e(i18n.T(r.l, "Unfunded")), e(r.md.money(p.Funding.Gap))})
		late, never := r.lateTargets()
		kv = append(kv, [2]string{e(i18n.T(r.l, "Targets met late")), i18n.F(r.l, "%s late, %s never within the plan", r.md.count(late), r.md.count(never))})
	}
	r.w(`<dl class="keyfigures">`)
	for _, x := range kv {
		r.w(`<div><dt>%s</dt><dd>%s</dd></div>`, x[0], x[1])
	}
	r.w("</dl>\n")

	if gaps := r.topGaps(3); len(gaps) > 0 {
		r.w(`<h3>%s</h3><ol class="gaps">`, e(i18n.T(r.l, "Top gaps")))
		for _, g := range gaps {
			r.w("<li>%s</li>", g)
		}
		r.w("</ol>\n")
	}
	r.w(`<h3>%s</h3><ol class="decisions">`, e(i18n.T(r.l, "Three decisions for the room")))
	for _, d := range r.decisions() {
		r.w("<li>%s</li>", d)
	}
	r.w("</ol>\n")
	if p != nil && illustrative(p) {
		r.w(`<p class="caveat" role="note">%s</p>`, r.illustrativeNote())
	}
	r.end()
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

func (r *htmlReport) illustrativeNote() string {
	return e(i18n.T(r.l, "Costs marked illustrative come from govplan's default cost model, not from local quotes: replace them under costs: in the country file before budgeting."))
}

// topGaps lists the largest gaps to a pillar or overall target, else the weakest pillars.
func (r *htmlReport) topGaps(n int) []string {
	sc := r.m.Score
	type g struct {
		text string
		v    float64
	}
	var gs []g
	for _, p := range sc.Pillars {
		if p.Gap != nil && *p.Gap > 0.005 {
			gs = append(gs, g{i18n.F(r.l, "%s: %s now, target %s by %s", e(p.Pillar.Name.In(r.l)), r.md.scoreOf(p.Score), r.md.scoreOf(p.Target.Score), yearText(p.Target.Year)), *p.Gap})
		}
	}
	for _, is := range sc.Indicators {
		if is.Gap != nil && *is.Gap > 0.005 && is.Target != nil {
			gs = append(gs, g{i18n.F(r.l, "%s: %s now, target %s by %s", e(is.Indicator.Label(r.l)), e(stripMD(r.md.currentText(&is))), e(stripMD(r.md.targetText(is.Indicator, *is.Target))), yearText(is.Target.Year)), *is.Gap})
		}
	}
	if len(gs) == 0 {
		for _, p := range sc.Pillars {
			if p.Score != nil {
				gs = append(gs, g{i18n.F(r.l, "%s: %s, the weakest areas", e(p.Pillar.Name.In(r.l)), r.md.scoreOf(p.Score)), 1 - *p.Score})
			}
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].v > gs[j].v })
	var out []string
	for i := 0; i < len(gs) && i < n; i++ {
		out = append(out, gs[i].text)
	}
	return out
}

// decisions are the three choices the model puts before the room, most pressing first.
func (r *htmlReport) decisions() []string {
	sc, mt, p := r.m.Score, r.m.Match, r.m.Plan
	var ds []string
	disputed := 0
	for _, is := range sc.Indicators {
		if is.Disputed {
			disputed++
		}
	}
	if disputed > 0 {
		ds = append(ds, i18n.N(r.l, "Settle the %d disputed answers before targets are fixed.", disputed))
	}
	for _, b := range mt.Blocks {
		for _, g := range b.GatedBy {
			if g.State == assess.GateMet {
				continue
			}
			q := g.Indicator
			if ind := r.m.Framework.Indicator(g.Indicator); ind != nil {
				q = ind.Label(r.l)
			}
			ds = append(ds, i18n.F(r.l, "Decide who raises %s to level %d, so that %s can go live.", e(q), g.Min, e(b.Block.Name.In(r.l))))
			break
		}
		if len(ds) > 0 && strings.Contains(ds[len(ds)-1], e(b.Block.Name.In(r.l))) {
			break
		}
	}
	if p != nil {
		if late, never := r.lateTargets(); late+never > 0 {
			ds = append(ds, i18n.N(r.l, "Accept that %d targets will be met late or not at all, or add delivery teams (now %d) or move their due years.", late+never, p.Workstreams))
		}
		if gs := p.Funding.Gaps; len(gs) > 0 {
			ds = append(ds, i18n.F(r.l, "Find funding for %s; the largest gap is %s (%s).", e(r.md.money(p.Funding.Gap)), r.actName(gs[0].Activity, gs[0].Name), e(r.md.money(gs[0].Gap))))
		}
		if len(p.Funding.Duplicates) > 0 {
			d := p.Funding.Duplicates[0]
			ds = append(ds, i18n.F(r.l, "Agree which funder pays for %s: %s pledged to the same cost.", r.actName(d.Activity, d.Activity), e(strings.Join(d.Funders, ", "))))
		}
	}
	if len(mt.Services) > 0 {
		ds = append(ds, i18n.F(r.l, "Confirm %s as the first service to pilot.", e(mt.Services[0].Service.Name.In(r.l))))
	}
	if un := sc.Overall.Applicable - sc.Overall.Answered; un > 0 {
		ds = append(ds, i18n.N(r.l, "Answer the %d open indicators, so the score rests on the whole framework.", un))
	}
	if p != nil && illustrative(p) {
		ds = append(ds, e(i18n.T(r.l, "Replace the illustrative costs with local figures before budgeting.")))
	}
	if len(ds) > 3 {
		ds = ds[:3]
	}
	return ds
}

// lateTargets counts KPI targets the schedule meets late and those it never meets.
func (r *htmlReport) lateTargets() (late, never int) {
	if r.m.Plan == nil {
		return 0, 0
	}
	for _, k := range r.m.Plan.KPIs {
		switch st, _ := kpiStatus(r.m.Plan, k); st {
		case kpiLate:
			late++
		case kpiNever:
			never++
		}
	}
	return late, never
}

// --- readiness ----------------------------------------------------------------------------

func (r *htmlReport) pillars() {
	sc := r.m.Score
	r.section("pillars", e(i18n.T(r.l, "Readiness by pillar")))
	o := sc.Overall
	r.p(i18n.F(r.l, "Overall: %s/100, %s. %s of %s applicable indicators answered (%s%% complete).",
		r.md.score100(o.Score), e(r.bandName(o.Band)), r.md.count(o.Answered), r.md.count(o.Applicable), r.md.score100(o.Completeness)))
	var rows []pillarBar
	for _, p := range sc.Pillars {
		b := pillarBar{label: p.Pillar.Name.In(r.l), score: p.Score, value: r.md.score100(p.Score)}
		if p.Band != nil {
			b.band = p.Band.Name.In(r.l)
		}
		if p.Target != nil && p.Target.Score != nil {
			b.target = p.Target.Score
			b.targetText = i18n.F(r.l, "target %s by %s", r.md.score100(p.Target.Score), yearText(p.Target.Year))
		}
		rows = append(rows, b)
	}
	r.fig++
	title := i18n.T(r.l, "Readiness score by pillar, 0–100, with targets")
	r.figure(pillarChart("chart-pillars", title, i18n.T(r.l, "One bar per pillar; the number and band word follow each bar; a diamond marks the target."), rows,
		i18n.T(r.l, "score now"), i18n.T(r.l, "target")), e(title))
	var trows [][]string
	for _, p := range sc.Pillars {
		target := dash
		if p.Target != nil && p.Target.Score != nil {
			target = i18n.F(r.l, "%s by %s", r.md.score100(p.Target.Score), yearText(p.Target.Year))
		}
		trows = append(trows, []string{e(p.Pillar.Name.In(r.l)), r.md.score100(p.Score), e(r.bandName(p.Band)), fmt.Sprintf("%d/%d", p.Answered, p.Applicable), target, signed(p.Gap)})
	}
	r.table("", []string{e(i18n.T(r.l, "Pillar")), e(i18n.T(r.l, "Score")), e(i18n.T(r.l, "Band")), e(i18n.T(r.l, "Answered")), e(i18n.T(r.l, "Target")), e(i18n.T(r.l, "Gap"))}, "lrlrlr", trows)
	r.end()
}

func (r *htmlReport) scores() {
	sc, fw := r.m.Score, r.m.Framework
	r.section("scores", e(i18n.T(r.l, "Scores, confidence and evidence")))
	r.p(i18n.F(r.l, "Each answered indicator with its score (0–100), the confidence the room gave it and the evidence cited. Answers marked ⚑ are disputed: ministries gave answers two or more levels apart, and the score uses their %s.", e(r.md.aggName(fw.Aggregate))))
	for _, pl := range sc.Pillars {
		var rows [][]string
		for _, is := range sc.Indicators {
			if is.Pillar != pl.Pillar.ID || is.Status != assess.StatusAnswered {
				continue
			}
			var conf, ev, ans []string
			for _, a := range is.Answers.Given() {
				if a.Confidence != "" {
					conf = append(conf, words.Confidence(r.l, a.Confidence))
				}
				if a.Evidence != "" {
					ev = append(ev, a.Evidence)
				}
				t := stripMD(r.md.answerText(is.Indicator, a))
				if a.By != "" && len(is.Answers.Given()) > 1 {
					t += " (" + r.md.ministry(a.By) + ")"
				}
				ans = append(ans, t)
			}
			name := e(is.Indicator.Label(r.l))
			if is.Disputed {
				name = `<span class="flag">⚑ ` + e(i18n.T(r.l, "disputed")) + `</span> ` + name
			}
			rows = append(rows, []string{name, e(strings.Join(ans, "; ")), r.md.score100(is.Score), e(strings.Join(uniq(conf), ", ")), e(strings.Join(ev, "; "))})
		}
		if len(rows) == 0 {
			continue
		}
		r.w("<h3>%s</h3>\n", e(pl.Pillar.Name.In(r.l)))
		r.table("", []string{e(i18n.T(r.l, "Indicator")), e(i18n.T(r.l, "Answer")), e(i18n.T(r.l, "Score")), e(i18n.T(r.l, "Confidence")), e(i18n.T(r.l, "Evidence"))}, "llrll", rows)
	}
	r.end()
}

func (r *htmlReport) unanswered() {
	sc := r.m.Score
	r.section("unanswered", e(i18n.T(r.l, "Unanswered indicators")))
	var rows [][]string
	for _, is := range sc.Indicators {
		if is.Status != assess.StatusUnanswered {
			continue
		}
		pl := is.Pillar
		if p := r.m.Framework.Pillar(is.Pillar); p != nil {
			pl = p.Name.In(r.l)
		}
		rows = append(rows, []string{e(is.Indicator.Label(r.l)), e(pl), e(is.Indicator.Question.In(r.l))})
	}
	if len(rows) == 0 {
		r.p(e(i18n.T(r.l, "Every applicable indicator is answered.")))
	} else {
		r.p(i18n.N(r.l, "%d indicators have no answer yet. They are left out of the score, not counted as zero, and lower completeness.", len(rows)))
		r.table("", []string{e(i18n.T(r.l, "Indicator")), e(i18n.T(r.l, "Pillar")), e(i18n.T(r.l, "Question"))}, "lll", rows)
	}
	r.end()
}

func (r *htmlReport) gates() {
	r.section("gates", e(i18n.T(r.l, "Readiness gates")))
	var rows [][]string
	for _, b := range r.m.Match.Blocks {
		for _, g := range b.GatedBy {
			q := g.Indicator
			if ind := r.m.Framework.Indicator(g.Indicator); ind != nil {
				q = ind.Label(r.l)
			}
			now := e(i18n.T(r.l, "not answered"))
			if g.Current != nil {
				now = r.md.levelText(*g.Current)
			}
			mark := "✓ "
			if g.State != assess.GateMet {
				mark = "✗ "
			}
			rows = append(rows, []string{e(b.Block.Name.In(r.l)), e(q), fmt.Sprint(g.Min), now, mark + e(words.Gate(r.l, g.State))})
		}
	}
	if len(rows) == 0 {
		r.p(e(i18n.T(r.l, "No required building block waits for a readiness indicator.")))
	} else {
		r.p(i18n.F(r.l, "These building blocks should not go live before a readiness indicator reaches a minimum level (on the %d–%d scale).", r.m.Framework.Scale.Min, r.m.Framework.Scale.Max))
		r.table("", []string{e(i18n.T(r.l, "Building block")), e(i18n.T(r.l, "Waits for")), e(i18n.T(r.l, "Minimum")), e(i18n.T(r.l, "Now")), e(i18n.T(r.l, "State"))}, "llrrl", rows)
	}
	r.end()
}

// --- architecture -------------------------------------------------------------------------

func (r *htmlReport) architecture() {
	mt := r.m.Match
	r.section("architecture", e(i18n.T(r.l, "Architecture")))
	r.diagram("architecture", e(i18n.T(r.l, "Layered architecture: services, the information mediator, building blocks and hosting")))
	var rows [][]string
	for _, b := range mt.Blocks {
		sys := dash
		if b.Inventory != nil && b.Inventory.System != "" {
			sys = e(b.Inventory.System)
		}
		rows = append(rows, []string{e(b.Block.Name.In(r.l)), e(words.BlockStatus(r.l, b.Status)), sys, e(stripMD(r.md.neededBy(b.NeededBy))), e(stripMD(r.md.topProduct(b.Products)))})
	}
	if len(rows) > 0 {
		r.table("", []string{e(i18n.T(r.l, "Building block")), e(i18n.T(r.l, "Status")), e(i18n.T(r.l, "Existing system")), e(i18n.T(r.l, "Needed by")), e(i18n.T(r.l, "Top candidate product"))}, "lllll", rows)
	}
	r.end()
}

var svgProlog = regexp.MustCompile(`(?s)^.*?(<svg\b)`)
var svgOpen = regexp.MustCompile(`(?s)<svg\b[^>]*>`)

// diagram inlines a drawn diagram with a title; the caption says when it is missing.
func (r *htmlReport) diagram(name, caption string) {
	svg, ok := r.opt.Diagrams[name]
	if !ok || len(svg) == 0 {
		// A framed placeholder where the picture would be, saying why and what to do; never
		// an empty or broken image.
		r.figure(`<div class="diagram-missing" role="img" aria-label="`+stripTags(caption)+`"><strong>`+
			e(i18n.T(r.l, "Diagram not drawn"))+`</strong><br>`+
			e(i18n.T(r.l, "Graphviz was not installed on the computer that wrote this report. Install it (winget install graphviz / brew install graphviz / apt install graphviz) and write the report again."))+
			`</div>`, caption)
		return
	}
	s := svgProlog.ReplaceAllString(string(svg), "$1")
	// Graphviz writes HTML comments and a <title> per node; give the whole drawing a title
	// and let it scale to the page.
	s = regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAllString(s, "")
	loc := svgOpen.FindStringIndex(s)
	if loc == nil {
		return
	}
	open := s[loc[0]:loc[1]]
	open = regexp.MustCompile(`\s(width|height)="[^"]*"`).ReplaceAllString(open, "")
	open = strings.Replace(open, "<svg", `<svg role="img" class="diagram"`, 1)
	s = open + "<title>" + stripTags(caption) + "</title>" + s[loc[1]:]
	r.figure(s, caption)
}

// --- roadmap ------------------------------------------------------------------------------

// phaseOf is the phase of an activity: the plan year it starts in, 1-based.
func phaseOf(a roadmap.Activity) int {
	if a.Phase > 0 {
		return a.Phase
	}
	return a.Start/12 + 1
}

func (r *htmlReport) roadmap() {
	p := r.m.Plan
	r.section("roadmap", e(i18n.T(r.l, "Roadmap")))
	if p == nil {
		r.p(e(i18n.T(r.l, "No roadmap has been planned yet.")))
		r.end()
		return
	}
	r.p(i18n.F(r.l, "%s activities over %s, from %s to %s, with %d delivery teams. Bars are quarters; ◆ and hatching mark the critical path.",
		r.md.count(len(p.Activities)), e(r.md.nMonths(p.Duration)), e(r.md.month(p, 0)), e(r.md.month(p, max(p.Duration-1, 0))), p.Workstreams))
	phases := map[int][]roadmap.Activity{}
	var order []int
	for _, a := range p.Activities {
		ph := phaseOf(a)
		if _, ok := phases[ph]; !ok {
			order = append(order, ph)
		}
		phases[ph] = append(phases[ph], a)
	}
	sort.Ints(order)
	quarter := func(q int) string {
		t := p.Month(q * 3)
		return i18n.F(r.l, "Q%d %d", (int(t.Month())-1)/3+1, t.Year())
	}
	legend := []string{i18n.T(r.l, "critical path (◆, hatched)")}
	for _, ph := range order {
		acts := phases[ph]
		const chunk = 34
		for i := 0; i < len(acts); i += chunk {
			part := acts[i:min(i+chunk, len(acts))]
			var rows []ganttRow
			for _, a := range part {
				note := r.md.month(p, a.Start)
				if a.End-1 > a.Start {
					note += " – " + r.md.month(p, a.End-1)
				}
				if a.Status != "" {
					note += " · " + words.ActivityStatus(r.l, a.Status)
				}
				rows = append(rows, ganttRow{label: a.Name, start: a.Start, end: a.End, kind: a.Kind, critical: a.Critical, note: note})
			}
			title := words.Phase(r.l, p, ph)
			if i > 0 {
				title += " " + i18n.T(r.l, "(continued)")
			}
			r.w(`<h3 class="phase">%s</h3>`, e(title))
			r.figure(ganttChart(fmt.Sprintf("gantt-%d-%d", ph, i), title, i18n.T(r.l, "One bar per activity on a quarter axis."), rows, p.Duration, quarter, legend), e(title))
			var trows [][]string
			for _, a := range part {
				cost := e(r.md.amount(a.Cost))
				if a.Basis == roadmap.BasisDefault && a.Cost > 0 {
					cost += "*"
				}
				span := e(r.md.month(p, a.Start))
				if a.End-1 > a.Start {
					span += " – " + e(r.md.month(p, a.End-1))
				}
				name := e(a.Name)
				if a.Critical {
					name = "◆ " + name
				}
				status := dash
				if a.Status != "" {
					status = e(words.ActivityStatus(r.l, a.Status))
				}
				trows = append(trows, []string{name, e(r.ownerName(a.Owner)), span, cost, status})
			}
			r.table("", []string{e(i18n.T(r.l, "Activity")), e(i18n.T(r.l, "Owner")), e(i18n.T(r.l, "When")), i18n.F(r.l, "Cost (%s)", e(p.Currency)), e(i18n.T(r.l, "Status"))}, "lllrl", trows)
		}
	}
	if illustrative(p) {
		r.w(`<p class="caveat" role="note">* %s</p>`, r.illustrativeNote())
	}
	r.end()
}

func (r *htmlReport) ownerName(id string) string {
	if id == "" {
		return dash
	}
	return r.md.ministry(id)
}

func (r *htmlReport) actName(id, fallback string) string {
	if p := r.m.Plan; p != nil {
		if a := p.Activity(id); a != nil && a.Name != "" {
			return e(a.Name)
		}
	}
	return e(fallback)
}

// KPI states shown in the report.
const (
	kpiMet   = "met"
	kpiLate  = "late"
	kpiNever = "never"
)

// kpiStatus says whether the schedule reaches a KPI's target by its due year: met, late (with
// the months late) or never within the plan, as the plan projects it.
func kpiStatus(p *roadmap.Plan, k roadmap.KPI) (string, int) {
	switch k.Status {
	case roadmap.StatusLate:
		return kpiLate, k.LateMonths
	case roadmap.StatusNever:
		return kpiNever, 0
	}
	return kpiMet, 0
}

func (r *htmlReport) kpis() {
	p := r.m.Plan
	r.section("kpis", e(i18n.T(r.l, "KPI timetable")))
	if p == nil || len(p.KPIs) == 0 {
		r.p(e(i18n.T(r.l, "The country file sets no targets.")))
		r.end()
		return
	}
	r.p(e(i18n.T(r.l, "Where each target stands at the end of each plan year, as the schedule projects it: ✓ met by its due year, ⚠ met late, ✗ not met within the plan.")))
	set := map[int]bool{}
	for _, k := range p.KPIs {
		for _, ms := range k.Milestones {
			set[ms.Year] = true
		}
	}
	var years []int
	for y := range set {
		years = append(years, y)
	}
	sort.Ints(years)
	header := []string{e(i18n.T(r.l, "KPI")), e(i18n.T(r.l, "Now")), e(i18n.T(r.l, "Target")), e(i18n.T(r.l, "Due"))}
	num := "lrrr"
	for _, y := range years {
		header = append(header, fmt.Sprint(y))
		num += "r"
	}
	header = append(header, e(i18n.T(r.l, "Reached")), e(i18n.T(r.l, "Status")))
	num += "r"
	var rows [][]string
	for _, k := range p.KPIs {
		label, _ := r.md.kpiLabel(k)
		tv := k.Target
		row := []string{e(stripMD(label)), e(r.md.kpiValue(k.Baseline, k.BaselineVal, k.Unit)), e(r.md.kpiValue(&tv, k.TargetVal, k.Unit)), fmt.Sprint(k.DueYear)}
		ms := map[int]roadmap.Milestone{}
		for _, mi := range k.Milestones {
			ms[mi.Year] = mi
		}
		for _, y := range years {
			if mi, ok := ms[y]; ok {
				s := mi.Score
				row = append(row, e(r.md.kpiValue(&s, mi.Value, k.Unit)))
			} else {
				row = append(row, "")
			}
		}
		reached := dash
		if k.Reached != "" {
			reached = e(k.Reached)
		}
		status := r.kpiWord(p, k)
		if fix := words.TargetFix(r.l, &k); fix != "" {
			status += `<br><small>` + e(fix) + `</small>`
		}
		row = append(row, reached, status)
		rows = append(rows, row)
	}
	r.table("", header, num, rows)
	r.end()
}

// kpiWord is the status of a KPI with a symbol, so it reads without colour.
func (r *htmlReport) kpiWord(p *roadmap.Plan, k roadmap.KPI) string {
	st, months := kpiStatus(p, k)
	switch st {
	case kpiMet:
		return `<span class="ok">✓ ` + e(i18n.T(r.l, "met")) + `</span>`
	case kpiLate:
		return `<span class="late">⚠ ` + i18n.F(r.l, "late by %s", e(r.md.nMonths(months))) + `</span>`
	}
	return `<span class="never">✗ ` + e(i18n.T(r.l, "never within the plan")) + `</span>`
}

// --- money --------------------------------------------------------------------------------

func (r *htmlReport) budget() {
	p := r.m.Plan
	r.section("budget", e(i18n.T(r.l, "Budget by year")))
	if p == nil {
		r.p(e(i18n.T(r.l, "No roadmap has been planned yet.")))
		r.end()
		return
	}
	r.p(i18n.F(r.l, "Amounts in %s. One-off costs are spread evenly over each activity's months; running costs start when an activity ends.", e(p.Currency)))
	var ys []budgetYear
	for _, y := range p.Budget {
		ys = append(ys, budgetYear{year: fmt.Sprint(y.Year), funded: y.Funded, unfunded: y.Unfunded, fundedText: r.md.amount(y.Funded), unfundedText: r.md.amount(y.Unfunded)})
	}
	title := i18n.F(r.l, "Cost per year in %s: funded and unfunded", p.Currency)
	r.figure(budgetChart("chart-budget", title, i18n.T(r.l, "One column per year; the solid part is funded, the hatched part unfunded, each with its amount."), ys,
		i18n.T(r.l, "funded (solid)"), i18n.T(r.l, "unfunded (hatched)"), p.Currency), e(title))
	var rows [][]string
	var t roadmap.BudgetYear
	for _, y := range p.Budget {
		rows = append(rows, []string{fmt.Sprint(y.Year), r.md.amount(y.OneOff), r.md.amount(y.Running), r.md.amount(y.Total), r.md.amount(y.Funded), r.md.amount(y.Unfunded)})
		t.OneOff += y.OneOff
		t.Running += y.Running
		t.Total += y.Total
		t.Funded += y.Funded
		t.Unfunded += y.Unfunded
	}
	rows = append(rows, []string{"<strong>" + e(i18n.T(r.l, "Total")) + "</strong>", r.md.amount(t.OneOff), r.md.amount(t.Running), r.md.amount(t.Total), r.md.amount(t.Funded), r.md.amount(t.Unfunded)})
	r.table("", []string{e(i18n.T(r.l, "Year")), e(i18n.T(r.l, "One-off")), e(i18n.T(r.l, "Running")), e(i18n.T(r.l, "Total")), e(i18n.T(r.l, "Funded")), e(i18n.T(r.l, "Unfunded"))}, "lrrrrr", rows)
	if illustrative(p) {
		r.w(`<p class="caveat" role="note">%s</p>`, r.illustrativeNote())
	}
	r.end()
}

func (r *htmlReport) funding() {
	p := r.m.Plan
	r.section("funding", e(i18n.T(r.l, "Funding gaps, duplicates and timing")))
	if p == nil {
		r.end()
		return
	}
	fd := p.Funding
	if len(fd.Pledges) > 0 {
		r.p(i18n.F(r.l, "Funders pledged %s; %s of it meets a cost of the plan. %s of the one-off cost is unfunded.", e(r.md.money(fd.Pledged)), e(r.md.money(fd.Covered)), e(r.md.money(fd.Gap))))
		var rows [][]string
		for _, pl := range fd.Pledges {
			yrs := e(i18n.T(r.l, "any year"))
			if len(pl.Years) > 0 {
				var ys []string
				for _, y := range pl.Years {
					ys = append(ys, fmt.Sprint(y))
				}
				yrs = strings.Join(ys, ", ")
			}
			target := pl.Target
			if b := r.m.Catalog.Block(pl.Target); b != nil {
				target = b.Name.In(r.l)
			}
			rows = append(rows, []string{e(pl.Funder), e(target), e(r.md.amount(pl.Amount)), e(pl.Original), yrs})
		}
		r.table(e(i18n.T(r.l, "Pledges")), []string{e(i18n.T(r.l, "Funder")), e(i18n.T(r.l, "For")), i18n.F(r.l, "Amount (%s)", e(p.Currency)), e(i18n.T(r.l, "As pledged")), e(i18n.T(r.l, "Years"))}, "llrrl", rows)
	} else {
		r.p(i18n.F(r.l, "No funding is pledged yet: the whole one-off cost of %s is unfunded.", e(r.md.money(p.TotalCost))))
	}
	if len(fd.Gaps) > 0 {
		var rows [][]string
		var rest float64
		for i, g := range fd.Gaps {
			if i >= 12 {
				rest += g.Gap
				continue
			}
			rows = append(rows, []string{r.actName(g.Activity, g.Name), r.md.amount(g.Cost), r.md.amount(g.Funded), r.md.amount(g.Gap)})
		}
		r.table(e(i18n.T(r.l, "The activities with the largest unfunded cost.")), []string{e(i18n.T(r.l, "Activity")), i18n.F(r.l, "Cost (%s)", e(p.Currency)), e(i18n.T(r.l, "Funded")), e(i18n.T(r.l, "Unfunded"))}, "lrrr", rows)
		if more := len(fd.Gaps) - 12; more > 0 {
			r.p(i18n.F(r.l, "%d more activities are unfunded, for %s in all.", more, e(r.md.money(rest))))
		}
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Possible duplicate funding")))
	if len(fd.Duplicates) == 0 {
		r.p(e(i18n.T(r.l, "No cost has two funders.")))
	} else {
		r.w("<ul>")
		for _, d := range fd.Duplicates {
			r.w("<li>%s</li>", i18n.F(r.l, "%s: %s pledged %s against a cost of %s.", r.actName(d.Activity, d.Activity), e(stripMD(r.md.joinAnd(d.Funders))), e(r.md.money(d.Pledged)), e(r.md.money(d.Cost))))
		}
		r.w("</ul>\n")
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Timing and pledges the plan cannot use")))
	if len(fd.TimingUnused) > 0 {
		r.w("<ul>")
		for _, tu := range fd.TimingUnused {
			r.w("<li>%s</li>", e(words.TimingUnused(r.l, tu, r.md.money(tu.Amount))))
		}
		r.w("</ul>\n")
	}
	if len(fd.Unneeded) == 0 && len(fd.TimingUnused) == 0 {
		r.p(e(i18n.T(r.l, "Every pledge meets a cost of the plan.")))
	} else if len(fd.Unneeded) > 0 {
		r.w("<ul>")
		for _, u := range fd.Unneeded {
			target := u.Target
			if b := r.m.Catalog.Block(u.Target); b != nil {
				target = b.Name.In(r.l)
			}
			r.w("<li>%s</li>", i18n.F(r.l, "%s pledged %s to %s: %s.", e(u.Funder), e(r.md.money(u.Amount)), e(target), e(words.Unneeded(r.l, u))))
		}
		r.w("</ul>\n")
	}
	r.end()
}

func (r *htmlReport) shared() {
	p := r.m.Plan
	r.section("shared", e(i18n.T(r.l, "Shared versus siloed")))
	if p == nil || p.Shared.Siloed <= 0 {
		r.p(e(i18n.T(r.l, "No building block is shared by two or more use cases.")))
		r.end()
		return
	}
	s := p.Shared
	r.p(i18n.F(r.l, "Building each required block once and sharing it across the use cases costs %s (build or upgrade, plus integration). If every use case built its own, it would cost %s: sharing saves up to %s.",
		e(r.md.money(s.Shared)), e(r.md.money(s.Siloed)), e(r.md.money(s.Savings))))
	r.p(`<strong>` + e(i18n.T(r.l, "This is an upper bound:")) + `</strong> ` + e(i18n.T(r.l, "a silo would not build every shared layer, so the real saving is smaller.")))
	var rows [][]string
	for _, b := range s.Blocks {
		name := b.Block
		if cb := r.m.Catalog.Block(b.Block); cb != nil {
			name = cb.Name.In(r.l)
		}
		rows = append(rows, []string{e(name), r.md.amount(b.Cost), r.md.count(b.UseCases), r.md.amount(b.Cost * float64(max(b.UseCases, 1)))})
	}
	r.table("", []string{e(i18n.T(r.l, "Building block")), i18n.F(r.l, "Shared cost (%s)", e(p.Currency)), e(i18n.T(r.l, "Use cases")), e(i18n.T(r.l, "Siloed cost, at most"))}, "lrrr", rows)
	r.end()
}

// --- method -------------------------------------------------------------------------------

func (r *htmlReport) methodology() {
	fw := r.m.Framework
	r.section("methodology", e(i18n.T(r.l, "Methodology")))
	r.p(i18n.F(r.l, "The assessment uses the framework %s (%s), %d pillars and %d indicators.", e(fw.Name.In(r.l)), e(fw.Ref()), len(fw.Pillars), len(r.m.Score.Indicators)))
	if fw.Source != "" {
		r.p(i18n.F(r.l, "Framework source: %s.", e(fw.Source)))
	}
	var bands []string
	for _, b := range fw.Bands {
		bands = append(bands, i18n.F(r.l, "%s from %s", b.Name.In(r.l), i18n.Int(r.l, b.Min*100)))
	}
	r.w("<ul>")
	for _, s := range []string{
		i18n.F(r.l, "A level answer scores (level − %d) ÷ %d; yes scores 100 and no 0; a number scores by its thresholds or linearly on its range.", fw.Scale.Min, fw.Scale.Max-fw.Scale.Min),
		i18n.F(r.l, "Several ministries' answers to one indicator are combined by their %s; answers two or more levels apart are marked disputed.", e(r.md.aggName(fw.Aggregate))),
		e(i18n.T(r.l, "A pillar's score is the weighted mean of its answered indicators; the overall score is the weighted mean of the scored pillars. Unanswered indicators are left out of the score and lower completeness; n/a ones are left out of both.")),
		i18n.F(r.l, "Bands: %s.", e(strings.Join(bands, ", "))),
		e(i18n.T(r.l, "A readiness gate holds a building block's go-live until an indicator reaches a minimum level; an unanswered gate adds an assessment to the roadmap.")),
		e(i18n.T(r.l, "Building blocks come from the needed use cases, step by step, with their dependencies; the inventory decides reuse, upgrade or build; products are ranked by evidence, licence fit and coverage.")),
		e(i18n.T(r.l, "The roadmap schedules activities month by month in the order of the prioritised services, within the delivery teams and each owner's capacity; KPIs are projected from that schedule.")),
	} {
		r.w("<li>%s</li>", s)
	}
	r.w("</ul>\n")
	// Sources of indicators and catalog facts.
	srcs := map[string]bool{}
	var list []string
	addSrc := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !srcs[s] {
			srcs[s] = true
			list = append(list, s)
		}
	}
	for _, is := range r.m.Score.Indicators {
		addSrc(is.Indicator.Source)
	}
	var cat []string
	seen := map[string]bool{}
	for _, b := range r.m.Match.Blocks {
		if s := strings.TrimSpace(b.Block.Source); s != "" && !seen[s] {
			seen[s] = true
			cat = append(cat, s)
		}
		for _, p := range b.Products {
			if s := strings.TrimSpace(p.Product.Source); s != "" && !seen[s] {
				seen[s] = true
				cat = append(cat, s)
			}
		}
	}
	for _, u := range r.m.Match.UseCases {
		if s := strings.TrimSpace(u.UseCase.Source); s != "" && !seen[s] {
			seen[s] = true
			cat = append(cat, s)
		}
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Sources of the indicators")))
	r.sourceList(list)
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Sources of the catalog facts")))
	r.p(e(i18n.T(r.l, "Products' evidence and licences are marked unverified where the catalog has not checked them.")))
	r.sourceList(cat)
	r.end()
}

func (r *htmlReport) sourceList(list []string) {
	if len(list) == 0 {
		r.p(dash)
		return
	}
	sort.Strings(list)
	r.w(`<ul class="sources">`)
	for _, s := range list {
		r.w("<li>%s</li>", e(s))
	}
	r.w("</ul>\n")
}

func (r *htmlReport) assumptions() {
	p, f := r.m.Plan, r.m.Doc.File
	r.section("assumptions", e(i18n.T(r.l, "Assumptions")))
	if p == nil {
		r.end()
		return
	}
	basis := map[string]int{}
	for _, a := range p.Activities {
		basis[a.Basis]++
	}
	var rows [][]string
	keys := make([]string, 0, len(basis))
	for k := range basis {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		rows = append(rows, []string{e(words.Basis(r.l, k)), r.md.count(basis[k])})
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Cost model")))
	r.p(i18n.F(r.l, "Plan currency: %s. Durations and costs come from the country file where it gives them, else from govplan's illustrative default cost model.", e(p.Currency)))
	r.table("", []string{e(i18n.T(r.l, "Where durations and costs come from")), e(i18n.T(r.l, "Activities"))}, "lr", rows)
	if illustrative(p) {
		r.w(`<p class="caveat" role="note">%s</p>`, r.illustrativeNote())
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Exchange rates")))
	if len(f.ExchangeRates) == 0 {
		r.p(e(i18n.T(r.l, "None: every amount is in the plan currency.")))
	} else {
		var rows [][]string
		var cs []string
		for c := range f.ExchangeRates {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		for _, c := range cs {
			rows = append(rows, []string{e(c), i18n.Exact(r.l, f.ExchangeRates[c])})
		}
		r.table("", []string{e(i18n.T(r.l, "Currency")), i18n.F(r.l, "%s per unit", e(p.Currency))}, "lr", rows)
	}
	r.w("<h3>%s</h3>\n", e(i18n.T(r.l, "Teams and capacity")))
	r.p(i18n.F(r.l, "%d delivery teams build and upgrade at the same time. Plan start: %s.", p.Workstreams, e(r.md.month(p, 0))) + " " + e(words.Resources(r.l, p)) + ".")
	r.end()
}

func (r *htmlReport) appendix() {
	mt := r.m.Match
	r.section("appendix", e(i18n.T(r.l, "Appendix: use-case diagrams")))
	if len(mt.UseCases) == 0 {
		r.p(e(i18n.T(r.l, "No services or use cases are recorded yet, so no building blocks are needed.")))
	}
	for _, u := range mt.UseCases {
		r.w(`<div class="usecase"><h3>%s</h3>`, e(stripMD(r.md.useCaseLabel(u.UseCase))))
		r.diagram("usecase-"+countries.FileID(u.UseCase.ID), i18n.F(r.l, "Steps of %s and the building blocks each uses", e(u.UseCase.Name.In(r.l))))
		r.w("</div>\n")
	}
	r.end()
}

// --- helpers ------------------------------------------------------------------------------

func (r *htmlReport) bandName(b *assess.Band) string {
	if b == nil {
		return dash
	}
	return b.Name.In(r.l)
}

var mdEscape = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]|~#$\-+=.)])`)

// stripMD turns text the Markdown helpers wrote back into plain text: escapes and emphasis
// removed, entities decoded.
func stripMD(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = mdEscape.ReplaceAllString(s, "$1")
	return html.UnescapeString(s)
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// stripTags removes markup from an HTML fragment (for <title>).
func stripTags(s string) string { return tagRE.ReplaceAllString(s, "") }

// cssString quotes text for a CSS content string.
func cssString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "<", `\3c `).Replace(s)
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

var _ = math.Abs
