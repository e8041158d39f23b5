package roadmap

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
)

// Activity kinds.
const (
	KindBuild     = "build"
	KindUpgrade   = "upgrade"
	KindReadiness = "readiness"
	KindPilot     = "pilot"
	KindCustom    = "custom" // added by the planner
)

// Activity is one piece of work in the plan.
type Activity struct {
	ID        string
	Kind      string
	Name      string
	Owner     string
	DependsOn []string
	Months    int
	Cost      float64 // one-off
	// RunningCost is the yearly cost of operating what the activity builds, from its end.
	RunningCost float64
	Basis       string // where the duration and cost came from
	Reason      string // why the activity is in the plan

	Block     string // build/upgrade: the block
	Indicator string // readiness: the indicator ("" for a pillar programme)
	Pillar    string // readiness programme for a pillar target
	UseCase   string // pilot: the use case
	FromLevel *float64
	ToLevel   int
	Status    string // as planners report it

	// Pinned activities (in progress) start first, ahead of the id order.
	Pinned bool

	// Set by Schedule.
	Start, End int // months from the plan start; End is exclusive
	Wave       int
	Critical   bool
	FixedBy    string // the activity whose end fixed this start ("" when it starts at 0)
}

// Input is what the planner needs.
type Input struct {
	Framework   *assess.Framework
	Score       *assess.Scorecard
	Match       *catalog.Match
	Targets     assess.Targets
	Costs       *CostModel // the country's overrides (may be nil)
	Edits       PlanEdits
	Investments []Investment
	Rates       map[string]float64
	// AssessedOn is the assessment date; the plan starts the month after unless Start is set.
	AssessedOn time.Time
	// Start overrides the first month (zero: the month after the assessment).
	Start time.Time
	// Workstreams is how many activities may run at once (0: Edits.Workstreams, else 3).
	Workstreams int
	// Lang is the language of activity names and reasons (default English).
	Lang string
}

// DefaultWorkstreams is how many activities run at once unless told otherwise.
const DefaultWorkstreams = 3

// Plan is the roadmap.
type Plan struct {
	Start       time.Time // first day of the first month
	Workstreams int
	Currency    string
	Activities  []Activity // sorted by start, then id
	Duration    int        // months: the largest End
	TotalCost   float64
	Critical    []string // the critical chain, first to last
	KPIs        []KPI
	Budget      []BudgetYear
	Funding     Funding
	Shared      SharedVsSiloed
	Warnings    []string

	byID map[string]int
}

// Activity returns the activity with the id, or nil.
func (p *Plan) Activity(id string) *Activity {
	i, ok := p.byID[ident.Norm(id)]
	if !ok {
		return nil
	}
	return &p.Activities[i]
}

// Month returns the calendar month of a month offset.
func (p *Plan) Month(offset int) time.Time { return p.Start.AddDate(0, offset, 0) }

// Build generates, schedules and costs the plan. Problems (errors and warnings) carry paths
// into the country file.
func Build(in Input) (*Plan, yamlx.Problems) {
	var ps yamlx.Problems
	def, err := DefaultCostModel()
	if err != nil {
		ps.Add(nil, "%v", err)
		return nil, ps
	}
	cs, prob := newCosts(def, in.Costs, in.Rates)
	if prob != nil {
		return nil, append(ps, *prob)
	}
	p := &Plan{Currency: cs.currency, Workstreams: in.Workstreams}
	if p.Workstreams <= 0 {
		p.Workstreams = in.Edits.Workstreams
	}
	if p.Workstreams <= 0 {
		p.Workstreams = DefaultWorkstreams
	}
	p.Start = in.Start
	if p.Start.IsZero() {
		if in.Edits.Start != "" {
			p.Start, _ = time.Parse("2006-01", in.Edits.Start)
		} else if !in.AssessedOn.IsZero() {
			y, m, _ := in.AssessedOn.Date()
			p.Start = time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
		} else {
			y, m, _ := time.Now().Date()
			p.Start = time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	acts := generate(in, cs)
	acts, editProblems := applyEdits(acts, in.Edits, in.Lang)
	ps = append(ps, editProblems...)
	for _, pr := range editProblems {
		if pr.Warning {
			p.Warnings = append(p.Warnings, pr.In(in.Lang))
		}
	}
	if editProblems.HasErrors() {
		return nil, ps
	}
	if err := Schedule(acts, p.Workstreams); err != nil {
		if cyc, ok := strings.CutPrefix(err.Error(), "dependency cycle: "); ok {
			// The one Schedule error a planner's depends_on can cause (applyEdits checks the rest).
			ps.Add([]any{"plan"}, "dependency cycle: %s", cyc)
		} else {
			ps.Add([]any{"plan"}, "%v", err)
		}
		return nil, ps
	}
	p.Activities = acts
	p.index()
	for _, a := range acts {
		p.TotalCost += a.Cost
		p.Duration = max(p.Duration, a.End)
	}
	p.Critical = criticalChain(acts)
	p.KPIs = kpis(in, p)
	p.Budget = budget(p)
	fund, fundProblems := funding(p, in.Investments, in.Rates, in.Lang)
	ps = append(ps, fundProblems...)
	if fundProblems.HasErrors() {
		return nil, ps
	}
	p.Funding = fund
	applyFunding(p)
	p.Shared = sharedVsSiloed(in.Match, p, cs)
	return p, ps
}

func (p *Plan) index() {
	sort.SliceStable(p.Activities, func(i, j int) bool {
		a, b := p.Activities[i], p.Activities[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
	p.byID = map[string]int{}
	for i, a := range p.Activities {
		p.byID[a.ID] = i
	}
}

// generate creates the activities design §5 asks for, named in in.Lang.
func generate(in Input, cs *costs) []Activity {
	lang := in.Lang
	var acts []Activity
	fw, sc := in.Framework, in.Score
	span := float64(fw.Scale.Max - fw.Scale.Min)

	// Readiness work per indicator: the highest level any gate or target asks for.
	type raise struct {
		to      int
		why     []string
		blocks  []string // blocks it gates (they wait for it)
		assess  bool     // unanswered gate: assess first
		current *float64
	}
	raises := map[string]*raise{}
	need := func(ind string) *raise {
		if raises[ind] == nil {
			raises[ind] = &raise{}
		}
		return raises[ind]
	}
	buildOf := map[string]string{} // block → its build/upgrade activity id
	for _, b := range in.Match.Blocks {
		if b.Status == catalog.Reuse {
			continue
		}
		buildOf[b.Block.ID] = b.Status + "-" + b.Block.ID
	}
	for _, b := range in.Match.Blocks {
		if b.Status == catalog.Reuse {
			continue
		}
		for _, g := range b.GatedBy {
			switch g.State {
			case assess.GateUnmet:
				r := need(g.Indicator)
				r.to = max(r.to, g.Min)
				r.current = g.Current
				r.blocks = append(r.blocks, b.Block.ID)
				r.why = append(r.why, i18n.F(lang, "%s needs it at level %d", b.Block.Name.In(lang), g.Min))
			case assess.GateUnknown:
				r := need(g.Indicator)
				r.assess = true
				r.blocks = append(r.blocks, b.Block.ID)
				r.why = append(r.why, i18n.F(lang, "%s needs it at level %d", b.Block.Name.In(lang), g.Min))
			}
		}
	}
	for _, id := range yamlx.SortedKeys(in.Targets.Indicators) {
		is := sc.Indicator(id)
		tg := in.Targets.Indicators[id]
		if is == nil || is.TargetScore == nil {
			continue
		}
		toLevel := int(math.Ceil(float64(fw.Scale.Min) + *is.TargetScore*span - 1e-9))
		if is.Level != nil && *is.Level >= float64(toLevel)-1e-9 {
			continue // target met
		}
		r := need(id)
		r.to = max(r.to, toLevel)
		r.current = is.Level
		if is.Status != assess.StatusAnswered {
			r.assess = true
		}
		r.why = append(r.why, i18n.F(lang, "target level %d by %d", toLevel, tg.Year))
	}
	for _, id := range yamlx.SortedKeys(raises) {
		r := raises[id]
		ind := fw.Indicator(id)
		owner := ""
		if len(ind.Owners) > 0 {
			owner = ind.Owners[0]
		}
		var deps []string
		if r.assess {
			f := cs.step(func(m *CostModel) StepCost { return m.Assess })
			acts = append(acts, Activity{
				ID: "assess-" + id, Kind: KindReadiness, Name: i18n.F(lang, "Assess: %s", ind.Label(lang)), Owner: firstNonEmpty(owner, f.owner),
				Months: f.months, Cost: f.cost, Basis: f.basis, Indicator: id,
				Reason: i18n.F(lang, "not answered yet, and %s", strings.Join(r.why, "; ")),
			})
			deps = append(deps, "assess-"+id)
		}
		if r.to == 0 || (r.current != nil && *r.current >= float64(r.to)-1e-9) {
			continue
		}
		from := float64(fw.Scale.Min)
		if r.current != nil {
			from = *r.current
		}
		levels := int(math.Ceil(float64(r.to) - from - 1e-9))
		if r.current == nil {
			levels = r.to - fw.Scale.Min
		}
		levels = max(levels, 1)
		f := cs.step(func(m *CostModel) StepCost { return m.ReadinessLevel })
		name := i18n.F(lang, "%s: reach level %d", ind.Label(lang), r.to)
		if r.current != nil {
			name = i18n.F(lang, "%s: from level %s to %d", ind.Label(lang), trimLevel(*r.current), r.to)
		}
		acts = append(acts, Activity{
			ID: "raise-" + id, Kind: KindReadiness, Name: name, Owner: firstNonEmpty(owner, f.owner),
			DependsOn: deps, Months: f.months * levels, Cost: f.cost * float64(levels), Basis: f.basis,
			Indicator: id, FromLevel: r.current, ToLevel: r.to,
			Reason: strings.Join(r.why, "; "),
		})
	}
	// Pillar targets not met: a programme for what the indicator raises above leave open.
	for _, pid := range yamlx.SortedKeys(in.Targets.Pillars) {
		ps := sc.Pillar(pid)
		if ps == nil || ps.Target == nil || ps.Target.Score == nil {
			continue
		}
		raised := map[string]int{}
		for id, r := range raises {
			raised[id] = r.to
		}
		after := pillarAfter(fw, sc, ps.Pillar, raised)
		if after == nil || *after >= *ps.Target.Score-1e-9 {
			continue
		}
		perIndicator := (*ps.Target.Score - *after) * span // levels each indicator must gain, on average
		n := 0
		for _, ind := range ps.Pillar.Indicators {
			if is := sc.Indicator(ind.ID); is.Status != assess.StatusNA {
				n++
			}
		}
		steps := int(math.Ceil(perIndicator*float64(n) - 1e-9))
		f := cs.step(func(m *CostModel) StepCost { return m.ReadinessLevel })
		from := i18n.T(lang, "no score")
		if ps.Score != nil {
			from = fmt.Sprintf("%.0f", *ps.Score*100)
		}
		acts = append(acts, Activity{
			ID: "raise-pillar-" + pid, Kind: KindReadiness,
			Name:   i18n.F(lang, "%s: raise the score from %s to %.0f", ps.Pillar.Name.In(lang), from, *ps.Target.Score*100),
			Owner:  firstNonEmpty(pillarOwner(ps.Pillar), f.owner),
			Months: f.months * int(math.Ceil(perIndicator-1e-9)), Cost: f.cost * float64(steps), Basis: f.basis, Pillar: pid,
			Reason: i18n.N(lang, "pillar target %.0f by %d; the indicator raises in the plan bring it to %.0f, the rest is about %d level steps across %d indicators",
				*ps.Target.Score*100, ps.Target.Year, *after*100, steps, n),
		})
	}
	// Build or upgrade every required block that is not reused.
	for _, b := range in.Match.Blocks {
		if b.Status == catalog.Reuse {
			continue
		}
		f := cs.block(b.Block.ID, b.Status == catalog.Upgrade)
		a := Activity{
			ID: buildOf[b.Block.ID], Kind: b.Status, Block: b.Block.ID, Months: f.months, Cost: f.cost,
			RunningCost: f.running, Basis: f.basis, Owner: f.owner,
			Reason: i18n.F(lang, "needed by %s", strings.Join(b.NeededBy, ", ")),
		}
		if b.Status == catalog.Upgrade {
			a.Name = i18n.F(lang, "Upgrade %s", b.Block.Name.In(lang))
		} else {
			a.Name = i18n.F(lang, "Build %s", b.Block.Name.In(lang))
		}
		if b.Inventory != nil {
			if b.Inventory.System != "" {
				a.Name += " (" + b.Inventory.System + ")"
			}
			if b.Inventory.Owner != "" {
				a.Owner = b.Inventory.Owner
			}
		}
		a.Owner = firstNonEmpty(a.Owner, "ict")
		for _, d := range b.Block.DependsOn {
			if id := buildOf[d.Block]; id != "" {
				a.DependsOn = append(a.DependsOn, id)
			}
		}
		for _, g := range b.GatedBy {
			if g.State == assess.GateUnmet {
				if r := raises[g.Indicator]; r != nil && r.to > 0 {
					a.DependsOn = append(a.DependsOn, "raise-"+g.Indicator)
				}
			}
		}
		acts = append(acts, a)
	}
	// Gated blocks wait for the assessment of their unanswered gates.
	for id, r := range raises {
		if !r.assess {
			continue
		}
		for _, b := range r.blocks {
			if bid := buildOf[b]; bid != "" {
				addDep(&acts, bid, "assess-"+id)
			}
		}
	}
	// A pilot per needed use case, after all its blocks.
	integ, integBasis := cs.integration()
	owners := map[string]string{}
	for _, s := range in.Match.Services {
		if s.Service.Owner != "" && owners[s.Service.UseCase] == "" {
			owners[s.Service.UseCase] = s.Service.Owner
		}
	}
	for _, u := range in.Match.UseCases {
		f := cs.step(func(m *CostModel) StepCost { return m.Pilot })
		a := Activity{
			ID: "pilot-" + u.UseCase.ID, Kind: KindPilot, UseCase: u.UseCase.ID,
			Name:   i18n.F(lang, "Pilot %s", u.UseCase.Name.In(lang)),
			Owner:  firstNonEmpty(owners[u.UseCase.ID], f.owner, "ict"),
			Months: f.months, Cost: f.cost + integ*float64(len(u.Blocks)), Basis: f.basis,
			Reason: i18n.F(lang, "integrates %d blocks (%s each, %s)", len(u.Blocks), moneyText(integ), BasisText(lang, integBasis)),
		}
		for _, b := range u.Blocks {
			if id := buildOf[b]; id != "" {
				a.DependsOn = append(a.DependsOn, id)
			}
		}
		acts = append(acts, a)
	}
	for i := range acts {
		acts[i].DependsOn = uniqueSortedIDs(acts[i].DependsOn)
	}
	return acts
}

func addDep(acts *[]Activity, id, dep string) {
	for i := range *acts {
		if (*acts)[i].ID == id {
			(*acts)[i].DependsOn = append((*acts)[i].DependsOn, dep)
		}
	}
}

func pillarOwner(p *assess.Pillar) string {
	count := map[string]int{}
	best := ""
	for _, ind := range p.Indicators {
		if len(ind.Owners) > 0 {
			o := ind.Owners[0]
			count[o]++
			if count[o] > count[best] || (count[o] == count[best] && o < best) {
				best = o
			}
		}
	}
	return best
}

func trimLevel(l float64) string {
	if l == math.Trunc(l) {
		return fmt.Sprintf("%.0f", l)
	}
	return fmt.Sprintf("%.1f", l)
}

func moneyText(v float64) string { return fmt.Sprintf("%.0f", v) }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func uniqueSortedIDs(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	return yamlx.SortedKeys(set)
}

// applyEdits applies the planner's drops, changes and additions (design §4.2 plan:).
func applyEdits(acts []Activity, e PlanEdits, lang string) ([]Activity, yamlx.Problems) {
	var ps yamlx.Problems
	index := func() map[string]int {
		m := map[string]int{}
		for i, a := range acts {
			m[a.ID] = i
		}
		return m
	}
	for i, spec := range e.Add {
		id := ident.Norm(spec.ID)
		if _, dup := index()[id]; dup {
			ps.Add([]any{"plan", "add", i, "id"}, "added activity %q has the id of a generated activity; choose another id (or use change:)", spec.ID)
			continue
		}
		acts = append(acts, Activity{
			ID: id, Kind: KindCustom, Name: spec.Name, Owner: ident.Norm(spec.Owner), Months: spec.Months, Cost: spec.Cost,
			DependsOn: normIDs(spec.DependsOn), Basis: BasisAdded, Reason: BasisText(lang, BasisAdded),
		})
	}
	for _, id := range yamlx.SortedKeys(e.Change) {
		ch := e.Change[id]
		i, ok := index()[ident.Norm(id)]
		if !ok {
			ps.WarnKey([]any{"plan", "change", id}, "plan change for %q: the plan has no such activity (it may no longer be needed); ignored", id)
			continue
		}
		a := &acts[i]
		if ch.Name != "" {
			a.Name = ch.Name
		}
		if ch.Owner != "" {
			a.Owner = ident.Norm(ch.Owner)
		}
		if ch.Months != nil {
			if *ch.Months < 0 {
				ps.Add([]any{"plan", "change", id, "months"}, "months may not be negative")
			}
			a.Months, a.Basis = *ch.Months, BasisPlan
		}
		if ch.Cost != nil {
			if *ch.Cost < 0 {
				ps.Add([]any{"plan", "change", id, "cost"}, "cost may not be negative")
			}
			a.Cost, a.Basis = *ch.Cost, BasisPlan
		}
		if ch.DependsOn != nil {
			a.DependsOn = normIDs(ch.DependsOn)
		}
	}
	dropped := map[string]bool{}
	for i, id := range e.Drop {
		id = ident.Norm(id)
		if _, ok := index()[id]; !ok {
			ps.Warn([]any{"plan", "drop", i}, "plan drops %q, which the plan does not have; ignored", id)
			continue
		}
		dropped[id] = true
	}
	if len(dropped) > 0 {
		kept := acts[:0]
		for _, a := range acts {
			if !dropped[a.ID] {
				kept = append(kept, a)
			}
		}
		acts = kept
		for i := range acts {
			var deps []string
			for _, d := range acts[i].DependsOn {
				if dropped[d] {
					ps.Warn([]any{"plan", "drop"}, "%s depended on %s, which is dropped; it goes on without it", acts[i].ID, d)
					continue
				}
				deps = append(deps, d)
			}
			acts[i].DependsOn = deps
		}
	}
	// Every dependency must name an activity of the plan.
	idx := index()
	for i := range acts {
		for _, d := range acts[i].DependsOn {
			if _, ok := idx[d]; !ok {
				path := []any{"plan"}
				if acts[i].Kind == KindCustom {
					path = []any{"plan", "add"}
				} else if _, ok := e.Change[acts[i].ID]; ok {
					path = []any{"plan", "change", acts[i].ID, "depends_on"}
				}
				ps.Add(path, "activity %s depends on %q, which is not an activity of the plan", acts[i].ID, d)
			}
		}
	}
	for _, id := range yamlx.SortedKeys(e.Status) {
		if i, ok := idx[ident.Norm(id)]; ok {
			a := &acts[i]
			a.Status = e.Status[id]
			switch a.Status {
			case "done":
				// Finished before the plan starts: it holds no workstream and costs nothing more.
				a.Months, a.Cost, a.Basis = 0, 0, BasisDone
				a.DependsOn = nil
			case "in-progress":
				// Already under way: it keeps its workstream from the first month.
				a.Pinned = true
				a.DependsOn = nil
			}
		} else {
			ps.WarnKey([]any{"plan", "status", id}, "status for %q: the plan has no such activity; ignored", id)
		}
	}
	return acts, ps
}

func normIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, ident.Norm(id))
	}
	return uniqueSortedIDs(out)
}

// pillarAfter is the pillar's score once the planned raises reach their levels (indicators
// raised but not yet answered count at their target level).
func pillarAfter(fw *assess.Framework, sc *assess.Scorecard, p *assess.Pillar, raised map[string]int) *float64 {
	span := float64(fw.Scale.Max - fw.Scale.Min)
	var w, ws float64
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		is := sc.Indicator(ind.ID)
		var s *float64
		if is.Status == assess.StatusAnswered {
			s = is.Score
		}
		if to, ok := raised[ind.ID]; ok {
			t := float64(to-fw.Scale.Min) / span
			if s == nil || *s < t {
				s = &t
			}
		}
		if s != nil {
			w += ind.Weight
			ws += ind.Weight * *s
		}
	}
	if w == 0 {
		return nil
	}
	return ptr(ws / w)
}
