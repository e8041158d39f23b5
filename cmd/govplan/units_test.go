package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestUnitsTranslated: the frameworks give units in English, French and Spanish, and the
// French CLI, report and workbook show them in French ("88,5 % des adultes").
func TestUnitsTranslated(t *testing.T) {
	score := runOK(t, "score", "--sample", "bakana", "--lang", "fr")
	if !strings.Contains(score, "88,5 % des adultes") {
		t.Errorf("score in French lacks the French unit:\n%s", score)
	}
	if es := runOK(t, "score", "--sample", "bakana", "--lang", "es"); !strings.Contains(es, "% de los adultos") {
		t.Errorf("score in Spanish lacks the Spanish unit")
	}
	md := runOK(t, "report", "--sample", "bakana", "--format", "md", "--lang", "fr")
	if !strings.Contains(md, "88,5 % des adultes") || !strings.Contains(md, "95 % des adultes") {
		t.Errorf("French report lacks the French unit in answers and targets")
	}
	for _, english := range []string{"% of adults", "% of population", "% of individuals", "% of priority services"} {
		// Evidence notes are the planners' own words: only the units must be French.
		for _, l := range strings.Split(md, "\n") {
			if strings.Contains(l, "%") && strings.Contains(l, english) && !strings.Contains(l, "Share of") {
				t.Errorf("French report shows the English unit %q: %s", english, l)
			}
		}
	}

	dir := t.TempDir()
	runOK(t, "export", "--sample", "bakana", "--lang", "fr", "-o", dir)
	books, _ := filepath.Glob(filepath.Join(dir, "*-workbook.xlsx"))
	f, err := excelize.OpenFile(books[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	french, english := 0, 0
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			for _, c := range r {
				if strings.HasPrefix(c, "% des adultes") || strings.HasPrefix(c, "% de la population") {
					french++
				}
				if strings.HasPrefix(c, "% of ") {
					english++
					t.Errorf("%s: English unit %q", sheet, c)
				}
			}
		}
	}
	if french == 0 {
		t.Error("the French workbook shows no French unit")
	}
}
