package report

import (
	"fmt"
	"html"
	"math"
	"strings"
	"unicode/utf8"
)

// The charts of the HTML report are small SVG documents written here: a bar chart of pillar
// scores with their targets, a Gantt chart by quarter and a stacked budget chart. Each has a
// <title> and a <desc>, prints its numbers beside the marks, and tells series apart by shape
// or pattern as well as by colour, so nothing rests on colour alone.

// svgChart collects the elements of one chart.
type svgChart struct {
	b             strings.Builder
	width, height float64
}

func (c *svgChart) add(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// text writes escaped text at x, y; anchor is start, middle or end.
func (c *svgChart) text(x, y float64, anchor, class, s string) {
	c.add(`<text x="%.1f" y="%.1f" text-anchor="%s" class="%s">%s</text>`, x, y, anchor, class, html.EscapeString(s))
}

// svg closes the chart into an <svg> element with a title and a description.
func (c *svgChart) svg(id, title, desc string) string {
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %.0[2]f %.0[3]f" width="%.0[2]f" height="%.0[3]f" class="chart">`+
		`<title id="%[1]s-t">%[4]s</title><desc id="%[1]s-d">%[5]s</desc>%[6]s%[7]s</svg>`,
		id, c.width, c.height, html.EscapeString(title), html.EscapeString(desc), chartDefs, c.b.String())
}

// chartDefs are the patterns the charts share: hatching marks what is unfunded or critical
// without relying on colour.
const chartDefs = `<defs>` +
	`<pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fbe3d6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#a33a12" stroke-width="2"/></pattern>` +
	`</defs>`

// pillarBar is one row of the pillar chart: scores 0..1, nil when missing.
type pillarBar struct {
	label         string
	score, target *float64
	value         string // the score as printed ("62", "–")
	band          string
	targetText    string // "target 75 by 2028"
}

// valueLabel is the text after a pillar's bar: score, band word and target.
func valueLabel(r pillarBar) string {
	label := r.value
	if r.band != "" {
		label += " · " + r.band
	}
	if r.targetText != "" {
		label += " · " + r.targetText
	}
	return label
}

// pillarChart draws one horizontal bar per pillar on a 0–100 axis, with the band word and
// score printed at the bar and each target as a black diamond with its value written out.
func pillarChart(id, title, desc string, rows []pillarBar, legendScore, legendTarget string) string {
	const left, barW, rowH, top = 250.0, 420.0, 26.0, 30.0
	// The text after each bar must fit in the picture ("14 · Embryonnaire · cible 45 d'ici
	// 2030" is 40 characters); 6.5 px a character is wide enough for 11 px DejaVu Sans and Arial.
	right := 200.0
	for _, r := range rows {
		right = math.Max(right, 16+6.5*float64(utf8.RuneCountInString(valueLabel(r))))
	}
	c := &svgChart{width: left + barW + right, height: top + rowH*float64(len(rows)) + 40}
	// axis: grid every 25
	for v := 0; v <= 100; v += 25 {
		x := left + barW*float64(v)/100
		c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="grid"/>`, x, top-6, x, top+rowH*float64(len(rows)))
		c.text(x, top-10, "middle", "axis", fmt.Sprint(v))
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		c.text(left-8, y+17, "end", "label", clip(r.label, 38))
		if r.score != nil {
			w := barW * clamp01(*r.score)
			c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="16" class="bar"/>`, left, y+5, w)
		}
		if r.target != nil {
			x := left + barW*clamp01(*r.target)
			c.add(`<path d="M%.1f %.1f l6 8 l-6 8 l-6 -8 z" class="target"/>`, x, y+5)
		}
		c.text(left+barW+8, y+17, "start", "value", valueLabel(r))
	}
	ly := top + rowH*float64(len(rows)) + 22
	c.add(`<rect x="%.1f" y="%.1f" width="18" height="12" class="bar"/>`, left, ly-10)
	c.text(left+24, ly, "start", "legend", legendScore)
	c.add(`<path d="M%.1f %.1f l6 8 l-6 8 l-6 -8 z" class="target"/>`, left+200, ly-12)
	c.text(left+212, ly, "start", "legend", legendTarget)
	return c.svg(id, title, desc)
}

// ganttRow is one activity of the Gantt chart, in months from the plan start.
type ganttRow struct {
	label      string
	start, end int // end exclusive
	kind       string
	critical   bool
	note       string // printed after the bar (dates, status)
}

// ganttChart draws activities as bars on a quarter axis from month 0 to months; critical ones
// are hatched and marked with "◆" in their label.
func ganttChart(id, title, desc string, rows []ganttRow, months int, quarter func(q int) string, legend []string) string {
	quarters := (months + 2) / 3
	if quarters < 1 {
		quarters = 1
	}
	const left, right, rowH, top = 270.0, 10.0, 18.0, 34.0
	colW := math.Max(14, math.Min(60, 640/float64(quarters)))
	gridW := colW * float64(quarters)
	c := &svgChart{width: left + gridW + right, height: top + rowH*float64(len(rows)) + 34}
	for q := 0; q < quarters; q++ {
		x := left + colW*float64(q)
		cls := "qcol"
		if q%2 == 1 {
			cls = "qcol alt"
		}
		c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s"/>`, x, top-4, colW, rowH*float64(len(rows))+4, cls)
		// Label every quarter when there is room, else every year's first.
		if colW >= 40 || q%4 == 0 {
			c.text(x+2, top-10, "start", "axis", quarter(q))
		}
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		label := r.label
		if r.critical {
			label = "◆ " + label
		}
		c.text(left-6, y+12, "end", "label", clip(label, 38))
		x := left + colW*float64(r.start)/3
		w := math.Max(colW*float64(max(r.end-r.start, 0))/3, 2)
		cls := "gbar k-" + r.kind
		if r.critical {
			cls += " crit"
		}
		c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="12" class="%s"><title>%s</title></rect>`, x, y+2, w, cls, html.EscapeString(r.label+" · "+r.note))
	}
	ly := top + rowH*float64(len(rows)) + 22
	c.add(`<rect x="%.1f" y="%.1f" width="18" height="12" class="gbar k-build crit"/>`, left, ly-10)
	c.text(left+24, ly, "start", "legend", strings.Join(legend, "   "))
	return c.svg(id, title, desc)
}

// budgetYear is one stacked column of the budget chart.
type budgetYear struct {
	year             string
	funded, unfunded float64
	fundedText       string
	unfundedText     string
}

// budgetChart draws each year's cost as a column: funded solid at the bottom, unfunded hatched
// on top, each part labelled with its amount.
func budgetChart(id, title, desc string, years []budgetYear, legendFunded, legendUnfunded, unit string) string {
	const left, top, plotH, bottom = 60.0, 30.0, 260.0, 60.0
	colW := 110.0
	if n := len(years); n > 6 {
		colW = math.Max(50, 660/float64(n))
	}
	c := &svgChart{width: left + colW*float64(max(len(years), 1)) + 20, height: top + plotH + bottom}
	var top1 float64
	for _, y := range years {
		top1 = math.Max(top1, y.funded+y.unfunded)
	}
	if top1 <= 0 {
		top1 = 1
	}
	scale := plotH / top1
	base := top + plotH
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="axisline"/>`, left-4, base, c.width-10, base)
	c.text(left-8, top-12, "start", "axis", unit)
	for i, y := range years {
		x := left + colW*float64(i) + colW*0.15
		w := colW * 0.7
		hf := y.funded * scale
		hu := y.unfunded * scale
		if hf > 0 {
			c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="funded"/>`, x, base-hf, w, hf)
		}
		if hu > 0 {
			c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="unfunded"/>`, x, base-hf-hu, w, hu)
		}
		if hf >= 14 {
			c.add(`<text x="%.1f" y="%.1f" text-anchor="middle" class="inbar">%s</text>`, x+w/2, base-hf/2+4, html.EscapeString(y.fundedText))
		}
		if y.unfunded > 0 {
			c.text(x+w/2, base-hf-hu-4, "middle", "value", y.unfundedText)
		}
		c.text(x+w/2, base+16, "middle", "label", y.year)
	}
	ly := base + 44
	c.add(`<rect x="%.1f" y="%.1f" width="18" height="12" class="funded"/>`, left, ly-10)
	c.text(left+24, ly, "start", "legend", legendFunded)
	c.add(`<rect x="%.1f" y="%.1f" width="18" height="12" class="unfunded"/>`, left+250, ly-10)
	c.text(left+274, ly, "start", "legend", legendUnfunded)
	return c.svg(id, title, desc)
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
