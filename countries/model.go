package countries

import (
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/roadmap"
)

// Model is everything govplan derives from one country file: the scorecard, the match and
// the roadmap.
type Model struct {
	// Lang is the language the match and the plan are written in.
	Lang      string
	Doc       *Doc
	Framework *assess.Framework
	Catalog   *catalog.Catalog
	Score     *assess.Scorecard
	Match     *catalog.Match
	Plan      *roadmap.Plan
}

// PlanOptions adjust the roadmap without changing the file.
type PlanOptions struct {
	Start       time.Time // zero: plan.start of the file, else the month after the assessment
	Workstreams int       // 0: plan.workstreams of the file, else 3
	// Capacity overrides owners' capacity (what-if); others keep plan.capacity, else 2.
	Capacity map[string]int
}

// Build scores the file and matches its needs, writing reasons in lang; Replan adds the
// roadmap. The file must have
// passed Check and CheckCatalog.
func Build(d *Doc, fw *assess.Framework, cat *catalog.Catalog, lang string) *Model {
	sc := d.Score(fw)
	needs := d.File.Needs()
	return &Model{Lang: lang, Doc: d, Framework: fw, Catalog: cat, Score: sc, Match: cat.Match(needs, sc.Gates())}
}

// Replan (re)builds the roadmap, for instance with other options (the TUI's "what if we had
// five teams?"). Problems in the plan (an exchange rate missing, a dependency cycle in the
// planner's changes) are returned positioned in the file; warnings go to the doc's Warnings.
func (m *Model) Replan(opts PlanOptions) error {
	f := m.Doc.File
	costs := f.Costs
	plan, ps := roadmap.Build(roadmap.Input{
		Framework: m.Framework, Score: m.Score, Match: m.Match, Targets: f.Targets,
		Costs: &costs, Edits: f.Plan, Investments: f.Investments, Rates: f.ExchangeRates,
		AssessedOn: f.Assessment.Time(), Start: opts.Start, Workstreams: opts.Workstreams, Capacity: opts.Capacity, Lang: m.Lang,
	})
	errs := m.Doc.Locate(ps)
	m.Doc.Warnings = appendUniqueErrs(m.Doc.Warnings, errs.Only(true))
	if err := errs.Err(); err != nil {
		return err
	}
	if plan != nil && plan.Duration > MaxPlanMonths {
		// No output can show it (a workbook grid of thousands of months) and no one would
		// sign it; refused before any output is attempted.
		var ps yamlx.Problems
		ps.Add(nil, "the plan would run %d months, more than %d years; plan fewer use cases at once, or give more workstreams or capacity", plan.Duration, MaxPlanMonths/12)
		return m.Doc.Locate(ps).Err()
	}
	m.Plan = plan
	return nil
}

// MaxPlanMonths is the longest plan govplan draws (100 years).
const MaxPlanMonths = roadmap.MaxPlanMonths

// Analyse runs the whole pipeline on a loaded file with the framework it names: checks it
// against the framework and cat, scores, matches and plans, writing texts in lang.
func Analyse(d *Doc, cat *catalog.Catalog, lang string) (*Model, error) {
	fw, err := d.Framework("")
	if err != nil {
		return nil, err
	}
	if err := d.Check(fw); err != nil {
		return nil, err
	}
	if err := CheckGates(fw, cat); err != nil {
		return nil, err
	}
	if err := d.CheckCatalog(cat); err != nil {
		return nil, err
	}
	m := Build(d, fw, cat, lang)
	if err := m.Replan(PlanOptions{}); err != nil {
		return nil, err
	}
	return m, nil
}
