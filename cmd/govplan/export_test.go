package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/xlsx"
	"github.com/xuri/excelize/v2"
)

func TestExportAndDemo(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, "export", "--sample", "aurelia", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("export printed data on stdout: %q", stdout)
	}
	var paths []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, "wrote ") {
			paths = append(paths, l)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(paths) != len(entries) || len(paths) < 9 {
		t.Errorf("printed %d paths, folder has %d files", len(paths), len(entries))
	}
	for _, p := range paths {
		if filepath.Dir(p) != dir {
			t.Errorf("path %s outside %s", p, dir)
		}
	}
	if _, _, code := runCLI(t, "export", "--sample", "aurelia"); code != 2 {
		t.Errorf("export without -o: exit %d, want 2", code)
	}
	demo := filepath.Join(t.TempDir(), "demo")
	stdout, stderr, code = runCLI(t, "demo", "-o", demo)
	if code != 0 || !strings.Contains(stdout, "Where to look") || !strings.Contains(stdout, "republic-of-bakana-workbook.xlsx") {
		t.Errorf("demo: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestWorkbookRoundTrip: export, a planner edits the status and owner columns, import reads
// them back into the plan: section, and the next export shows them.
func TestWorkbookRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, _ := countries.SampleSource("bakana")
	file := filepath.Join(dir, "bakana.yaml")
	os.WriteFile(file, src, 0o644)
	if _, stderr, code := runCLI(t, "export", file, "-o", dir); code != 0 {
		t.Fatal(stderr)
	}
	book := filepath.Join(dir, "republic-of-bakana-workbook.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(xlsx.SheetRoadmap)
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i + 1
			}
		}
		t.Fatalf("no column %q", name)
		return 0
	}
	idCol, stCol, owCol := col(xlsx.HeaderID), col(xlsx.HeaderStatus), col(xlsx.HeaderOwner)
	set := func(row, c int, v string) {
		cell, _ := excelize.CoordinatesToCellName(c, row)
		f.SetCellStr(xlsx.SheetRoadmap, cell, v)
	}
	for r, row := range rows[1:] {
		if len(row) < idCol { // the blank row and the Gantt legend below the table
			continue
		}
		switch row[idCol-1] {
		case "build-gis":
			set(r+2, stCol, "done")
			set(r+2, owCol, "finance")
		case "build-messaging":
			set(r+2, stCol, "blocked")
		}
	}
	extra := len(rows) + 1
	set(extra, idCol, "build-teleport")
	set(extra, stCol, "done")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(file)
	stdout, stderr, code := runCLI(t, "import", "workbook", book, file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"build-gis: status not-started → done", "build-gis: owner ict → finance", "build-messaging: status not-started → blocked"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "build-teleport") {
		t.Errorf("the unknown row was not reported: %s", stderr)
	}
	after, _ := os.ReadFile(file)
	d, err := countries.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if d.File.Plan.Status["build-gis"] != "done" || d.File.Plan.Change["build-gis"].Owner != "finance" || d.File.Plan.Status["build-teleport"] != "" {
		t.Errorf("plan after import: %+v", d.File.Plan)
	}
	// Only plan: lines changed.
	if !strings.HasPrefix(string(after), string(before[:strings.Index(string(before), "\nplan:")])) {
		t.Error("lines before plan: changed")
	}
	// The next export shows the new status.
	if _, stderr, code := runCLI(t, "export", file, "-o", dir); code != 0 {
		t.Fatal(stderr)
	}
	edits, err := xlsx.ReadRoadmapEdits(book)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		if e.ID == "build-gis" && (e.Status != "done" || e.Owner != "finance") {
			t.Errorf("re-export shows %+v", e)
		}
	}
	if _, stderr, code := runCLI(t, "import", "workbook", filepath.Join(dir, "missing.xlsx"), file); code != 2 || stderr == "" {
		t.Errorf("missing workbook: exit %d", code)
	}
}
