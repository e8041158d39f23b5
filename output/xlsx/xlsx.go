// Package xlsx writes the country workbook (design §7): a summary with a radar chart of the
// pillars, every indicator with a heat map, the use-case matrix and the building-block table, the
// roadmap with a month-by-month Gantt grid drawn by conditional formatting and drop-down lists
// where planners edit, the KPI timetable, the budget, the funding gaps, the pledges and the shared blocks. A table
// that can run on to several printed pages has a sheet of its own, so its header heads every
// page. It also reads back what planners edited on
// the Roadmap sheet (status and owner) so it can go into the country file's plan: section.
//
// Numbers are written as numbers, dates as dates and money with a currency number format.
// Text from the country file is always written as a string cell, never as a formula.
package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// Sheet names in English. A workbook written in another language names its sheets in that
// language (SheetsIn); the importer recognises the Roadmap sheet in every language.
const (
	SheetSummary = "Summary"
	SheetScores  = "Scores"
	SheetMatrix  = "Use-case matrix"
	SheetBlocks  = "Building blocks"
	SheetRoadmap = "Roadmap"
	SheetKPIs    = "KPIs"
	SheetBudget  = "Budget"
	SheetGaps    = "Funding gaps"
	SheetPledges = "Pledges"
	SheetShared  = "Shared blocks"
	SheetAssume  = "Assumptions"
	SheetLists   = "Lists"
)

// Sheets lists the workbook's sheets in order, in English. A table that can run on to several
// printed pages has a sheet of its own, so the header rows repeated on each page are its own.
var Sheets = []string{SheetSummary, SheetScores, SheetMatrix, SheetBlocks, SheetRoadmap, SheetKPIs, SheetBudget, SheetGaps, SheetPledges, SheetShared, SheetAssume, SheetLists}

// Column headers of the Roadmap sheet that the importer reads back, in English; a workbook in
// another language has them in that language, and the importer knows them in every one.
const (
	HeaderID     = "ID"
	HeaderStatus = "Status"
	HeaderOwner  = "Owner"
)

// sheetNames are the names of the workbook's sheets in one language.
type sheetNames struct {
	summary, scores, matrix, blocks, roadmap, kpis, budget, gaps, pledges, shared, assume, lists string
}

// namesIn names the sheets in lang. Every name is a valid sheet name (at most 31 characters,
// none of []:*?/\), and no two are the same; a translation that breaks either rule gives way
// to the English name.
func namesIn(lang string) sheetNames {
	n := sheetNames{
		summary: sheetName(i18n.T(lang, "Summary"), SheetSummary),
		scores:  sheetName(i18n.T(lang, "Scores"), SheetScores),
		matrix:  sheetName(i18n.T(lang, "Use-case matrix"), SheetMatrix),
		blocks:  sheetName(i18n.T(lang, "Building blocks"), SheetBlocks),
		roadmap: sheetName(i18n.T(lang, "Roadmap"), SheetRoadmap),
		kpis:    sheetName(i18n.T(lang, "KPIs"), SheetKPIs),
		budget:  sheetName(i18n.T(lang, "Budget"), SheetBudget),
		gaps:    sheetName(i18n.T(lang, "Funding gaps"), SheetGaps),
		pledges: sheetName(i18n.T(lang, "Pledges"), SheetPledges),
		shared:  sheetName(i18n.T(lang, "Shared blocks"), SheetShared),
		assume:  sheetName(i18n.T(lang, "Assumptions"), SheetAssume),
		lists:   sheetName(i18n.T(lang, "Lists"), SheetLists),
	}
	seen := map[string]bool{}
	for _, p := range []struct {
		name *string
		en   string
	}{{&n.summary, SheetSummary}, {&n.scores, SheetScores}, {&n.matrix, SheetMatrix}, {&n.blocks, SheetBlocks},
		{&n.roadmap, SheetRoadmap}, {&n.kpis, SheetKPIs}, {&n.budget, SheetBudget}, {&n.gaps, SheetGaps},
		{&n.pledges, SheetPledges}, {&n.shared, SheetShared}, {&n.assume, SheetAssume}, {&n.lists, SheetLists}} {
		if seen[strings.ToLower(*p.name)] {
			*p.name = p.en
		}
		seen[strings.ToLower(*p.name)] = true
	}
	return n
}

func (n sheetNames) list() []string {
	return []string{n.summary, n.scores, n.matrix, n.blocks, n.roadmap, n.kpis, n.budget, n.gaps, n.pledges, n.shared, n.assume, n.lists}
}

// SheetsIn lists the workbook's sheets in order, named in lang.
func SheetsIn(lang string) []string { return namesIn(lang).list() }

// sheetName makes s a valid sheet name: without the characters Excel refuses ([]:*?/\), not
// starting or ending with an apostrophe, and at most 31 characters; fallback when nothing is
// left.
func sheetName(s, fallback string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.Trim(s, "'"))
	if r := []rune(s); len(r) > 31 {
		s = strings.TrimSpace(string(r[:31]))
	}
	if s == "" {
		return fallback
	}
	return s
}

// Write writes the workbook of a planned model (m.Plan must be set) in lang to w.
func Write(m *countries.Model, lang string, w io.Writer) error {
	if m == nil || m.Doc == nil || m.Score == nil || m.Match == nil || m.Plan == nil {
		return fmt.Errorf("xlsx: the model has no plan; build and plan it first")
	}
	f, err := build(m, lang)
	if err != nil {
		return err
	}
	defer f.Close()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return numericSums(buf.Bytes(), w)
}

// WriteFile writes the workbook to path atomically: a reader (or a crash) sees the old file or
// the new one, never half a workbook.
func WriteFile(m *countries.Model, lang, path string) error {
	return atomicfile.WriteFunc(path, 0o644, func(w io.Writer) error { return Write(m, lang, w) })
}

// book is the workbook being written. Cell writes keep the first error and skip the rest, so
// the sheet builders read as plain lists of cells.
type book struct {
	f    *excelize.File
	m    *countries.Model
	lang string
	sh   sheetNames
	st   styles
	err  error

	// Neither Excel nor LibreOffice grows a row for wrapped text when it opens a file, so the
	// writer estimates each row's lines from the column widths and sets the heights.
	colWidth map[string]map[int]float64  // sheet → column → width in characters
	lines    map[string]map[int]int      // sheet → row → most lines of a wrapped cell
	wraps    map[int]bool                // styles that wrap text
	prints   map[string]*printSpec       // sheet → paper and print titles
	used     map[string]int              // sheet → last column holding a value
	rowEnd   map[string]map[int]lastCell // sheet → row → its last cell holding a value
	left     map[int]int                 // style → the same, aligned left
}

func build(m *countries.Model, lang string) (*excelize.File, error) {
	b := &book{f: excelize.NewFile(), m: m, lang: lang, sh: namesIn(lang),
		colWidth: map[string]map[int]float64{}, lines: map[string]map[int]int{}, left: map[int]int{}}
	if err := b.f.SetSheetName("Sheet1", b.sh.summary); err != nil {
		return nil, err
	}
	for _, s := range b.sh.list()[1:] {
		if _, err := b.f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	if err := b.newStyles(); err != nil {
		return nil, err
	}
	b.lists()
	b.summary()
	b.scores()
	b.matrix()
	b.blocks()
	b.roadmap()
	b.kpis()
	b.budget()
	b.gaps()
	b.pledges()
	b.shared()
	b.assumptions()
	b.ganttLegend()
	b.printSetup()
	b.check(b.f.SetSheetVisible(b.sh.lists, false))
	b.f.SetActiveSheet(0)
	f := m.Doc.File
	// Dated by the assessment rather than the clock.
	when := f.Assessment.Time()
	if when.IsZero() {
		when = m.Plan.Start
	}
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:    i18n.F(lang, "%s — readiness, architecture and roadmap", f.Country.Name),
		Subject:  i18n.T(lang, "GovStack country workbook"),
		Creator:  "govplan",
		Created:  when.Format(time.RFC3339),
		Modified: when.Format(time.RFC3339),
	}))
	if b.err != nil {
		b.f.Close()
		return nil, fmt.Errorf("xlsx: %w", b.err)
	}
	return b.f, nil
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// cell returns the A1 name of a column and row (both from 1).
func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// colName returns the letters of a column (from 1).
func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

// str writes text as a string cell. Text is never read as a formula or a number, whatever it
// starts with.
func (b *book) str(sheet string, col, row int, s string, style int) {
	if b.err != nil {
		return
	}
	ref := cell(col, row)
	if style == b.st.textWrap && s != "" {
		s = b.fitted(sheet, col, row, s, "", b.widthOf(sheet, col))
	}
	if s != "" { // an empty cell stays blank (filters and formulas see it as empty)
		b.check(b.f.SetCellStr(sheet, ref, s))
		n := utf8.RuneCountInString(s)
		if strings.Contains(s, "\n") {
			n = 0 // a text of several lines is wrapped, not run on
		}
		b.note(sheet, col, row, lastCell{col: col, runes: n, style: style})
	}
	b.style(sheet, ref, ref, style)
	if b.wraps[style] {
		w := b.widthOf(sheet, col)
		if style == b.st.header || style == b.st.headerNum {
			w = w*0.92 - 1 // bold, and numbers' headers are indented
		}
		b.grow(sheet, row, wrapLines(s, w))
	}
}

// widthOf is the width of a column in characters.
func (b *book) widthOf(sheet string, col int) float64 {
	if w, ok := b.colWidth[sheet][col]; ok {
		return w
	}
	return defaultColWidth
}

// defaultColWidth is the width of a column whose width is not set.
const defaultColWidth = 8.43

// grow records that row needs at least n lines.
func (b *book) grow(sheet string, row, n int) {
	if b.lines[sheet] == nil {
		b.lines[sheet] = map[int]int{}
	}
	b.lines[sheet][row] = max(b.lines[sheet][row], n)
}

// fitRows sets the height of every row that holds wrapped text of more than one line. Call it
// after the sheet's cells; heights set afterwards win.
func (b *book) fitRows(sheet string) {
	for row, n := range b.lines[sheet] {
		if n > 1 {
			b.check(b.f.SetRowHeight(sheet, row, lineHeight(n)))
		}
	}
}

// lineHeight is the row height in points for n lines of 11-point text, at most a little more
// than maxRowLines (cells with longer texts are cut by fitted).
func lineHeight(n int) float64 { return float64(min(n, maxRowLines+2))*14.5 + 3 }

// wrapLines estimates how many lines s takes when wrapped at word boundaries in a column width
// characters wide (widths count digits of the default font; text averages a little narrower).
func wrapLines(s string, width float64) int {
	capacity := max(1, int(width*1.2)-1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		lines, cur := 1, 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case cur == 0:
				cur = l
			case cur+1+l <= capacity:
				cur += 1 + l
			default:
				lines++
				cur = l
			}
			for cur > capacity {
				lines++
				cur -= capacity
			}
		}
		n += lines
	}
	return n
}

// leftOf returns style id aligned left (for numbers beside labels).
func (b *book) leftOf(id int) int {
	if l, ok := b.left[id]; ok || b.err != nil {
		return l
	}
	st, err := b.f.GetStyle(id)
	if err != nil {
		b.check(err)
		return id
	}
	if st.Alignment == nil {
		st.Alignment = &excelize.Alignment{}
	}
	st.Alignment.Horizontal, st.Alignment.Indent = "left", 0
	l, err := b.f.NewStyle(st)
	b.check(err)
	b.left[id] = l
	return l
}

// num writes a number.
func (b *book) num(sheet string, col, row int, v float64, style int) {
	if b.err != nil {
		return
	}
	ref := cell(col, row)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.style(sheet, ref, ref, style)
		return
	}
	b.check(b.f.SetCellFloat(sheet, ref, v, -1, 64))
	b.style(sheet, ref, ref, style)
	b.note(sheet, col, row, lastCell{col: col, style: style})
}

// lastCell is the last cell of a row holding a value: its column, how many characters of
// text it holds (0 for a number or a text on several lines) and its style.
type lastCell struct{ col, runes, style int }

// note records a written cell for the print setup, which needs each sheet's used width and
// the text that ends each row.
func (b *book) note(sheet string, col, row int, c lastCell) {
	if b.used == nil {
		b.used, b.rowEnd = map[string]int{}, map[string]map[int]lastCell{}
	}
	b.used[sheet] = max(b.used[sheet], col)
	if b.rowEnd[sheet] == nil {
		b.rowEnd[sheet] = map[int]lastCell{}
	}
	if col >= b.rowEnd[sheet][row].col {
		b.rowEnd[sheet][row] = c
	}
}

// opt writes *v·scale, or leaves the cell empty (but styled) when v is nil.
func (b *book) opt(sheet string, col, row int, v *float64, scale float64, style int) {
	if v == nil {
		ref := cell(col, row)
		b.style(sheet, ref, ref, style)
		return
	}
	b.num(sheet, col, row, *v*scale, style)
}

// date writes a calendar date as a date serial number (the style gives the date format).
func (b *book) date(sheet string, col, row int, t time.Time, style int) {
	b.num(sheet, col, row, serial(t), style)
}

func (b *book) style(sheet, from, to string, style int) {
	if b.err != nil || style == 0 {
		return
	}
	b.check(b.f.SetCellStyle(sheet, from, to, style))
}

// header writes a header row from col 1.
func (b *book) header(sheet string, row int, titles ...string) {
	for i, t := range titles {
		b.str(sheet, i+1, row, t, b.st.header)
	}
}

// numHeaders aligns the headers of number columns right, over their numbers.
func (b *book) numHeaders(sheet string, row int, cols ...int) {
	for _, c := range cols {
		b.style(sheet, cell(c, row), cell(c, row), b.st.headerNum)
	}
}

// widths sets the widths of the first columns. Set them before writing wrapped text.
func (b *book) widths(sheet string, widths ...float64) {
	for i, w := range widths {
		b.width(sheet, i+1, i+1, w)
	}
}

// width sets the width of columns from..to.
func (b *book) width(sheet string, from, to int, w float64) {
	b.check(b.f.SetColWidth(sheet, colName(from), colName(to), w))
	if b.colWidth[sheet] == nil {
		b.colWidth[sheet] = map[int]float64{}
	}
	for c := from; c <= to; c++ {
		b.colWidth[sheet][c] = w
	}
}

// freeze keeps the first cols columns and rows rows in view.
func (b *book) freeze(sheet string, cols, rows int) {
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	tl := cell(cols+1, rows+1)
	b.check(b.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}},
	}))
}

// Paper sizes.
const (
	paperA3 = 8
	paperA4 = 9
)

// quoteSheet quotes a sheet name for a reference when it needs it: anything but ASCII letters,
// digits and underscores ("Feuille de route", "Synthèse").
func quoteSheet(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
	}
	return s
}

// ref is a reference to a range of a sheet, quoted as it needs ("'Feuille de route'!$A$1").
func ref(sheet, rng string) string { return quoteSheet(sheet) + "!" + rng }

// serial is the spreadsheet date number of t's calendar day (1900 date system).
func serial(t time.Time) float64 {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// pct100 turns a 0..1 fraction into 0..100.
const pct100 = 100

// yes is "yes" in the workbook's language; the Gantt's conditional format looks for it in the
// Critical column.
func (b *book) yes() string { return i18n.T(b.lang, "yes") }

// yesNo is "yes" or "" (empty reads better in a filtered column than "no").
func (b *book) yesNo(v bool) string {
	if v {
		return b.yes()
	}
	return ""
}
