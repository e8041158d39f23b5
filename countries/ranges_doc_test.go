package countries

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/roadmap"
)

// TestRangesDocumented: design §4.3 states every range with the bounds the code checks, in
// the words the error messages use; a bound changed in code and not in the document fails.
func TestRangesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/design.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	start := strings.Index(s, "### 4.3 Ranges")
	end := strings.Index(s, "## 5.")
	if start < 0 || end < start {
		t.Fatal("design.md has no §4.3 Ranges before §5")
	}
	sec := strings.Join(strings.Fields(s[start:end]), " ") // line breaks do not matter
	// Each message as the code writes it, from the constants.
	for _, want := range []string{
		fmt.Sprintf("is outside the years %d..%d", MinYear, MaxYear),
		fmt.Sprintf("is outside %d..%d", MinYear, MaxYear),
		fmt.Sprintf("more than %d years after the assessment", MaxTargetSpan),
		fmt.Sprintf("months must be 0..%d", MaxMonths),
		fmt.Sprintf("amount must be 0..%g", MaxAmount),
		fmt.Sprintf("must be %g..%g", MinRate, MaxRate),
		fmt.Sprintf("workstreams must be 1..%d", MaxWorkstreams),
		fmt.Sprintf("capacity must be 1..%d", MaxWorkstreams),
		fmt.Sprintf("at most %d are allowed", roadmap.MaxActivities),
		fmt.Sprintf("more than %d years", MaxPlanMonths/12),
		fmt.Sprintf("at most %d months", MaxPlanMonths),
		fmt.Sprintf("at most %d characters", maxNameRunes),
		fmt.Sprintf("at most %d characters before its part name", MaxSlug),
		fmt.Sprintf("steps; at most %d are allowed", catalog.MaxSteps),
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("design §4.3 does not say %q", want)
		}
	}
	// And the messages really say so: one file with a value out of every range.
	src, _ := SampleSource("aurelia")
	bad := strings.NewReplacer(
		"date: 2026-05-20", "date: 2300-01-01",
		"amount: 600000", "amount: 2e15",
		"exchange_rates: {USD: 0.92}", "exchange_rates: {USD: 1e10}",
		"plan:\n", "plan:\n  workstreams: 101\n  add: [{id: x1, name: X, months: 601, cost: 1}]\n",
	).Replace(string(src))
	_, err = Parse("c.yaml", []byte(bad))
	if err == nil {
		t.Fatal("out-of-range file accepted")
	}
	for _, want := range []string{
		fmt.Sprintf("is outside the years %d..%d", MinYear, MaxYear),
		fmt.Sprintf("months must be 0..%d", MaxMonths),
		fmt.Sprintf("amount must be 0..%g", MaxAmount),
		fmt.Sprintf("must be %g..%g", MinRate, MaxRate),
		fmt.Sprintf("workstreams must be 1..%d", MaxWorkstreams),
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the messages do not say %q:\n%v", want, err)
		}
	}
}
