package roadmap

import (
	"fmt"
	"math"
	"sort"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
)

// BudgetYear is one calendar year of the plan.
type BudgetYear struct {
	Year     int
	OneOff   float64 // activity costs spent this year
	Running  float64 // operating what is built, from the month it is finished
	Total    float64
	Funded   float64 // the share of this year's one-off costs that pledges cover
	Unfunded float64 // Total − Funded
}

// Funding is what funders pledged and what it covers.
type Funding struct {
	Pledges    []Pledge
	Gaps       []FundingGap // activities whose cost pledges do not cover
	Duplicates []Duplicate  // items two or more funders pledged to
	Unneeded   []Unneeded   // money pledged to things the plan does not need
	// TimingUnused is pledged money the plan cannot use because the work it would pay for
	// falls outside the pledge's years.
	TimingUnused []TimingUnused
	Pledged      float64 // in the plan currency
	Covered      float64 // pledged money that meets a cost of the plan
	Gap          float64 // one-off cost not covered
}

// Pledge is an investment converted to the plan currency and tied to an activity.
type Pledge struct {
	Index    int // position in the file's investments
	Funder   string
	Target   string // the block or activity as the file names it
	Activity string // the plan activity it funds ("" when the plan does not need it)
	Amount   float64
	Original string // amount and currency as given
	Years    []int
	Used     float64 // what it pays for in the plan
}

// TimingUnused is what a pledge with years cannot use there: the activity it funds spends
// (part of) its cost in other years.
type TimingUnused struct {
	Index       int
	Funder      string
	Activity    string
	Years       []int // the pledge's years
	SpendYears  []int // the years the activity spends in
	Amount      float64
	WouldBeUsed float64 // what the pledge would pay for if it had no years
}

// FundingGap is an activity cost that pledges do not cover.
type FundingGap struct {
	Activity string
	Name     string
	Cost     float64
	Funded   float64
	Gap      float64
}

// Duplicate is an item that several funders pledged to: possibly funded twice.
type Duplicate struct {
	Activity string
	Funders  []string
	Pledged  float64
	Cost     float64
}

// Unneeded is a pledge to something the plan does not need.
type Unneeded struct {
	Index  int
	Funder string
	Target string // the block or activity the pledge names
	Amount float64
	// Block is true when Target is a block the plan neither builds nor upgrades, false when
	// it is an activity the plan does not have.
	Block bool
}

// SharedVsSiloed compares the shared building-block plan with every use case building its own.
// Siloed is an upper bound: a silo would not build every shared layer.
type SharedVsSiloed struct {
	Shared      float64
	Siloed      float64
	Savings     float64
	ReuseFactor *float64
	Blocks      []BlockShare
}

// BlockShare is one block's part of the comparison.
type BlockShare struct {
	Block    string
	Cost     float64 // build or upgrade (0 when reused) plus one integration
	UseCases int     // how many needed use cases use it
}

// budget spreads one-off costs evenly over each activity's months and adds running costs from
// the month an activity ends, per calendar year from the plan's start to its last month.
func budget(p *Plan) []BudgetYear {
	if len(p.Activities) == 0 {
		return nil
	}
	first := p.Start.Year()
	last := p.Month(max(p.Duration-1, 0)).Year()
	years := make([]BudgetYear, last-first+1)
	for i := range years {
		years[i].Year = first + i
	}
	yearOf := func(month int) int { return p.Year(month) - first }
	for _, a := range p.Activities {
		if a.Months == 0 {
			years[yearOf(a.Start)].OneOff += a.Cost
		} else {
			per := a.Cost / float64(a.Months)
			for m := a.Start; m < a.End; m++ {
				years[yearOf(m)].OneOff += per
			}
		}
		if a.RunningCost > 0 {
			for m := a.End; m < p.Duration; m++ {
				years[yearOf(m)].Running += a.RunningCost / 12
			}
		}
	}
	for i := range years {
		years[i].Total = years[i].OneOff + years[i].Running
	}
	return years
}

// funding ties pledges to activities, converts currencies, and finds gaps, duplicates and
// money for things the plan does not need.
func funding(p *Plan, invs []Investment, rates map[string]float64) (Funding, yamlx.Problems) {
	var f Funding
	var ps yamlx.Problems
	byBlock := map[string]string{}
	for _, a := range p.Activities {
		if a.Block != "" && (a.Kind == KindBuild || a.Kind == KindUpgrade) {
			byBlock[a.Block] = a.ID
		}
	}
	perActivity := map[string][]int{}
	for i, inv := range invs {
		cur := inv.Currency
		rate := 1.0
		if cur != "" && cur != p.Currency {
			r, ok := rates[cur]
			if !ok {
				ps.Add([]any{"investments", i, "currency"}, "investment by %s is in %s but exchange_rates has no rate for %s (to %s)", inv.Funder, cur, cur, p.Currency)
				continue
			}
			rate = r
		}
		pl := Pledge{Index: i, Funder: inv.Funder, Amount: inv.Amount * rate, Years: inv.Years,
			Original: fmt.Sprintf("%.0f %s", inv.Amount, firstNonEmpty(cur, p.Currency))}
		switch {
		case inv.Block != "":
			pl.Target = inv.Block
			pl.Activity = byBlock[ident.Norm(inv.Block)]
			if pl.Activity == "" {
				f.Unneeded = append(f.Unneeded, Unneeded{i, inv.Funder, inv.Block, pl.Amount, true})
			}
		default:
			pl.Target = inv.Activity
			if p.Activity(inv.Activity) != nil {
				pl.Activity = ident.Norm(inv.Activity)
			} else {
				f.Unneeded = append(f.Unneeded, Unneeded{i, inv.Funder, inv.Activity, pl.Amount, false})
			}
		}
		f.Pledged += pl.Amount
		if pl.Activity != "" {
			perActivity[pl.Activity] = append(perActivity[pl.Activity], len(f.Pledges))
		}
		f.Pledges = append(f.Pledges, pl)
	}
	if ps.HasErrors() {
		return f, ps
	}
	if f.TimingUnused == nil {
		f.TimingUnused = []TimingUnused{}
	}
	// Each activity's cost spreads evenly over its months; pledges, in file order, pay for the
	// cost in their years (any year without years), earliest first.
	first := p.Start.Year()
	funded := make([]float64, len(p.Budget))
	for _, id := range yamlx.SortedKeys(perActivity) {
		a := p.Activity(id)
		left := map[int]float64{} // cost not yet paid, by calendar year
		for y, c := range spend(p, a) {
			left[y] = c
		}
		funders := map[string]bool{}
		var sum float64
		for _, i := range perActivity[id] {
			pl := &f.Pledges[i]
			sum += pl.Amount
			funders[pl.Funder] = true
			var total float64
			for _, c := range left {
				total += c
			}
			would := math.Min(pl.Amount, total)
			rest := pl.Amount
			for _, y := range sortedYears(left) {
				if rest <= 0 || (len(pl.Years) > 0 && !containsInt(pl.Years, y)) {
					continue
				}
				use := math.Min(rest, left[y])
				left[y] -= use
				rest -= use
				pl.Used += use
				if k := y - first; k >= 0 && k < len(funded) {
					funded[k] += use
				}
			}
			if lost := would - pl.Used; lost > 0.005 {
				f.TimingUnused = append(f.TimingUnused, TimingUnused{Index: pl.Index, Funder: pl.Funder, Activity: id,
					Years: pl.Years, SpendYears: sortedYears(spend(p, a)), Amount: lost, WouldBeUsed: would})
			}
			f.Covered += pl.Used
		}
		if len(funders) > 1 {
			f.Duplicates = append(f.Duplicates, Duplicate{Activity: id, Funders: yamlx.SortedKeys(funders), Pledged: sum, Cost: a.Cost})
		}
	}
	used := map[string]float64{}
	for _, pl := range f.Pledges {
		if pl.Activity != "" {
			used[pl.Activity] += pl.Used
		}
	}
	for _, a := range p.Activities {
		if gap := a.Cost - used[a.ID]; gap > 0.005 {
			f.Gaps = append(f.Gaps, FundingGap{Activity: a.ID, Name: a.Name, Cost: a.Cost, Funded: math.Min(used[a.ID], a.Cost), Gap: gap})
			f.Gap += gap
		}
	}
	sort.SliceStable(f.Gaps, func(i, j int) bool { return f.Gaps[i].Gap > f.Gaps[j].Gap })
	for i := range p.Budget {
		p.Budget[i].Funded = funded[i]
		p.Budget[i].Unfunded = p.Budget[i].Total - funded[i]
	}
	return f, ps
}

// spend returns an activity's one-off cost by calendar year, spread evenly over its months.
func spend(p *Plan, a *Activity) map[int]float64 {
	out := map[int]float64{}
	if a.Cost == 0 {
		return out
	}
	if a.Months == 0 {
		out[p.Year(a.Start)] += a.Cost
		return out
	}
	per := a.Cost / float64(a.Months)
	for m := a.Start; m < a.End; m++ {
		out[p.Year(m)] += per
	}
	return out
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// sharedVsSiloed costs the shared plan (each required block built or upgraded once, plus one
// integration) against siloed builds (the same, once for every use case that needs the block).
func sharedVsSiloed(m *catalog.Match, p *Plan, cs *costs) SharedVsSiloed {
	integ, _ := cs.integration()
	out := SharedVsSiloed{ReuseFactor: m.ReuseFactor}
	for _, b := range m.Blocks {
		cost := 0.0
		if b.Status != catalog.Reuse {
			if a := p.Activity(b.Status + "-" + b.Block.ID); a != nil {
				cost = a.Cost
			} else {
				cost = cs.block(b.Block.ID, b.Status == catalog.Upgrade).cost
			}
		}
		cost += integ
		n := len(b.NeededBy)
		out.Blocks = append(out.Blocks, BlockShare{Block: b.Block.ID, Cost: cost, UseCases: n})
		out.Shared += cost
		out.Siloed += cost * float64(n)
	}
	out.Savings = out.Siloed - out.Shared
	return out
}

func sortedYears(m map[int]float64) []int {
	out := make([]int, 0, len(m))
	for y := range m {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}
