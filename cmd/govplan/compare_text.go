// The text view of `govplan compare`: ranking, bands, heat map, spread, rounds and portfolio.

package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	lgtable "charm.land/lipgloss/v2/table"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// Layout limits of the text view.
const (
	maxLineWidth    = 120
	nameWidth       = 30 // country names longer than this are shortened with …
	labelWidth      = 40 // pillar names likewise
	heatMapHead     = 20 // with many countries, the heat map shows this many from the top…
	heatMapTail     = 20 // …and this many from the bottom
	heatMapAll      = 50 // up to this many countries it shows all
	roundsDetails   = 5  // up to this many countries with rounds are shown in detail
	listLimit       = 12 // improved / fell back / targets met items shown per list
	spreadNameWidth = 26 // the lowest and highest country of a spread row
)

// cmpClip shortens s to n runes, ending in … when cut.
func cmpClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// cmpTable lays rows out in columns two spaces apart (the first row is the header), each line
// after indent, with trailing blanks trimmed. Widths are display widths, through lipgloss/table:
// an accented letter takes one cell and a CJK character two, which text/tabwriter (counting
// runes) would misalign. right marks the columns aligned right (numbers).
func cmpTable(indent string, right []bool, rows [][]string) []string {
	t := lgtable.New().Wrap(false).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderColumn(false).BorderHeader(false).BorderRow(false).
		StyleFunc(func(_, col int) lipgloss.Style {
			st := lipgloss.NewStyle()
			if col > 0 {
				st = st.PaddingLeft(2)
			}
			if col < len(right) && right[col] {
				st = st.Align(lipgloss.Right)
			}
			return st
		}).
		Rows(rows...)
	lines := strings.Split(t.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(indent+l, " ")
	}
	return lines
}

// cmpWriteTable writes cmpTable's lines to w.
func cmpWriteTable(w io.Writer, indent string, right []bool, rows [][]string) {
	for _, l := range cmpTable(indent, right, rows) {
		fmt.Fprintln(w, l)
	}
}

// cmpBandMarks gives each band a shade, lowest band lightest, so a heat-map cell says its band
// without colour.
func cmpBandMarks(fw *assess.Framework, lang string) []string {
	ramp := []string{"░", "▒", "▓", "█"}
	n := len(fw.Bands)
	marks := make([]string, n)
	for i := range marks {
		switch {
		case n == 1:
			marks[i] = "█"
		case n <= len(ramp):
			marks[i] = ramp[i*(len(ramp)-1)/(n-1)]
		default:
			marks[i] = strings.ToUpper(string([]rune(fw.Bands[i].Name.In(lang))[:1]))
		}
	}
	return marks
}

func cmpBandOf(fw *assess.Framework, s *float64) int {
	if s == nil {
		return -1
	}
	b := fw.BandFor(*s)
	for i := range fw.Bands {
		if &fw.Bands[i] == b {
			return i
		}
	}
	return -1
}

// cmpCell shows a score 0–100 with its band mark: "72▓"; "–" without a score.
func cmpCell(fw *assess.Framework, marks []string, s *float64) string {
	if s == nil {
		return "– "
	}
	mark := " "
	if bi := cmpBandOf(fw, s); bi >= 0 {
		mark = marks[bi]
	}
	return pct(s) + mark
}

func cmpBandLegend(fw *assess.Framework, marks []string, lang string) string {
	var parts []string
	for i, b := range fw.Bands {
		rng := fmt.Sprintf("≥%.0f", b.Min*100)
		if i+1 < len(fw.Bands) {
			rng = fmt.Sprintf("%.0f–%.0f", b.Min*100, fw.Bands[i+1].Min*100-1)
		}
		if i == 0 && len(fw.Bands) > 1 {
			rng = fmt.Sprintf("<%.0f", fw.Bands[1].Min*100)
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", marks[i], b.Name.In(lang), rng))
	}
	return strings.Join(parts, " · ") + " · – " + i18n.T(lang, "no score")
}

func cmpRowLabel(r *assess.CompareRow) string { return r.Entry.Name }

// cmpRelativeLabel says what relative scores are, in lang.
func cmpRelativeLabel(c *assess.Comparison, lang string) string {
	return i18n.F(lang, "relative (z-score rescaled across the %d countries compared)", len(c.Rows))
}

func cmpPrintComparison(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	kind := i18n.T(lang, "absolute scores 0–100")
	if c.Relative {
		kind = i18n.T(lang, "relative scores 0–100")
	}
	if len(c.Rows) == 1 {
		fmt.Fprintln(w, i18n.F(lang, "Comparison of 1 country · %s · %s", fw.Ref(), kind))
	} else {
		fmt.Fprintln(w, i18n.F(lang, "Comparison of %d countries · %s · %s", len(c.Rows), fw.Ref(), kind))
	}
	if c.Relative {
		fmt.Fprintln(w, wrap(i18n.F(lang, "Scores are %s: on each indicator the lowest country of this set scores 0 and the highest 100 (50 for all where they are equal); they say where a country stands among these, not against fixed goalposts.", cmpRelativeLabel(c, lang)), maxLineWidth, ""))
	}
	if hidden := len(c.All) - len(c.Rows); hidden > 0 {
		fmt.Fprintln(w, i18n.F(lang, "Each country is ranked on its latest round (%d earlier rounds are under Rounds; --all-rounds ranks them all).", hidden))
	}
	fmt.Fprintln(w)
	cmpPrintRanking(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintBands(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintHeatMap(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintSpread(w, c, lang)
	if len(c.Rounds) > 0 {
		fmt.Fprintln(w)
		cmpPrintRounds(w, c, lang)
	}
	if len(c.LeftOut) > 0 {
		fmt.Fprintln(w)
		fmt.Fprint(w, cmpPack(i18n.T(lang, "Left out (not in every file's framework):")+" ", c.LeftOut, maxLineWidth, "  "))
	}
}

func cmpPrintRanking(w io.Writer, c *assess.Comparison, lang string) {
	head := i18n.T(lang, "Overall")
	if c.Relative {
		head = i18n.T(lang, "Relative")
	}
	allRounds := len(c.Rows) > 0 && cmpHasRepeatedISO(c.Rows)
	header := []string{i18n.T(lang, "Rank"), i18n.T(lang, "Country"), "ISO", head, "", i18n.T(lang, "Band"), i18n.T(lang, "Answered")}
	if allRounds {
		header = append(header, i18n.T(lang, "Date"))
	}
	rows := [][]string{header}
	for _, r := range c.Rows {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		band := "–"
		if r.Band != nil {
			band = cmpClip(r.Band.Name.In(lang), 20)
		}
		row := []string{rank, cmpClip(cmpRowLabel(r), nameWidth), r.Entry.ISO3, pct(r.Overall), bar(r.Overall, 10), band, percent(lang, r.Completeness)}
		if allRounds {
			row = append(row, r.Entry.Date)
		}
		rows = append(rows, row)
	}
	cmpWriteTable(w, "", []bool{true, false, false, true, false, false, true}, rows)
	if n := len(c.Rows) - cmpRanked(c.Rows); n > 0 {
		fmt.Fprintln(w, i18n.F(lang, "%d without an overall score (nothing answered yet) are unranked, listed last.", n))
	}
}

func cmpRanked(rows []*assess.CompareRow) int {
	n := 0
	for _, r := range rows {
		if r.Rank > 0 {
			n++
		}
	}
	return n
}

func cmpHasRepeatedISO(rows []*assess.CompareRow) bool {
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Entry.ISO3] {
			return true
		}
		seen[r.Entry.ISO3] = true
	}
	return false
}

func cmpPrintBands(w io.Writer, c *assess.Comparison, lang string) {
	var parts []string
	for i := len(c.Bands) - 1; i >= 0; i-- {
		b := c.Bands[i]
		parts = append(parts, fmt.Sprintf("%s %d", b.Band.Name.In(lang), b.Count))
	}
	if c.Unbanded > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", i18n.T(lang, "no score"), c.Unbanded))
	}
	label := i18n.T(lang, "Bands:")
	if c.Relative {
		label = i18n.T(lang, "Bands (of relative scores):")
	}
	fmt.Fprintf(w, "%s %s\n", label, strings.Join(parts, " · "))
}

// cmpHeatSeries is what the heat map shows per country: the pillars, or the indicators when the
// framework has a single pillar.
type cmpHeatSeries struct {
	title  string
	ids    []string
	names  []string
	scores func(r *assess.CompareRow) []*float64
}

func cmpHeatOf(c *assess.Comparison, lang string) cmpHeatSeries {
	fw := c.Framework
	relative := c.Relative
	if len(fw.Pillars) == 1 {
		title := i18n.T(lang, "Indicators × countries (0–100; the framework has a single pillar)")
		if relative {
			title = i18n.T(lang, "Indicators × countries (relative, 0–100; the framework has a single pillar)")
		}
		h := cmpHeatSeries{title: title, scores: func(r *assess.CompareRow) []*float64 { return r.Indicators }}
		for _, ind := range fw.Indicators() {
			h.ids = append(h.ids, ind.ID)
			h.names = append(h.names, ind.ID)
		}
		return h
	}
	title := i18n.T(lang, "Pillars × countries (0–100)")
	if relative {
		title = i18n.T(lang, "Pillars × countries (relative, 0–100)")
	}
	h := cmpHeatSeries{title: title, scores: func(r *assess.CompareRow) []*float64 { return r.Pillars }}
	for _, p := range fw.Pillars {
		h.ids = append(h.ids, p.ID)
		h.names = append(h.names, p.Name.In(lang))
	}
	return h
}

// cmpShortLabels gives column headers: the part of each id after its last dot when all of them
// are short, else numbers (with a legend).
func cmpShortLabels(ids []string) ([]string, bool) {
	out := make([]string, len(ids))
	for i, id := range ids {
		s := id[strings.LastIndex(id, ".")+1:]
		if len(s) > 5 {
			for j := range ids {
				out[j] = fmt.Sprint(j + 1)
			}
			return out, true
		}
		out[i] = s
	}
	return out, false
}

func cmpPrintHeatMap(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	marks := cmpBandMarks(fw, lang)
	h := cmpHeatOf(c, lang)
	fmt.Fprintln(w, h.title)
	fmt.Fprintln(w, i18n.F(lang, "Marks: %s", cmpBandLegend(fw, marks, lang)))
	rows := c.Rows
	// Countries as columns when they fit; otherwise countries as rows.
	headers := []string{""}
	colW := 4
	repeated := cmpHasRepeatedISO(rows)
	for _, r := range rows {
		hd := r.Entry.ISO3
		if repeated {
			hd += " " + r.Entry.Date
		}
		headers = append(headers, hd)
		colW = max(colW, len(hd))
	}
	label := 0
	for _, n := range h.names {
		label = max(label, lipgloss.Width(cmpClip(n, labelWidth)))
	}
	if label+len(rows)*(colW+2) <= maxLineWidth {
		table := [][]string{headers}
		right := []bool{false}
		for range rows {
			right = append(right, true)
		}
		for k, name := range h.names {
			line := []string{cmpClip(name, labelWidth)}
			for _, r := range rows {
				line = append(line, cmpCell(fw, marks, h.scores(r)[k]))
			}
			table = append(table, line)
		}
		cmpWriteTable(w, "", right, table)
		return
	}
	labels, numbered := cmpShortLabels(h.ids)
	if numbered {
		var legend []string
		for i, n := range h.names {
			legend = append(legend, fmt.Sprintf("%d %s", i+1, n))
		}
		fmt.Fprint(w, cmpPack(i18n.T(lang, "Columns:")+" ", legend, maxLineWidth, "  "))
	}
	table := [][]string{append([]string{i18n.T(lang, "Rank"), i18n.T(lang, "Country"), "ISO"}, labels...)}
	right := []bool{true, false, false}
	for range labels {
		right = append(right, true)
	}
	row := func(r *assess.CompareRow) []string {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		line := []string{rank, cmpClip(cmpRowLabel(r), nameWidth), r.Entry.ISO3}
		for _, s := range h.scores(r) {
			line = append(line, cmpCell(fw, marks, s))
		}
		return line
	}
	gap := -1 // the table line that says how many countries are not shown
	if len(rows) <= heatMapAll {
		for _, r := range rows {
			table = append(table, row(r))
		}
	} else {
		for _, r := range rows[:heatMapHead] {
			table = append(table, row(r))
		}
		gap = len(table)
		table = append(table, []string{""})
		for _, r := range rows[len(rows)-heatMapTail:] {
			table = append(table, row(r))
		}
	}
	lines := cmpTable("", right, table)
	if gap >= 0 {
		lines[gap] = "      … " + i18n.F(lang, "%d countries in between not shown (the ranking above lists all; --format json has every score)", len(rows)-heatMapHead-heatMapTail)
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// cmpPack joins items with " · " after prefix, breaking lines between items (never inside
// one) so that no line is longer than width; continuation lines start with indent.
func cmpPack(prefix string, items []string, width int, indent string) string {
	var b strings.Builder
	line := prefix
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = " · "
		}
		if i > 0 && utf8.RuneCountInString(line+sep+it)+2 > width {
			b.WriteString(line + " ·\n")
			line, sep = indent, ""
		}
		line += sep + it
	}
	b.WriteString(line + "\n")
	return b.String()
}

func cmpPrintSpread(w io.Writer, c *assess.Comparison, lang string) {
	list := c.Spread
	single := len(c.Framework.Pillars) == 1
	var title, head string
	switch {
	case single && c.Relative:
		title = i18n.T(lang, "Spread per pillar and indicator (relative, 0–100; SD is the standard deviation across the countries)")
	case single:
		title = i18n.T(lang, "Spread per pillar and indicator (0–100; SD is the standard deviation across the countries)")
	case c.Relative:
		title = i18n.T(lang, "Spread per pillar (relative, 0–100; SD is the standard deviation across the countries)")
	default:
		title = i18n.T(lang, "Spread per pillar (0–100; SD is the standard deviation across the countries)")
	}
	head = i18n.T(lang, "Pillar")
	if single {
		list = append(append([]assess.Spread{}, c.Spread...), c.IndicatorSpread...)
		head = i18n.T(lang, "Pillar / indicator")
	}
	fmt.Fprintln(w, title)
	rows := [][]string{{head, i18n.T(lang, "Min"), "", i18n.T(lang, "Max"), "", i18n.T(lang, "Mean"), i18n.T(lang, "SD")}}
	for i, s := range list {
		name := s.Name.In(lang)
		if i >= len(c.Spread) { // an indicator of a single-pillar framework
			name = s.ID
		}
		minC, maxC := "–", "–"
		if s.MinRow != nil {
			minC, maxC = cmpClip(s.MinRow.Entry.Name, spreadNameWidth), cmpClip(s.MaxRow.Entry.Name, spreadNameWidth)
		}
		rows = append(rows, []string{cmpClip(name, labelWidth), pct(s.Min), minC, pct(s.Max), maxC, pct(s.Mean), pct(s.SD)})
	}
	cmpWriteTable(w, "", []bool{false, true, false, true, false, true, true}, rows)
}

func cmpPrintRounds(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	title := i18n.T(lang, "Rounds over time")
	if c.Relative {
		title = i18n.T(lang, "Rounds over time (absolute scores: the relative view applies to the ranking only)")
	}
	fmt.Fprintln(w, title)
	if len(c.Rounds) > roundsDetails {
		fmt.Fprintln(w, wrap(i18n.F(lang, "%d countries were assessed more than once (first round → last; Targets: targets of an earlier round met later). Compare one country's files for the details, or see --format json.", len(c.Rounds)), maxLineWidth, ""))
		rows := [][]string{{i18n.T(lang, "Country"), "ISO", i18n.T(lang, "Rounds"), i18n.T(lang, "First → last"), i18n.T(lang, "Overall"), i18n.T(lang, "Change"), i18n.T(lang, "Improved"), i18n.T(lang, "Fell back"), i18n.T(lang, "Targets")}}
		for _, rd := range c.Rounds {
			first, last := rd.Series[0].Entry.Date, rd.Series[len(rd.Series)-1].Entry.Date
			rows = append(rows, []string{cmpClip(rd.Name, nameWidth), rd.ISO3, fmt.Sprint(len(rd.Series)), first + " → " + last,
				fmt.Sprintf("%s → %s", pct(rd.Overall.From), pct(rd.Overall.To)), cmpDelta(lang, rd.Overall.Delta),
				fmt.Sprint(len(rd.Improved)), fmt.Sprint(len(rd.FellBack)), fmt.Sprint(len(rd.TargetsMet))})
		}
		// Periods and overall scores read left to right; counts and changes align right.
		cmpWriteTable(w, "", []bool{false, false, true, false, false, true, true, true, true}, rows)
		return
	}
	hOverall, hFirstLast := i18n.T(lang, "Overall"), i18n.T(lang, "First→last")
	for i, rd := range c.Rounds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		var dates []string
		for _, r := range rd.Series {
			dates = append(dates, r.Entry.Date)
		}
		fmt.Fprintln(w, i18n.F(lang, "%s (%s): %d rounds, %s", rd.Name, rd.ISO3, len(rd.Series), strings.Join(dates, " → ")))
		right := []bool{false}
		for range dates {
			right = append(right, true)
		}
		right = append(right, true)
		rows := [][]string{append(append([]string{""}, dates...), hFirstLast)}
		line := func(name string, get func(r *assess.CompareRow) *float64, delta *float64) {
			row := []string{cmpClip(name, labelWidth)}
			for _, r := range rd.Series {
				row = append(row, pct(get(r)))
			}
			rows = append(rows, append(row, cmpDelta(lang, delta)))
		}
		line(hOverall, func(r *assess.CompareRow) *float64 { return r.Overall }, rd.Overall.Delta)
		for pi, p := range fw.Pillars {
			line(p.Name.In(lang), func(r *assess.CompareRow) *float64 { return r.Pillars[pi] }, rd.Pillars[pi].Delta)
		}
		cmpWriteTable(w, "  ", right, rows)
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Improved (%d):", len(rd.Improved))+" ", cmpChangeList(lang, rd.Improved), maxLineWidth, "    "))
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Fell back (%d):", len(rd.FellBack))+" ", cmpChangeList(lang, rd.FellBack), maxLineWidth, "    "))
		var met []string
		for _, t := range rd.TargetsMet {
			met = append(met, cmpTargetMet(lang, t))
		}
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Targets met (%d):", len(met))+" ", cmpLimitList(lang, met, listLimit), maxLineWidth, "    "))
	}
}

// cmpTargetMet says which target was met when: pillar and overall targets as scores 0–100,
// indicator targets as written in the file (a level or a value).
func cmpTargetMet(lang string, t assess.TargetMet) string {
	set, on := t.SetIn.Entry.Date, t.MetIn.Entry.Date
	switch t.Kind {
	case assess.ChangeOverall:
		if t.Year != 0 {
			return i18n.F(lang, "overall %s by %d (set %s): %s on %s", pct(t.Target), t.Year, set, pct(t.Score), on)
		}
		return i18n.F(lang, "overall %s (set %s): %s on %s", pct(t.Target), set, pct(t.Score), on)
	case assess.ChangePillar:
		if t.Year != 0 {
			return i18n.F(lang, "pillar %s %s by %d (set %s): %s on %s", t.ID, pct(t.Target), t.Year, set, pct(t.Score), on)
		}
		return i18n.F(lang, "pillar %s %s (set %s): %s on %s", t.ID, pct(t.Target), set, pct(t.Score), on)
	}
	what := pct(t.Target)
	if tg := t.Written; tg != nil {
		switch {
		case tg.Level != nil:
			what = i18n.F(lang, "level %d", *tg.Level)
		case tg.Value != nil && tg.Value.IsBool:
			what = words.YesNo(lang, tg.Value.Bool)
		case tg.Value != nil:
			what = i18n.F(lang, "value %s", numText(lang, tg.Value.Num))
		}
	}
	if t.Year != 0 {
		return i18n.F(lang, "%s %s by %d (set %s): met on %s", t.ID, what, t.Year, set, on)
	}
	return i18n.F(lang, "%s %s (set %s): met on %s", t.ID, what, set, on)
}

// cmpDelta shows a change of a 0..1 score on the 0–100 scale with one decimal, so that a
// change between two equal-looking rounded scores is still visible.
func cmpDelta(lang string, d *float64) string {
	if d == nil {
		return "–"
	}
	v := *d * 100
	if math.Abs(v) < 0.05 {
		return "0"
	}
	if v > 0 {
		return "+" + i18n.Number(lang, v, 1)
	}
	return i18n.Number(lang, v, 1)
}

func cmpChangeList(lang string, list []assess.Change) []string {
	items := make([]string, len(list))
	for i, ch := range list {
		items[i] = fmt.Sprintf("%s %s", ch.ID, cmpDelta(lang, ch.Delta))
	}
	if len(items) > listLimit {
		items = append(items[:listLimit], i18n.F(lang, "… and %d more (--format json lists all)", len(list)-listLimit))
	}
	if len(items) == 0 {
		items = []string{"–"}
	}
	return items
}

func cmpLimitList(lang string, items []string, limit int) []string {
	switch {
	case len(items) == 0:
		return []string{"–"}
	case len(items) > limit:
		return append(items[:limit:limit], i18n.F(lang, "… and %d more (--format json lists all)", len(items)-limit))
	}
	return items
}

// printPortfolio shows the blocks missing in several countries and the funding per country.
func printPortfolio(w io.Writer, p *countries.Portfolio, lang string) {
	if len(p.CommonGaps) > 0 {
		fmt.Fprintln(w, "\n"+i18n.T(lang, "Blocks missing in several countries (candidates for a shared regional investment)"))
		tw := newTable(w)
		fmt.Fprintln(tw, "  "+i18n.T(lang, "Block")+"\t"+i18n.T(lang, "Countries")+"\t"+i18n.T(lang, "To build")+"\t"+i18n.T(lang, "To upgrade"))
		for _, g := range p.CommonGaps {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", g.Block, g.Countries, orDash(strings.Join(g.Build, ", ")), orDash(strings.Join(g.Upgrade, ", ")))
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\n"+i18n.T(lang, "Funding per country"))
	tw := newTable(w)
	fmt.Fprintln(tw, "  "+i18n.T(lang, "Country")+"\t"+i18n.T(lang, "One-off cost")+"\t"+i18n.T(lang, "Funded")+"\t"+i18n.T(lang, "Unfunded")+"\t"+i18n.T(lang, "Possible duplicate funding"))
	for _, c := range p.Countries {
		fmt.Fprintf(tw, "  %s\t%s %s\t%s\t%s\t%s\n", c.ISO3, i18n.Int(lang, c.Cost), c.Currency, i18n.Int(lang, c.Funded), i18n.Int(lang, c.Gap), orDash(strings.Join(c.Duplicates, ", ")))
	}
	tw.Flush()
}
