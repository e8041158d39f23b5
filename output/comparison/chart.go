package comparison

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// bandFills shade the bars by band, darkest for the highest; the band name is also written
// beside each bar, so the chart reads in grey print.
var bandFills = []string{"#c6dbef", "#9ecae1", "#4292c6", "#08519c", "#08306b"}

// RankingSVG draws the ranking as a horizontal bar chart (at most max countries, ranked
// first; 0 means all).
func RankingSVG(c *assess.Comparison, lang string, max int) []byte {
	rows := c.Rows
	if max > 0 && len(rows) > max {
		rows = rows[:max]
	}
	const (
		left   = 300
		barW   = 420
		rowH   = 22
		top    = 70
		right  = 170
		bottom = 40
	)
	width := left + barW + right
	height := top + rowH*len(rows) + bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	title := i18n.F(lang, "Readiness ranking · %s", c.Framework.Ref())
	fmt.Fprintf(&b, `<text x="20" y="30" font-size="18" font-weight="bold">%s</text>`+"\n", esc(title))
	sub := i18n.F(lang, "%d assessments, overall score 0–100", len(c.Rows))
	if label := words.RelativeLabel(lang, c); label != "" {
		sub += " · " + label
	}
	if len(rows) < len(c.Rows) {
		sub += " · " + i18n.F(lang, "first %d shown", len(rows))
	}
	fmt.Fprintf(&b, `<text x="20" y="50" fill="#555">%s</text>`+"\n", esc(sub))
	// Grid lines at 0, 25, 50, 75, 100.
	for v := 0; v <= 100; v += 25 {
		x := left + barW*v/100
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#ddd"/>`+"\n", x, top-6, x, top+rowH*len(rows))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" fill="#777" font-size="10">%d</text>`+"\n", x, top+rowH*len(rows)+16, v)
	}
	for i, r := range rows {
		y := top + rowH*i
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-10, y+15, esc(truncate(rank+". "+r.Entry.Name, 44)))
		if r.Overall == nil {
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#777">%s</text>`+"\n", left+4, y+15, esc(i18n.T(lang, "no score")))
			continue
		}
		v := math.Max(0, math.Min(1, *r.Overall))
		fill := bandFills[0]
		band := ""
		if r.Band != nil {
			for bi := range c.Framework.Bands {
				if &c.Framework.Bands[bi] == r.Band || c.Framework.Bands[bi].Min == r.Band.Min {
					fill = bandFills[min(bi, len(bandFills)-1)]
				}
			}
			band = r.Band.Name.In(lang)
		}
		w := int(math.Round(v * barW))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#333" stroke-width="0.5"><title>%s</title></rect>`+"\n",
			left, y+3, w, rowH-6, fill, esc(fmt.Sprintf("%s: %s", r.Entry.Name, i18n.Number(lang, v*100, 1))))
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s · %s</text>`+"\n", left+w+6, y+15, i18n.Number(lang, v*100, 0), esc(band))
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

func esc(s string) string { return html.EscapeString(s) }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
