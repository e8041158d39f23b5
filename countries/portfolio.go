package countries

import (
	"sort"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/yamlx"
)

// Portfolio looks across many countries' models at once: which blocks each country must
// reuse, upgrade or build, the blocks missing in many countries (candidates for a shared
// regional investment), and who funds what, with duplicates and gaps.
type Portfolio struct {
	Countries []PortfolioCountry
	// Blocks are the blocks required in at least one country, most widely missing first.
	Blocks []string
	// CommonGaps are the blocks that two or more countries must build or upgrade.
	CommonGaps []CommonGap
	// Pledges are every investment of every country, in its plan's currency.
	Pledges []PortfolioPledge
	// Funders lists each funder with the countries and blocks it funds.
	Funders []FunderSummary
}

// PortfolioCountry is one country's line in a portfolio.
type PortfolioCountry struct {
	Model    *Model
	Statuses map[string]string // block → reuse | upgrade | build
	Currency string
	Cost     float64 // one-off cost of the plan
	Funded   float64 // pledged money that meets a cost of the plan
	Gap      float64 // one-off cost not funded
	// Duplicates are the items of this country two or more funders pledged to.
	Duplicates []string
	// Unneeded counts pledges to things the plan does not need.
	Unneeded int
}

// CommonGap is a block several countries still have to build or upgrade.
type CommonGap struct {
	Block     string
	Build     []string // ISO codes
	Upgrade   []string
	Countries int
}

// PortfolioPledge is one investment in one country.
type PortfolioPledge struct {
	Country  string // ISO code
	Funder   string
	Target   string // block or activity as the file names it
	Activity string // "" when the plan does not need it
	Amount   float64
	Currency string // the country plan's currency
}

// FunderSummary is what one funder pledged across the set.
type FunderSummary struct {
	Funder    string
	Countries []string
	Blocks    []string
	// Amounts per currency (countries may plan in different currencies).
	Amounts map[string]float64
}

// NewPortfolio builds the portfolio of planned models (models without a plan count for their
// blocks only).
func NewPortfolio(models []*Model) *Portfolio {
	p := &Portfolio{}
	need := map[string]*CommonGap{}
	required := map[string]bool{}
	funders := map[string]*FunderSummary{}
	for _, m := range models {
		iso := m.Doc.File.Country.ISO3
		pc := PortfolioCountry{Model: m, Statuses: map[string]string{}}
		for _, b := range m.Match.Blocks {
			pc.Statuses[b.Block.ID] = b.Status
			required[b.Block.ID] = true
			if b.Status == catalog.Reuse {
				continue
			}
			g := need[b.Block.ID]
			if g == nil {
				g = &CommonGap{Block: b.Block.ID}
				need[b.Block.ID] = g
			}
			if b.Status == catalog.Build {
				g.Build = append(g.Build, iso)
			} else {
				g.Upgrade = append(g.Upgrade, iso)
			}
			g.Countries++
		}
		if pl := m.Plan; pl != nil {
			pc.Currency, pc.Cost, pc.Funded, pc.Gap = pl.Currency, pl.TotalCost, pl.Funding.Covered, pl.Funding.Gap
			for _, d := range pl.Funding.Duplicates {
				pc.Duplicates = append(pc.Duplicates, d.Activity)
			}
			pc.Unneeded = len(pl.Funding.Unneeded)
			for _, pg := range pl.Funding.Pledges {
				p.Pledges = append(p.Pledges, PortfolioPledge{Country: iso, Funder: pg.Funder, Target: pg.Target, Activity: pg.Activity, Amount: pg.Amount, Currency: pl.Currency})
				fs := funders[pg.Funder]
				if fs == nil {
					fs = &FunderSummary{Funder: pg.Funder, Amounts: map[string]float64{}}
					funders[pg.Funder] = fs
				}
				fs.Countries = appendNew(fs.Countries, iso)
				if a := pl.Activity(pg.Activity); a != nil && a.Block != "" {
					fs.Blocks = appendNew(fs.Blocks, a.Block)
				}
				fs.Amounts[pl.Currency] += pg.Amount
			}
		}
		p.Countries = append(p.Countries, pc)
	}
	for _, g := range need {
		if g.Countries >= 2 {
			p.CommonGaps = append(p.CommonGaps, *g)
		}
	}
	sort.Slice(p.CommonGaps, func(i, j int) bool {
		a, b := p.CommonGaps[i], p.CommonGaps[j]
		if a.Countries != b.Countries {
			return a.Countries > b.Countries
		}
		return a.Block < b.Block
	})
	p.Blocks = yamlx.SortedKeys(required)
	sort.SliceStable(p.Blocks, func(i, j int) bool {
		ni, nj := 0, 0
		if g := need[p.Blocks[i]]; g != nil {
			ni = g.Countries
		}
		if g := need[p.Blocks[j]]; g != nil {
			nj = g.Countries
		}
		return ni > nj
	})
	for _, f := range yamlx.SortedKeys(funders) {
		fs := funders[f]
		sort.Strings(fs.Countries)
		sort.Strings(fs.Blocks)
		p.Funders = append(p.Funders, *fs)
	}
	return p
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
