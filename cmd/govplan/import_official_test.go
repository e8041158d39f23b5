package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

// TestImportOfficialNames: rows named by their ISO 3166 official names, in English, French
// and Spanish and in the ISO's inverted form, import under the right code; the one name
// nobody knows is reported as skipped.
func TestImportOfficialNames(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "official.csv")
	table := "Country,OSI\n" +
		"Plurinational State of Bolivia,0.5\n" +
		"République-Unie de Tanzanie,0.4\n" +
		"\"Korea, Republic of\",0.9\n" +
		"Reino de Marruecos,0.6\n" +
		"Republic of Kenya,0.61\n" +
		"Republic of Nowhere,0.1\n"
	if err := os.WriteFile(src, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, stderr, code := runCLI(t, "import", "csv", src, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"wrote 5 country files", "skipped 1 row ", `"Republic of Nowhere"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	got := map[string]bool{}
	for _, f := range files {
		doc, err := countries.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		got[doc.File.Country.ISO3] = true
	}
	for _, code := range []string{"BOL", "TZA", "KOR", "MAR", "KEN"} {
		if !got[code] {
			t.Errorf("no country file for %s (have %v)", code, got)
		}
	}
}
