package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCompareWritesWorkbookAndChart(t *testing.T) {
	dir := t.TempDir()
	book, chart := filepath.Join(dir, "portfolio.xlsx"), filepath.Join(dir, "ranking.svg")
	_, stderr, code := runCLI(t, "compare", "--sample", "aurelia", "--sample", "bakana", "--sample", "coralia", "-o", book, "--chart", chart)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 4 || got[0] != "Ranking" || got[3] != "Funding" {
		t.Errorf("sheets %v", got)
	}
	svg, err := os.ReadFile(chart)
	if err != nil || xml.Unmarshal(svg, new(struct{})) != nil {
		t.Errorf("chart missing or not well-formed: %v", err)
	}
}
