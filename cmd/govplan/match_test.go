package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

func TestMatchSamplesJSON(t *testing.T) {
	for _, n := range countries.SampleNames() {
		stdout, stderr, code := runCLI(t, "match", "--sample", n, "--format", "json")
		if code != 0 {
			t.Fatalf("%s: exit %d %s", n, code, stderr)
		}
		var doc struct {
			UseCases []struct{ ID string } `json:"use_cases"`
			Blocks   []struct {
				ID, Status string
				NeededBy   []string `json:"needed_by"`
				Reasons    []string
				GatedBy    []struct {
					Indicator, State string
					Min              int
					Current          *float64
				} `json:"gated_by"`
				Products []struct {
					ID       string
					Rank     *int
					Excluded bool
					Reasons  []string
				}
			}
			ReuseFactor *float64 `json:"reuse_factor"`
			Services    []struct {
				Name, Quadrant string
				UseCase        string `json:"use_case"`
				Priority       float64
			}
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.UseCases) == 0 || len(doc.Blocks) == 0 || doc.ReuseFactor == nil {
			t.Fatalf("%s: empty match: %s", n, stdout)
		}
		for _, b := range doc.Blocks {
			if len(b.NeededBy) == 0 || len(b.Reasons) == 0 {
				t.Errorf("%s: block %s without needed_by or reasons", n, b.ID)
			}
			rank := 0
			for _, p := range b.Products {
				if p.Excluded != (p.Rank == nil) {
					t.Errorf("%s: %s product %s excluded=%v rank=%v", n, b.ID, p.ID, p.Excluded, p.Rank)
				}
				if p.Rank != nil {
					rank++
					if *p.Rank != rank {
						t.Errorf("%s: %s ranks not 1..n: %s has %d", n, b.ID, p.ID, *p.Rank)
					}
				}
			}
		}
	}
	// Bakana (scenario 1): ID operational, the treasury switch partial, Consent gated by the
	// data-protection law that is not in force.
	stdout, _, _ := runCLI(t, "match", "--sample", "bakana")
	for _, want := range []string{"Identity              REUSE    National ID system", "Payments              UPGRADE  Treasury payment switch", "Consent waits for cybersecurity.data-protection-law ≥ 3 (now 1.0)", "Reuse factor"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("bakana match lacks %q:\n%s", want, stdout)
		}
	}
}

func TestMatchBadNeedsExit2(t *testing.T) {
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cases := map[string]struct{ from, to, want string }{
		"unknown block in custom use case": {"blocks: [e-signature, identity]", "blocks: [e-signature, teleport]", `unknown building block "teleport"`},
		"unknown use case":                 {"  - inst-1\n", "  - inst-42\n", `unknown use case "inst-42"`},
	}
	for name, tt := range cases {
		if !strings.Contains(string(src), tt.from) {
			t.Fatalf("%s: sample has no %q", name, tt.from)
		}
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
		os.WriteFile(p, []byte(strings.Replace(string(src), tt.from, tt.to, 1)), 0o644)
		for _, cmd := range []string{"match", "validate"} {
			_, stderr, code := runCLI(t, cmd, p)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != 2 || len(lines) != 1 || !positioned.MatchString(lines[0]) || !strings.Contains(stderr, tt.want) {
				t.Errorf("%s %s: exit %d, stderr:\n%s", cmd, name, code, stderr)
			}
		}
	}
	// A dependency cycle in a user catalog.
	cat := filepath.Join(dir, "cat")
	os.Mkdir(cat, 0o755)
	os.WriteFile(filepath.Join(cat, "mine.yaml"), []byte("blocks:\n  - id: identity\n    name: Identity\n    category: foundational\n    depends_on: [{block: consent, reason: test}]\n"), 0o644)
	_, stderr, code := runCLI(t, "match", "--sample", "bakana", "--catalog", cat)
	if code != 2 || !strings.Contains(stderr, "mine.yaml:5:26: dependency cycle: identity → consent → identity") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("cycle: exit %d, stderr %q", code, stderr)
	}
}

func TestCatalogCommands(t *testing.T) {
	stdout, _, code := runCLI(t, "catalog", "usecases", "EDU-1", "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var uc struct {
		ID, Name, Sector, Version string
		SDGs                      []string
		Steps                     []struct {
			N      int
			Name   string
			Blocks []string
		}
		Blocks []string
	}
	if err := json.Unmarshal([]byte(stdout), &uc); err != nil {
		t.Fatal(err)
	}
	if uc.ID != "edu-1" || len(uc.Steps) != 8 || uc.Steps[7].N != 8 || len(uc.Blocks) != 8 {
		t.Errorf("edu-1 json: %+v", uc)
	}
	for _, args := range [][]string{{"catalog", "blocks"}, {"catalog", "blocks", "consent"}, {"catalog", "usecases", "--legacy"}, {"catalog", "products"}, {"catalog", "products", "x-road"}, {"catalog", "blocks", "--format", "json"}} {
		if stdout, stderr, code := runCLI(t, args...); code != 0 || stdout == "" {
			t.Errorf("%v: exit %d %s", args, code, stderr)
		}
	}
	stdout, _, _ = runCLI(t, "catalog", "usecases", "hltc-1")
	if !strings.Contains(stdout, "Outreach Communications") || !strings.Contains(stdout, "●") {
		t.Errorf("use case grid:\n%s", stdout)
	}
	if _, stderr, code := runCLI(t, "catalog", "blocks", "teleport"); code != 2 || !strings.Contains(stderr, "identity") {
		t.Errorf("unknown block: %d %s", code, stderr)
	}
}

// TestMatchNamesPartialProducts: a product that supports a block only in part (Mojaloop, the
// national switch behind the Payments gateway) is named under the block, never ranked.
func TestMatchNamesPartialProducts(t *testing.T) {
	stdout, stderr, code := runCLI(t, "match", "--sample", "bakana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pay := stdout[strings.Index(stdout, "  Payments (upgrade)"):]
	pay = pay[:strings.Index(pay, "\n\n")]
	if !strings.Contains(pay, "~ supports it in part, not ranked: ") || !strings.Contains(pay, "Mojaloop") || strings.Contains(pay, "#2 Mojaloop") {
		t.Errorf("Payments block:\n%s", pay)
	}
	fr, _, _ := runCLI(t, "match", "--sample", "bakana", "--lang", "fr", "--all")
	if !strings.Contains(fr, "~ la prend en charge en partie, sans rang : Mojaloop — La spécification Payments") {
		t.Errorf("French --all lacks Mojaloop's note")
	}
}
