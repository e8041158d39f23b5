package report

import (
	"math"

	"github.com/govplan/govplan/roadmap"
)

// RoadmapJSON is the JSON document of `govplan roadmap --format json`. Months are offsets from
// the plan start (start_date), end exclusive.
type RoadmapJSON struct {
	Country          CountryJSON     `json:"country"`
	StartDate        string          `json:"start_date"`
	Workstreams      int             `json:"workstreams"`
	Activities       []ActivityJSON  `json:"activities"`
	DurationMonths   int             `json:"duration_months"`
	TotalCost        float64         `json:"total_cost"`
	RunningPerYear   float64         `json:"running_cost_per_year"`
	Currency         string          `json:"currency"`
	CriticalPath     []string        `json:"critical_path"`
	KPIs             []KPIJSON       `json:"kpis"`
	Budget           []BudgetJSON    `json:"budget"`
	FundingGaps      []GapJSON       `json:"funding_gaps"`
	DuplicateFunding []DuplicateJSON `json:"duplicate_funding"`
	UnneededFunding  []UnneededJSON  `json:"unneeded_funding"`
	Pledged          float64         `json:"pledged"`
	SharedVsSiloed   SharedJSON      `json:"shared_vs_siloed"`
	Warnings         []string        `json:"warnings"`
}

// ActivityJSON is one activity.
type ActivityJSON struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Name        string   `json:"name"`
	Owner       string   `json:"owner"`
	DependsOn   []string `json:"depends_on"`
	StartMonth  int      `json:"start_month"`
	EndMonth    int      `json:"end_month"`
	Months      int      `json:"months"`
	Cost        float64  `json:"cost"`
	RunningCost float64  `json:"running_cost_per_year"`
	Critical    bool     `json:"critical"`
	Wave        int      `json:"wave"`
	Basis       string   `json:"basis"`
	Reason      string   `json:"reason"`
	Status      string   `json:"status,omitempty"`
	Block       string   `json:"block,omitempty"`
	Indicator   string   `json:"indicator,omitempty"`
	UseCase     string   `json:"use_case,omitempty"`
}

// KPIJSON is one KPI with its yearly milestones.
type KPIJSON struct {
	ID           string          `json:"id"`
	Kind         string          `json:"kind"`
	Name         string          `json:"name"`
	Unit         string          `json:"unit,omitempty"`
	Baseline     *float64        `json:"baseline"`
	BaselineVal  *float64        `json:"baseline_value,omitempty"`
	Target       float64         `json:"target"`
	TargetVal    *float64        `json:"target_value,omitempty"`
	BaselineYear int             `json:"baseline_year"`
	DueYear      int             `json:"due_year"`
	Met          bool            `json:"met"`
	Milestones   []MilestoneJSON `json:"milestones"`
}

// MilestoneJSON is where a KPI should be at the end of a year.
type MilestoneJSON struct {
	Year  int      `json:"year"`
	Score float64  `json:"score"`
	Value *float64 `json:"value,omitempty"`
}

// BudgetJSON is one year of the budget.
type BudgetJSON struct {
	Year     int     `json:"year"`
	OneOff   float64 `json:"one_off"`
	Running  float64 `json:"running"`
	Total    float64 `json:"total"`
	Funded   float64 `json:"funded"`
	Unfunded float64 `json:"unfunded"`
}

// GapJSON is an activity cost pledges do not cover.
type GapJSON struct {
	Activity string  `json:"activity"`
	Name     string  `json:"name"`
	Cost     float64 `json:"cost"`
	Funded   float64 `json:"funded"`
	Gap      float64 `json:"gap"`
}

// DuplicateJSON is an item several funders pledged to.
type DuplicateJSON struct {
	Activity string   `json:"activity"`
	Funders  []string `json:"funders"`
	Pledged  float64  `json:"pledged"`
	Cost     float64  `json:"cost"`
}

// UnneededJSON is a pledge to something the plan does not need.
type UnneededJSON struct {
	Funder string  `json:"funder"`
	Target string  `json:"target"`
	Amount float64 `json:"amount"`
	Why    string  `json:"why"`
}

// SharedJSON compares the shared plan with siloed builds.
type SharedJSON struct {
	Shared      float64  `json:"shared"`
	Siloed      float64  `json:"siloed"`
	Savings     float64  `json:"savings"`
	ReuseFactor *float64 `json:"reuse_factor"`
}

// Roadmap builds the roadmap document.
func Roadmap(country CountryJSON, p *roadmap.Plan, warnings []string) RoadmapJSON {
	out := RoadmapJSON{
		Country: country, StartDate: p.Start.Format("2006-01"), Workstreams: p.Workstreams,
		Activities: []ActivityJSON{}, DurationMonths: p.Duration, TotalCost: cents(p.TotalCost), Currency: p.Currency,
		CriticalPath: nonNil(p.Critical), KPIs: []KPIJSON{}, Budget: []BudgetJSON{}, FundingGaps: []GapJSON{},
		DuplicateFunding: []DuplicateJSON{}, UnneededFunding: []UnneededJSON{}, Pledged: cents(p.Funding.Pledged),
		SharedVsSiloed: SharedJSON{cents(p.Shared.Shared), cents(p.Shared.Siloed), cents(p.Shared.Savings), p.Shared.ReuseFactor},
		Warnings:       nonNil(warnings),
	}
	for _, a := range p.Activities {
		out.RunningPerYear += a.RunningCost
		out.Activities = append(out.Activities, ActivityJSON{
			ID: a.ID, Kind: a.Kind, Name: a.Name, Owner: a.Owner, DependsOn: nonNil(a.DependsOn),
			StartMonth: a.Start, EndMonth: a.End, Months: a.Months, Cost: cents(a.Cost), RunningCost: cents(a.RunningCost),
			Critical: a.Critical, Wave: a.Wave, Basis: a.Basis, Reason: a.Reason, Status: a.Status,
			Block: a.Block, Indicator: a.Indicator, UseCase: a.UseCase,
		})
	}
	out.RunningPerYear = cents(out.RunningPerYear)
	for _, k := range p.KPIs {
		kj := KPIJSON{ID: k.ID, Kind: k.Kind, Name: k.Name, Unit: k.Unit, Baseline: k.Baseline, BaselineVal: k.BaselineVal,
			Target: k.Target, TargetVal: k.TargetVal, BaselineYear: k.BaselineYear, DueYear: k.DueYear, Met: k.Met, Milestones: []MilestoneJSON{}}
		for _, m := range k.Milestones {
			kj.Milestones = append(kj.Milestones, MilestoneJSON{m.Year, m.Score, m.Value})
		}
		out.KPIs = append(out.KPIs, kj)
	}
	for _, y := range p.Budget {
		out.Budget = append(out.Budget, BudgetJSON{y.Year, cents(y.OneOff), cents(y.Running), cents(y.Total), cents(y.Funded), cents(y.Unfunded)})
	}
	for _, g := range p.Funding.Gaps {
		out.FundingGaps = append(out.FundingGaps, GapJSON{g.Activity, g.Name, cents(g.Cost), cents(g.Funded), cents(g.Gap)})
	}
	for _, d := range p.Funding.Duplicates {
		out.DuplicateFunding = append(out.DuplicateFunding, DuplicateJSON{d.Activity, d.Funders, cents(d.Pledged), cents(d.Cost)})
	}
	for _, u := range p.Funding.Unneeded {
		out.UnneededFunding = append(out.UnneededFunding, UnneededJSON{u.Funder, u.Target, cents(u.Amount), u.Why})
	}
	return out
}

// cents rounds money to two decimals for output.
func cents(v float64) float64 { return math.Round(v*100) / 100 }
