package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// Print setup. Every visible sheet prints on A4 (the Gantt on A3 landscape) in the orientation
// its columns need. A sheet is fitted to one page wide only when that keeps its 11-point text
// at 8 points or larger; a wider sheet prints at that smallest scale across several pages,
// with its header rows and name columns repeated on each. Scales are explicit, never "fit to
// page", so a page break is kept and every application prints alike. Each page has a header (country,
// sheet, the date it is printed) and a footer (govplan version, page X of Y).

// Paper sizes in points, portrait.
var paperPoints = map[int][2]float64{paperA4: {595.3, 841.9}, paperA3: {841.9, 1190.6}}

const (
	marginSide   = 0.4  // inches, left and right
	marginTop    = 0.75 // inches, leaving room for the running header
	marginHeader = 0.3
	// minScale keeps 11-point text at 8 points or larger.
	minScale = 8.0 / 11.0
)

// printSpec is what a sheet asks of the printer.
type printSpec struct {
	paper      int
	rows, cols string // print titles: rows repeated at the top ("$1:$1"), columns at the left ("$A:$B")
	breaks     []int  // columns that start a new page
}

// breakBefore starts a new printed page at column col (a chart beside a table).
func (b *book) breakBefore(sheet string, col int) {
	b.page(sheet, b.prints[sheet].paperOr(paperA4))
	b.prints[sheet].breaks = append(b.prints[sheet].breaks, col)
	b.check(b.f.InsertPageBreak(sheet, cell(col, 1)))
}

// page records the paper a sheet prints on; printSetup applies it once the sheet is complete.
func (b *book) page(sheet string, size int) {
	if b.prints == nil {
		b.prints = map[string]*printSpec{}
	}
	if b.prints[sheet] == nil {
		b.prints[sheet] = &printSpec{}
	}
	b.prints[sheet].paper = size
}

// printTitles records the rows (e.g. "$1:$1") and columns (e.g. "$A:$B") repeated on every
// printed page of a sheet.
func (b *book) printTitles(sheet, cols, rows string) {
	b.page(sheet, b.prints[sheet].paperOr(paperA4))
	b.prints[sheet].rows, b.prints[sheet].cols = rows, cols
}

func (p *printSpec) paperOr(def int) int {
	if p == nil || p.paper == 0 {
		return def
	}
	return p.paper
}

// usedWidth is the printed width in points of the widest stretch of the sheet's columns
// between page breaks, up to the last column used.
func (b *book) usedWidth(sheet string) float64 {
	last := max(1, b.used[sheet])
	breaks := map[int]bool{}
	if spec := b.prints[sheet]; spec != nil {
		for _, c := range spec.breaks {
			breaks[c] = true
		}
	}
	var px, widest float64
	for c := 1; c <= last; c++ {
		if breaks[c] {
			widest, px = math.Max(widest, px), 0
		}
		w, ok := b.colWidth[sheet][c]
		if !ok {
			w = defaultColWidth
		}
		// Calibri 11 (or Carlito): about 7 pixels a character and 5 of padding; counted a
		// little wide, as applications differ.
		px += w*7.3 + 5
	}
	return math.Max(widest, px) * 0.75
}

// layout chooses orientation and scale for a sheet of width points (its widest stretch
// between page breaks) on paper: portrait when it fits, else landscape, shrunk to the page
// width only as far as text stays at 8 pt or more; wider sheets print at that scale across
// pages. The scale is explicit (not "fit to width"), so a page break is kept and every
// application prints the same. forceLandscape is for the Gantt.
func layout(width float64, paper int, forceLandscape bool) (orient string, scale int) {
	size := paperPoints[paper]
	side := 2 * marginSide * 72
	portrait, landscape := size[0]-side, size[1]-side
	switch {
	case !forceLandscape && width <= portrait:
		return "portrait", 100
	case width <= landscape:
		return "landscape", 100
	}
	return "landscape", int(math.Max(math.Ceil(minScale*100), math.Floor(landscape/width*100)))
}

// printSetup applies the page setup, print titles, header and footer to every visible sheet.
func (b *book) printSetup() {
	f := b.m.Doc.File
	// Excel caps a header at 255 characters: a long country name is shortened there (the
	// Summary sheet keeps it whole).
	country := hfEscape(shortText(f.Country.Name, 80))
	version := hfEscape("govplan " + buildinfo.Version())
	pageOf := hfEscape(i18n.T(b.lang, "page")) + " &P / &N"
	for _, sheet := range b.sh.list() {
		if sheet == b.sh.lists {
			continue
		}
		b.widenOverflow(sheet)
		spec := b.prints[sheet]
		paper := spec.paperOr(paperA4)
		width := b.usedWidth(sheet)
		orient, scale := layout(width, paper, paper == paperA3)
		if float64(scale)/100*width > paperPoints[paper][1]-2*marginSide*72 && spec != nil && spec.cols == "" && spec.rows != "" {
			// Printed across several pages: the first column names each row on every page.
			spec.cols = "$A:$A"
		}
		sc, fit := uint(scale), false
		b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
		b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &paper, Orientation: &orient, AdjustTo: &sc}))
		side, top, hdr := marginSide, marginTop, marginHeader
		b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &hdr, Footer: &hdr}))
		name := hfEscape(sheet)
		b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
			OddHeader: "&L&9" + country + "&C&9&B" + name + "&R&9&D",
			OddFooter: "&L&9" + version + "&R&9" + pageOf,
		}))
		if spec != nil && (spec.rows != "" || spec.cols != "") {
			var parts []string
			if spec.cols != "" {
				parts = append(parts, ref(sheet, spec.cols))
			}
			if spec.rows != "" {
				parts = append(parts, ref(sheet, spec.rows))
			}
			b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(parts, ","), Scope: sheet}))
		}
	}
}

// widenOverflow widens a column whose last-in-row text would run on past the sheet's used
// columns: printed, that text would start pages of its own, cut off from its row. Only plain
// table cells count: titles, notes and wrapped text are meant to run on or grow their row.
func (b *book) widenOverflow(sheet string) {
	need := map[int]int{}
	for _, c := range b.rowEnd[sheet] {
		if c.runes > 0 && (c.style == b.st.text || c.style == b.st.indented || c.style == b.st.id) {
			need[c.col] = max(need[c.col], c.runes)
		}
	}
	for c, n := range need {
		w, ok := b.colWidth[sheet][c]
		if !ok {
			w = defaultColWidth
		}
		if want := math.Min(float64(n)*1.05+2, 90); want > w {
			b.width(sheet, c, c, want)
		}
	}
}

// hfEscape makes text safe in a header or footer, where & starts a code.
func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// sum writes a live SUM of the cells from..to of column col, with its value cached so every
// reader shows it before recalculating.
func (b *book) sum(sheet string, col, row, from, to int, cached float64, style int) {
	b.num(sheet, col, row, cached, style)
	if b.err != nil || to < from {
		return
	}
	b.check(b.f.SetCellFormula(sheet, cell(col, row), "SUM("+cell(col, from)+":"+cell(col, to)+")"))
}

// numericSums rewrites a written workbook so the cached values of its SUM cells are numbers,
// as Excel writes them; excelize's formula API types every cached result as text (t="str").
// Parts without a SUM are copied as they are, still compressed.
func numericSums(xlsx []byte, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			if err := zw.Copy(zf); err != nil {
				return err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
		if err != nil {
			return err
		}
		if _, err := out.Write(untypeSums(data)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// untypeSums drops t="str" from the cells of a sheet's XML whose formula is a SUM and whose
// cached value is a number.
func untypeSums(x []byte) []byte {
	const str = ` t="str"`
	var out []byte
	last := 0
	for i := 0; ; {
		j := bytes.Index(x[i:], []byte("<f>SUM("))
		if j < 0 {
			break
		}
		j += i
		i = j + 1
		open := bytes.LastIndex(x[last:j], []byte("<c "))
		if open < 0 {
			continue
		}
		open += last
		tag := x[open:j]
		k := bytes.Index(tag, []byte(str))
		if k < 0 || !numericValue(x[j:]) {
			continue
		}
		out = append(out, x[last:open+k]...)
		last = open + k + len(str)
	}
	if out == nil {
		return x
	}
	return append(out, x[last:]...)
}

// numericValue reports whether the formula at the start of x caches a number: "<f>…</f><v>…</v>".
func numericValue(x []byte) bool {
	end := bytes.Index(x, []byte("</f><v>"))
	if end < 0 || bytes.IndexByte(x[1:end], '<') >= 0 {
		return false
	}
	v := x[end+len("</f><v>"):]
	close := bytes.Index(v, []byte("</v>"))
	if close <= 0 {
		return false
	}
	_, err := strconv.ParseFloat(string(v[:close]), 64)
	return err == nil
}

// shortText cuts s to at most n characters, ending with "…" when cut.
func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
