// Package comparison writes what donors and regional bodies read when they compare many
// assessments: a comparison workbook (ranking, heat map, charts, rounds, blocks and funding
// across countries) and an SVG chart of the ranking.
package comparison

import (
	"unicode/utf8"

	"errors"
	"fmt"
	"github.com/govplan/govplan/internal/buildinfo"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/xuri/excelize/v2"
)

// book carries the workbook being written and the first error met. Every sheet is written
// twice by the same code: a measuring pass (b.sw nil, b.plan set) that records only the
// layout (column widths, header cells, frozen panes, filter, last column), then a streaming
// pass that writes the rows through excelize's StreamWriter in that layout. So no sheet is
// held as cells in memory and nothing is read back.
type book struct {
	f      *excelize.File
	lang   string
	err    error
	header int
	num    int
	money  int
	pct    int
	text   int
	title  int

	plan *sheetPlan             // measuring pass: the layout being recorded
	sw   *excelize.StreamWriter // streaming pass: the sheet being written
	lay  *sheetPlan             // streaming pass: the layout recorded for it
	row  int                    // streaming pass: the row being gathered (0: none)
	rowv []any                  // its cells, column 1 first
}

// sheetPlan is what the measuring pass learns of a sheet.
type sheetPlan struct {
	widths  map[int]float64 // columns given a width, and widened to fit their headers
	heights map[int]float64 // rows given a height
	headers []headerCell
	panes   *excelize.Panes
	filter  string // autofilter range, or ""
	lastCol int    // last column holding a value
}

type headerCell struct {
	col, row int
	text     string
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// put places a value (a string, float64 or int64; nil for none) with a style. Cells come
// row after row and, within a row, column after column, as the stream writer needs.
func (b *book) put(col, row int, v any, style int) {
	if p := b.plan; p != nil {
		if v != nil && v != "" {
			p.lastCol = max(p.lastCol, col)
		}
		if s, ok := v.(string); ok && s != "" && style == b.header && b.header != 0 {
			p.headers = append(p.headers, headerCell{col, row, s})
		}
		return
	}
	if b.sw == nil {
		return
	}
	if row != b.row {
		b.endRow()
		b.row = row
	}
	for len(b.rowv) < col {
		b.rowv = append(b.rowv, nil)
	}
	if v == nil && style == 0 {
		return
	}
	b.rowv[col-1] = excelize.Cell{StyleID: style, Value: v}
}

// endRow writes the row gathered, with its recorded height.
func (b *book) endRow() {
	if b.row == 0 {
		return
	}
	var opts []excelize.RowOpts
	if h, ok := b.lay.heights[b.row]; ok {
		opts = append(opts, excelize.RowOpts{Height: h})
	}
	b.check(b.sw.SetRow(cell(1, b.row), b.rowv, opts...))
	b.row, b.rowv = 0, b.rowv[:0]
}

// str writes text that always stays text (never a formula).
func (b *book) str(sheet string, col, row int, v string, style int) {
	b.put(col, row, v, style)
}

// num writes a number; nil leaves the cell empty.
func (b *book) numCell(sheet string, col, row int, v *float64, style int) {
	if v != nil {
		b.put(col, row, *v, style)
		return
	}
	b.put(col, row, nil, style)
}

// intCell writes a whole number without a style.
func (b *book) intCell(sheet string, col, row int, v int) {
	b.put(col, row, int64(v), 0)
}

// colWidth sets the width of columns from..to (letters) in the measuring pass.
func (b *book) colWidth(from, to string, w float64) {
	if b.plan == nil {
		return
	}
	lo, err1 := excelize.ColumnNameToNumber(from)
	hi, err2 := excelize.ColumnNameToNumber(to)
	b.check(err1)
	b.check(err2)
	for c := lo; c <= hi; c++ {
		b.plan.widths[c] = w
	}
}

// rowHeight sets the height of a row in the measuring pass.
func (b *book) rowHeight(row int, h float64) {
	if b.plan != nil {
		b.plan.heights[row] = h
	}
}

// autoFilter puts a filter on a range in the measuring pass (set before streaming).
func (b *book) autoFilter(rng string) {
	if b.plan != nil {
		b.plan.filter = rng
	}
}

// streaming reports whether this is the streaming pass (charts and conditional formats are
// added then, to the sheet being streamed).
func (b *book) streaming() bool { return b.sw != nil }

// sheet writes one sheet: write runs once to measure, once to stream. create adds the sheet
// (false for the first, which exists already).
func (b *book) sheet(name string, create bool, write func(s string)) {
	p := &sheetPlan{widths: map[int]float64{}, heights: map[int]float64{}}
	b.plan = p
	write(name)
	b.plan = nil
	b.fitHeaders(p)
	if create {
		b.check(ignoreIndex(b.f.NewSheet(name)))
	}
	if p.filter != "" {
		b.check(b.f.AutoFilter(name, p.filter, nil))
	}
	b.landscape(name, p) // after the filter: an autofilter rewrites the sheet properties
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		b.check(err)
		return
	}
	for _, c := range sortedCols(p.widths) {
		b.check(sw.SetColWidth(c, c, p.widths[c]))
	}
	if p.panes != nil {
		b.check(sw.SetPanes(p.panes))
	}
	b.sw, b.lay = sw, p
	write(name)
	b.endRow()
	b.check(sw.Flush())
	b.sw, b.lay = nil, nil
}

func sortedCols(m map[int]float64) []int {
	var cs []int
	for c := range m {
		cs = append(cs, c)
	}
	sort.Ints(cs)
	return cs
}

func score100(s *float64) *float64 {
	if s == nil {
		return nil
	}
	v := *s * 100 // shown without decimals; kept exact so the cell is not rounded twice
	return &v
}

// WriteFile writes the comparison workbook atomically. port may be nil (no block or funding
// sheets then).
func WriteFile(path string, c *assess.Comparison, port *countries.Portfolio, lang string) error {
	return atomicfile.WriteFunc(path, 0o644, func(w io.Writer) error { return Write(w, c, port, lang) })
}

// Write writes the comparison workbook to w.
func Write(w io.Writer, c *assess.Comparison, port *countries.Portfolio, lang string) error {
	if len(c.Rows) == 0 {
		return errors.New("nothing to compare")
	}
	b := &book{f: excelize.NewFile(), lang: lang}
	defer b.f.Close()
	b.styles()
	ranking := sheetName(i18n.T(lang, "Ranking"))
	b.check(b.f.SetSheetName("Sheet1", ranking))
	b.sheet(ranking, false, func(s string) { b.ranking(s, c) })
	b.sheet(sheetName(i18n.T(lang, "Heat map")), true, func(s string) { b.heatmap(s, c) })
	if len(c.Rounds) > 0 {
		b.sheet(sheetName(i18n.T(lang, "Rounds")), true, func(s string) { b.rounds(s, c) })
	}
	if p := port; p != nil && len(p.Countries) > 0 {
		b.sheet(sheetName(i18n.T(lang, "Building blocks")), true, func(s string) { b.blocks(s, p) })
		b.sheet(sheetName(i18n.T(lang, "Funding")), true, func(s string) { b.funding(s, p) })
	}
	// The first sheet is the active one already (excelize's new file selects it). No
	// SetActiveSheet: it reads every streamed sheet back into memory to clear its selection,
	// 15 KB a compared file, and changes nothing in the file written.
	if b.err != nil {
		return b.err
	}
	return b.f.Write(w)
}

// sheetName keeps a name within Excel's rules (31 characters, no []:*?/\).
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}

func (b *book) styles() {
	mk := func(s *excelize.Style) int {
		id, err := b.f.NewStyle(s)
		b.check(err)
		return id
	}
	font := excelize.Font{Family: "Calibri", Size: 11}
	bold := font
	bold.Bold = true
	b.header = mk(&excelize.Style{Font: &bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.num = mk(&excelize.Style{Font: &font, CustomNumFmt: ptrS("0")})
	b.money = mk(&excelize.Style{Font: &font, CustomNumFmt: ptrS("#,##0")})
	b.pct = mk(&excelize.Style{Font: &font, NumFmt: 9})
	b.text = mk(&excelize.Style{Font: &font, Alignment: &excelize.Alignment{Vertical: "top"}})
	big := excelize.Font{Family: "Calibri", Size: 14, Bold: true, Color: "1F4E79"}
	b.title = mk(&excelize.Style{Font: &big})
}

func ptrS(s string) *string { return &s }

// chartInk is the colour of every chart text: dark, as the application's pale default is
// hard to read on screen and on paper.
const chartInk = "262626"

// fitHeaders makes every header cell readable: its column at least as wide as its longest
// word (no word is cut, "Interoperabilit/y") and its row tall enough for its wrapped lines,
// so a header never prints over the data below it. It works on the header cells the
// measuring pass recorded, in the order they were written.
func (b *book) fitHeaders(p *sheetPlan) {
	colWidth := func(c int) float64 {
		if w, ok := p.widths[c]; ok {
			return w
		}
		return defaultColWidth
	}
	lines := map[int]int{}
	var rows []int
	for _, h := range p.headers {
		longest := 0
		for _, w := range strings.Fields(h.text) {
			longest = max(longest, utf8.RuneCountInString(w))
		}
		// Bold text is about a tenth wider than the digits column widths count.
		if need := float64(longest)*1.15 + 2; need > colWidth(h.col) {
			p.widths[h.col] = need
		}
		if _, ok := lines[h.row]; !ok {
			rows = append(rows, h.row)
		}
		lines[h.row] = max(lines[h.row], wrappedLines(h.text, colWidth(h.col)/1.15-1))
	}
	for _, r := range rows {
		p.heights[r] = float64(lines[r])*15 + 6
	}
}

// defaultColWidth is the width of a column given none (excelize's default).
const defaultColWidth = 9.140625

// wrappedLines counts the lines text takes wrapped at words in width characters.
func wrappedLines(text string, width float64) int {
	lines, cur := 1, 0
	for _, w := range strings.Fields(text) {
		l := utf8.RuneCountInString(w)
		switch {
		case cur == 0:
			cur = l
		case float64(cur+1+l) <= width:
			cur += 1 + l
		default:
			lines++
			cur = l
		}
	}
	return lines
}

// landscape prints a sheet on A4 landscape, shrunk to the page width only as far as its
// 11-point text stays at 8 points or more, with the header row and first column on every
// page and a header and footer naming the sheet, the date and the page.
func (b *book) landscape(sheet string, p *sheetPlan) {
	last := max(1, p.lastCol)
	var px float64
	for c := 1; c <= last; c++ {
		w, ok := p.widths[c]
		if !ok {
			w = defaultColWidth
		}
		px += w*7.3 + 5
	}
	const printable = 841.9 - 2*0.4*72 // A4 landscape less the side margins, in points
	scale := uint(100)
	if width := px * 0.75; width > printable {
		scale = uint(math.Max(73, math.Floor(printable/width*100)))
	}
	orient, size, fit := "landscape", 9, false
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, AdjustTo: &scale}))
	side, top, hdr := 0.4, 0.75, 0.3
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &hdr, Footer: &hdr}))
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&9" + esc(i18n.T(b.lang, "Country comparison")) + "&C&9&B" + esc(sheet) + "&R&9&D",
		OddFooter: "&L&9" + esc("govplan "+buildinfo.Version()) + "&R&9" + esc(i18n.T(b.lang, "page")) + " &P / &N",
	}))
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: q + "!$A:$A," + q + "!$1:$1", Scope: sheet}))
}

// freeze keeps the first cols columns and rows rows in view (recorded in the measuring pass).
func (b *book) freeze(sheet string, cols, rows int) {
	if b.plan != nil {
		b.plan.panes = &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cell(cols+1, rows+1), ActivePane: "bottomRight"}
	}
}

// ranking writes the table of countries by rank with a bar chart of overall scores and a
// radar of the first five.
func (b *book) ranking(s string, c *assess.Comparison) {
	lang := b.lang
	heads := []string{i18n.T(lang, "Rank"), i18n.T(lang, "Country"), i18n.T(lang, "ISO code"), i18n.T(lang, "Assessed"),
		i18n.T(lang, "Overall (0–100)"), i18n.T(lang, "Band"), i18n.T(lang, "Completeness")}
	for _, p := range c.Framework.Pillars {
		heads = append(heads, p.Name.In(lang))
	}
	for i, h := range heads {
		b.str(s, i+1, 1, h, b.header)
	}
	for i, r := range c.Rows {
		row := i + 2
		if r.Rank > 0 {
			b.intCell(s, 1, row, r.Rank)
		}
		b.str(s, 2, row, r.Entry.Name, b.text)
		b.str(s, 3, row, r.Entry.ISO3, b.text)
		b.str(s, 4, row, r.Entry.Date, b.text)
		b.numCell(s, 5, row, score100(r.Overall), b.num)
		band := ""
		if r.Band != nil {
			band = r.Band.Name.In(lang)
		}
		b.str(s, 6, row, band, b.text)
		b.numCell(s, 7, row, r.Completeness, b.pct)
		for pi, v := range r.Pillars {
			b.numCell(s, 8+pi, row, score100(v), b.num)
		}
	}
	last := len(c.Rows) + 1
	b.colWidth("B", "B", 32)
	b.colWidth("D", "G", 13)
	b.colWidth("H", colName(7+len(c.Framework.Pillars)), 14)
	b.rowHeight(1, 45)
	b.freeze(s, 2, 1)
	b.autoFilter(fmt.Sprintf("A1:%s%d", colName(len(heads)), last))
	if label := words.RelativeLabel(lang, c); label != "" {
		b.str(s, 1, last+2, i18n.T(lang, "Scores are relative:")+" "+label, b.text)
	}
	if !b.streaming() {
		return // charts go on the streamed sheet, before it is flushed
	}
	// A bar chart of the overall scores (at most 40 countries, ranked first).
	n := min(len(c.Rows), 40)
	lo, hi := 0.0, 100.0
	anchor := cell(2, last+4) // below the table, so the printed page stays one table wide
	b.check(b.f.AddChart(s, anchor, &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$E$1", s),
			Categories: fmt.Sprintf("'%s'!$B$2:$B$%d", s, n+1),
			Values:     fmt.Sprintf("'%s'!$E$2:$E$%d", s, n+1),
		}},
		Dimension: excelize.ChartDimension{Width: 620, Height: uint(160 + 18*n)},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: i18n.T(lang, "Overall readiness (0–100)"), Font: &excelize.Font{Bold: true, Size: 12, Color: chartInk}}}},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Size: 9, Color: chartInk}},
		YAxis:     excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorGridLines: true, Font: excelize.Font{Size: 9, Color: chartInk}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Format:    excelize.GraphicOptions{AltText: i18n.T(lang, "Bar chart of overall readiness scores")},
	}))
	// A radar of the pillars of the first five countries.
	k := min(len(c.Rows), 5)
	if k > 0 && len(c.Framework.Pillars) >= 3 {
		var series []excelize.ChartSeries
		lastCol := colName(7 + len(c.Framework.Pillars))
		for i := 0; i < k; i++ {
			series = append(series, excelize.ChartSeries{
				Name:       fmt.Sprintf("'%s'!$B$%d", s, i+2),
				Categories: fmt.Sprintf("'%s'!$H$1:$%s$1", s, lastCol),
				Values:     fmt.Sprintf("'%s'!$H$%d:$%s$%d", s, i+2, lastCol, i+2),
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 4},
			})
		}
		b.check(b.f.AddChart(s, cell(2, last+4+(160+18*n)/20+3), &excelize.Chart{
			Type:      excelize.Radar,
			Series:    series,
			Dimension: excelize.ChartDimension{Width: 620, Height: 460},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: i18n.F(lang, "Pillar scores of the first %d countries (0–100)", k), Font: &excelize.Font{Bold: true, Size: 12, Color: chartInk}}}},
			XAxis:     excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: chartInk}},
			YAxis:     excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 25, Font: excelize.Font{Size: 8, Color: chartInk}},
			Legend:    excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Size: 9, Color: chartInk}},
			Format:    excelize.GraphicOptions{AltText: i18n.T(lang, "Radar chart of pillar scores")},
		}))
	}
}

// heatmap writes countries × pillars with a colour scale and, so meaning is not carried by
// colour alone, the band of each score in the next table.
func (b *book) heatmap(s string, c *assess.Comparison) {
	lang := b.lang
	b.str(s, 1, 1, i18n.T(lang, "Country"), b.header)
	for pi, p := range c.Framework.Pillars {
		b.str(s, 2+pi, 1, p.Name.In(lang), b.header)
	}
	for i, r := range c.Rows {
		b.str(s, 1, i+2, r.Entry.Name, b.text)
		for pi, v := range r.Pillars {
			b.numCell(s, 2+pi, i+2, score100(v), b.num)
		}
	}
	last := len(c.Rows) + 1
	lastCol := colName(1 + len(c.Framework.Pillars))
	if b.streaming() {
		b.check(b.f.SetConditionalFormat(s, fmt.Sprintf("B2:%s%d", lastCol, last), []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "num", MinValue: "0", MinColor: "F8696B",
			MidType: "num", MidValue: "50", MidColor: "FFEB84",
			MaxType: "num", MaxValue: "100", MaxColor: "63BE7B",
		}}))
	}
	b.colWidth("A", "A", 32)
	b.colWidth("B", lastCol, 14)
	b.rowHeight(1, 45)
	b.freeze(s, 1, 1)
	// The same table with band names (readable without colour).
	top := last + 3
	b.str(s, 1, top-1, i18n.T(lang, "Bands (the same scores in words)"), b.title)
	b.str(s, 1, top, i18n.T(lang, "Country"), b.header)
	for pi, p := range c.Framework.Pillars {
		b.str(s, 2+pi, top, p.Name.In(lang), b.header)
	}
	for i, r := range c.Rows {
		b.str(s, 1, top+1+i, r.Entry.Name, b.text)
		for pi, v := range r.Pillars {
			if v != nil {
				if band := c.Framework.BandFor(*v); band != nil {
					b.str(s, 2+pi, top+1+i, band.Name.In(lang), b.text)
				}
			}
		}
	}
	// Spread per pillar.
	sp := top + len(c.Rows) + 3
	b.str(s, 1, sp-1, i18n.T(lang, "Spread per pillar (0–100)"), b.title)
	for i, h := range []string{i18n.T(lang, "Pillar"), i18n.T(lang, "Lowest"), i18n.T(lang, "Highest"), i18n.T(lang, "Mean"), i18n.T(lang, "Standard deviation")} {
		b.str(s, 1+i, sp, h, b.header)
	}
	for i, x := range c.Spread {
		b.str(s, 1, sp+1+i, x.Name.In(lang), b.text)
		b.numCell(s, 2, sp+1+i, score100(x.Min), b.num)
		b.numCell(s, 3, sp+1+i, score100(x.Max), b.num)
		b.numCell(s, 4, sp+1+i, score100(x.Mean), b.num)
		b.numCell(s, 5, sp+1+i, score100(x.SD), b.num)
	}
}

func ignoreIndex(_ int, err error) error { return err }

// rounds writes each country's assessments over time.
func (b *book) rounds(s string, c *assess.Comparison) {
	lang := b.lang
	row := 1
	for _, r := range c.Rounds {
		b.str(s, 1, row, fmt.Sprintf("%s (%s)", r.Name, r.ISO3), b.title)
		row++
		b.str(s, 1, row, i18n.T(lang, "Pillar"), b.header)
		for i, step := range r.Series {
			b.str(s, 2+i, row, step.Entry.Date, b.header)
		}
		b.str(s, 2+len(r.Series), row, i18n.T(lang, "Change"), b.header)
		row++
		b.str(s, 1, row, i18n.T(lang, "Overall"), b.text)
		for i, step := range r.Series {
			b.numCell(s, 2+i, row, score100(step.Overall), b.num)
		}
		b.numCell(s, 2+len(r.Series), row, score100(r.Overall.Delta), b.num)
		row++
		for pi, p := range c.Framework.Pillars {
			b.str(s, 1, row, p.Name.In(lang), b.text)
			for i, step := range r.Series {
				b.numCell(s, 2+i, row, score100(step.Pillars[pi]), b.num)
			}
			if pi < len(r.Pillars) {
				b.numCell(s, 2+len(r.Series), row, score100(r.Pillars[pi].Delta), b.num)
			}
			row++
		}
		list := func(title string, ch []assess.Change) {
			var ids []string
			for _, x := range ch {
				ids = append(ids, x.ID)
			}
			if len(ids) == 0 {
				ids = []string{"–"}
			}
			b.str(s, 1, row, title, b.header)
			b.str(s, 2, row, strings.Join(ids, ", "), b.text)
			row++
		}
		list(i18n.T(lang, "Improved"), r.Improved)
		list(i18n.T(lang, "Fell back"), r.FellBack)
		var met []string
		for _, t := range r.TargetsMet {
			met = append(met, t.ID)
		}
		if len(met) == 0 {
			met = []string{"–"}
		}
		b.str(s, 1, row, i18n.T(lang, "Targets met"), b.header)
		b.str(s, 2, row, strings.Join(met, ", "), b.text)
		row += 3
	}
	b.colWidth("A", "A", 40)
	b.colWidth("B", "J", 13)
}

// blocks writes countries × blocks with the work each needs, and the common gaps.
func (b *book) blocks(s string, p *countries.Portfolio) {
	lang := b.lang
	b.str(s, 1, 1, i18n.T(lang, "Country"), b.header)
	for j, id := range p.Blocks {
		b.str(s, 2+j, 1, id, b.header)
	}
	word := map[string]string{"reuse": i18n.T(lang, "reuse"), "upgrade": i18n.T(lang, "upgrade"), "build": i18n.T(lang, "build")}
	for i, pc := range p.Countries {
		b.str(s, 1, 2+i, pc.Name, b.text)
		for j, id := range p.Blocks {
			if st := pc.Statuses[id]; st != "" {
				b.str(s, 2+j, 2+i, word[st], b.text)
			}
		}
	}
	last := len(p.Countries) + 1
	rng := fmt.Sprintf("B2:%s%d", colName(1+len(p.Blocks)), last)
	// In a fixed order, so that the same comparison always makes the same workbook.
	for _, sc := range []struct{ status, color string }{{"build", "F4CCCC"}, {"upgrade", "FFE599"}, {"reuse", "D9EAD3"}} {
		if !b.streaming() {
			break
		}
		id, err := b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sc.color}}})
		b.check(err)
		b.check(b.f.SetConditionalFormat(s, rng, []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "==", Format: &id, Value: `"` + word[sc.status] + `"`}}))
	}
	b.colWidth("A", "A", 32)
	b.colWidth("B", colName(1+len(p.Blocks)), 12)
	b.rowHeight(1, 30)
	b.freeze(s, 1, 1)
	row := last + 3
	b.str(s, 1, row-1, i18n.T(lang, "Blocks missing in several countries (candidates for a shared regional investment)"), b.title)
	for i, h := range []string{i18n.T(lang, "Block"), i18n.T(lang, "Countries"), i18n.T(lang, "To build"), i18n.T(lang, "To upgrade")} {
		b.str(s, 1+i, row, h, b.header)
	}
	for i, g := range p.CommonGaps {
		b.str(s, 1, row+1+i, g.Block, b.text)
		b.intCell(s, 2, row+1+i, g.Countries)
		b.str(s, 3, row+1+i, strings.Join(g.Build, ", "), b.text)
		b.str(s, 4, row+1+i, strings.Join(g.Upgrade, ", "), b.text)
	}
}

// funding writes, per country, the cost, what pledges cover and the gap, then every pledge
// and every funder.
func (b *book) funding(s string, p *countries.Portfolio) {
	lang := b.lang
	for i, h := range []string{i18n.T(lang, "Country"), i18n.T(lang, "Currency"), i18n.T(lang, "One-off cost"), i18n.T(lang, "Funded"),
		i18n.T(lang, "Unfunded"), i18n.T(lang, "Possible duplicate funding"), i18n.T(lang, "Pledges the plan does not need")} {
		b.str(s, 1+i, 1, h, b.header)
	}
	for i, pc := range p.Countries {
		r := 2 + i
		b.str(s, 1, r, pc.Name, b.text)
		b.str(s, 2, r, pc.Currency, b.text)
		for j, v := range []float64{pc.Cost, pc.Funded, pc.Gap} {
			v := math.Round(v)
			b.numCell(s, 3+j, r, &v, b.money)
		}
		b.str(s, 6, r, strings.Join(pc.Duplicates, ", "), b.text)
		b.intCell(s, 7, r, pc.Unneeded)
	}
	row := len(p.Countries) + 4
	b.str(s, 1, row-1, i18n.T(lang, "Pledges"), b.title)
	for i, h := range []string{i18n.T(lang, "Funder"), i18n.T(lang, "Country"), i18n.T(lang, "Block or activity"), i18n.T(lang, "Plan activity"), i18n.T(lang, "Amount"), i18n.T(lang, "Currency")} {
		b.str(s, 1+i, row, h, b.header)
	}
	pledges := append([]countries.PortfolioPledge(nil), p.Pledges...)
	sort.SliceStable(pledges, func(i, j int) bool { return pledges[i].Funder < pledges[j].Funder })
	for i, pg := range pledges {
		r := row + 1 + i
		b.str(s, 1, r, pg.Funder, b.text)
		b.str(s, 2, r, pg.Country, b.text)
		b.str(s, 3, r, pg.Target, b.text)
		act := pg.Activity
		if act == "" {
			act = i18n.T(lang, "not needed by the plan")
		}
		b.str(s, 4, r, act, b.text)
		v := math.Round(pg.Amount)
		b.numCell(s, 5, r, &v, b.money)
		b.str(s, 6, r, pg.Currency, b.text)
	}
	row += len(pledges) + 3
	b.str(s, 1, row-1, i18n.T(lang, "Funders across the countries"), b.title)
	// One number column per currency, so amounts add up and sort.
	currencies := map[string]float64{}
	for _, f := range p.Funders {
		for cur := range f.Amounts {
			currencies[cur] = 0
		}
	}
	curs := sortedKeys(currencies)
	heads := []string{i18n.T(lang, "Funder"), i18n.T(lang, "Countries"), i18n.T(lang, "Blocks")}
	for _, cur := range curs {
		heads = append(heads, i18n.F(lang, "Amount (%s)", cur))
	}
	for i, h := range heads {
		b.str(s, 1+i, row, h, b.header)
	}
	for i, f := range p.Funders {
		r := row + 1 + i
		b.str(s, 1, r, f.Funder, b.text)
		b.str(s, 2, r, strings.Join(f.Countries, ", "), b.text)
		b.str(s, 3, r, strings.Join(f.Blocks, ", "), b.text)
		for j, cur := range curs {
			if v, ok := f.Amounts[cur]; ok {
				v = math.Round(v)
				b.numCell(s, 4+j, r, &v, b.money)
			}
		}
	}
	b.colWidth("A", "A", 32)
	b.colWidth("B", "G", 18)
	b.freeze(s, 1, 1)
}

func sortedKeys(m map[string]float64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}
