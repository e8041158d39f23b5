package xlsx

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

// No row of any sheet is taller than a reader can take in: long texts are cut to maxRowLines
// and the cell's note holds them in full. Read back from the file, every sample, en and fr.
func TestRowHeightsStayReadable(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	limit := lineHeight(maxRowLines + 2)
	for _, name := range countries.SampleNames() {
		for _, lang := range []string{"en", "fr"} {
			doc, err := countries.Sample(name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := countries.Analyse(doc, cat, lang)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(m, lang, &buf); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range f.GetSheetList() {
				rows, _ := f.GetRows(s)
				for i := range rows {
					h, _ := f.GetRowHeight(s, i+1)
					// The use-case matrix's header holds the block ids upright, by design.
					if h > limit && !(s == namesIn(lang).blocks && h <= 130) {
						t.Errorf("%s %s %s row %d: %.0f pt tall", name, lang, s, i+1, h)
					}
				}
			}
			// The reasons one block is needed by others are in the cell's note, not the cell.
			comments, _ := f.GetComments(namesIn(lang).blocks)
			reasons := 0
			for _, c := range comments {
				if strings.Count(c.Text, "\n\n") > 0 || strings.Contains(c.Text, "…") {
					reasons++
				}
				if c.Text == "" {
					t.Errorf("%s %s: empty note at %s", name, lang, c.Cell)
				}
			}
			if reasons == 0 {
				t.Errorf("%s %s: no note holds the blocks' reasons", name, lang)
			}
			f.Close()
		}
	}
}

func TestClipLines(t *testing.T) {
	long := strings.Repeat("alpha beta gamma delta ", 40)
	got := clipLines(long, 20, 3)
	if wrapLines(got+"…", 20) > 3 {
		t.Errorf("clipped text takes %d lines: %q", wrapLines(got+"…", 20), got)
	}
	if !strings.HasPrefix(long, got) || len(got) < 40 {
		t.Errorf("clipped text %q is not a fair beginning", got)
	}
	if got := clipLines("one\ntwo\nthree\nfour", 20, 2); got != "one\ntwo" {
		t.Errorf("lines: got %q", got)
	}
	if got := clipLines("short", 20, 2); got != "short" {
		t.Errorf("short: got %q", got)
	}
}

// The Budget, Funding gaps and Pledges sheets print one page wide: their free text wraps
// instead of widening the sheet onto pages of its own, and every column they use, including
// the far end of a merged cell, is on the page (a merged Name column once printed its right
// half on pages of its own).
func TestBudgetPrintsOnePageWide(t *testing.T) {
	for _, name := range countries.SampleNames() {
		m := sample(t, name)
		f, _ := written(t, m)
		for _, sheet := range []string{SheetBudget, SheetGaps, SheetPledges, SheetShared} {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			cols, err := f.GetCols(sheet)
			if err != nil {
				t.Fatal(err)
			}
			last := len(cols)
			merged, _ := f.GetMergeCells(sheet)
			for _, mc := range merged {
				c, _, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
				last = max(last, c)
			}
			var width float64
			for i := 1; i <= last; i++ {
				w, _ := f.GetColWidth(sheet, colName(i))
				width += w*7.3 + 5
			}
			width *= 0.75 * float64(*pl.AdjustTo) / 100
			page := paperPoints[paperA4][0]
			if *pl.Orientation == "landscape" {
				page = paperPoints[paperA4][1]
			}
			if width > page-2*marginSide*72 {
				t.Errorf("%s: the %s sheet prints %.0f pt wide on a %.0f pt %s page", name, sheet, width, page, *pl.Orientation)
			}
		}
	}
}

// The Building blocks table prints with its page breaks only between fields: a merged field
// cut at the page edge would lose its words.
func TestBlocksBreakBetweenFields(t *testing.T) {
	m := sample(t, "bakana")
	_, data := written(t, m)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var x []byte
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet4.xml" { // Building blocks, the fourth sheet
			rc, _ := zf.Open()
			x, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	cb := regexp.MustCompile(`<colBreaks[^>]*>(.*?)</colBreaks>`).FindSubmatch(x)
	if cb == nil {
		t.Fatal("the Building blocks sheet has no column breaks")
	}
	// Fields start after column A at these columns (spans 3,3,5,4,7,5,3,4,12).
	starts := map[int]bool{}
	col := 2
	for _, span := range []int{3, 3, 5, 4, 7, 5, 3, 4, 12} {
		starts[col] = true
		col += span
	}
	ids := regexp.MustCompile(`<brk id="([0-9]+)"`).FindAllSubmatch(cb[1], -1)
	if len(ids) == 0 {
		t.Fatal("no column break")
	}
	for _, id := range ids {
		n, _ := strconv.Atoi(string(id[1]))
		// A break with id n falls after column n, so column n+1 starts the page.
		if !starts[n+1] {
			t.Errorf("a page starts at column %d, inside a field", n+1)
		}
	}
}

// A French workbook writes percentages the French way, with a space before the sign, and its
// money with the locale tag that makes LibreOffice use French separators.
func TestFrenchNumberFormats(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := countries.Sample("bakana")
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, "fr")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(m, "fr", &buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var styles string
	for _, zf := range zr.File {
		if zf.Name == "xl/styles.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			styles = html.UnescapeString(string(b))
		}
	}
	for _, want := range []string{`formatCode="[$-40C]0"` + "\u00a0" + `"%"`, `formatCode="[$-40C]#,##0 "USD"`} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
}

// The Roadmap's id column is wide enough for its longest id (they were cut at 28 characters).
func TestRoadmapIDsFit(t *testing.T) {
	for _, name := range countries.SampleNames() {
		m := sample(t, name)
		f, _ := written(t, m)
		w, err := f.GetColWidth(SheetRoadmap, "A")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range m.Plan.Activities {
			if n := float64(len([]rune(a.ID))); n <= 40 && w < n*1.1 {
				t.Errorf("%s: id %s (%v characters) in a column %v wide", name, a.ID, n, w)
			}
		}
	}
}

func TestAsPledged(t *testing.T) {
	for in, want := range map[string]string{"1500000 EUR": "1,500,000 EUR", "900 USD": "900 USD", "about a million": "about a million"} {
		if got := asPledged("en", in); got != want {
			t.Errorf("asPledged(%q) = %q, want %q", in, got, want)
		}
	}
	if got := asPledged("fr", "1500000 EUR"); got == "1500000 EUR" {
		t.Errorf("French pledge not grouped: %q", got)
	}
}
