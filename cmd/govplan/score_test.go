package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

func TestScoreSamples(t *testing.T) {
	for _, n := range countries.SampleNames() {
		stdout, stderr, code := runCLI(t, "score", "--sample", n)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", n, code, stderr)
		}
		for _, want := range []string{"Overall", "Connectivity and internet coverage", "International cooperation", "indicators answered"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s: score card lacks %q:\n%s", n, want, stdout)
			}
		}
		stdout, _, code = runCLI(t, "score", "--sample", n, "--format", "json")
		if code != 0 {
			t.Fatalf("%s json: exit %d", n, code)
		}
		var doc struct {
			Country   struct{ Name, ISO3 string }
			Framework struct{ ID, Version string }
			Overall   struct {
				Score           *float64
				Band            *string
				Completeness    *float64
				UnscoredPillars []string `json:"unscored_pillars"`
			}
			Pillars []struct {
				ID, Name             string
				Score, Completeness  *float64
				Band                 *string
				Answered, Applicable int
			}
			Indicators []struct {
				ID, Pillar, Status string
				Score, Gap         *float64
				Disputed           bool
			}
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if doc.Country.ISO3 == "" || doc.Framework.ID != "govstack-readiness" || doc.Overall.Score == nil || doc.Overall.Band == nil {
			t.Errorf("%s: incomplete JSON: %+v", n, doc)
		}
		if *doc.Overall.Score < 0 || *doc.Overall.Score > 1 {
			t.Errorf("%s: score %v is not a fraction", n, *doc.Overall.Score)
		}
		if len(doc.Pillars) != 16 || len(doc.Indicators) != 72 || doc.Overall.UnscoredPillars == nil {
			t.Errorf("%s: %d pillars, %d indicators, unscored %v", n, len(doc.Pillars), len(doc.Indicators), doc.Overall.UnscoredPillars)
		}
		for _, ind := range doc.Indicators {
			switch ind.Status {
			case "answered":
				if ind.Score == nil {
					t.Errorf("%s: answered %s without score", n, ind.ID)
				}
			case "na", "unanswered":
				if ind.Score != nil {
					t.Errorf("%s: %s %s has a score", n, ind.Status, ind.ID)
				}
			default:
				t.Errorf("%s: status %q", n, ind.Status)
			}
		}
	}
	// The mid-way sample records Finance and ICT disagreeing on the budget line.
	stdout, _, _ := runCLI(t, "score", "--sample", "bakana")
	if !strings.Contains(stdout, "financing.budget-line: finance 1") {
		t.Errorf("disputed budget line not shown:\n%s", stdout)
	}
}

func TestUnknownSampleListsSamples(t *testing.T) {
	_, stderr, code := runCLI(t, "score", "--sample", "narnia")
	if code != 2 || !strings.Contains(stderr, "aurelia, bakana, coralia") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestFrameworkOverride(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "templates", "govstack-readiness-1.1.0.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Another version of the same framework without its last pillars: scores what both share, warns.
	v2 := strings.Replace(string(src), "version: 1.1.0", "version: 1.2.0", 1)
	cut := strings.Index(v2, "  - id: cooperation")
	v2 = v2[:cut]
	p := filepath.Join(dir, "v2.yaml")
	os.WriteFile(p, []byte(v2), 0o644)
	stdout, stderr, code := runCLI(t, "score", "--sample", "bakana", "--framework", p)
	if code != 0 || !strings.Contains(stderr, "warning: file names govstack-readiness@1.1.0, scoring with govstack-readiness@1.2.0") || !strings.Contains(stderr, "cooperation.agreements") {
		t.Errorf("exit %d\nstderr: %s", code, stderr)
	}
	if strings.Contains(stdout, "International cooperation") {
		t.Error("pillar absent from the framework was scored")
	}
	// Another framework id: refused.
	other := strings.Replace(string(src), "id: govstack-readiness", "id: other-framework", 1)
	p = filepath.Join(dir, "other.yaml")
	os.WriteFile(p, []byte(other), 0o644)
	_, stderr, code = runCLI(t, "score", "--sample", "bakana", "--framework", p)
	if code != 2 || !strings.Contains(stderr, `assessed with framework "govstack-readiness", not "other-framework"`) {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

func TestInitWritesAnswerableFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.yaml")
	stdout, stderr, code := runCLI(t, "init", "--name", "Republic of X", "--iso3", "xrx", "-o", out, "--date", "2026-03-14")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" || !strings.Contains(stderr, "72 indicators") {
		t.Errorf("stdout %q, stderr %q: want the message on stderr", stdout, stderr)
	}
	stdout, stderr, code = runCLI(t, "score", out)
	if code != 0 || !strings.Contains(stdout, "0 of 72 indicators answered") {
		t.Errorf("score of a new file: exit %d\n%s%s", code, stdout, stderr)
	}
	// It refuses to overwrite, and refuses a code that is not ISO 3166.
	if _, _, code = runCLI(t, "init", "--name", "X", "--iso3", "XRX", "-o", out); code != 2 {
		t.Errorf("overwrite: exit %d, want 2", code)
	}
	if _, stderr, code = runCLI(t, "init", "--name", "X", "--iso3", "ABC", "-o", filepath.Join(dir, "y.yaml")); code != 2 || !strings.Contains(stderr, "ISO 3166") {
		t.Errorf("bad iso3: exit %d %s", code, stderr)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{"score", "--nope"}, {"nonsense"}, {"score", "a.yaml", "b.yaml"}, {"score", "--sample", "bakana", "--format", "xml"}, {"validate"}} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 || stderr == "" || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "score", filepath.Join(t.TempDir(), "missing.yaml")); code != 2 || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing file: exit %d %q", code, stderr)
	}
}
