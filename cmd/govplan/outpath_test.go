package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputKind checks the one -o rule on every command that writes: a file for the commands
// that write one file, a folder for those that write several. The wrong kind is refused
// before any work, with exit 2, a message naming the flag, and nothing written.
func TestOutputKind(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("dir", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("file.txt", []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "init", "--name", "Republic of X", "--iso3", "XRX", "-o", "x.yaml"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	oneFile := [][]string{
		{"diagram", "--sample", "bakana", "-o", "dir"},
		{"diagram", "--sample", "bakana", "--format", "dot", "-o", "new/"}, // a trailing separator names a folder
		{"report", "--sample", "bakana", "-o", "dir"},
		{"report", "--sample", "bakana", "--format", "md", "-o", "dir"},
		{"questionnaire", "--sample", "bakana", "--ministry", "finance", "-o", "dir"},
		{"compare", "--sample", "bakana", "-o", "dir"},
		{"compare", "--sample", "bakana", "--format", "html", "-o", "dir"},
		{"compare", "--sample", "bakana", "--chart", "dir"},
		{"init", "--name", "Y", "--iso3", "XRY", "-o", "dir"},
		{"init", "--name", "Y", "--iso3", "XRY", "-o", "dir", "--force"},
		{"migrate", "x.yaml", "--to", "govstack-readiness", "-o", "dir"},
		{"import", "workbook", "book.xlsx", "--sample", "bakana", "-o", "dir"},
	}
	severalFiles := [][]string{
		{"export", "--sample", "bakana", "-o", "file.txt"},
		{"demo", "-o", "file.txt"},
		{"import", "csv", "x.yaml", "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", "file.txt"},
	}
	check := func(args []string, want string) {
		t.Helper()
		stdout, stderr, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, want) || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(args, " "), code, stdout, stderr, want)
		}
	}
	for _, args := range oneFile {
		flag := "-o"
		if args[len(args)-2] == "--chart" {
			flag = "--chart"
		}
		check(args, flag+" ")
		check(args, "names a folder, but "+args[0])
	}
	for _, args := range severalFiles {
		check(args, "-o file.txt is a file, but "+args[0])
	}
	// Nothing was written anywhere: the folder is empty, the file as it was, no new/ folder.
	if entries, _ := os.ReadDir("dir"); len(entries) > 0 {
		t.Errorf("dir/ has %d entries after refused commands", len(entries))
	}
	if data, _ := os.ReadFile("file.txt"); string(data) != "keep\n" {
		t.Errorf("file.txt changed: %q", data)
	}
	if _, err := os.Stat("new"); err == nil {
		t.Error("a refused -o new/ made the folder")
	}
	// The right kind still works, and the message is translated.
	if _, stderr, code := runCLI(t, "diagram", "--sample", "bakana", "--format", "dot", "-o", filepath.Join("dir", "a.dot")); code != 0 {
		t.Errorf("diagram -o dir/a.dot: exit %d: %s", code, stderr)
	}
	check([]string{"--lang", "fr", "report", "--sample", "bakana", "-o", "dir"}, "-o dir désigne un dossier, mais report écrit un seul fichier")
}
