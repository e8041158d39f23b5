package countries

import (
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/roadmap"
)

// planBound is the lower bound on a plan's length (issue #11): the larger of what the
// dependencies and gates alone require (the plan scheduled without any resource limit) and,
// for each resource, its total months of work divided by how many units can run at once.
func planBound(t *testing.T, p *roadmap.Plan) (bound, deps int, load map[string]int) {
	t.Helper()
	acts := append([]roadmap.Activity(nil), p.Activities...)
	if err := roadmap.Schedule(acts, roadmap.Unlimited); err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		deps = max(deps, a.End)
	}
	months := map[string]int{}
	for _, a := range p.Activities {
		if key := a.Resource(); key != "" {
			months[key] += a.Months
		}
	}
	res := p.Resources()
	load = map[string]int{}
	bound = deps
	for key, m := range months {
		n := res.Of(key)
		load[key] = (m + n - 1) / n
		bound = max(bound, load[key])
	}
	return bound, deps, load
}

// Every sample's plan is within 1.3× of its lower bound at default capacity, and a mid-way
// country with six services (bakana) is a programme of about 3 to 5 years.
func TestSamplePlansNearTheirLowerBound(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range SampleNames() {
		d, err := Sample(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Analyse(d, cat, "en")
		if err != nil {
			t.Fatal(err)
		}
		p := m.Plan
		bound, deps, load := planBound(t, p)
		t.Logf("%s: %d months, lower bound %d (dependencies and gates %d, resource loads %v): %.2f×", name, p.Duration, bound, deps, load, float64(p.Duration)/float64(bound))
		if float64(p.Duration) > 1.3*float64(bound) {
			t.Errorf("%s: plan of %d months is more than 1.3× its lower bound %d", name, p.Duration, bound)
		}
		if name == "bakana" && (p.Duration < 36 || p.Duration > 60) {
			t.Errorf("bakana: %d months, want a programme of about 3 to 5 years", p.Duration)
		}
	}
}
