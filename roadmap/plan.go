package roadmap

import (
	"fmt"
	"math"
	"slices"
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
	KindProcure   = "procure"   // buying a block before its build or upgrade
	KindBuild     = "build"     // delivery: holds a team
	KindUpgrade   = "upgrade"   // delivery: holds a team
	KindReadiness = "readiness" // a raise of an indicator: holds its owner's capacity
	KindAssess    = "assess"    // assessing an unanswered gate: holds nothing
	KindPilot     = "pilot"     // a use case's go-live with real users: holds the service owner's capacity
	KindScale     = "scale"     // national roll-out after the pilot: holds the service owner's capacity
	KindCustom    = "custom"    // added by the planner
)

// Activity is one piece of work in the plan.
type Activity struct {
	ID        string
	Kind      string
	Name      string
	Owner     string
	DependsOn []string
	// Gates are the ids among DependsOn that are readiness gates (raises or assessments a
	// pilot's go-live waits for).
	Gates  []string
	Months int
	Cost   float64 // one-off
	// RunningCost is the yearly cost of operating what the activity builds, from its end.
	RunningCost float64
	Basis       string // where the duration and cost came from
	Why         []Why  // why the activity is in the plan

	Block     string // procure/build/upgrade: the block
	Indicator string // readiness/assess: the indicator
	Action    string // readiness: the indicator's action (law, institution, ...)
	Pillar    string // readiness chosen for a pillar target: the pillar
	UseCase   string // pilot/scale: the use case
	FromLevel *float64
	ToLevel   int
	// Raises lists the indicators the activity raises when it ends (a raise its indicator, a
	// build the indicators raised_by its block).
	Raises []string
	Status string // as planners report it
	// Holds is what the activity holds while it runs: team, owner or nothing ("").
	Holds string
	// Rank is the best rank of the prioritised services that need the activity (0: none).
	Rank int
	// DueYear is the year a target needs the activity done by (0: none).
	DueYear int

	// Pinned activities (in progress) start first, ahead of the priority order.
	Pinned bool

	// Set by Build and Schedule.
	LatestStart int // from the backward pass without resources
	Start, End  int // months from the plan start; End is exclusive
	Phase       int // the plan year the activity starts in, 1-based
	Critical    bool
	FixedBy     string // what fixed this start ("" when it starts at 0)
	FixedHow    string // dependency | gate | resource

	due    int // month offset the activity must end by (with hasDue)
	hasDue bool
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
	// Workstreams is how many delivery teams there are (0: Edits.Workstreams, else 3).
	Workstreams int
	// Capacity overrides owners' capacity (on top of Edits.Capacity).
	Capacity map[string]int
	// Lang is the language of activity names and reasons (default English).
	Lang string
	// NoFixes skips the what-if runs that say what would meet late targets.
	NoFixes bool
}

// DefaultWorkstreams is how many delivery teams there are unless told otherwise.
const DefaultWorkstreams = 3

// DefaultCapacity is how many raises, pilots and scale-ups an owner runs at once unless told
// otherwise.
const DefaultCapacity = 2

// Plan is the roadmap.
type Plan struct {
	Start       time.Time // first day of the first month
	Workstreams int
	// Capacity is each owner's capacity that the plan used (owners holding nothing are left out).
	Capacity   map[string]int
	Currency   string
	Activities []Activity // sorted by start, then id
	Duration   int        // months: the largest End
	TotalCost  float64
	Critical   []string // the critical path, first to last
	KPIs       []KPI
	Budget     []BudgetYear
	Funding    Funding
	Shared     SharedVsSiloed
	Warnings   []string

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

// Year returns the calendar year of a month offset (without building a date).
func (p *Plan) Year(offset int) int {
	m := int(p.Start.Month()) - 1 + offset
	if m < 0 {
		return p.Start.Year() + (m-11)/12
	}
	return p.Start.Year() + m/12
}

// Phases returns the phases in order, each with its activities (in start order).
func (p *Plan) Phases() [][]Activity {
	var out [][]Activity
	for _, a := range p.Activities {
		for len(out) < a.Phase {
			out = append(out, nil)
		}
		out[a.Phase-1] = append(out[a.Phase-1], a)
	}
	return out
}

// Resources returns the teams and capacities the plan was scheduled with.
func (p *Plan) Resources() Resources {
	return Resources{Teams: p.Workstreams, Capacity: p.Capacity, DefaultCapacity: DefaultCapacity}
}

// Build generates, schedules and costs the plan. Problems (errors and warnings) carry paths
// into the country file.
func Build(in Input) (*Plan, yamlx.Problems) {
	ps := guard(in)
	if ps.HasErrors() {
		return nil, ps
	}
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
	g := generate(in, cs, p)
	for _, w := range g.warnings {
		ps = append(ps, w)
		p.Warnings = append(p.Warnings, w.In(in.Lang))
	}
	acts, editProblems := applyEdits(g.acts, in.Edits, in.Lang)
	ps = append(ps, editProblems...)
	for _, pr := range editProblems {
		if pr.Warning {
			p.Warnings = append(p.Warnings, pr.In(in.Lang))
		}
	}
	if editProblems.HasErrors() {
		return nil, ps
	}
	p.Capacity = capacities(acts, in)
	setDues(acts, p)
	prioritise(acts)
	if err := Schedule(acts, p.Resources()); err != nil {
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
	if p.Duration > MaxPlanMonths {
		// Targets, budgets and KPIs walk the plan's months: refused before they do.
		ps.Add(nil, "the plan would run %d months, more than %d years; plan fewer use cases at once, or give more workstreams or capacity", p.Duration, MaxPlanMonths/12)
		return nil, ps
	}
	p.Critical = criticalChain(p.Activities)
	p.KPIs = kpis(in, p, g.raised)
	if !in.NoFixes {
		fixes(in, p, g.raised)
	}
	p.Budget = budget(p)
	fund, fundProblems := funding(p, in.Investments, in.Rates)
	ps = append(ps, fundProblems...)
	if fundProblems.HasErrors() {
		return nil, ps
	}
	p.Funding = fund
	p.Shared = sharedVsSiloed(in.Match, p, cs)
	return p, ps
}

// capacities returns the capacity of every owner whose activities hold capacity: the input's
// what-if first, then plan.capacity, then the default.
func capacities(acts []Activity, in Input) map[string]int {
	out := map[string]int{}
	for _, a := range acts {
		if a.Holds != HoldsOwner {
			continue
		}
		c := DefaultCapacity
		if v, ok := in.Edits.Capacity[a.Owner]; ok && v > 0 {
			c = v
		}
		if v, ok := in.Capacity[a.Owner]; ok && v > 0 {
			c = v
		}
		out[a.Owner] = c
	}
	return out
}

// setDues turns each activity's due year into the month it must end by (December of the year).
func setDues(acts []Activity, p *Plan) {
	for i := range acts {
		if acts[i].DueYear > 0 {
			acts[i].due = p.monthsTo(acts[i].DueYear)
			acts[i].hasDue = true
		}
	}
}

// monthsTo is the offset just after December of year y: work due in y must end by it.
func (p *Plan) monthsTo(y int) int {
	return (y-p.Start.Year())*12 + 12 - int(p.Start.Month()) + 1
}

func (p *Plan) index() {
	sort.SliceStable(p.Activities, func(i, j int) bool {
		a, b := p.Activities[i], p.Activities[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
	p.byID = make(map[string]int, len(p.Activities))
	for i, a := range p.Activities {
		p.byID[a.ID] = i
	}
}

// raiseTo is where the plan takes an indicator: its level (and, for a number with a target
// value, that value) once activity By ends.
type raiseTo struct {
	Level int
	Value *float64
	By    string
}

// generated is what generate makes: the activities, the levels they raise indicators to, and
// warnings about targets nothing can reach.
type generated struct {
	acts     []Activity
	raised   map[string]raiseTo
	warnings yamlx.Problems
}

// need is the readiness work one indicator needs.
type need struct {
	to      int
	value   *float64 // a number target's value
	why     []Why
	assess  bool
	due     int    // earliest target year (0: none)
	pillar  string // chosen for this pillar's target
	current *float64
}

// generate creates the activities design §5 (roadmap v2) asks for, named in in.Lang.
func generate(in Input, cs *costs, p *Plan) generated {
	lang := in.Lang
	fw, sc := in.Framework, in.Score
	span := float64(fw.Scale.Max - fw.Scale.Min)
	out := generated{raised: map[string]raiseTo{}}

	buildOf := map[string]string{} // block → its build/upgrade activity id
	blocks := map[string]*catalog.RequiredBlock{}
	for i := range in.Match.Blocks {
		b := &in.Match.Blocks[i]
		blocks[b.Block.ID] = b
		if b.Status != catalog.Reuse {
			buildOf[b.Block.ID] = b.Status + "-" + b.Block.ID
		}
	}
	// An indicator raised_by a block the plan builds or upgrades gets no raise of its own.
	raiser := map[string]string{}
	for _, ind := range fw.Indicators() {
		if id := buildOf[ind.RaisedBy]; ind.RaisedBy != "" && id != "" {
			raiser[ind.ID] = id
		}
	}

	needs := map[string]*need{}
	get := func(id string) *need {
		if needs[id] == nil {
			needs[id] = &need{}
		}
		return needs[id]
	}
	// Gates hold go-live: every pilot of a use case that uses a gated block, reused or not.
	pilotGates := map[string][]string{} // use case → indicators its pilot waits for
	for _, u := range in.Match.UseCases {
		seen := map[string]bool{}
		for _, bid := range u.Blocks {
			b := blocks[bid]
			if b == nil {
				continue
			}
			for _, g := range b.GatedBy {
				if !gateHolds(g, u.UseCase.ID) || g.State == assess.GateMet {
					continue
				}
				r := get(g.Indicator)
				r.why = addWhy(r.why, why(WhyGate, b.Block.Name, g.Min))
				if g.State == assess.GateUnmet {
					r.to = max(r.to, g.Min)
					r.current = g.Current
				} else {
					r.assess = true
				}
				if !seen[g.Indicator] {
					seen[g.Indicator] = true
					pilotGates[u.UseCase.ID] = append(pilotGates[u.UseCase.ID], g.Indicator)
				}
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
		if is.Level != nil && *is.Level >= float64(toLevel)-1e-9 && (is.Score != nil && *is.Score >= *is.TargetScore-1e-9) {
			continue // target met
		}
		r := get(id)
		r.to = max(r.to, toLevel)
		r.current = is.Level
		if tg.Value != nil && !tg.Value.IsBool {
			v := tg.Value.Num
			r.value = &v
		}
		if is.Status != assess.StatusAnswered {
			r.assess = true
		}
		if r.due == 0 || tg.Year < r.due {
			r.due = tg.Year
		}
		r.why = append(r.why, why(WhyTarget, toLevel, tg.Year))
	}
	// Pillar targets: raises of the pillar's indicators, greedily by score gain per cost.
	for _, pid := range yamlx.SortedKeys(in.Targets.Pillars) {
		pillarRaises(in, cs, pid, needs, raiser, get, &out.warnings)
	}

	var acts []Activity
	procure := cs.step(func(m *CostModel) StepCost { return m.Procurement })
	// Readiness: an assessment where the answer is missing, a raise where the level is short.
	raiseID := map[string]string{} // indicator → the activity that raises it
	for _, id := range yamlx.SortedKeys(needs) {
		r := needs[id]
		ind := fw.Indicator(id)
		owner := "ict"
		if len(ind.Owners) > 0 {
			owner = ind.Owners[0]
		}
		if r.assess {
			f := cs.step(func(m *CostModel) StepCost { return m.Assess })
			acts = append(acts, Activity{
				ID: "assess-" + id, Kind: KindAssess, Name: i18n.F(lang, "Assess: %s", ind.Label(lang)), Owner: firstNonEmpty(owner, f.owner),
				Months: f.months, Cost: f.cost, Basis: f.basis, Indicator: id,
				Why: []Why{why(WhyUnanswered, slices.Clone(r.why))},
			})
		}
		if r.to == 0 || (r.current != nil && *r.current >= float64(r.to)-1e-9 && r.value == nil) {
			continue
		}
		if by := raiser[id]; by != "" {
			raiseID[id] = by
			out.raised[id] = raiseTo{Level: r.to, Value: r.value, By: by}
			continue
		}
		from := float64(fw.Scale.Min)
		if r.current != nil {
			from = *r.current
		}
		levels := max(int(math.Ceil(float64(r.to)-from-1e-9)), 1)
		f := cs.action(ind.Action, levels)
		name := i18n.F(lang, "%s: reach level %d", ind.Label(lang), r.to)
		if r.current != nil {
			name = i18n.F(lang, "%s: from level %s to %d", ind.Label(lang), trimLevel(*r.current), r.to)
		}
		a := Activity{
			ID: "raise-" + id, Kind: KindReadiness, Name: name, Owner: owner, Holds: HoldsOwner,
			Months: f.months, Cost: f.cost, Basis: f.basis, Action: ind.Action, Pillar: r.pillar,
			Indicator: id, FromLevel: r.current, ToLevel: r.to, Raises: []string{id}, DueYear: r.due,
			Why: slices.Clone(r.why),
		}
		if r.assess {
			a.DependsOn = append(a.DependsOn, "assess-"+id)
		}
		raiseID[id] = a.ID
		out.raised[id] = raiseTo{Level: r.to, Value: r.value, By: a.ID}
		acts = append(acts, a)
	}
	// after: a raise starts when the raises it follows have ended.
	for i := range acts {
		if acts[i].Kind != KindReadiness {
			continue
		}
		for _, dep := range fw.Indicator(acts[i].Indicator).After {
			if id := raiseID[dep]; id != "" {
				acts[i].DependsOn = append(acts[i].DependsOn, id)
			}
		}
	}
	// Procure, then build or upgrade every required block that is not reused.
	raisedBy := map[string][]string{}
	for _, id := range yamlx.SortedKeys(raiser) {
		if _, ok := out.raised[id]; ok {
			raisedBy[raiser[id]] = append(raisedBy[raiser[id]], id)
		}
	}
	for _, b := range in.Match.Blocks {
		if b.Status == catalog.Reuse {
			continue
		}
		f := cs.block(b.Block.ID, b.Status == catalog.Upgrade)
		a := Activity{
			ID: buildOf[b.Block.ID], Kind: b.Status, Block: b.Block.ID, Months: f.months, Cost: f.cost,
			RunningCost: f.running, Basis: f.basis, Owner: f.owner, Holds: HoldsTeam,
			Raises: raisedBy[buildOf[b.Block.ID]],
			Why:    []Why{why(WhyNeededBy, b.NeededBy)},
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
		if procure.months > 0 {
			pr := Activity{
				ID: "procure-" + b.Block.ID, Kind: KindProcure, Block: b.Block.ID, Owner: a.Owner,
				Name:   i18n.F(lang, "Procure %s", b.Block.Name.In(lang)),
				Months: procure.months, Cost: procure.cost, Basis: procure.basis,
				Why: []Why{why(WhyBefore, a.ID)},
			}
			a.DependsOn = append(a.DependsOn, pr.ID)
			acts = append(acts, pr)
		}
		acts = append(acts, a)
	}
	// A pilot per needed use case, after its blocks and the gates that hold its go-live; then
	// the national roll-out.
	integ, integBasis := cs.integration()
	owners := map[string]string{}
	ranks := map[string]int{}
	for _, s := range in.Match.Services {
		u := s.Service.UseCase
		if s.Service.Owner != "" && owners[u] == "" {
			owners[u] = s.Service.Owner
		}
		if ranks[u] == 0 || s.Rank < ranks[u] {
			ranks[u] = s.Rank
		}
	}
	pilot := cs.step(func(m *CostModel) StepCost { return m.Pilot })
	scale := cs.step(func(m *CostModel) StepCost { return m.ScaleUp })
	for _, u := range in.Match.UseCases {
		uc := u.UseCase.ID
		a := Activity{
			ID: "pilot-" + uc, Kind: KindPilot, UseCase: uc, Holds: HoldsOwner, Rank: ranks[uc],
			Name:   i18n.F(lang, "Pilot %s", u.UseCase.Name.In(lang)),
			Owner:  firstNonEmpty(owners[uc], pilot.owner, "ict"),
			Months: pilot.months, Cost: pilot.cost + integ*float64(len(u.Blocks)), Basis: pilot.basis,
			Why: []Why{why(WhyIntegrates, len(u.Blocks), integ, integBasis)},
		}
		for _, b := range u.Blocks {
			if id := buildOf[b]; id != "" {
				a.DependsOn = append(a.DependsOn, id)
			}
		}
		for _, ind := range pilotGates[uc] {
			r := needs[ind]
			if r.assess {
				a.Gates = append(a.Gates, "assess-"+ind)
			}
			if id := raiseID[ind]; id != "" {
				a.Gates = append(a.Gates, id)
			}
		}
		a.Gates = uniqueSortedIDs(a.Gates)
		a.DependsOn = append(a.DependsOn, a.Gates...)
		acts = append(acts, a)
		if scale.months > 0 || scale.cost > 0 {
			acts = append(acts, Activity{
				ID: "scale-" + uc, Kind: KindScale, UseCase: uc, Holds: HoldsOwner, Rank: ranks[uc],
				Name:  i18n.F(lang, "Roll out %s nationally", u.UseCase.Name.In(lang)),
				Owner: a.Owner, DependsOn: []string{a.ID},
				Months: scale.months, Cost: scale.cost, Basis: scale.basis,
				Why: []Why{why(WhyAfter, a.ID)},
			})
		}
	}
	for i := range acts {
		acts[i].DependsOn = uniqueSortedIDs(acts[i].DependsOn)
	}
	out.acts = acts
	return out
}

// gateHolds reports whether a gate holds the go-live of use case uc.
func gateHolds(g assess.GateState, uc string) bool {
	if contains(g.Gate.ExceptUseCases, uc) {
		return false
	}
	if len(g.UseCases) == 0 {
		return true
	}
	return contains(g.UseCases, uc)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pillarRaises chooses raises of a pillar's indicators for its target, greedily by weighted
// pillar-score gain per unit of cost (ties by the shorter raise, then id), until the projected
// pillar score reaches the target. It warns when no set of raises can.
func pillarRaises(in Input, cs *costs, pid string, needs map[string]*need, raiser map[string]string, get func(string) *need, warn *yamlx.Problems) {
	fw, sc := in.Framework, in.Score
	ps := sc.Pillar(pid)
	tg := in.Targets.Pillars[pid]
	if ps == nil || tg.Score == nil {
		return
	}
	span := float64(fw.Scale.Max - fw.Scale.Min)
	pl := ps.Pillar
	// planned[i] is the level indicator i reaches in the plan (nil: unscored).
	type cand struct {
		ind     *assess.Indicator
		current float64
		planned float64
		scored  bool
	}
	var cs2 []*cand
	for i := range pl.Indicators {
		ind := &pl.Indicators[i]
		is := sc.Indicator(ind.ID)
		c := &cand{ind: ind}
		if is.Status == assess.StatusAnswered && is.Level != nil {
			c.current, c.planned, c.scored = *is.Level, *is.Level, true
		}
		if r := needs[ind.ID]; r != nil && r.to > 0 && float64(r.to) > c.planned {
			c.planned, c.scored = float64(r.to), true
		}
		cs2 = append(cs2, c)
	}
	score := func(override *cand, level float64) float64 {
		var w, ws float64
		for _, c := range cs2 {
			l, ok := c.planned, c.scored
			if c == override {
				l, ok = level, true
			}
			if !ok {
				continue
			}
			w += c.ind.Weight
			ws += c.ind.Weight * (l - float64(fw.Scale.Min)) / span
		}
		if w == 0 {
			return 0
		}
		return ws / w
	}
	cost := func(c *cand, to float64) float64 {
		if to <= c.current {
			return 0
		}
		return cs.action(c.ind.Action, int(math.Ceil(to-c.current-1e-9))).cost
	}
	months := func(c *cand, to float64) int {
		return cs.action(c.ind.Action, int(math.Ceil(to-c.current-1e-9))).months
	}
	target := *tg.Score
	for score(nil, 0) < target-1e-9 {
		var best *cand
		var bestLevel, bestRatio float64
		var bestMonths int
		now := score(nil, 0)
		for _, c := range cs2 {
			is := sc.Indicator(c.ind.ID)
			if !c.scored || is.Status != assess.StatusAnswered || raiser[c.ind.ID] != "" {
				continue // unanswered, N/A or raised by a build: not a lever here
			}
			for l := math.Floor(c.planned+1e-9) + 1; l <= float64(fw.Scale.Max); l++ {
				if c.ind.Kind == assess.KindYesNo && l != float64(fw.Scale.Max) {
					continue
				}
				gain := score(c, l) - now
				if gain <= 1e-12 {
					continue
				}
				extra := cost(c, l) - cost(c, c.planned)
				ratio := math.Inf(1)
				if extra > 1e-9 {
					ratio = gain / extra
				}
				m := months(c, l)
				switch {
				case best == nil, ratio > bestRatio*(1+1e-9):
				case ratio < bestRatio*(1-1e-9), m > bestMonths, m == bestMonths && c.ind.ID >= best.ind.ID:
					continue
				}
				best, bestLevel, bestRatio, bestMonths = c, l, ratio, m
			}
		}
		if best == nil {
			warn.Warn([]any{"targets", "pillars", pid}, "pillar target %s %.0f by %d cannot be reached: raising every answered indicator of the pillar to the top brings it to %.0f",
				pid, target*100, tg.Year, score(nil, 0)*100)
			return
		}
		best.planned = bestLevel
		r := get(best.ind.ID)
		if int(bestLevel) > r.to {
			r.value = nil // above a number target's own value: projected at the level's threshold
		}
		r.to = int(bestLevel)
		r.current = sc.Indicator(best.ind.ID).Level
		if r.pillar == "" {
			r.pillar = pid
		}
		if r.due == 0 || tg.Year < r.due {
			r.due = tg.Year
		}
		r.why = addWhy(r.why, why(WhyPillarTarget, pid, target*100, tg.Year))
	}
}

func trimLevel(l float64) string {
	if l == math.Trunc(l) {
		return fmt.Sprintf("%.0f", l)
	}
	return fmt.Sprintf("%.1f", l)
}

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
	// One index, kept up to date as activities are added: linear in the planner's changes.
	idx := make(map[string]int, len(acts)+len(e.Add))
	for i, a := range acts {
		idx[a.ID] = i
	}
	acts = slices.Grow(acts, len(e.Add))
	for i, spec := range e.Add {
		id := ident.Norm(spec.ID)
		if _, dup := idx[id]; dup {
			ps.Add([]any{"plan", "add", i, "id"}, "added activity %q has the id of a generated activity; choose another id (or use change:)", spec.ID)
			continue
		}
		idx[id] = len(acts)
		acts = append(acts, Activity{
			ID: id, Kind: KindCustom, Name: spec.Name, Owner: ident.Norm(spec.Owner), Months: spec.Months, Cost: spec.Cost,
			DependsOn: normIDs(spec.DependsOn), Basis: BasisAdded, Why: []Why{why(WhyAdded)}, Holds: spec.Holds,
		})
	}
	for _, id := range yamlx.SortedKeys(e.Change) {
		ch := e.Change[id]
		i, ok := idx[ident.Norm(id)]
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
			var gates []string
			for _, g := range a.Gates {
				if contains(a.DependsOn, g) {
					gates = append(gates, g)
				}
			}
			a.Gates = gates
		}
	}
	dropped := map[string]bool{}
	for i, id := range e.Drop {
		id = ident.Norm(id)
		if _, ok := idx[id]; !ok {
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
		lost := map[string][]string{} // dropped activity → the activities that depended on it
		for i := range acts {
			var deps, gates []string
			for _, d := range acts[i].DependsOn {
				if dropped[d] {
					lost[d] = append(lost[d], acts[i].ID)
					continue
				}
				deps = append(deps, d)
			}
			for _, g := range acts[i].Gates {
				if !dropped[g] {
					gates = append(gates, g)
				}
			}
			acts[i].DependsOn, acts[i].Gates = deps, gates
		}
		for _, d := range yamlx.SortedKeys(lost) {
			ps.Warn([]any{"plan", "drop"}, "%s depended on %s, which is dropped; it goes on without it", strings.Join(lost[d], ", "), d)
		}
		clear(idx)
		for i, a := range acts {
			idx[a.ID] = i
		}
	}
	// Every dependency must name an activity of the plan.
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
				// Finished before the plan starts: it holds nothing and costs nothing more.
				a.Months, a.Cost, a.Basis = 0, 0, BasisDone
				a.DependsOn, a.Gates = nil, nil
			case "in-progress":
				// Already under way: it keeps its team or capacity from the first month.
				a.Pinned = true
				a.DependsOn, a.Gates = nil, nil
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
