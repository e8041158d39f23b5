package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
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

func TestComparePortfolioView(t *testing.T) {
	stdout, _, code := runCLI(t, "compare", "--sample", "aurelia", "--sample", "bakana", "--sample", "coralia", "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var doc struct {
		Portfolio struct {
			Blocks     map[string]map[string]string
			CommonGaps []struct {
				Block     string
				Countries int
			} `json:"common_gaps"`
			Funding []struct {
				ISO3       string
				Duplicates []string `json:"duplicate_funding"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.Portfolio
	if p.Blocks["XBK"]["identity"] != "reuse" || len(p.CommonGaps) == 0 || p.CommonGaps[0].Block != "consent" || p.CommonGaps[0].Countries != 3 {
		t.Errorf("portfolio %+v", p)
	}
	dup := false
	for _, f := range p.Funding {
		if f.ISO3 == "XBK" && len(f.Duplicates) == 1 && f.Duplicates[0] == "upgrade-payments" {
			dup = true
		}
	}
	if !dup {
		t.Errorf("bakana's duplicate funding missing: %+v", p.Funding)
	}
	text, _, _ := runCLI(t, "compare", "--sample", "aurelia", "--sample", "bakana", "--sample", "coralia")
	if !strings.Contains(text, "candidates for a shared regional investment") || !strings.Contains(text, "Funding per country") {
		t.Errorf("text view lacks the block and funding sections:\n%s", text)
	}
}
