package countries

import (
	"sort"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
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
	// BlockNames are the catalog's names of Blocks (BlockName reads them).
	BlockNames map[string]i18n.Text
}

// PortfolioCountry is one country's line in a portfolio.
type PortfolioCountry struct {
	Name     string // the country's name as its file gives it
	ISO3     string
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
// blocks only). A PortfolioBuilder does the same one model at a time, holding none of them.
func NewPortfolio(models []*Model) *Portfolio {
	b := NewPortfolioBuilder()
	for _, m := range models {
		b.Add(m)
	}
	return b.Portfolio()
}

// PortfolioBuilder builds a portfolio one planned model at a time: Add keeps the country's
// line, pledges and block statuses, not the model, so a caller planning thousands of
// countries can drop each model once it is added. Portfolio ends it.
type PortfolioBuilder struct {
	p         Portfolio
	need      map[string]*CommonGap
	required  map[string]bool
	funders   map[string]*FunderSummary
	countries map[string]map[string]bool // funder → the ISO codes of its countries
	blocks    map[string]map[string]bool // funder → the blocks it funds
	// cat is the first model's catalog, which names the blocks; kept until Portfolio, the
	// catalog is the one every model of a comparison shares.
	cat *catalog.Catalog
}

// NewPortfolioBuilder starts an empty portfolio.
func NewPortfolioBuilder() *PortfolioBuilder {
	return &PortfolioBuilder{
		need: map[string]*CommonGap{}, required: map[string]bool{}, funders: map[string]*FunderSummary{},
		countries: map[string]map[string]bool{}, blocks: map[string]map[string]bool{},
	}
}

// Len is the number of countries added.
func (b *PortfolioBuilder) Len() int { return len(b.p.Countries) }

// Add adds a planned model's country (a model without a plan counts for its blocks only).
// Nothing of m is kept but its country's name and code, block statuses and funding figures.
func (b *PortfolioBuilder) Add(m *Model) {
	if b.cat == nil {
		b.cat = m.Catalog
	}
	iso := m.Doc.File.Country.ISO3
	pc := PortfolioCountry{Name: m.Doc.File.Country.Name, ISO3: iso, Statuses: make(map[string]string, len(m.Match.Blocks))}
	for _, blk := range m.Match.Blocks {
		pc.Statuses[blk.Block.ID] = blk.Status
		b.required[blk.Block.ID] = true
		if blk.Status == catalog.Reuse {
			continue
		}
		g := b.need[blk.Block.ID]
		if g == nil {
			g = &CommonGap{Block: blk.Block.ID}
			b.need[blk.Block.ID] = g
		}
		if blk.Status == catalog.Build {
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
			b.p.Pledges = append(b.p.Pledges, PortfolioPledge{Country: iso, Funder: pg.Funder, Target: pg.Target, Activity: pg.Activity, Amount: pg.Amount, Currency: pl.Currency})
			fs := b.funders[pg.Funder]
			if fs == nil {
				fs = &FunderSummary{Funder: pg.Funder, Amounts: map[string]float64{}}
				b.funders[pg.Funder] = fs
				b.countries[pg.Funder], b.blocks[pg.Funder] = map[string]bool{}, map[string]bool{}
			}
			b.countries[pg.Funder][iso] = true
			if a := pl.Activity(pg.Activity); a != nil && a.Block != "" {
				b.blocks[pg.Funder][a.Block] = true
			}
			fs.Amounts[pl.Currency] += pg.Amount
		}
	}
	b.p.Countries = append(b.p.Countries, pc)
}

// Portfolio ends the build: common gaps, blocks and funders in their order, and the
// catalog's names of the blocks. The builder is not to be used after.
func (b *PortfolioBuilder) Portfolio() *Portfolio {
	p := &b.p
	for _, g := range b.need {
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
	p.Blocks = yamlx.SortedKeys(b.required)
	sort.SliceStable(p.Blocks, func(i, j int) bool {
		ni, nj := 0, 0
		if g := b.need[p.Blocks[i]]; g != nil {
			ni = g.Countries
		}
		if g := b.need[p.Blocks[j]]; g != nil {
			nj = g.Countries
		}
		return ni > nj
	})
	for _, f := range yamlx.SortedKeys(b.funders) {
		fs := b.funders[f]
		fs.Countries = yamlx.SortedKeys(b.countries[f])
		if len(b.blocks[f]) > 0 {
			fs.Blocks = yamlx.SortedKeys(b.blocks[f])
		}
		p.Funders = append(p.Funders, *fs)
	}
	if b.cat != nil {
		p.BlockNames = map[string]i18n.Text{}
		for _, id := range p.Blocks {
			if blk := b.cat.Block(id); blk != nil {
				p.BlockNames[id] = blk.Name
			}
		}
	}
	out := *p
	*b = PortfolioBuilder{}
	return &out
}

// BlockName is the catalog's name of a block in lang, or its id when the catalog has none.
func (p *Portfolio) BlockName(id, lang string) string {
	if n, ok := p.BlockNames[id]; ok {
		return n.In(lang)
	}
	return id
}
