package roadmap

import (
	"math"
	"time"

	"github.com/govplan/govplan/internal/yamlx"
)

// Bounds of what the planner accepts. countries checks a file against the same bounds with
// positions (validate); Build checks them again, cheaply, so that a caller that skips
// validation gets an error, never a panic, a hang or a plan of a billion months.
const (
	MinYear        = 1900 // earliest year of a date, a start, a target or a pledge
	MaxYear        = 2199 // latest year (workbook dates end there)
	MaxMonths      = 600  // longest single activity or step, in months (50 years)
	MaxAmount      = 1e15 // largest cost, running cost, pledge or population
	MaxWorkstreams = 100  // delivery teams, and any owner's capacity
	MinRate        = 1e-9 // smallest exchange rate
	MaxRate        = 1e9  // largest exchange rate
	MaxPlanMonths  = 1200 // longest plan (100 years)
	MaxActivities  = 20000
)

// guard checks the input against the bounds; paths are those of a country file.
func guard(in Input) yamlx.Problems {
	var ps yamlx.Problems
	months := func(p []any, v *int) {
		if v != nil && (*v < 0 || *v > MaxMonths) {
			ps.Add(p, "months must be 0..%d, got %d", MaxMonths, *v)
		}
	}
	amount := func(p []any, v *float64) {
		if v != nil && !(*v >= 0 && *v <= MaxAmount) { // also NaN
			ps.Add(p, "amount must be 0..%g, got %g", MaxAmount, *v)
		}
	}
	year := func(p []any, y int) {
		if y != 0 && (y < MinYear || y > MaxYear) {
			ps.Add(p, "year %d is outside %d..%d", y, MinYear, MaxYear)
		}
	}
	date := func(p []any, t time.Time) {
		if !t.IsZero() && (t.Year() < MinYear || t.Year() > MaxYear) {
			ps.Add(p, "date %s is outside the years %d..%d", t.Format("2006-01-02"), MinYear, MaxYear)
		}
	}
	workstreams := func(p []any, n int) { // 0: the default
		if n < 0 || n > MaxWorkstreams {
			ps.Add(p, "workstreams must be 1..%d, got %d", MaxWorkstreams, n)
		}
	}
	capacity := func(p []any, n int) {
		if n < 0 || n > MaxWorkstreams {
			ps.Add(p, "capacity must be 1..%d, got %d", MaxWorkstreams, n)
		}
	}

	date([]any{"assessment", "date"}, in.AssessedOn)
	date(nil, in.Start)
	if in.Edits.Start != "" {
		t, err := time.Parse("2006-01", in.Edits.Start)
		if err != nil {
			ps.Add([]any{"plan", "start"}, "start must be YYYY-MM, got %q", in.Edits.Start)
		} else {
			date([]any{"plan", "start"}, t)
		}
	}
	workstreams(nil, in.Workstreams)
	workstreams([]any{"plan", "workstreams"}, in.Edits.Workstreams)
	for _, o := range yamlx.SortedKeys(in.Capacity) {
		capacity(nil, in.Capacity[o])
	}
	for _, o := range yamlx.SortedKeys(in.Edits.Capacity) {
		capacity([]any{"plan", "capacity", o}, in.Edits.Capacity[o])
	}

	if c := in.Costs; c != nil {
		block := func(p []any, b BlockCost) {
			months(append(p, "build_months"), b.BuildMonths)
			months(append(p, "upgrade_months"), b.UpgradeMonths)
			amount(append(p, "build_cost"), b.BuildCost)
			amount(append(p, "upgrade_cost"), b.UpgradeCost)
			amount(append(p, "running_cost"), b.RunningCost)
		}
		step := func(p []any, s StepCost) {
			months(append(p, "months"), s.Months)
			amount(append(p, "cost"), s.Cost)
		}
		block([]any{"costs", "default_block"}, c.DefaultBlock)
		for _, id := range yamlx.SortedKeys(c.Blocks) {
			block([]any{"costs", "blocks", id}, c.Blocks[id])
		}
		for _, id := range yamlx.SortedKeys(c.Actions) {
			a := c.Actions[id]
			months([]any{"costs", "actions", id, "months"}, a.Months)
			amount([]any{"costs", "actions", id, "cost"}, a.Cost)
			amount([]any{"costs", "actions", id, "cost_per_person"}, a.CostPerPerson)
		}
		step([]any{"costs", "readiness_level"}, c.ReadinessLevel)
		step([]any{"costs", "procurement"}, c.Procurement)
		step([]any{"costs", "scale_up"}, c.ScaleUp)
		step([]any{"costs", "assess"}, c.Assess)
		step([]any{"costs", "pilot"}, c.Pilot)
		amount([]any{"costs", "population"}, c.Population)
		amount([]any{"costs", "integration"}, c.Integration)
	}

	if n := len(in.Edits.Add); n > MaxActivities {
		ps.Add([]any{"plan", "add"}, "the plan adds %d activities; at most %d are allowed", n, MaxActivities)
	}
	for i, a := range in.Edits.Add {
		m, c := a.Months, a.Cost
		months([]any{"plan", "add", i, "months"}, &m)
		amount([]any{"plan", "add", i, "cost"}, &c)
	}
	for _, id := range yamlx.SortedKeys(in.Edits.Change) {
		ch := in.Edits.Change[id]
		months([]any{"plan", "change", id, "months"}, ch.Months)
		amount([]any{"plan", "change", id, "cost"}, ch.Cost)
	}
	for i, inv := range in.Investments {
		a := inv.Amount
		amount([]any{"investments", i, "amount"}, &a)
		for j, y := range inv.Years {
			if y < MinYear || y > MaxYear {
				ps.Add([]any{"investments", i, "years", j}, "year %d is outside %d..%d", y, MinYear, MaxYear)
			}
		}
	}
	for _, k := range yamlx.SortedKeys(in.Rates) {
		if r := in.Rates[k]; !(r >= MinRate && r <= MaxRate) || math.IsInf(r, 0) {
			ps.Add([]any{"exchange_rates", k}, "exchange rate for %s must be %g..%g, got %g", k, MinRate, MaxRate, r)
		}
	}
	for _, id := range yamlx.SortedKeys(in.Targets.Indicators) {
		year([]any{"targets", id, "year"}, in.Targets.Indicators[id].Year)
	}
	for _, id := range yamlx.SortedKeys(in.Targets.Pillars) {
		year([]any{"targets", "pillars", id, "year"}, in.Targets.Pillars[id].Year)
	}
	if t := in.Targets.Overall; t != nil {
		year([]any{"targets", "overall", "year"}, t.Year)
	}
	return ps
}
