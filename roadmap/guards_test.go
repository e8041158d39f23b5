package roadmap

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
)

// TestGuardsRefuseWhatValidationWouldHave: a caller that skips validation (no countries
// package in between) gets an error from Build, with the path in the file, never a panic, a
// hang or a plan of a billion months.
func TestGuardsRefuseWhatValidationWouldHave(t *testing.T) {
	i := func(v int) *int { return &v }
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		name string
		edit func(in *Input)
		path string // the problem's path, joined by "."
		msg  string
	}{
		{"assessed in year 0", func(in *Input) { in.AssessedOn = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) }, "assessment.date", "outside the years 1900..2199"},
		{"--start 0000-01", func(in *Input) { in.Start = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) }, "", "outside the years"},
		{"plan.start 9999-01", func(in *Input) { in.Edits.Start = "9999-01" }, "plan.start", "outside the years"},
		{"plan.start not a month", func(in *Input) { in.Edits.Start = "soon" }, "plan.start", "YYYY-MM"},
		{"months 2^63-1", func(in *Input) {
			in.Edits.Add = []ActivitySpec{{ID: "x1", Name: "X", Months: math.MaxInt64, Cost: 1}}
		}, "plan.add.0.months", "months must be 0..600"},
		{"months 1e9 in a change", func(in *Input) {
			in.Edits.Change = map[string]ActivityChange{"pilot-inst-1": {Months: i(1_000_000_000)}}
		}, "plan.change.pilot-inst-1.months", "months must be 0..600"},
		{"negative build months", func(in *Input) {
			in.Costs = &CostModel{Blocks: map[string]BlockCost{"payments": {BuildMonths: i(-4)}}}
		}, "costs.blocks.payments.build_months", "got -4"},
		{"negative readiness cost", func(in *Input) { in.Costs = &CostModel{ReadinessLevel: StepCost{Cost: f(-400)}} }, "costs.readiness_level.cost", "amount must be 0.."},
		{"cost 1e308", func(in *Input) { in.Costs = &CostModel{Pilot: StepCost{Cost: f(1e308)}} }, "costs.pilot.cost", "amount must be 0.."},
		{"NaN cost", func(in *Input) { in.Costs = &CostModel{Integration: f(math.NaN())} }, "costs.integration", "amount must be 0.."},
		{"pledge of +Inf", func(in *Input) { in.Investments = []Investment{{Funder: "F", Block: "payments", Amount: math.Inf(1)}} }, "investments.0.amount", "amount must be 0.."},
		{"pledge in year 99999999999", func(in *Input) {
			in.Investments = []Investment{{Funder: "F", Block: "payments", Amount: 1, Years: []int{99999999999}}}
		}, "investments.0.years.0", "outside 1900..2199"},
		{"target year 99999999999", func(in *Input) {
			in.Targets = assess.Targets{Overall: &assess.Target{Score: f(90), Year: 99999999999}}
		}, "targets.overall.year", "outside 1900..2199"},
		{"a million workstreams", func(in *Input) { in.Workstreams = 1_000_000 }, "", "workstreams must be 1..100"},
		{"negative capacity", func(in *Input) { in.Edits.Capacity = map[string]int{"ict": -1} }, "plan.capacity.ict", "capacity must be 1..100"},
		{"zero exchange rate", func(in *Input) { in.Rates = map[string]float64{"EUR": 0} }, "exchange_rates.EUR", "exchange rate for EUR"},
		{"too many added activities", func(in *Input) {
			in.Edits.Add = make([]ActivitySpec, MaxActivities+1)
		}, "plan.add", "at most 20000"},
		{"a plan longer than 100 years", func(in *Input) {
			var prev string
			for k := 0; k < 3; k++ {
				id := "x" + strings.Repeat("x", k)
				a := ActivitySpec{ID: id, Name: "X", Months: 600}
				if prev != "" {
					a.DependsOn = []string{prev}
				}
				in.Edits.Add = append(in.Edits.Add, a)
				prev = id
			}
		}, "", "more than 100 years"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := fixture(t)
			c.edit(&in)
			done := make(chan struct{})
			var p *Plan
			var err string
			var path string
			go func() {
				defer close(done)
				var ps []string
				plan, problems := Build(in)
				p = plan
				for _, pr := range problems {
					if !pr.Warning {
						ps = append(ps, pr.Msg)
						if path == "" {
							var parts []string
							for _, k := range pr.Path {
								parts = append(parts, fmt.Sprint(k))
							}
							path = strings.Join(parts, ".")
						}
					}
				}
				err = strings.Join(ps, "; ")
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Build does not return")
			}
			if p != nil || !strings.Contains(err, c.msg) {
				t.Fatalf("plan %v, errors %q; want an error saying %q", p != nil, err, c.msg)
			}
			if path != c.path {
				t.Errorf("problem at %q, want %q", path, c.path)
			}
		})
	}
}

// TestScheduleGuards: Schedule, exported on its own, refuses durations it cannot walk.
func TestScheduleGuards(t *testing.T) {
	res := Resources{Teams: 1}
	for _, m := range []int{-1, MaxMonths + 1, math.MaxInt} {
		if err := Schedule([]Activity{{ID: "a", Months: m, Holds: HoldsTeam}}, res); err == nil {
			t.Errorf("%d months scheduled", m)
		}
	}
	if err := Schedule(make([]Activity, MaxActivities+1), res); err == nil {
		t.Error("too many activities scheduled")
	}
}
