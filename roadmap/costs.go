package roadmap

import (
	"fmt"
	"sync"

	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/templates"
)

// Basis says where a duration or cost came from.
const (
	BasisDefault = "illustrative default"
	BasisCountry = "country file costs"
	BasisPlan    = "planner's change"
	BasisAdded   = "added by the planner"
	BasisDone    = "done before the plan"
)

var defaultModel struct {
	once sync.Once
	m    *CostModel
	err  error
}

// DefaultCostModel returns the embedded, illustrative cost model.
func DefaultCostModel() (*CostModel, error) {
	defaultModel.once.Do(func() {
		files := templates.CostModels()
		if len(files) == 0 {
			defaultModel.err = fmt.Errorf("no built-in cost model")
			return
		}
		f := files[0]
		doc, err := yamlx.Parse(f.Path, f.Data, "a cost model")
		if err == nil {
			m := &CostModel{}
			if err = doc.Decode(m); err == nil {
				defaultModel.m = m
			}
		}
		if err != nil {
			defaultModel.err = fmt.Errorf("the built-in cost model is broken: %w", err)
		}
	})
	return defaultModel.m, defaultModel.err
}

// costs resolves durations and costs: the country's overrides first, then the default model
// (converted to the plan currency), then the default block entry.
type costs struct {
	def, over *CostModel
	currency  string
	rate      float64 // plan currency per unit of the default model's currency
}

func newCosts(def, over *CostModel, rates map[string]float64) (*costs, *yamlx.Problem) {
	c := &costs{def: def, over: over, currency: def.Currency, rate: 1}
	if over != nil && over.Currency != "" && over.Currency != def.Currency {
		c.currency = over.Currency
		r, ok := rates[def.Currency]
		if !ok {
			return nil, &yamlx.Problem{Path: []any{"costs", "currency"}, Msg: fmt.Sprintf(
				"the plan is in %s but the default cost model is in %s; add exchange_rates: {%s: <%s per %s>} or give every figure in costs:",
				c.currency, def.Currency, def.Currency, c.currency, def.Currency)}
		}
		c.rate = r
	}
	return c, nil
}

type figure struct {
	months  int
	cost    float64
	running float64
	owner   string
	basis   string
}

// layer is one source of block figures, most specific first.
type layer struct {
	bc      BlockCost
	rate    float64
	country bool
}

// block returns the build (upgrade=false) or upgrade figures of a block: each field from the
// first layer that sets it (country override, default for the block, default for any block).
func (c *costs) block(id string, upgrade bool) figure {
	var layers []layer
	if c.over != nil {
		if bc, ok := c.over.Blocks[id]; ok {
			layers = append(layers, layer{bc, 1, true})
		}
	}
	if bc, ok := c.def.Blocks[id]; ok {
		layers = append(layers, layer{bc, c.rate, false})
	}
	layers = append(layers, layer{c.def.DefaultBlock, c.rate, false})
	f := figure{basis: BasisDefault}
	var gotM, gotC, gotR bool
	for _, l := range layers {
		m, cost := l.bc.BuildMonths, l.bc.BuildCost
		if upgrade {
			m, cost = l.bc.UpgradeMonths, l.bc.UpgradeCost
		}
		if !gotM && m != nil {
			f.months, gotM = *m, true
			if l.country {
				f.basis = BasisCountry
			}
		}
		if !gotC && cost != nil {
			f.cost, gotC = *cost*l.rate, true
			if l.country {
				f.basis = BasisCountry
			}
		}
		if !gotR && l.bc.RunningCost != nil {
			f.running, gotR = *l.bc.RunningCost*l.rate, true
		}
		if f.owner == "" {
			f.owner = l.bc.Owner
		}
	}
	return f
}

// step returns the figures of a readiness level, an assessment or a pilot.
func (c *costs) step(get func(*CostModel) StepCost) figure {
	f := figure{basis: BasisDefault}
	d := get(c.def)
	if d.Months != nil {
		f.months = *d.Months
	}
	if d.Cost != nil {
		f.cost = *d.Cost * c.rate
	}
	f.owner = d.Owner
	if c.over != nil {
		o := get(c.over)
		if o.Months != nil {
			f.months, f.basis = *o.Months, BasisCountry
		}
		if o.Cost != nil {
			f.cost, f.basis = *o.Cost, BasisCountry
		}
		if o.Owner != "" {
			f.owner = o.Owner
		}
	}
	return f
}

// integration returns the one-off cost of integrating one block into one use case.
func (c *costs) integration() (float64, string) {
	if c.over != nil && c.over.Integration != nil {
		return *c.over.Integration, BasisCountry
	}
	if c.def.Integration != nil {
		return *c.def.Integration * c.rate, BasisDefault
	}
	return 0, BasisDefault
}

// action returns the figures of raising an indicator by levels with action: months and cost
// from the country's costs, then the default model; a per-level action multiplies both.
func (c *costs) action(action string, levels int) figure {
	levels = max(levels, 1)
	if c.over != nil && (c.over.ReadinessLevel.Months != nil || c.over.ReadinessLevel.Cost != nil) {
		// A country that priced readiness per level (v1) keeps its figures for every action.
		f := c.step(func(m *CostModel) StepCost { return m.ReadinessLevel })
		f.months *= levels
		f.cost *= float64(levels)
		return f
	}
	f := figure{basis: BasisDefault}
	d := c.def.Actions[action]
	var o ActionCost
	if c.over != nil {
		o = c.over.Actions[action]
	}
	perLevel := false
	if d.PerLevel != nil {
		perLevel = *d.PerLevel
	}
	if o.PerLevel != nil {
		perLevel = *o.PerLevel
	}
	if d.Months != nil {
		f.months = *d.Months
	}
	if d.Cost != nil {
		f.cost = *d.Cost * c.rate
	}
	if o.Months != nil {
		f.months, f.basis = *o.Months, BasisCountry
	}
	if o.Cost != nil {
		f.cost, f.basis = *o.Cost, BasisCountry
	}
	if pop := c.population(); pop > 0 {
		switch {
		case o.CostPerPerson != nil:
			f.cost, f.basis = *o.CostPerPerson*pop, BasisCountry
		case o.Cost == nil && d.CostPerPerson != nil:
			f.cost = *d.CostPerPerson * c.rate * pop
		}
	}
	if perLevel {
		f.months *= levels
		f.cost *= float64(levels)
	}
	return f
}

// population is the number of people per-person costs cover (0: not given).
func (c *costs) population() float64 {
	if c.over != nil && c.over.Population != nil {
		return *c.over.Population
	}
	return 0
}
