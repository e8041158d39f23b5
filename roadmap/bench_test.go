package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomPlan makes n activities with about 4n dependencies after removing repeats, each on an
// earlier activity (so there is no cycle), durations 1..12 months; a third hold a delivery
// team, a third one of four owners' capacity, the rest nothing.
func randomPlan(n int) []Activity {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	acts := make([]Activity, n)
	for i := range acts {
		acts[i] = Activity{ID: fmt.Sprintf("a%06d", i), Months: 1 + r.IntN(12), Cost: 1000}
		switch r.IntN(3) {
		case 0:
			acts[i].Holds = HoldsTeam
		case 1:
			acts[i].Holds, acts[i].Owner = HoldsOwner, fmt.Sprintf("o%d", r.IntN(4))
		}
		if r.IntN(10) == 0 {
			acts[i].Rank = 1 + r.IntN(6)
		}
		if i == 0 {
			continue
		}
		for k := 0; k < 5; k++ {
			j := i - 1 - r.IntN(min(i, 50))
			acts[i].DependsOn = append(acts[i].DependsOn, acts[j].ID)
		}
		acts[i].DependsOn = uniqueSortedIDs(acts[i].DependsOn)
	}
	return acts
}

// BenchmarkSchedule prioritises and schedules plans of 500, 5,000 and 50,000 activities (≈4
// dependencies each) under 3 delivery teams and owners' capacity 2, and finds the critical
// path; time should grow about linearly (goal: 5,000 activities ≤ 200 ms).
func BenchmarkSchedule(b *testing.B) {
	for _, n := range []int{500, 5000, 50000} {
		base := randomPlan(n)
		deps := 0
		for _, a := range base {
			deps += len(a.DependsOn)
		}
		b.Run(fmt.Sprintf("%d-activities-%d-deps", n, deps), func(b *testing.B) {
			acts := make([]Activity, n)
			b.ReportAllocs()
			for b.Loop() {
				copy(acts, base)
				prioritise(acts)
				if err := Schedule(acts, Resources{Teams: 3, DefaultCapacity: 2}); err != nil {
					b.Fatal(err)
				}
				if len(criticalChain(acts)) == 0 {
					b.Fatal("no critical chain")
				}
			}
		})
	}
}

// BenchmarkBuildWithPlannerChanges builds the fixture's plan with 300, 3,000 and 30,000
// activities the planner added (each depending on the one before and on a generated
// activity), plus as many changes; time should grow linearly in the planner's changes (goal:
// 3,000 added activities cost at most 3× scoring the same file, see BenchmarkScoreFixture).
func BenchmarkBuildWithPlannerChanges(b *testing.B) {
	for _, n := range []int{300, 3000, 30000} {
		in := fixture(b)
		for i := 0; i < n; i++ {
			spec := ActivitySpec{ID: fmt.Sprintf("extra-%05d", i), Name: "Extra work", Owner: "ict", Months: 1 + i%6, Cost: 1000}
			if i > 0 {
				spec.DependsOn = []string{fmt.Sprintf("extra-%05d", i-1)}
			}
			if i%3 == 0 {
				spec.Holds = HoldsOwner
			}
			in.Edits.Add = append(in.Edits.Add, spec)
		}
		in.Edits.Change = map[string]ActivityChange{}
		for i := 0; i < n; i += 2 {
			m := 2
			in.Edits.Change[fmt.Sprintf("extra-%05d", i)] = ActivityChange{Months: &m}
		}
		b.Run(fmt.Sprintf("%d-added", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ps := Build(in); ps.HasErrors() {
					b.Fatal(ps)
				}
			}
		})
	}
}
