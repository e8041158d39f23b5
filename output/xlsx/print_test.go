package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The page setup, print titles, running header and footer, and live totals are read back from
// the written file, as Excel and LibreOffice read them.
func TestWorkbookPrints(t *testing.T) {
	for _, name := range []string{"aurelia", "bakana", "coralia"} {
		m := sample(t, name)
		path := filepath.Join(t.TempDir(), name+".xlsx")
		if err := WriteFile(m, "en", path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range f.GetSheetList() {
			if s == SheetLists {
				continue
			}
			pl, err := f.GetPageLayout(s)
			if err != nil {
				t.Fatal(err)
			}
			want := paperA4
			if s == SheetRoadmap {
				want = paperA3
			}
			if pl.Size == nil || *pl.Size != want {
				t.Errorf("%s %s: paper %v, want %d", name, s, pl.Size, want)
			}
			if s == SheetRoadmap && (pl.Orientation == nil || *pl.Orientation != "landscape") {
				t.Errorf("%s: the Gantt is not landscape", name)
			}
			if pl.AdjustTo == nil || *pl.AdjustTo < 73 || *pl.AdjustTo > 100 {
				t.Errorf("%s %s: scale %v: 11-point text would print under 8 points", name, s, pl.AdjustTo)
			}
			if pl.FitToWidth != nil && *pl.FitToWidth > 0 {
				props, _ := f.GetSheetProps(s)
				if props.FitToPage != nil && *props.FitToPage {
					t.Errorf("%s %s: fitted to the page, whatever the text size", name, s)
				}
			}
			hf, err := f.GetHeaderFooter(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, must := range []string{m.Doc.File.Country.Name, "&D", "&C&9&B" + s} {
				if !strings.Contains(hf.OddHeader, must) {
					t.Errorf("%s %s: header %q lacks %q", name, s, hf.OddHeader, must)
				}
			}
			for _, must := range []string{"govplan ", "&P", "&N"} {
				if !strings.Contains(hf.OddFooter, must) {
					t.Errorf("%s %s: footer %q lacks %q", name, s, hf.OddFooter, must)
				}
			}
		}
		titles := map[string]string{}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" {
				titles[dn.Scope] = dn.RefersTo
			}
		}
		for s, want := range map[string]string{SheetScores: "$1:$1", SheetRoadmap: "Roadmap!$A:$B,Roadmap!$1:$1", SheetKPIs: "$1:$1", SheetBlocks: "$A:$A"} {
			if !strings.Contains(titles[s], want) {
				t.Errorf("%s %s: print titles %q, want %q", name, s, titles[s], want)
			}
		}
		// Totals are live formulas.
		rows, _ := f.GetRows(SheetBudget)
		totalRow := 0
		for i, r := range rows {
			if len(r) > 0 && r[0] == "Total" {
				totalRow = i + 1
				break
			}
		}
		if totalRow == 0 {
			t.Fatalf("%s: no Total row on the Budget sheet", name)
		}
		fm, _ := f.GetCellFormula(SheetBudget, cell(2, totalRow))
		if !regexp.MustCompile(`^SUM\(B5:B[0-9]+\)$`).MatchString(fm) {
			t.Errorf("%s: budget total formula %q", name, fm)
		}
		found := false
		srows, _ := f.GetRows(SheetSummary)
		for i, r := range srows {
			if len(r) > 0 && r[0] == "Total cost (one-off)" {
				fm, _ := f.GetCellFormula(SheetSummary, cell(2, i+1))
				found = strings.HasPrefix(fm, "SUM(Roadmap!$J$2:$J$")
			}
		}
		if !found {
			t.Errorf("%s: the summary's total cost is not a SUM of the Roadmap's costs", name)
		}
		if _, err := f.GetSheetIndex(SheetAssume); err != nil {
			t.Error(err)
		}
		f.Close()

		// The cached values of the sums are numbers, not text.
		data, _ := os.ReadFile(path)
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		sums := 0
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
				continue
			}
			rc, _ := zf.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			for _, c := range regexp.MustCompile(`<c [^>]*><f>SUM\([^<]*\)</f><v>[^<]*</v></c>`).FindAll(x, -1) {
				sums++
				if bytes.Contains(c, []byte(`t="str"`)) {
					t.Errorf("%s: a SUM caches its value as text: %s", name, c)
				}
			}
		}
		if sums < 6 {
			t.Errorf("%s: %d SUM cells", name, sums)
		}
	}
}

func TestLayout(t *testing.T) {
	for _, c := range []struct {
		width  float64
		paper  int
		force  bool
		orient string
		scale  int
	}{
		{400, paperA4, false, "portrait", 100},
		{700, paperA4, false, "landscape", 100},
		{900, paperA4, false, "landscape", 87},
		{5000, paperA4, false, "landscape", 73},
		{400, paperA3, true, "landscape", 100},
	} {
		o, s := layout(c.width, c.paper, c.force)
		if o != c.orient || s != c.scale {
			t.Errorf("layout(%v, %d) = %s %d, want %s %d", c.width, c.paper, o, s, c.orient, c.scale)
		}
	}
}

func TestUntypeSums(t *testing.T) {
	in := `<c r="B9" s="3" t="str"><f>SUM(B5:B8)</f><v>1250</v></c><c r="C9" t="str"><f>SUM(C5:C8)</f><v>n/a</v></c><c r="D9" t="str"><f>A1&amp;B1</f><v>x</v></c>`
	want := `<c r="B9" s="3"><f>SUM(B5:B8)</f><v>1250</v></c><c r="C9" t="str"><f>SUM(C5:C8)</f><v>n/a</v></c><c r="D9" t="str"><f>A1&amp;B1</f><v>x</v></c>`
	if got := string(untypeSums([]byte(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A sheet whose print titles repeat a table's header rows holds that one table: a second
// table further down would print its pages under the first table's header, its own header
// not repeated. A second header is a row below the print titles with two or more filled cells
// styled as the title rows are.
func TestPrintTitlesHeadOneTable(t *testing.T) {
	for _, name := range []string{"aurelia", "bakana", "coralia"} {
		for _, lang := range []string{"en", "fr"} {
			m := sample(t, name)
			path := filepath.Join(t.TempDir(), name+".xlsx")
			if err := WriteFile(m, lang, path); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			titled := 0
			for _, dn := range f.GetDefinedName() {
				if dn.Name != "_xlnm.Print_Titles" {
					continue
				}
				rm := regexp.MustCompile(`\$([0-9]+):\$([0-9]+)$`).FindStringSubmatch(dn.RefersTo)
				if rm == nil {
					continue // columns only
				}
				titled++
				first, _ := strconv.Atoi(rm[1])
				last, _ := strconv.Atoi(rm[2])
				s := dn.Scope
				rows, err := f.GetRows(s)
				if err != nil {
					t.Fatal(err)
				}
				header := map[int]bool{} // styles of the title rows' filled cells
				for r := first; r <= last && r <= len(rows); r++ {
					for c := range rows[r-1] {
						id, _ := f.GetCellStyle(s, cell(c+1, r))
						st, _ := f.GetStyle(id)
						if st != nil && st.Fill.Pattern > 0 {
							header[id] = true
						}
					}
				}
				if len(header) == 0 {
					t.Errorf("%s %s %s: print titles %s hold no header", name, lang, s, dn.RefersTo)
					continue
				}
				for r := last + 1; r <= len(rows); r++ {
					n := 0
					for c, v := range rows[r-1] {
						id, _ := f.GetCellStyle(s, cell(c+1, r))
						if v != "" && header[id] {
							n++
						}
					}
					if n >= 2 {
						t.Errorf("%s %s %s: a second table header at row %d (%v) under print titles %s", name, lang, s, r, rows[r-1], dn.RefersTo)
						break
					}
				}
			}
			if titled < 4 {
				t.Errorf("%s %s: only %d sheets repeat header rows", name, lang, titled)
			}
			f.Close()
		}
	}
}
