package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fillCell opens a questionnaire, sets the answer of its first question to v and saves it.
func fillFirstAnswer(t *testing.T, path string, v any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(f.GetSheetName(0), "D6", v); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestQuestionnaireOutAndBack(t *testing.T) {
	dir := t.TempDir()
	country := filepath.Join(dir, "bakana.yaml")
	src, _ := os.ReadFile("../../countries/bakana.yaml")
	if err := os.WriteFile(country, src, 0o644); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "finance.xlsx")
	out, errOut, code := runCLI(t, "questionnaire", country, "--ministry", "finance", "-o", book)
	if code != 0 || out != "" || !strings.Contains(errOut, "questions for finance") {
		t.Fatalf("questionnaire: %d %s %s", code, out, errOut)
	}
	// A ministry that owns nothing (social protection, in Bakana) is told so; an unknown one is refused.
	if _, e, c := runCLI(t, "questionnaire", country, "--ministry", "social-protection", "-o", filepath.Join(dir, "h.xlsx")); c != 2 || !strings.Contains(e, "--all") {
		t.Errorf("social-protection: %d %s", c, e)
	}
	if _, e, c := runCLI(t, "questionnaire", "--sample", "bakana", "--ministry", "nobody", "-o", filepath.Join(dir, "n.xlsx")); c != 2 || !strings.Contains(e, "nobody") {
		t.Errorf("unknown ministry: %d %s", c, e)
	}

	// An unreadable answer: exit 2, the cell named, the file untouched.
	fillFirstAnswer(t, book, "lots")
	_, errOut, code = runCLI(t, "import", "answers", book, country)
	if code != 2 || !strings.Contains(errOut, "Questionnaire!D6") || !strings.Contains(errOut, "nothing was written") {
		t.Fatalf("bad cell: %d %s", code, errOut)
	}
	if now, _ := os.ReadFile(country); string(now) != string(src) {
		t.Fatal("the country file changed although the workbook was refused")
	}
	// A good one: merged and reported.
	fillFirstAnswer(t, book, "4 · Advanced")
	out, errOut, code = runCLI(t, "import", "answers", book, country)
	if code != 0 || !strings.Contains(out, "→ 4 · Advanced") || !strings.Contains(errOut, "1 answer of finance merged") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	now, _ := os.ReadFile(country)
	if !strings.Contains(string(now), "{level: 4, by: finance") {
		t.Error("the answer is not in the file")
	}
	// Into another country: refused.
	other := filepath.Join(dir, "coralia.yaml")
	csrc, _ := os.ReadFile("../../countries/coralia.yaml")
	_ = os.WriteFile(other, csrc, 0o644)
	if _, e, c := runCLI(t, "import", "answers", book, other); c != 2 || !strings.Contains(e, "XBK") {
		t.Errorf("other country: %d %s", c, e)
	}
}
