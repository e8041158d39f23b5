package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs govplan in-process with args and returns its output and exit code.
func runCLI(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// badFiles maps each file of testdata/bad to the line its one error must name and a part of
// the message.
var badFiles = map[string]struct {
	line int
	msg  string
}{
	"alias-bomb.yaml":              {2, "aliases"},
	"answers-is-list.yaml":         {7, "expected a mapping"},
	"bad-confidence.yaml":          {7, `confidence "certain"`},
	"bad-date.yaml":                {3, `date "2026-13-45"`},
	"bad-iso3.yaml":                {2, `"ABC" is not an ISO 3166`},
	"by-unknown-ministry.yaml":     {7, `by "finance"`},
	"duplicate-answer.yaml":        {8, "appears twice"},
	"duplicate-ministry.yaml":      {6, "used twice"},
	"empty.yaml":                   {0, "file is empty"},
	"only-comment.yaml":            {0, "file is empty"},
	"fw-bad-id.yaml":               {10, "is not valid"},
	"fw-bands-unordered.yaml":      {5, "ascending order"},
	"fw-duplicate-indicator.yaml":  {11, "used twice"},
	"fw-gate-out-of-scale.yaml":    {10, "gate min 9"},
	"fw-rubric-on-yesno.yaml":      {10, "only allowed on kind level"},
	"fw-rubric-out-of-scale.yaml":  {10, "rubric level 5"},
	"fw-threshold-count.yaml":      {10, "3 thresholds"},
	"fw-unknown-kind.yaml":         {10, `kind "percent"`},
	"fw-unordered-thresholds.yaml": {10, "strictly ascending"},
	"fw-weight-zero.yaml":          {10, "weight must be greater than 0"},
	"inventory-bad-status.yaml":    {7, `status "working"`},
	"investment-two-targets.yaml":  {7, "exactly one of block or activity"},
	"level-not-number.yaml":        {7, `expected a whole number, got "two"`},
	"level-out-of-scale.yaml":      {7, "level 7"},
	"missing-country-name.yaml":    {2, "needs a name"},
	"missing-schema.yaml":          {1, `missing key "schema"`},
	"naked-answer.yaml":            {7, "expected an answer"},
	"not-utf8.yaml":                {2, "not UTF-8"},
	"number-given-bool.yaml":       {7, "must be a number"},
	"schema-too-new.yaml":          {1, "newer than this govplan"},
	"service-out-of-range.yaml":    {7, "demand must be 1..5"},
	"syntax-error.yaml":            {7, "YAML syntax"},
	"tab-indent.yaml":              {3, "tab character"},
	"target-score-percent.yaml":    {7, "outside 0..1"},
	"two-documents.yaml":           {2, "second YAML document"},
	"unknown-answer-field.yaml":    {7, `unknown key "evidense"`},
	"unknown-framework.yaml":       {3, "unknown framework"},
	"unknown-key.yaml":             {6, `unknown key "colour"`},
	"yesno-given-level.yaml":       {7, "yes/no indicator"},
}

var positioned = regexp.MustCompile(`^(.+?):(\d+):(\d+): `)

func TestBadFilesCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("only %d bad files", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		want, ok := badFiles[name]
		if !ok {
			t.Errorf("%s has no expectation in badFiles", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			for _, cmd := range [][]string{{"validate", path}, {"score", path}} {
				if strings.HasPrefix(name, "fw-") && cmd[0] == "score" {
					cmd = []string{"score", "--sample", "bakana", "--framework", path}
				}
				stdout, stderr, code := runCLI(t, cmd...)
				if code != 2 {
					t.Fatalf("%v: exit %d, want 2\nstdout: %s\nstderr: %s", cmd, code, stdout, stderr)
				}
				lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
				if len(lines) != 1 {
					t.Fatalf("%v: %d lines of errors, want one:\n%s", cmd, len(lines), stderr)
				}
				line := lines[0]
				if !strings.HasPrefix(line, path) {
					t.Errorf("%v: error does not name the file: %s", cmd, line)
				}
				if want.line > 0 {
					m := positioned.FindStringSubmatch(line)
					if m == nil || m[2] != fmt.Sprint(want.line) {
						t.Errorf("%v: error does not name line %d: %s", cmd, want.line, line)
					}
				}
				if !strings.Contains(line, want.msg) {
					t.Errorf("%v: error %q does not say %q", cmd, line, want.msg)
				}
				if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
					t.Errorf("%v: stack trace in output", cmd)
				}
			}
		})
	}
}

func TestOversizedFileRefusedBeforeParsing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 9 MiB file: if it were read and parsed, the NUL bytes would give a UTF-8 or
	// syntax error instead of the size message.
	if err := f.Truncate(9 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, cmd := range [][]string{{"validate", path}, {"score", path}} {
		_, stderr, code := runCLI(t, cmd...)
		if code != 2 || !strings.Contains(stderr, "larger than the 8 MiB limit") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line about the 8 MiB limit", cmd, code, stderr)
		}
	}
}

func TestValidateReportsEveryError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.yaml")
	src := `schema: 1
country: {name: X, iso3: XRX}
assessment: {framework: govstack-readiness@1.0.0, date: 2026-03-14}
answers:
  leadership.strategy: {level: 9}
  legal.e-signature-law: {level: 1}
  old.indicator: {level: 1}
services:
  - {name: A, use_case: inst-1, demand: 0, impact: 4, technical: 3, financial: 2, political: 4}
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// Structural errors come first; fix them and the framework errors show, all of them.
	_, stderr, code := runCLI(t, "validate", path)
	if code != 2 || !strings.Contains(stderr, ":9:") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	src = strings.Replace(src, "demand: 0", "demand: 1", 1)
	os.WriteFile(path, []byte(src), 0o644)
	_, stderr, code = runCLI(t, "validate", path)
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{":5:32: level 9", ":6:", "warning: framework govstack-readiness@1.0.0 has no indicator \"old.indicator\""} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestValidateGoodFiles(t *testing.T) {
	args := []string{"validate", filepath.Join("..", "..", "templates", "govstack-readiness.yaml")}
	for _, n := range []string{"aurelia", "bakana", "coralia"} {
		args = append(args, filepath.Join("..", "..", "countries", n+".yaml"))
	}
	stdout, stderr, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Count(stdout, ": ok (") != 4 {
		t.Errorf("want 4 ok lines:\n%s", stdout)
	}
}
