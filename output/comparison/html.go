package comparison

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// HTMLOptions say when and by which govplan the portfolio page was made.
type HTMLOptions struct {
	Generated time.Time // zero: now
	Version   string
}

// HTML writes the portfolio page for donors: one self-contained HTML file (inline CSS and
// SVG, no script, nothing loaded) with the ranking, a heat map of pillar scores with their
// band words, the spread per pillar, each country's rounds over time, building blocks ×
// countries and funding across countries. It prints on A4.
// A world map (embedded Natural Earth outlines, see package worldmap) shows the real
// countries; fictional ones (ISO's user-assigned codes such as XAA–XZZ) are listed beside it.
func HTML(c *assess.Comparison, port *countries.Portfolio, lang string, opt HTMLOptions) []byte {
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	p := &page{c: c, l: lang}
	if port != nil && len(port.Countries) > 0 {
		p.port = port
	}
	title := i18n.T(lang, "Country comparison")
	running := i18n.F(lang, "%s · %s · govplan %s", title, i18n.Date(lang, opt.Generated), opt.Version)
	p.w(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>%s
@page { @top-left { content: "%s"; font: 8pt sans-serif; color: #333; } @bottom-right { content: "%s " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #333; } }
</style>
</head>
<body>
<main>
`, e(lang), e(title), portfolioCSS+mapCSS, cssString(running), cssString(i18n.T(lang, "page")))
	p.w("<h1>%s</h1>\n", e(title))
	p.w(`<p class="sub">%s</p>`+"\n", e(i18n.F(lang, "%d assessments, framework %s", len(c.Rows), c.Framework.Ref())))
	if label := words.RelativeLabel(lang, c); label != "" {
		p.w(`<p class="note" role="note">%s</p>`, e(i18n.T(lang, "Scores are relative:")+" "+label))
	}
	p.ranking()
	p.worldMap()
	p.heatmap()
	p.spread()
	p.rounds()
	if p.port != nil {
		p.blocks()
		p.funding()
	}
	p.w("</main>\n<footer><p>%s</p></footer>\n</body>\n</html>\n", e(running))
	return p.b.Bytes()
}

type page struct {
	b    bytes.Buffer
	c    *assess.Comparison
	port *countries.Portfolio
	l    string
}

func e(s string) string { return html.EscapeString(s) }

func (p *page) w(format string, args ...any) { fmt.Fprintf(&p.b, format, args...) }

func (p *page) section(id, title string) {
	p.w("<section id=\"%s\">\n<h2>%s</h2>\n", id, title)
}

// table writes a table; cells are HTML already; the first cell of a row is its header.
func (p *page) table(header []string, num string, rows [][]string) {
	p.w("<table><thead><tr>")
	for i, h := range header {
		p.w(`<th scope="col"%s>%s</th>`, align(num, i), h)
	}
	p.w("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		p.w("<tr>")
		for i, c := range r {
			if i == 0 {
				p.w(`<th scope="row">%s</th>`, c)
			} else {
				p.w(`<td%s>%s</td>`, align(num, i), c)
			}
		}
		p.w("</tr>\n")
	}
	p.w("</tbody></table>\n")
}

func align(num string, i int) string {
	if i < len(num) && num[i] == 'r' {
		return ` class="num"`
	}
	return ""
}

func (p *page) score(v *float64) string {
	if v == nil {
		return "–"
	}
	return i18n.Int(p.l, *v*100)
}

func (p *page) band(v *float64) string {
	if v == nil {
		return ""
	}
	if b := p.c.Framework.BandFor(*v); b != nil {
		return b.Name.In(p.l)
	}
	return ""
}

func (p *page) ranking() {
	c, l := p.c, p.l
	p.section("ranking", e(i18n.T(p.l, "Ranking")))
	svg := string(RankingSVG(c, l, 60))
	svg = strings.Replace(svg, "<svg ", `<svg role="img" class="chart" `, 1)
	if i := strings.Index(svg, ">"); i > 0 {
		svg = svg[:i+1] + "<title>" + e(i18n.T(l, "Overall readiness (0–100)")) + "</title>" + svg[i+1:]
	}
	p.w("<figure>%s<figcaption>%s</figcaption></figure>\n", svg, e(i18n.T(p.l, "Overall readiness (0–100)")))
	var rows [][]string
	for _, r := range c.Rows {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		band := "–"
		if r.Band != nil {
			band = r.Band.Name.In(l)
		}
		comp := "–"
		if r.Completeness != nil {
			comp = i18n.Int(l, *r.Completeness*100) + " %"
		}
		rows = append(rows, []string{rank, e(r.Entry.Name), e(r.Entry.ISO3), e(r.Entry.Date), p.score(r.Overall), e(band), comp})
	}
	p.table([]string{e(i18n.T(p.l, "Rank")), e(i18n.T(p.l, "Country")), e(i18n.T(p.l, "ISO code")), e(i18n.T(p.l, "Assessed")), e(i18n.T(p.l, "Overall (0–100)")), e(i18n.T(p.l, "Band")), e(i18n.T(p.l, "Completeness"))}, "rlllrlr", rows)
	var counts []string
	for _, bc := range c.Bands {
		counts = append(counts, i18n.F(l, "%s: %d", bc.Band.Name.In(l), bc.Count))
	}
	if len(counts) > 0 {
		p.w("<p>%s</p>\n", e(strings.Join(counts, " · ")))
	}
	p.w("</section>\n")
}

// heatmap shows each pillar score with its band word; the shading repeats what the words say.
func (p *page) heatmap() {
	c, l := p.c, p.l
	p.section("heatmap", e(i18n.T(p.l, "Heat map")))
	p.w("<p>%s</p>\n", e(i18n.T(p.l, "Pillar scores (0–100) with their band; the shading follows the band, so the table reads without colour.")))
	header := []string{e(i18n.T(p.l, "Country"))}
	num := "l"
	for _, pl := range c.Framework.Pillars {
		header = append(header, e(pl.Name.In(l)))
		num += "r"
	}
	p.w(`<div class="wide"><table class="heat"><thead><tr>`)
	for i, h := range header {
		p.w(`<th scope="col"%s>%s</th>`, align(num, i), h)
	}
	p.w("</tr></thead>\n<tbody>\n")
	for _, r := range c.Rows {
		p.w(`<tr><th scope="row">%s</th>`, e(r.Entry.Name))
		for _, v := range r.Pillars {
			if v == nil {
				p.w(`<td class="num">–</td>`)
				continue
			}
			p.w(`<td class="num b%d">%s<br><span class="bw">%s</span></td>`, p.bandIndex(*v), p.score(v), e(p.band(v)))
		}
		p.w("</tr>\n")
	}
	p.w("</tbody></table></div>\n</section>\n")
}

// bandIndex is the position of v's band, lowest 0, capped at the shades there are.
func (p *page) bandIndex(v float64) int {
	idx := 0
	for i, b := range p.c.Framework.Bands {
		if v+1e-9 >= b.Min {
			idx = i
		}
	}
	return min(idx, 4)
}

func (p *page) spread() {
	c, l := p.c, p.l
	p.section("spread", e(i18n.T(p.l, "Spread per pillar (0–100)")))
	var rows [][]string
	for _, x := range c.Spread {
		lowest, highest := "", ""
		if x.MinRow != nil {
			lowest = x.MinRow.Entry.Name
		}
		if x.MaxRow != nil {
			highest = x.MaxRow.Entry.Name
		}
		rows = append(rows, []string{e(x.Name.In(l)), p.score(x.Min) + " " + e(paren(lowest)), p.score(x.Max) + " " + e(paren(highest)), p.score(x.Mean), p.score(x.SD)})
	}
	p.table([]string{e(i18n.T(p.l, "Pillar")), e(i18n.T(p.l, "Lowest")), e(i18n.T(p.l, "Highest")), e(i18n.T(p.l, "Mean")), e(i18n.T(p.l, "Standard deviation"))}, "lrrrr", rows)
	p.w("</section>\n")
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func (p *page) rounds() {
	c := p.c
	p.section("rounds", e(i18n.T(p.l, "Rounds")))
	if len(c.Rounds) == 0 {
		p.w("<p>%s</p>\n</section>\n", e(i18n.T(p.l, "No country was assessed on two or more dates.")))
		return
	}
	for _, rd := range c.Rounds {
		p.w("<h3>%s (%s)</h3>\n", e(rd.Name), e(rd.ISO3))
		var rows [][]string
		for _, s := range rd.Series {
			rows = append(rows, []string{e(s.Entry.Date), p.score(s.Overall), e(p.band(s.Overall))})
		}
		p.table([]string{e(i18n.T(p.l, "Assessed")), e(i18n.T(p.l, "Overall (0–100)")), e(i18n.T(p.l, "Band"))}, "lrl", rows)
		var up, down []string
		for _, ch := range rd.Improved {
			up = append(up, p.changeName(ch))
		}
		for _, ch := range rd.FellBack {
			down = append(down, p.changeName(ch))
		}
		if len(up) > 0 {
			p.w("<p>▲ %s %s</p>\n", e(i18n.T(p.l, "Improved:")), e(strings.Join(up, ", ")))
		}
		if len(down) > 0 {
			p.w("<p>▼ %s %s</p>\n", e(i18n.T(p.l, "Fell back:")), e(strings.Join(down, ", ")))
		}
	}
	p.w("</section>\n")
}

func (p *page) changeName(ch assess.Change) string {
	name := ch.ID
	switch ch.Kind {
	case assess.ChangePillar:
		if pl := p.c.Framework.Pillar(ch.ID); pl != nil {
			name = pl.Name.In(p.l)
		}
	case assess.ChangeIndicator:
		if ind := p.c.Framework.Indicator(ch.ID); ind != nil {
			name = ind.Label(p.l)
		}
	}
	if ch.Delta != nil {
		name += fmt.Sprintf(" (%+.0f)", math.Round(*ch.Delta*100))
	}
	return name
}

// blocks shows building blocks × countries with what each plan does with the block, as a
// word and a symbol.
func (p *page) blocks() {
	pf, l := p.port, p.l
	p.section("blocks", e(i18n.T(p.l, "Building blocks")))
	p.w("<p>%s</p>\n", e(i18n.T(p.l, "What each country's plan does with each block: ✓ reuse, ↑ upgrade, + build; empty where the plan does not need it.")))
	header := []string{e(i18n.T(p.l, "Block"))}
	num := "l"
	for _, pc := range pf.Countries {
		header = append(header, e(pc.ISO3))
		num += "c"
	}
	var rows [][]string
	for _, blk := range pf.Blocks {
		row := []string{e(pf.BlockName(blk, l))}
		for _, pc := range pf.Countries {
			st := pc.Statuses[blk]
			if st == "" {
				row = append(row, "")
				continue
			}
			mark := map[string]string{"reuse": "✓", "upgrade": "↑", "build": "+"}[st]
			row = append(row, fmt.Sprintf(`<span class="st-%s">%s %s</span>`, e(st), mark, e(words.BlockStatus(l, st))))
		}
		rows = append(rows, row)
	}
	p.w(`<div class="wide">`)
	p.table(header, num, rows)
	p.w("</div>\n")
	if len(pf.CommonGaps) > 0 {
		p.w("<h3>%s</h3>\n", e(i18n.T(p.l, "Blocks missing in several countries (candidates for a shared regional investment)")))
		var rows [][]string
		for _, g := range pf.CommonGaps {
			rows = append(rows, []string{e(g.Block), fmt.Sprint(g.Countries), e(strings.Join(g.Build, ", ")), e(strings.Join(g.Upgrade, ", "))})
		}
		p.table([]string{e(i18n.T(p.l, "Block")), e(i18n.T(p.l, "Countries")), e(i18n.T(p.l, "To build")), e(i18n.T(p.l, "To upgrade"))}, "lrll", rows)
	}
	p.w("</section>\n")
}

func (p *page) funding() {
	pf, l := p.port, p.l
	p.section("funding", e(i18n.T(p.l, "Funding")))
	var rows [][]string
	for _, pc := range pf.Countries {
		rows = append(rows, []string{e(pc.Name), e(pc.Currency), i18n.Int(l, pc.Cost), i18n.Int(l, pc.Funded), i18n.Int(l, pc.Gap),
			e(strings.Join(pc.Duplicates, ", ")), fmt.Sprint(pc.Unneeded)})
	}
	p.table([]string{e(i18n.T(p.l, "Country")), e(i18n.T(p.l, "Currency")), e(i18n.T(p.l, "One-off cost")), e(i18n.T(p.l, "Funded")), e(i18n.T(p.l, "Unfunded")), e(i18n.T(p.l, "Possible duplicate funding")), e(i18n.T(p.l, "Pledges the plan does not need"))}, "llrrrlr", rows)
	if len(pf.Funders) > 0 {
		p.w("<h3>%s</h3>\n", e(i18n.T(p.l, "Funders across the countries")))
		var rows [][]string
		for _, f := range pf.Funders {
			var cur []string
			for k := range f.Amounts {
				cur = append(cur, k)
			}
			sort.Strings(cur)
			var amounts []string
			for _, k := range cur {
				amounts = append(amounts, i18n.Int(l, f.Amounts[k])+" "+k)
			}
			rows = append(rows, []string{e(f.Funder), e(strings.Join(f.Countries, ", ")), e(strings.Join(f.Blocks, ", ")), e(strings.Join(amounts, " + "))})
		}
		p.table([]string{e(i18n.T(p.l, "Funder")), e(i18n.T(p.l, "Countries")), e(i18n.T(p.l, "Blocks")), e(i18n.T(p.l, "Amounts"))}, "lllr", rows)
	}
	p.w("</section>\n")
}

// cssString quotes text for a CSS content string.
func cssString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "<", `\3c `).Replace(s)
}

const portfolioCSS = `
html { font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; }
body { margin: 0 auto; max-width: 260mm; padding: 8mm 6mm; }
h1 { font-size: 20pt; color: #1f4e79; margin: 0 0 4pt; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1.5pt solid #1f4e79; margin: 16pt 0 8pt; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; }
.sub, footer { color: #4a4a4a; }
.note { border-left: 3pt solid #a33a12; background: #fdf3ee; padding: 3pt 6pt; }
table { border-collapse: collapse; margin: 4pt 0 10pt; font-size: 9pt; }
th, td { border: 0.5pt solid #c8c8c8; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #e8eef5; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.heat td { text-align: center; min-width: 4.5em; }
.bw { font-size: 8pt; }
.b0 { background: #f4c7c3; } .b1 { background: #fce8b2; } .b2 { background: #d9ead3; } .b3 { background: #b6d7a8; } .b4 { background: #93c47d; }
.st-reuse, .st-upgrade, .st-build { white-space: nowrap; }
.st-build { font-weight: bold; }
figure { margin: 6pt 0; }
figcaption { font-size: 9pt; color: #4a4a4a; }
svg.chart { max-width: 100%; height: auto; }
.wide { overflow-x: auto; }
footer { font-size: 8.5pt; border-top: 0.5pt solid #c8c8c8; margin-top: 14pt; }
@media print {
  @page { size: A4 landscape; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; }
  section { break-before: page; }
  section#ranking { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .wide { overflow: visible; }
}
`
