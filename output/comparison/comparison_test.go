package comparison

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

// samples compares the samples; each is planned and added to the portfolio, then dropped.
func samples(t testing.TB) (*assess.Comparison, *countries.Portfolio) {
	t.Helper()
	cat, _ := catalog.Default()
	var entries []*assess.CompareEntry
	port := countries.NewPortfolioBuilder()
	for _, n := range countries.SampleNames() {
		d, err := countries.Sample(n)
		if err != nil {
			t.Fatal(err)
		}
		fw, _ := d.Framework("")
		if err := d.Check(fw); err != nil {
			t.Fatal(err)
		}
		f := d.File
		entries = append(entries, &assess.CompareEntry{File: n, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
			FrameworkRef: f.Assessment.Framework, Framework: fw, Answers: f.Answers, Targets: &f.Targets})
		m := countries.Build(d, fw, cat, "en")
		if err := m.Replan(countries.PlanOptions{}); err != nil {
			t.Fatal(err)
		}
		port.Add(m)
	}
	c, err := assess.Compare(entries, assess.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c, port.Portfolio()
}

func TestComparisonWorkbook(t *testing.T) {
	c, port := samples(t)
	var buf bytes.Buffer
	if err := Write(&buf, c, port, "en"); err != nil {
		t.Fatal(err)
	}
	raw := append([]byte(nil), buf.Bytes()...)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Ranking", "Heat map", "Building blocks", "Funding"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want the ranking", f.GetActiveSheetIndex())
	}
	// Ranking: first row is rank 1, Aurelia, with a numeric overall score.
	if v, _ := f.GetCellValue("Ranking", "B2"); v != "Republic of Aurelia" {
		t.Errorf("B2 = %q", v)
	}
	if typ, _ := f.GetCellType("Ranking", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("overall score is not a number: %v", typ)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want a bar chart and a radar", charts)
	}
	cf, _ := f.GetConditionalFormats("Heat map")
	if len(cf) == 0 {
		t.Error("no heat map colour scale")
	}
	// Blocks: payments is built or upgraded in more than one sample: a common gap.
	rows, _ := f.GetRows("Building blocks")
	found := false
	for _, r := range rows {
		if len(r) > 1 && r[0] == "payments" {
			found = true
		}
	}
	if !found {
		t.Error("payments not listed among common gaps")
	}
	// Consent is built in all three samples: the first candidate for a shared investment.
	p := port
	if len(p.CommonGaps) == 0 || p.CommonGaps[0].Block != "consent" || p.CommonGaps[0].Countries != 3 {
		t.Errorf("common gaps %+v", p.CommonGaps)
	}
	// Funding: bakana's duplicate on payments shows.
	rows, _ = f.GetRows("Funding")
	dup := false
	for _, r := range rows {
		if len(r) > 5 && r[0] == "Republic of Bakana" && strings.Contains(r[5], "upgrade-payments") {
			dup = true
		}
	}
	if !dup {
		t.Error("bakana's duplicate funding not shown")
	}
	// French: translated sheet names.
	buf.Reset()
	if err := Write(&buf, c, port, "fr"); err != nil {
		t.Fatal(err)
	}
	f, _ = excelize.OpenReader(&buf)
	if f.GetSheetList()[0] != "Classement" {
		t.Errorf("French sheets %v", f.GetSheetList())
	}
}

// TestComparisonWorkbookSameEveryTime: the blocks sheet colours build, upgrade and reuse in
// that order (they came from a map, in a different order from run to run, so the same
// comparison made different workbooks).
func TestComparisonWorkbookSameEveryTime(t *testing.T) {
	c, port := samples(t)
	var buf bytes.Buffer
	if err := Write(&buf, c, port, "en"); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		var sheet struct {
			Formats []struct {
				Formula string `xml:"cfRule>formula"`
			} `xml:"conditionalFormatting"`
		}
		if err := xml.NewDecoder(rc).Decode(&sheet); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		for _, f := range sheet.Formats {
			if f.Formula != "" {
				rules = append(rules, f.Formula)
			}
		}
	}
	if got := strings.Join(rules, " "); got != `"build" "upgrade" "reuse"` {
		t.Errorf("status colours in the order %s", got)
	}
}

func TestRankingSVG(t *testing.T) {
	c, _ := samples(t)
	svg := RankingSVG(c, "en", 0)
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("not well-formed SVG: %v", err)
	}
	s := string(svg)
	if strings.Count(s, "<rect x=") != 3 || !strings.Contains(s, "1. Republic of Aurelia") || !strings.Contains(s, "Leading") {
		t.Errorf("ranking SVG lacks bars or labels:\n%s", s)
	}
	if path, err := exec.LookPath("rsvg-convert"); err == nil {
		cmd := exec.Command(path, "-f", "png", "-o", t.TempDir()+"/ranking.png")
		cmd.Stdin = bytes.NewReader(svg)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("rsvg-convert rejects the SVG: %v %s", err, out)
		}
	}
}

// The comparison workbook prints on A4 at 8 pt or more, its headers fit their rows and
// columns, chart text is dark, and money has thousands separators as numbers.
func TestComparisonWorkbookPrints(t *testing.T) {
	c, port := samples(t)
	var buf bytes.Buffer
	if err := Write(&buf, c, port, "en"); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		pl, _ := f.GetPageLayout(s)
		if pl.Size == nil || *pl.Size != 9 || pl.AdjustTo == nil || *pl.AdjustTo < 73 {
			t.Errorf("%s: paper %v scale %v", s, pl.Size, pl.AdjustTo)
		}
		hf, _ := f.GetHeaderFooter(s)
		if !strings.Contains(hf.OddFooter, "&P / &N") || !strings.Contains(hf.OddHeader, s) {
			t.Errorf("%s: header %q footer %q", s, hf.OddHeader, hf.OddFooter)
		}
	}
	// "Interoperability" fits its column in bold.
	rows, _ := f.GetRows("Heat map")
	for j, h := range rows[0] {
		w, _ := f.GetColWidth("Heat map", colName(j+1))
		for _, word := range strings.Fields(h) {
			if float64(len([]rune(word)))*1.15+2 > w+0.01 {
				t.Errorf("header word %q is cut in a column %.1f wide", word, w)
			}
		}
	}
	if h, _ := f.GetRowHeight("Heat map", 1); h < 15*float64(wrappedLines("Cybersecurity, privacy and resilience", 13)) {
		t.Errorf("header row %.0f pt tall: wrapped headers would print over the data", h)
	}
	// Money: numbers with a thousands separator.
	frows, _ := f.GetRows("Funding")
	for i, r := range frows[1:4] {
		v, _ := f.GetCellValue("Funding", cell(3, i+2))
		if !strings.Contains(v, ",") {
			t.Errorf("one-off cost %q of %s has no thousands separator", v, r[0])
		}
		if typ, _ := f.GetCellType("Funding", cell(3, i+2)); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("one-off cost of %s stored as text", r[0])
		}
	}
	// Chart text is dark.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		charts++
		rc, _ := zf.Open()
		var x bytes.Buffer
		x.ReadFrom(rc)
		rc.Close()
		if !bytes.Contains(x.Bytes(), []byte(`"262626"`)) || bytes.Contains(x.Bytes(), []byte(`D9D9D9`)) {
			t.Errorf("%s: chart text is not dark", zf.Name)
		}
	}
	if charts == 0 {
		t.Error("no chart")
	}
}

// The portfolio page is one self-contained page with every part donors read.
func TestPortfolioHTML(t *testing.T) {
	c, port := samples(t)
	doc := string(HTML(c, port, "en", HTMLOptions{Version: "v9"}))
	for _, id := range []string{"ranking", "heatmap", "spread", "rounds", "blocks", "funding"} {
		if !strings.Contains(doc, `<section id="`+id+`">`) {
			t.Errorf("no %s section", id)
		}
	}
	for _, must := range []string{"Republic of Bakana", "XBK", "@page", "<title>", "Leading", "✓ reuse", "+ build", "govplan v9"} {
		if !strings.Contains(doc, must) {
			t.Errorf("page lacks %q", must)
		}
	}
	lower := strings.ToLower(doc)
	if strings.Contains(lower, "<script") || strings.Contains(lower, "src=") || strings.Contains(lower, "href=") || strings.Contains(lower, "@import") {
		t.Error("the page loads or runs something")
	}
	// Every heat-map cell says its band in words, not only by its shade.
	heat := doc[strings.Index(doc, `<table class="heat">`):]
	heat = heat[:strings.Index(heat, "</table>")]
	if strings.Count(heat, `class="num b`) != strings.Count(heat, `class="bw"`) || strings.Count(heat, `class="bw"`) == 0 {
		t.Error("heat-map cells without their band word")
	}
	fr := string(HTML(c, port, "fr", HTMLOptions{}))
	if !strings.Contains(fr, `<html lang="fr">`) || !strings.Contains(fr, "Comparaison de pays") {
		t.Error("the French page is not in French")
	}
}

// TestComparisonWorkbookLayout: the streamed sheets keep their layout: frozen panes, print
// titles, the ranking's filter, header rows sized to their wrapped text, column widths set
// before the data, and a name that looks like a formula stays text.
func TestComparisonWorkbookLayout(t *testing.T) {
	c, port := samples(t)
	c.Rows[0].Entry.Name = "=1+2"
	var buf bytes.Buffer
	if err := Write(&buf, c, port, "en"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	frozen := map[string]int{"Ranking": 2, "Heat map": 1, "Building blocks": 1, "Funding": 1}
	for _, s := range f.GetSheetList() {
		p, err := f.GetPanes(s)
		if err != nil || !p.Freeze || p.XSplit != frozen[s] || p.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v; want %d columns and the header row frozen", s, p, err, frozen[s])
		}
		titles := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" && d.Scope == s && strings.Contains(d.RefersTo, "$1:$1") {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: no print titles", s)
		}
		if h, _ := f.GetRowHeight(s, 1); h < 21 {
			t.Errorf("%s: header row %.0f pt tall, want it sized to its wrapped text", s, h)
		}
	}
	filtered := false
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && d.Scope == "Ranking" {
			filtered = true
		}
	}
	if !filtered {
		t.Error("the ranking has no filter")
	}
	if w, _ := f.GetColWidth("Ranking", "B"); w != 32 {
		t.Errorf("country column %.1f wide, want 32", w)
	}
	if v, _ := f.GetCellValue("Ranking", "B2"); v != "=1+2" {
		t.Errorf("B2 = %q, want the name as text", v)
	}
	if fm, _ := f.GetCellFormula("Ranking", "B2"); fm != "" {
		t.Errorf("the name became a formula %q", fm)
	}
	if st, _ := f.GetCellStyle("Ranking", "A1"); st == 0 {
		t.Error("the header has no style")
	}
}
