package report

import (
	"math"

	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// RoadmapJSON is the JSON document of `govplan roadmap --format json`. Months are offsets from
// the plan start (start_date), end exclusive.
type RoadmapJSON struct {
	Country          CountryJSON     `json:"country"`
	StartDate        string          `json:"start_date"`
	Workstreams      int             `json:"workstreams"`
	Capacity         map[string]int  `json:"capacity"`
	DefaultCapacity  int             `json:"default_capacity"`
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
	TimingUnused     []TimingJSON    `json:"timing_unused"`
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
	Phase       int      `json:"phase"`
	Holds       string   `json:"holds"`
	Rank        *int     `json:"service_rank"`
	LatestStart int      `json:"latest_start_month"`
	Gates       []string `json:"gates"`
	FixedBy     string   `json:"fixed_by,omitempty"`
	FixedHow    string   `json:"fixed_how,omitempty"`
	Action      string   `json:"action,omitempty"`
	Raises      []string `json:"raises"`
	DueYear     int      `json:"due_year,omitempty"`
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
	Status       string          `json:"status"`
	Met          bool            `json:"met"`
	Reached      *string         `json:"reached"`
	LateMonths   *int            `json:"late_months,omitempty"`
	Fix          *FixJSON        `json:"fix,omitempty"`
	Milestones   []MilestoneJSON `json:"milestones"`
}

// FixJSON says what would meet a late or never-met target.
type FixJSON struct {
	Teams          *int     `json:"teams"`
	Owner          string   `json:"owner,omitempty"`
	Capacity       *int     `json:"capacity"`
	UnlimitedMonth *int     `json:"reached_month_unlimited"`
	MonthsShort    int      `json:"months_short"`
	NotPlanned     []string `json:"not_planned"`
	Text           string   `json:"text"`
}

// TimingJSON is pledged money the plan cannot use because the work falls outside its years.
type TimingJSON struct {
	Funder     string  `json:"funder"`
	Activity   string  `json:"activity"`
	Years      []int   `json:"years"`
	SpendYears []int   `json:"work_years"`
	Amount     float64 `json:"amount"`
}

// MilestoneJSON is the projection of a KPI at the end of a year (value: whole levels, 1/0 for
// yes/no, or the number in its unit).
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
	// SiloedIsUpperBound is always true: a silo would not build every shared layer.
	SiloedIsUpperBound bool `json:"siloed_is_upper_bound"`
}

// Roadmap builds the roadmap document; lang is the language of the fix texts.
func Roadmap(country CountryJSON, p *roadmap.Plan, warnings []string, lang string) RoadmapJSON {
	out := RoadmapJSON{
		Country: country, StartDate: p.Start.Format("2006-01"), Workstreams: p.Workstreams,
		Activities: []ActivityJSON{}, DurationMonths: p.Duration, TotalCost: cents(p.TotalCost), Currency: p.Currency,
		CriticalPath: nonNil(p.Critical), KPIs: []KPIJSON{}, Budget: []BudgetJSON{}, FundingGaps: []GapJSON{},
		DuplicateFunding: []DuplicateJSON{}, UnneededFunding: []UnneededJSON{}, Pledged: cents(p.Funding.Pledged),
		SharedVsSiloed: SharedJSON{cents(p.Shared.Shared), cents(p.Shared.Siloed), cents(p.Shared.Savings), p.Shared.ReuseFactor, true},
		Warnings:       nonNil(warnings), TimingUnused: []TimingJSON{}, Capacity: map[string]int{}, DefaultCapacity: roadmap.DefaultCapacity,
	}
	for o, c := range p.Capacity {
		out.Capacity[o] = c
	}
	for _, t := range p.Funding.TimingUnused {
		out.TimingUnused = append(out.TimingUnused, TimingJSON{t.Funder, t.Activity, t.Years, t.SpendYears, cents(t.Amount)})
	}
	for _, a := range p.Activities {
		out.RunningPerYear += a.RunningCost
		out.Activities = append(out.Activities, ActivityJSON{
			ID: a.ID, Kind: a.Kind, Name: a.Name, Owner: a.Owner, DependsOn: nonNil(a.DependsOn),
			StartMonth: a.Start, EndMonth: a.End, Months: a.Months, Cost: cents(a.Cost), RunningCost: cents(a.RunningCost),
			Critical: a.Critical, Phase: a.Phase, Basis: a.Basis, Reason: words.ActivityWhy(lang, &a), Status: a.Status,
			Block: a.Block, Indicator: a.Indicator, UseCase: a.UseCase, Holds: a.Holds, LatestStart: a.LatestStart,
			Gates: nonNil(a.Gates), FixedBy: a.FixedBy, FixedHow: a.FixedHow, Action: a.Action, Raises: nonNil(a.Raises), DueYear: a.DueYear,
		})
		if a.Rank > 0 {
			r := a.Rank
			out.Activities[len(out.Activities)-1].Rank = &r
		}
	}
	out.RunningPerYear = cents(out.RunningPerYear)
	for _, k := range p.KPIs {
		kj := KPIJSON{ID: k.ID, Kind: k.Kind, Name: k.Name, Unit: k.Unit, Baseline: k.Baseline, BaselineVal: k.BaselineVal,
			Target: k.Target, TargetVal: k.TargetVal, BaselineYear: k.BaselineYear, DueYear: k.DueYear, Met: k.Met, Milestones: []MilestoneJSON{},
			Status: k.Status}
		if k.Reached != "" {
			r := k.Reached
			kj.Reached = &r
		}
		if k.Status == roadmap.StatusLate {
			l := k.LateMonths
			kj.LateMonths = &l
		}
		if f := k.Fix; f != nil {
			fj := &FixJSON{Owner: f.Owner, MonthsShort: f.MonthsShort, NotPlanned: nonNil(f.NotPlanned), Text: words.TargetFix(lang, &k)}
			if f.Teams > 0 {
				fj.Teams = &f.Teams
			}
			if f.Owner != "" {
				fj.Capacity = &f.Capacity
			}
			if f.UnlimitedMonth >= -1 {
				fj.UnlimitedMonth = &f.UnlimitedMonth
			}
			kj.Fix = fj
		}
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
		out.UnneededFunding = append(out.UnneededFunding, UnneededJSON{u.Funder, u.Target, cents(u.Amount), words.Unneeded(lang, u)})
	}
	return out
}

// cents rounds money to two decimals for output.
func cents(v float64) float64 { return math.Round(v*100) / 100 }
