package words

import (
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/roadmap"
)

// TestActivityWhyInEveryLanguage says why each activity of a sample's plan is there, from the
// codes the plan keeps, in English and in French.
func TestActivityWhyInEveryLanguage(t *testing.T) {
	doc, err := countries.Sample("bakana")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, "en")
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]string{"procure-": "before ", "build-": "needed by ", "pilot-": "integrates ", "scale-": "after pilot-",
		"assess-": "not answered yet, and ", "raise-": " by 20"}
	fr := map[string]string{"procure-": "avant ", "build-": "requis par ", "pilot-": "intègre ", "scale-": "après pilot-"}
	seen := map[string]bool{}
	for i := range m.Plan.Activities {
		a := &m.Plan.Activities[i]
		for prefix, want := range en {
			if !strings.HasPrefix(a.ID, prefix) {
				continue
			}
			seen[prefix] = true
			if got := ActivityWhy("en", a); !strings.Contains(got, want) {
				t.Errorf("%s: why %q, want %q", a.ID, got, want)
			}
			if w, ok := fr[prefix]; ok {
				if got := ActivityWhy("fr", a); !strings.Contains(got, w) {
					t.Errorf("%s: French why %q, want %q", a.ID, got, w)
				}
			}
		}
	}
	for _, prefix := range []string{"procure-", "build-", "pilot-", "scale-", "raise-"} {
		if !seen[prefix] {
			t.Errorf("bakana's plan has no %s activity to check", prefix)
		}
	}
	if got := Why("en", roadmap.Why{Code: roadmap.WhyPillarTarget, Args: []any{"legal", 62.0, 2028}}); got != "pillar legal target 62 by 2028" {
		t.Errorf("pillar target why %q", got)
	}
	if got := Why("en", roadmap.Why{Code: roadmap.WhyUnanswered, Args: []any{[]roadmap.Why{{Code: roadmap.WhyTarget, Args: []any{3, 2027}}}}}); got != "not answered yet, and target level 3 by 2027" {
		t.Errorf("assess why %q", got)
	}
	u := roadmap.Unneeded{Funder: "Fund", Target: "identity", Block: true}
	if en, fr := Unneeded("en", u), Unneeded("fr", u); !strings.HasPrefix(en, "the plan builds or upgrades nothing for identity") || !strings.HasPrefix(fr, "le plan ne prévoit") {
		t.Errorf("unneeded pledge: en %q, fr %q", en, fr)
	}
	u.Block, u.Target = false, "nope"
	if en := Unneeded("en", u); en != "the plan has no activity nope (dropped, or no longer needed)" {
		t.Errorf("unneeded pledge to an activity: %q", en)
	}
}
