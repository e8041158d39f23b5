package xlsx

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

// copySample writes a sample country file into dir and loads it from there.
func copySample(t *testing.T, dir, name string) (*countries.Doc, string) {
	t.Helper()
	src, err := countries.SampleSource(name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := countries.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc, path
}

// withoutPlan drops the top-level plan: section (up to the next top-level key).
func withoutPlan(src string) string {
	var out []string
	in := false
	for _, l := range strings.SplitAfter(src, "\n") {
		top := l != "" && l[0] != ' ' && l[0] != '#' && l[0] != '\n' && l[0] != '-'
		if top {
			in = strings.HasPrefix(l, "plan:")
		}
		if !in {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// rowOf finds the Roadmap row of an activity id.
func rowOf(t *testing.T, f *excelize.File, id string) int {
	t.Helper()
	rows, err := f.GetRows(SheetRoadmap)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row for %s", id)
	return 0
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	doc, path := copySample(t, dir, "bakana")
	before := string(doc.Src())
	m := model(t, doc)
	book := filepath.Join(dir, "bakana.xlsx")
	if err := WriteFile(m, "en", book); err != nil {
		t.Fatal(err)
	}
	if a := m.Plan.Activity("upgrade-payments"); a == nil || a.Status != "in-progress" {
		t.Fatalf("sample changed: upgrade-payments %+v", a)
	}

	// A planner edits the workbook.
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	set := func(id string, col int, v string) int {
		t.Helper()
		r := rowOf(t, f, id)
		if err := f.SetCellStr(SheetRoadmap, cell(col, r), v); err != nil {
			t.Fatal(err)
		}
		return r
	}
	set("build-information-mediator", rmStatus, "done")
	set("upgrade-payments", rmStatus, "blocked")
	set("build-consent", rmStatus, "In progress") // typed, not picked
	set("build-gis", rmOwner, "Finance")
	badStatus := set("pilot-inst-1", rmStatus, "finished")
	badOwner := set("build-messaging", rmOwner, "Ministry of Finance")
	set("build-workflow", rmStatus, "not-started") // unchanged: no status is not-started
	unknown := len(m.Plan.Activities) + 3
	for col, v := range map[int]string{rmID: "build-foo", rmStatus: "done"} {
		if err := f.SetCellStr(SheetRoadmap, cell(col, unknown), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	edits, err := ReadEdits(book)
	if err != nil {
		t.Fatal(err)
	}
	if edits.ISO3 != "XBK" {
		t.Errorf("ISO code read back as %q", edits.ISO3)
	}
	if len(edits.Rows) != len(m.Plan.Activities)+1 {
		t.Errorf("%d rows read, want %d", len(edits.Rows), len(m.Plan.Activities)+1)
	}
	res, err := ApplyRoadmapEdits(m, edits.Rows)
	if err != nil {
		t.Fatal(err)
	}
	var changes, problems []string
	for _, c := range res.Changes {
		changes = append(changes, c.String())
	}
	for _, p := range res.Problems {
		problems = append(problems, p.String())
	}
	wantChanges := []string{
		"build-information-mediator: status not-started → done",
		"upgrade-payments: status in-progress → blocked",
		"build-consent: status not-started → in-progress",
		"build-gis: owner ict → finance",
	}
	for _, w := range wantChanges {
		if !strings.Contains(strings.Join(changes, "\n"), w) {
			t.Errorf("missing change %q in\n%s", w, strings.Join(changes, "\n"))
		}
	}
	if len(changes) != len(wantChanges) {
		t.Errorf("changes:\n%s", strings.Join(changes, "\n"))
	}
	wantProblems := []string{
		"row " + strconv.Itoa(badStatus) + ": status 'finished' of pilot-inst-1 is not one of",
		"row " + strconv.Itoa(badOwner) + ": owner 'Ministry of Finance' of build-messaging is not an id",
		"row " + strconv.Itoa(unknown) + ": no activity 'build-foo' in the plan; left alone",
	}
	for _, w := range wantProblems {
		if !strings.Contains(strings.Join(problems, "\n"), w) {
			t.Errorf("missing problem %q in\n%s", w, strings.Join(problems, "\n"))
		}
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("problems:\n%s", strings.Join(problems, "\n"))
	}
	if err := m.Doc.Save(); err != nil {
		t.Fatal(err)
	}

	// The file changed only under plan:, and the next plan shows the edits.
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if withoutPlan(before) != withoutPlan(string(after)) {
		t.Errorf("lines outside plan: changed")
	}
	if before == string(after) {
		t.Fatal("the file did not change")
	}
	doc2, err := countries.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m2 := model(t, doc2)
	for id, want := range map[string]string{"build-information-mediator": "done", "upgrade-payments": "blocked", "build-consent": "in-progress", "build-workflow": "", "pilot-inst-1": ""} {
		if a := m2.Plan.Activity(id); a == nil || a.Status != want {
			t.Errorf("%s: status %+v, want %q", id, a, want)
		}
	}
	if a := m2.Plan.Activity("build-gis"); a.Owner != "finance" {
		t.Errorf("build-gis owner %q", a.Owner)
	}
	if a := m2.Plan.Activity("build-messaging"); a.Owner != "ict" {
		t.Errorf("build-messaging owner %q", a.Owner)
	}

	// The next workbook shows them.
	book2 := filepath.Join(dir, "bakana-2.xlsx")
	if err := WriteFile(m2, "en", book2); err != nil {
		t.Fatal(err)
	}
	f2, err := excelize.OpenFile(book2)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if v, _ := f2.GetCellValue(SheetRoadmap, cell(rmStatus, rowOf(t, f2, "upgrade-payments"))); v != "blocked" {
		t.Errorf("next workbook: upgrade-payments %q", v)
	}
	if v, _ := f2.GetCellValue(SheetRoadmap, cell(rmOwner, rowOf(t, f2, "build-gis"))); v != "finance" {
		t.Errorf("next workbook: build-gis owner %q", v)
	}

	// Importing the new workbook again changes nothing.
	edits2, err := ReadEdits(book2)
	if err != nil {
		t.Fatal(err)
	}
	res2, err := ApplyRoadmapEdits(m2, edits2.Rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Changes)+len(res2.Problems) != 0 {
		t.Errorf("a fresh workbook imports as changes: %+v", res2)
	}
}

func TestReadEditsRefuses(t *testing.T) {
	dir := t.TempDir()
	notBook := filepath.Join(dir, "notes.xlsx")
	if err := os.WriteFile(notBook, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRoadmapEdits(notBook); err == nil || !strings.Contains(err.Error(), "not a readable .xlsx workbook") {
		t.Errorf("unreadable workbook: %v", err)
	}
	if _, err := ReadRoadmapEdits(filepath.Join(dir, "missing.xlsx")); err == nil || !strings.Contains(err.Error(), "cannot open") {
		t.Errorf("missing workbook: %v", err)
	}
	other := filepath.Join(dir, "other.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(other); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadRoadmapEdits(other); !errors.Is(err, ErrNoRoadmap) {
		t.Errorf("workbook without a Roadmap sheet: %v", err)
	}
	// Columns are found by their headers, wherever planners moved them.
	moved := filepath.Join(dir, "moved.xlsx")
	f = excelize.NewFile()
	f.SetSheetName("Sheet1", SheetRoadmap)
	for ref, v := range map[string]string{"A1": "Status", "C1": "id", "A2": "done", "C2": "build-x", "A4": "blocked"} {
		f.SetCellStr(SheetRoadmap, ref, v)
	}
	if err := f.SaveAs(moved); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows, err := ReadRoadmapEdits(moved)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (EditRow{Row: 2, ID: "build-x", Status: "done"}) || rows[1] != (EditRow{Row: 4, Status: "blocked"}) {
		t.Errorf("rows %+v", rows)
	}
}
