package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

// model builds and plans a country document.
func model(t testing.TB, doc *countries.Doc) *countries.Model {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, "en")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sample(t testing.TB, name string) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	return model(t, doc)
}

// written writes m's workbook and opens it again.
func written(t testing.TB, m *countries.Model) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(m, "en", &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// find returns the first cell (row, col from 1) on sheet whose value is v.
func find(t testing.TB, f *excelize.File, sheet, v string) (string, int, int) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, x := range row {
			if x == v {
				return cell(c+1, r+1), r + 1, c + 1
			}
		}
	}
	t.Fatalf("%s: no cell %q", sheet, v)
	return "", 0, 0
}

func numFmtOf(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	switch st.NumFmt {
	case 9:
		return "0%"
	case 14:
		return "date"
	}
	return ""
}

func wantType(t testing.TB, f *excelize.File, sheet, ref string, want excelize.CellType) {
	t.Helper()
	got, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	// Numbers are written without a type attribute (unset means number).
	if got == excelize.CellTypeUnset {
		got = excelize.CellTypeNumber
	}
	if got != want {
		v, _ := f.GetCellValue(sheet, ref)
		t.Fatalf("%s!%s (%q): type %v, want %v", sheet, ref, v, got, want)
	}
}

func TestSheetsAndTypes(t *testing.T) {
	m := sample(t, "bakana")
	f, _ := written(t, m)
	if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(Sheets, "|") {
		t.Fatalf("sheets %s, want %s", got, strings.Join(Sheets, "|"))
	}
	for _, s := range Sheets {
		if len(s) > 31 || strings.ContainsAny(s, `[]:*?/\`) {
			t.Errorf("sheet name %q is not allowed in Excel", s)
		}
	}
	if vis, _ := f.GetSheetVisible(SheetLists); vis {
		t.Error("the Lists sheet is visible")
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Error("the workbook does not open on the Summary sheet")
	}

	// Summary: the date is a date, the score a number, the cost money.
	_, r, c := find(t, f, SheetSummary, "Assessment date")
	ref := cell(c+1, r)
	wantType(t, f, SheetSummary, ref, excelize.CellTypeNumber)
	if got := numFmtOf(t, f, SheetSummary, ref); got != fmtDate {
		t.Errorf("assessment date format %q", got)
	}
	if v, _ := f.GetCellValue(SheetSummary, ref); v != m.Doc.File.Assessment.Date {
		t.Errorf("assessment date shows %q, want %s", v, m.Doc.File.Assessment.Date)
	}
	_, r, c = find(t, f, SheetSummary, "Overall score (0–100)")
	wantType(t, f, SheetSummary, cell(c+1, r), excelize.CellTypeNumber)
	v, _ := f.GetCellValue(SheetSummary, cell(c+1, r), excelize.Options{RawCellValue: true})
	if want := *m.Score.Overall.Score * 100; !near(v, want) {
		t.Errorf("overall score %s, want %g", v, want)
	}
	_, r, c = find(t, f, SheetSummary, "Completeness")
	if got := numFmtOf(t, f, SheetSummary, cell(c+1, r)); got != "0%" {
		t.Errorf("completeness format %q", got)
	}
	_, r, c = find(t, f, SheetSummary, "Total cost (one-off)")
	ref = cell(c+1, r)
	wantType(t, f, SheetSummary, ref, excelize.CellTypeNumber)
	if got := numFmtOf(t, f, SheetSummary, ref); !strings.Contains(got, `"`+m.Plan.Currency+`"`) {
		t.Errorf("total cost format %q has no currency %s", got, m.Plan.Currency)
	}
	if v, _ := f.GetCellValue(SheetSummary, ref, excelize.Options{RawCellValue: true}); !near(v, m.Plan.TotalCost) {
		t.Errorf("total cost %s, want %g", v, m.Plan.TotalCost)
	}
	find(t, f, SheetSummary, "Largest gaps to targets")

	// Scores: one row per indicator; a score is a number; unanswered leaves it empty.
	rows, _ := f.GetRows(SheetScores)
	if len(rows)-1 != len(m.Score.Indicators) {
		t.Fatalf("Scores has %d rows, want %d", len(rows)-1, len(m.Score.Indicators))
	}
	for i, is := range m.Score.Indicators {
		ref := cell(scScore, i+2)
		v, _ := f.GetCellValue(SheetScores, ref, excelize.Options{RawCellValue: true})
		if is.Score == nil {
			if v != "" {
				t.Errorf("%s has no score but shows %q", is.Indicator.ID, v)
			}
			continue
		}
		wantType(t, f, SheetScores, ref, excelize.CellTypeNumber)
		if !near(v, *is.Score*100) {
			t.Errorf("%s: score %s, want %g", is.Indicator.ID, v, *is.Score*100)
		}
		if is.Indicator.Kind == assess.KindLevel || is.Indicator.Kind == assess.KindNumber {
			wantType(t, f, SheetScores, cell(scAnswer, i+2), excelize.CellTypeNumber)
		}
	}
	_, r, _ = find(t, f, SheetScores, "connectivity.fixed-price")
	if v, _ := f.GetCellValue(SheetScores, cell(scAnswer, r)); v != "n/a" {
		t.Errorf("an N/A answer shows %q", v)
	}

	// Roadmap: dates are dates, costs money, one row per activity.
	for i, a := range m.Plan.Activities {
		r := i + 2
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmID, r)); v != a.ID {
			t.Fatalf("Roadmap row %d: id %q, want %s", r, v, a.ID)
		}
		wantType(t, f, SheetRoadmap, cell(rmStart, r), excelize.CellTypeNumber)
		if got := numFmtOf(t, f, SheetRoadmap, cell(rmStart, r)); got != fmtMonth {
			t.Errorf("start format %q", got)
		}
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmStart, r), excelize.Options{RawCellValue: true}); !near(v, serial(m.Plan.Month(a.Start))) {
			t.Errorf("%s: start %s", a.ID, v)
		}
		wantType(t, f, SheetRoadmap, cell(rmCost, r), excelize.CellTypeNumber)
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmCost, r), excelize.Options{RawCellValue: true}); !near(v, a.Cost) {
			t.Errorf("%s: cost %s, want %g", a.ID, v, a.Cost)
		}
		status := a.Status
		if status == "" {
			status = "not-started"
		}
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmStatus, r)); v != status {
			t.Errorf("%s: status %q, want %s", a.ID, v, status)
		}
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmCritical, r)); (v == "yes") != a.Critical {
			t.Errorf("%s: critical %q", a.ID, v)
		}
	}
	// The month grid's header is a date per month.
	for i := 0; i < m.Plan.Duration; i++ {
		ref := cell(rmGrid+i, 1)
		wantType(t, f, SheetRoadmap, ref, excelize.CellTypeNumber)
		if got := numFmtOf(t, f, SheetRoadmap, ref); got != fmtMonHd {
			t.Fatalf("month header format %q", got)
		}
	}
	if v, _ := f.GetCellValue(SheetRoadmap, cell(rmGrid+m.Plan.Duration, 1)); v != "" {
		t.Errorf("the month grid goes past the plan's end: %q", v)
	}

	// Budget: money as numbers.
	_, r, _ = find(t, f, SheetBudget, "Year")
	wantType(t, f, SheetBudget, cell(2, r+1), excelize.CellTypeNumber)
	if got := numFmtOf(t, f, SheetBudget, cell(2, r+1)); !strings.Contains(got, m.Plan.Currency) {
		t.Errorf("budget money format %q", got)
	}
	find(t, f, SheetBudget, "Possible duplicate funding: several funders pledged to one item")
	find(t, f, SheetBudget, "upgrade-payments") // bakana's payments upgrade has two funders

	// KPIs: a row per KPI and a column per year; Met is filled from the schedule (met, late
	// or never) with the month reached.
	krows, _ := f.GetRows(SheetKPIs)
	if len(krows)-1 != len(m.Plan.KPIs) {
		t.Errorf("KPIs has %d rows, want %d", len(krows)-1, len(m.Plan.KPIs))
	}
	if years := kpiYears(m.Plan.KPIs); len(krows[0]) != kpiYear0-1+len(years) {
		t.Errorf("KPI header %v, want %d years", krows[0], len(years))
	}
	for i, k := range m.Plan.KPIs {
		if got := krows[i+1][7]; got != k.Status || krows[i+1][8] != k.Reached {
			t.Errorf("KPI %s: Met %q reached %q, want %q %q", k.ID, got, krows[i+1][8], k.Status, k.Reached)
		}
	}

	// Use-case matrix: a column per required block, a row per needed use case.
	for j, rb := range m.Match.Blocks {
		if v, _ := f.GetCellValue(SheetMatrix, cell(2+j, 4)); v != rb.Block.ID {
			t.Errorf("matrix column %d: %q, want %s", j, v, rb.Block.ID)
		}
		if v, _ := f.GetCellValue(SheetMatrix, cell(2+j, 5)); v != rb.Status {
			t.Errorf("matrix status of %s: %q", rb.Block.ID, v)
		}
	}
	for i, u := range m.Match.UseCases {
		v, _ := f.GetCellValue(SheetMatrix, cell(1, 6+i))
		if !strings.HasPrefix(v, u.UseCase.ID+" ") {
			t.Errorf("matrix row %d: %q, want %s", i, v, u.UseCase.ID)
		}
		marks := 0
		for j := range m.Match.Blocks {
			if v, _ := f.GetCellValue(SheetMatrix, cell(2+j, 6+i)); v != "" {
				marks++
			}
		}
		if marks != len(u.Blocks) {
			t.Errorf("%s: %d marks, want %d blocks", u.UseCase.ID, marks, len(u.Blocks))
		}
	}
	// Building blocks: a row per required block under the header on row 3.
	for i, rb := range m.Match.Blocks {
		if v, _ := f.GetCellValue(SheetBlocks, cell(1, 4+i)); !strings.HasSuffix(v, "\n"+rb.Block.ID) {
			t.Errorf("blocks row %d: %q, want %s", i, v, rb.Block.ID)
		}
	}
	// Funding gaps and pledges: a row per gap and per pledge under the header on row 3.
	for i, g := range m.Plan.Funding.Gaps {
		if v, _ := f.GetCellValue(SheetGaps, cell(1, 4+i)); v != g.Activity {
			t.Errorf("gaps row %d: %q, want %s", i, v, g.Activity)
		}
	}
	_, hr, _ := find(t, f, SheetShared, "Cost once")
	for i, bs := range m.Plan.Shared.Blocks {
		if v, _ := f.GetCellValue(SheetShared, cell(1, hr+1+i)); v != bs.Block {
			t.Errorf("shared blocks row %d: %q, want %s", i, v, bs.Block)
		}
	}
	for i, pl := range m.Plan.Funding.Pledges {
		if v, _ := f.GetCellValue(SheetPledges, cell(1, 4+i)); v != pl.Funder {
			t.Errorf("pledges row %d: %q, want %s", i, v, pl.Funder)
		}
	}
	find(t, f, SheetBlocks, "Required blocks")
}

func near(s string, want float64) bool {
	got, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	d := got - want
	return d < 1e-6 && d > -1e-6
}

func TestRadarChart(t *testing.T) {
	m := sample(t, "bakana")
	_, data := written(t, m)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		for _, zf := range zr.File {
			if zf.Name == name {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b, _ := io.ReadAll(rc)
				return string(b)
			}
		}
		return ""
	}
	// The Summary sheet (sheet1) has a drawing whose chart is a radar chart of the pillars.
	rels := read("xl/worksheets/_rels/sheet1.xml.rels")
	if !strings.Contains(rels, "drawing") {
		t.Fatalf("Summary has no drawing: %s", rels)
	}
	drels := read("xl/drawings/_rels/drawing1.xml.rels")
	if !strings.Contains(drels, "charts/chart1.xml") {
		t.Fatalf("the drawing has no chart: %s", drels)
	}
	chart := read("xl/charts/chart1.xml")
	if !strings.Contains(chart, "<radarChart>") && !strings.Contains(chart, "<c:radarChart>") {
		t.Fatal("chart1 is not a radar chart")
	}
	n := len(m.Score.Pillars)
	if !strings.Contains(chart, "Summary!$A$"+strconv.Itoa(sumPillarRow+1)+":$A$"+strconv.Itoa(sumPillarRow+n)) {
		t.Error("the radar's categories are not the pillar names")
	}
	// Bakana sets pillar targets: a second series.
	if got := strings.Count(chart, "<ser>") + strings.Count(chart, "<c:ser>"); got != 2 {
		t.Errorf("radar has %d series, want scores and targets", got)
	}
}

func TestValidationAndFormats(t *testing.T) {
	m := sample(t, "bakana")
	f, _ := written(t, m)
	dvs, err := f.GetDataValidations(SheetRoadmap)
	if err != nil {
		t.Fatal(err)
	}
	last := len(m.Plan.Activities) + 1
	var status bool
	for _, dv := range dvs {
		if dv.Sqref == colName(rmStatus)+"2:"+colName(rmStatus)+strconv.Itoa(last) {
			status = true
			if dv.Type != "list" || !strings.HasPrefix(dv.Formula1, SheetLists+"!") {
				t.Errorf("status validation %s %q does not point at the Lists sheet", dv.Type, dv.Formula1)
			}
		}
	}
	if !status {
		t.Fatalf("no drop-down on the status column: %+v", dvs)
	}
	// The Lists range holds exactly the statuses.
	for i, want := range []string{"not-started", "in-progress", "done", "blocked"} {
		if v, _ := f.GetCellValue(SheetLists, cell(1, i+2)); v != want {
			t.Errorf("Lists!A%d = %q, want %s", i+2, v, want)
		}
	}

	cfs, err := f.GetConditionalFormats(SheetScores)
	if err != nil {
		t.Fatal(err)
	}
	heat := cfs[colName(scScore)+"2:"+colName(scScore)+strconv.Itoa(len(m.Score.Indicators)+1)]
	if len(heat) != 1 || heat[0].Type != "3_color_scale" {
		t.Errorf("no heat map on the score column: %+v", cfs)
	}
	cfs, err = f.GetConditionalFormats(SheetRoadmap)
	if err != nil {
		t.Fatal(err)
	}
	grid := colName(rmGrid) + "2:" + colName(rmGrid+m.Plan.Duration-1) + strconv.Itoa(last)
	rules := cfs[grid]
	if len(rules) < 2 {
		t.Fatalf("no Gantt rules on %s: %+v", grid, cfs)
	}
	var critical bool
	for _, r := range rules {
		if r.Type != "formula" || !strings.Contains(r.Criteria, "$1>=$G2") {
			t.Errorf("Gantt rule %+v does not compare the month with the start", r)
		}
		if strings.Contains(r.Criteria, `$L2="yes"`) {
			critical = true
		}
	}
	if !critical {
		t.Error("no rule for critical activities")
	}
	// The grid cells hold no values: the bars are conditional formatting, not painted cells.
	for r := 2; r <= last; r++ {
		if v, _ := f.GetCellValue(SheetRoadmap, cell(rmGrid, r)); v != "" {
			t.Fatalf("grid cell %s holds %q", cell(rmGrid, r), v)
		}
	}

	for sheet, want := range map[string]excelize.Panes{
		SheetScores:  {Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2"},
		SheetRoadmap: {Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2"},
		SheetKPIs:    {Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2"},
	} {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.XSplit != want.XSplit || p.YSplit != want.YSplit || p.TopLeftCell != want.TopLeftCell {
			t.Errorf("%s panes %+v, want %+v", sheet, p, want)
		}
	}
	var filters []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters = append(filters, dn.Scope)
		}
	}
	for _, s := range []string{SheetScores, SheetRoadmap} {
		if !strings.Contains(strings.Join(filters, "|"), s) {
			t.Errorf("%s has no autofilter (filters on %v)", s, filters)
		}
	}
}

// TestUserTextStaysText puts formula-like text in the file's free-text fields and checks it
// comes back as the same string, with no formula, wherever it lands.
func TestUserTextStaysText(t *testing.T) {
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := countries.Parse("bakana-copy.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	evil := map[string]string{
		"notes":    `=HYPERLINK("http://example.com/x","click")`,
		"evidence": "+cmd|' /C calc'!A0",
		"source":   "@SUM(1+1)",
		"system":   "-2+3",
		"name":     "\tTab=1+1",
		"funder":   "=1+2",
	}
	set := func(path []any, v any) {
		t.Helper()
		if err := doc.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	set([]any{"answers", "leadership.strategy"}, map[string]any{"level": 2, "by": "ict", "notes": evil["notes"], "evidence": evil["evidence"], "source": evil["source"]})
	set([]any{"inventory", "payments", "system"}, evil["system"])
	set([]any{"plan", "add", 0, "name"}, evil["name"])
	set([]any{"investments", 0, "funder"}, evil["funder"])
	m := model(t, doc)
	f, _ := written(t, m)

	check := func(sheet, want string, exact bool) {
		t.Helper()
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			for c, v := range row {
				if exact && v != want || !exact && !strings.Contains(v, want) {
					continue
				}
				ref := cell(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					t.Errorf("%s!%s became a formula %q", sheet, ref, fm)
				}
				typ, _ := f.GetCellType(sheet, ref)
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s has type %v, want a string", sheet, ref, typ)
				}
				return
			}
		}
		t.Errorf("%s: %q not found as written", sheet, want)
	}
	check(SheetScores, evil["notes"], true)
	check(SheetScores, evil["evidence"], true)
	check(SheetScores, evil["source"], true)
	check(SheetBlocks, evil["system"], false)
	check(SheetRoadmap, evil["name"], true)
	check(SheetBudget, evil["funder"], true)
}

func TestEverySample(t *testing.T) {
	dir := t.TempDir()
	for _, n := range countries.SampleNames() {
		m := sample(t, n)
		path := filepath.Join(dir, n+".xlsx")
		if err := WriteFile(m, "en", path); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if got := len(f.GetSheetList()); got != len(Sheets) {
			t.Errorf("%s: %d sheets", n, got)
		}
		rows, _ := f.GetRows(SheetRoadmap)
		acts := 0
		for _, r := range rows[1:] {
			if len(r) > 0 && r[0] != "" {
				acts++
			}
		}
		if acts != len(m.Plan.Activities) {
			t.Errorf("%s: %d roadmap rows, want %d", n, acts, len(m.Plan.Activities))
		}
		f.Close()
		if out := os.Getenv("GOVPLAN_WORKBOOK_DIR"); out != "" {
			if err := WriteFile(m, "en", filepath.Join(out, n+".xlsx")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Nothing but the workbooks is left in the folder (no temporary files).
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(countries.SampleNames()) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v", names)
	}
}

func TestWriteFileKeepsOldFileOnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := sample(t, "bakana")
	m.Plan = nil // cannot be written
	if err := WriteFile(m, "en", path); err == nil {
		t.Fatal("no error for a model without a plan")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("the old file was replaced: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("a temporary file was left behind: %d entries", len(entries))
	}
}

func BenchmarkWorkbook(b *testing.B) {
	m := sample(b, "bakana")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(m, "en", io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
