package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

type roadmapDoc struct {
	Activities []struct {
		ID, Kind, Name, Owner string
		DependsOn             []string `json:"depends_on"`
		StartMonth            int      `json:"start_month"`
		EndMonth              int      `json:"end_month"`
		Cost                  float64
		Critical              bool
		Wave                  int
	}
	DurationMonths   int     `json:"duration_months"`
	TotalCost        float64 `json:"total_cost"`
	Currency         string
	KPIs             []json.RawMessage
	Budget           []struct{ Year int }
	FundingGaps      []json.RawMessage `json:"funding_gaps"`
	DuplicateFunding []struct {
		Activity string
		Funders  []string
	} `json:"duplicate_funding"`
	SharedVsSiloed struct{ Shared, Siloed, Savings float64 } `json:"shared_vs_siloed"`
}

func roadmapJSON(t *testing.T, args ...string) roadmapDoc {
	t.Helper()
	stdout, stderr, code := runCLI(t, append([]string{"roadmap", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d %s", args, code, stderr)
	}
	var d roadmapDoc
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRoadmapSamples(t *testing.T) {
	for _, n := range countries.SampleNames() {
		d := roadmapJSON(t, "--sample", n)
		if len(d.Activities) == 0 || d.Currency == "" || len(d.Budget) == 0 {
			t.Fatalf("%s: empty plan", n)
		}
		var sum float64
		end := 0
		kinds := map[string]bool{}
		ends := map[string]int{}
		for _, a := range d.Activities {
			sum += a.Cost
			end = max(end, a.EndMonth)
			kinds[a.Kind] = true
			ends[a.ID] = a.EndMonth
		}
		for _, a := range d.Activities {
			for _, dep := range a.DependsOn {
				if ends[dep] > a.StartMonth {
					t.Errorf("%s: %s starts before %s ends", n, a.ID, dep)
				}
			}
		}
		if d.DurationMonths != end || abs(d.TotalCost-sum) > 0.01 {
			t.Errorf("%s: duration %d / total %v, want %d / %v", n, d.DurationMonths, d.TotalCost, end, sum)
		}
		if !kinds["pilot"] || d.SharedVsSiloed.Siloed < d.SharedVsSiloed.Shared {
			t.Errorf("%s: kinds %v, shared %+v", n, kinds, d.SharedVsSiloed)
		}
		stdout, stderr, code := runCLI(t, "roadmap", "--sample", n)
		if code != 0 || !strings.Contains(stdout, "Critical path") || !strings.Contains(stdout, "Budget by year") {
			t.Errorf("%s: text roadmap exit %d\n%s%s", n, code, stdout, stderr)
		}
	}
	// Bakana: two funders on payments; more workstreams never lengthen the plan.
	d := roadmapJSON(t, "--sample", "bakana")
	if len(d.DuplicateFunding) != 1 || d.DuplicateFunding[0].Activity != "upgrade-payments" {
		t.Errorf("duplicate funding %+v", d.DuplicateFunding)
	}
	prev := 1 << 30
	for _, w := range []string{"1", "3", "5", "8"} {
		d := roadmapJSON(t, "--sample", "bakana", "--workstreams", w)
		if d.DurationMonths > prev {
			t.Errorf("%s workstreams: %d months, longer than with fewer", w, d.DurationMonths)
		}
		prev = d.DurationMonths
	}
}

func TestRoadmapFlagsAndErrors(t *testing.T) {
	stdout, _, code := runCLI(t, "roadmap", "--sample", "coralia", "--start", "2027-01")
	if code != 0 || !strings.Contains(stdout, "roadmap from January 2027") {
		t.Errorf("--start: exit %d\n%s", code, stdout)
	}
	for _, args := range [][]string{{"--start", "2027-13"}, {"--workstreams", "0"}} {
		if _, stderr, code := runCLI(t, append([]string{"roadmap", "--sample", "bakana"}, args...)...); code != 2 {
			t.Errorf("%v: exit %d %s", args, code, stderr)
		}
	}
	src, _ := countries.SampleSource("bakana")
	dir := t.TempDir()
	// An investment in a currency without a rate names the investment.
	p := filepath.Join(dir, "norate.yaml")
	os.WriteFile(p, []byte(strings.Replace(string(src), "exchange_rates: {EUR: 1.08}", "exchange_rates: {}", 1)), 0o644)
	_, stderr, code := runCLI(t, "roadmap", p)
	if code != 2 || !strings.Contains(stderr, "norate.yaml:") || !strings.Contains(stderr, "exchange_rates has no rate for EUR") {
		t.Errorf("missing rate: exit %d %s", code, stderr)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
