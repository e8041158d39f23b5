package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomPlan makes n activities with about 4n dependencies after removing repeats, each on an earlier activity (so
// there is no cycle), durations 1..12 months.
func randomPlan(n int) []Activity {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	acts := make([]Activity, n)
	for i := range acts {
		acts[i] = Activity{ID: fmt.Sprintf("a%06d", i), Months: 1 + r.IntN(12), Cost: 1000}
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

// BenchmarkSchedule schedules plans of 500, 5,000 and 50,000 activities (≈4 dependencies each)
// under 3 workstreams and finds the critical chain; time should grow about linearly.
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
				if err := Schedule(acts, 3); err != nil {
					b.Fatal(err)
				}
				if len(criticalChain(acts)) == 0 {
					b.Fatal("no critical chain")
				}
			}
		})
	}
}
