package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// answerOf reads one indicator's answer line from an imported country file.
func answerLine(t *testing.T, file, id string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), id+":") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// TestImportPlannersFiles imports the tables planners have: Excel's Windows-1252 CSV with ;
// and decimal commas and French names, Unicode text (UTF-16, tabs), and .xlsx.
func TestImportPlannersFiles(t *testing.T) {
	dir := t.TempDir()
	table := "Année;Pays;Services_en_ligne;Infra_télécom\n2024;Maroc;0,56184;0,88273\n2024;Cameroun;0,3;\n2024;Atlantide;0,1;0,2\n"
	w1252, err := charmap.Windows1252.NewEncoder().String(table)
	if err != nil {
		t.Fatal(err)
	}
	csv1252 := filepath.Join(dir, "egdi-fr.csv")
	os.WriteFile(csv1252, []byte(w1252), 0o644)
	out := filepath.Join(dir, "fr")
	stdout, stderr, code := runCLI(t, "import", "csv", csv1252, "--framework", "egdi", "--country-column", "Pays",
		"--map", "egdi.osi=Services_en_ligne", "--map", "egdi.tii=Infra_télécom", "-o", out, "--date", "2024-09-17")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"read egdi-fr.csv as Windows-1252, columns separated by ;", "wrote 2 country files", "skipped 1 row ", `"Atlantide"`, "1 empty cell left its indicator unanswered"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if got := answerLine(t, filepath.Join(out, "maroc.yaml"), "egdi.osi"); !strings.Contains(got, "value: 0.56184") || !strings.Contains(got, "Services_en_ligne") {
		t.Errorf("Maroc egdi.osi: %q", got)
	}
	doc, err := countries.Load(filepath.Join(out, "cameroun.yaml"))
	if err != nil || doc.File.Country.ISO3 != "CMR" || doc.File.Country.Name != "Cameroun" {
		t.Errorf("Cameroun: %v %+v", err, doc)
	}
	if _, stderr, code := runCLI(t, "validate", filepath.Join(out, "maroc.yaml")); code != 0 {
		t.Errorf("the imported file does not validate: %s", stderr)
	}

	// Unicode text from Excel: UTF-16LE with a BOM, tab-separated, decimal points.
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("Country\tOSI\nKenya\t0.61\nMarruecos\t0.5\n")
	tsv := filepath.Join(dir, "egdi.txt")
	os.WriteFile(tsv, []byte(u16), 0o644)
	out16 := filepath.Join(dir, "u16")
	if _, stderr, code := runCLI(t, "import", "csv", tsv, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", out16); code != 0 ||
		!strings.Contains(stderr, "UTF-16LE, columns separated by tab") || !strings.Contains(stderr, "wrote 2 country files") {
		t.Errorf("UTF-16: exit %d: %s", code, stderr)
	}
	if got := answerLine(t, filepath.Join(out16, "marruecos.yaml"), "egdi.osi"); !strings.Contains(got, "value: 0.5") {
		t.Errorf("Marruecos: %q", got)
	}

	// A DGRA-style 1–4 level column from an .xlsx sheet, mapped onto the 0–4 scale.
	book := excelize.NewFile()
	book.NewSheet("DGRA")
	for i, row := range [][]any{{"Country", "Strategy"}, {"Kenya", 1}, {"Ghana", 3}, {"Peru", 4}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		book.SetSheetRow("DGRA", cell, &row)
	}
	xl := filepath.Join(dir, "dgra.xlsx")
	if err := book.SaveAs(xl); err != nil {
		t.Fatal(err)
	}
	outX := filepath.Join(dir, "dgra")
	args := []string{"import", "csv", xl, "--sheet", "DGRA", "--framework", "govstack-readiness", "--country-column", "Country", "--map", "leadership.strategy=Strategy", "-o", outX}
	// Without --levels the cells are levels of the framework's own scale.
	if _, stderr, code := runCLI(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := answerLine(t, filepath.Join(outX, "kenya.yaml"), "leadership.strategy"); !strings.Contains(got, "level: 1") {
		t.Errorf("without --levels: %q", got)
	}
	if _, stderr, code := runCLI(t, append(args, "--levels", "1-4", "--force")...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for file, want := range map[string]string{"kenya.yaml": "level: 0", "ghana.yaml": "level: 3", "peru.yaml": "level: 4"} {
		if got := answerLine(t, filepath.Join(outX, file), "leadership.strategy"); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %s", file, got, want)
		}
	}
	if _, stderr, code := runCLI(t, "import", "csv", xl, "--sheet", "Nope", "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", outX); code != 2 || !strings.Contains(stderr, `no sheet "Nope"`) {
		t.Errorf("unknown sheet: exit %d: %s", code, stderr)
	}
}
