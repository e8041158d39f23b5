package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
)

// readmeTour returns the command lines of the README's "A short tour" block, continuation
// lines joined and comments removed.
func readmeTour(t *testing.T, readme string) []string {
	t.Helper()
	_, after, ok := strings.Cut(readme, "## A short tour")
	if !ok {
		t.Fatal(`README has no "## A short tour"`)
	}
	_, block, ok := strings.Cut(after, "```sh\n")
	if !ok {
		t.Fatal("the tour has no sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var lines []string
	cur := ""
	for _, l := range strings.Split(block, "\n") {
		if i := strings.Index(l, "  #"); i >= 0 {
			l = l[:i]
		}
		l = strings.TrimSpace(l)
		if c, ok := strings.CutSuffix(l, `\`); ok {
			cur += c + " "
			continue
		}
		if l = strings.TrimSpace(cur + l); l != "" {
			lines = append(lines, l)
		}
		cur = ""
	}
	return lines
}

// shellWords splits a command line as sh does for the tour's lines: spaces, double quotes.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	inQuote, has := false, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote, has = !inQuote, true
		case r == ' ' && !inQuote:
			if has {
				words = append(words, w.String())
				w.Reset()
				has = false
			}
		default:
			w.WriteRune(r)
			has = true
		}
	}
	if has {
		words = append(words, w.String())
	}
	return words
}

// expand turns the tour's notation into the command lines it stands for: "[--format json]"
// is run without and with, "a|b|c" once per alternative, and an optional "[ID]" left out.
func expand(words []string) [][]string {
	out := [][]string{nil}
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case strings.HasPrefix(w, "[") && strings.HasSuffix(w, "]") && strings.ToUpper(w) == w:
			// an optional argument in capitals ([ID]): the lines without it are enough
		case strings.HasPrefix(w, "[") && i+1 < len(words) && strings.HasSuffix(words[i+1], "]"):
			opt := []string{strings.TrimPrefix(w, "["), strings.TrimSuffix(words[i+1], "]")}
			i++
			var next [][]string
			for _, o := range out {
				next = append(next, append([]string{}, o...), append(append([]string{}, o...), opt...))
			}
			out = next
		case strings.Contains(w, "|"):
			var next [][]string
			for _, o := range out {
				for _, alt := range strings.Split(w, "|") {
					next = append(next, append(append([]string{}, o...), alt))
				}
			}
			out = next
		default:
			for j := range out {
				out[j] = append(out[j], w)
			}
		}
	}
	return out
}

// TestReadmeTour runs the README's tour in an empty folder, line by line, as a new user
// would: each line must succeed, and each file it names with -o must be there afterwards.
// The lines that open the workshop screens must reach them (and stop, as a test has no
// terminal).
func TestReadmeTour(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	lines := readmeTour(t, readme)
	if len(lines) < 10 {
		t.Fatalf("the tour has %d lines: %q", len(lines), lines)
	}
	t.Chdir(t.TempDir())
	// The one input a user brings: the UN's EGDI table (its real header, a few rows).
	egdi := "Survey Year,Country,Rank,E_Index,E_Participation,Online_Service,Human_Capital,Tele_Infra,Region\n" +
		"2024,Iraq ,148,0.45721,0.09590,0.18755,0.49672,0.68736,Asia\n" +
		"2024,Ireland ,20,0.91377,0.91780,0.87678,0.90460,0.95987,Europe\n" +
		"2024,Kenya,116,0.54,0.4,0.55,0.52,0.49,Africa\n"
	if err := os.WriteFile("egdi-2024.csv", []byte(egdi), 0o644); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, line := range lines {
		words := shellWords(line)
		if words[0] != "govplan" {
			t.Fatalf("tour line %q does not start with govplan", line)
		}
		for _, args := range expand(words[1:]) {
			interactive := len(args) == 0 || args[0] == "assess" && !slices.Contains(args, "--accessible") ||
				args[0] == "serve" && !slices.Contains(args, "--headless")
			stdout, stderr, code := runCLI(t, args...)
			ran++
			if interactive {
				if code != exitInput || !strings.Contains(stderr, "the workshop screens need a terminal") {
					t.Errorf("govplan %s: exit %d, want the workshop screens: %s", strings.Join(args, " "), code, stderr)
				}
				continue
			}
			if code != 0 {
				t.Errorf("govplan %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
				continue
			}
			for i, a := range args {
				if (a == "-o" || a == "--output") && i+1 < len(args) {
					if _, err := os.Stat(args[i+1]); err != nil {
						t.Errorf("govplan %s did not write %s", strings.Join(args, " "), args[i+1])
					}
				}
			}
		}
	}
	if ran < 18 {
		t.Errorf("ran %d command lines from the tour", ran)
	}

	// What the README says about the catalog and Go matches them.
	cat, err := catalog.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`the (\d+) GovStack building blocks`).FindStringSubmatch(readme); m == nil || m[1] != strconv.Itoa(len(cat.Blocks)) {
		t.Errorf("README says %v GovStack building blocks; the catalog has %d", m, len(cat.Blocks))
	}
	goVer := regexp.MustCompile(`(?m)^go (\S+)`).FindSubmatch(mod)
	if goVer == nil || strings.Count(readme, "Go "+string(goVer[1])+" or newer") < 2 {
		t.Errorf("README should say Go %s or newer (go.mod) in the install and the two-commands sections", goVer[1])
	}
}
