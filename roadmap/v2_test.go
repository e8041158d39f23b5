package roadmap

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

// v2Framework exercises the roadmap v2 fields: a law gating Identity (reused) for INST-1's
// go-live only and Consent for everyone, an authority after the law, an indicator raised by
// building the Information Mediator, and a pillar of programmes and a law.
const v2Framework = `
id: v2
version: 1.0.0
name: Roadmap v2
scale: {min: 0, max: 4}
bands: [{min: 0, name: Low}]
pillars:
  - id: legal
    name: Legal
    indicators:
      - {id: legal.dp-law, kind: level, question: "Law?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: law, owners: [justice],
         gates: [{bb: identity, min: 3, use_cases: [inst-1]}, {bb: consent, min: 2}]}
      - {id: legal.dpa, kind: level, question: "Authority?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: institution, owners: [dpa], after: [legal.dp-law]}
      - {id: legal.other-law, kind: level, question: "Other law?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: law, owners: [justice]}
  - id: interop
    name: Interoperability
    indicators:
      - {id: interop.exchange, kind: level, question: "Exchange?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: infrastructure, owners: [ict], raised_by: information-mediator}
  - id: skills
    name: Skills
    indicators:
      - {id: skills.civil-service, kind: level, weight: 2, question: "Civil service?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: programme, owners: [public-service]}
      - {id: skills.schools, kind: level, question: "Schools?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: programme, owners: [education]}
      - {id: skills.law, kind: yesno, question: "Skills law?", action: law, owners: [justice]}
      - {id: skills.users, kind: number, unit: "%", question: "Users?", thresholds: [20, 40, 60, 80], valid: [0, 100], action: infrastructure, owners: [telecom]}
`

// v2Input is a country needing INST-1 (rank 1) and HLTC-1 (rank 2) with Identity operational.
func v2Input(t testing.TB, targets assess.Targets) Input {
	t.Helper()
	fw, err := assess.ParseFramework("v2.yaml", []byte(v2Framework))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]assess.Answers{
		"legal.dp-law": {{Level: assess.Int(1)}}, "legal.dpa": {{Level: assess.Int(0)}}, "legal.other-law": {{Level: assess.Int(1)}},
		"interop.exchange": {{Level: assess.Int(1)}}, "skills.civil-service": {{Level: assess.Int(1)}}, "skills.schools": {{Level: assess.Int(2)}},
		"skills.law": {{Value: assess.YesNo(false)}}, "skills.users": {{Value: assess.Number(35)}},
	}
	sc := assess.Score(fw, answers, &targets)
	needs := catalog.Needs{
		Services: []catalog.Service{
			{Name: assess.Text{"en": "Health"}, UseCase: "hltc-1", Owner: "health", Demand: 3, Impact: 3, Technical: 3, Financial: 3, Political: 3},
			{Name: assess.Text{"en": "Cash"}, UseCase: "inst-1", Owner: "social", Demand: 5, Impact: 5, Technical: 4, Financial: 4, Political: 5},
		},
		Inventory: map[string]catalog.InventoryItem{"identity": {Status: "operational"}},
	}
	return Input{Framework: fw, Score: sc, Match: cat.Match(needs, sc.Gates()), Targets: targets,
		AssessedOn: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
}

func kpi(p *Plan, id string) *KPI {
	for i := range p.KPIs {
		if p.KPIs[i].ID == id {
			return &p.KPIs[i]
		}
	}
	return nil
}

// Gates hold go-live: the law gating reused Identity holds INST-1's pilot (the gate names it)
// but not HLTC-1's; the Consent gate holds both; no build waits for a law.
func TestGatesAtGoLive(t *testing.T) {
	p := mustBuild(t, v2Input(t, assess.Targets{}))
	law := p.Activity("raise-legal.dp-law")
	if law == nil || law.ToLevel != 3 || law.Months != 18 || law.Cost != 150000 {
		t.Fatalf("law %+v", law)
	}
	for _, a := range p.Activities {
		if (a.Kind == KindBuild || a.Kind == KindUpgrade) && contains(a.DependsOn, law.ID) {
			t.Errorf("%s waits for the law: gates hold go-live, not building", a.ID)
		}
	}
	inst, hltc := p.Activity("pilot-inst-1"), p.Activity("pilot-hltc-1")
	if !contains(inst.Gates, law.ID) || inst.Start < law.End {
		t.Errorf("pilot-inst-1 gates %v start %d, want it after the law (%d)", inst.Gates, inst.Start, law.End)
	}
	// HLTC-1 uses Consent, gated at level 2 for every use case: it waits for the law too, but
	// only through Consent's gate.
	if !contains(hltc.Gates, law.ID) {
		t.Errorf("pilot-hltc-1 gates %v, want the Consent gate", hltc.Gates)
	}
	// The same framework with Consent's gate limited to INST-1 too: HLTC-1 no longer waits.
	in := v2Input(t, assess.Targets{})
	in.Framework.Indicator("legal.dp-law").Gates[1].UseCases = []string{"inst-1"}
	in.Score = assess.Score(in.Framework, scoreAnswers(in.Score), &in.Targets)
	cat, _ := catalog.Default()
	in.Match = cat.Match(catalog.Needs{Services: servicesOf(in.Match), Inventory: map[string]catalog.InventoryItem{"identity": {Status: "operational"}}}, in.Score.Gates())
	p = mustBuild(t, in)
	if g := p.Activity("pilot-hltc-1").Gates; contains(g, "raise-legal.dp-law") {
		t.Errorf("pilot-hltc-1 gates %v: the gate is limited to inst-1", g)
	}
	if !contains(p.Activity("pilot-inst-1").Gates, "raise-legal.dp-law") {
		t.Error("pilot-inst-1 lost its gate")
	}
	checkPlan(t, p)
}

func scoreAnswers(sc *assess.Scorecard) map[string]assess.Answers {
	out := map[string]assess.Answers{}
	for _, is := range sc.Indicators {
		out[is.Indicator.ID] = is.Answers
	}
	return out
}

func servicesOf(m *catalog.Match) []catalog.Service {
	var out []catalog.Service
	for _, s := range m.Services {
		out = append(out, s.Service)
	}
	return out
}

// Priority: the top service's pilot starts as early as its dependencies allow, even with one
// delivery team, and its work goes before the second service's.
func TestPriorityTopServiceFirst(t *testing.T) {
	in := v2Input(t, assess.Targets{})
	in.Workstreams = 1
	p := mustBuild(t, in)
	inst := p.Activity("pilot-inst-1")
	if inst.Rank != 1 || p.Activity("pilot-hltc-1").Rank != 2 {
		t.Fatalf("ranks %d %d", inst.Rank, p.Activity("pilot-hltc-1").Rank)
	}
	// Its dependency-only earliest start: the same activities under unlimited resources.
	acts := append([]Activity(nil), p.Activities...)
	if err := Schedule(acts, Unlimited); err != nil {
		t.Fatal(err)
	}
	early := 0
	for _, a := range acts {
		if a.ID == inst.ID {
			early = a.Start
		}
	}
	// With one team the builds INST-1 needs queue one after another: its pilot starts when
	// the last of them ends, and no build INST-1 does not need runs before one it needs.
	builds := 0
	for _, a := range p.Activities {
		if a.Holds == HoldsTeam && a.Rank == 1 {
			builds += a.Months
		}
	}
	if inst.Start < early {
		t.Fatalf("pilot starts %d before its dependencies allow (%d)", inst.Start, early)
	}
	for _, a := range p.Activities {
		if a.Holds == HoldsTeam && a.Rank != 1 && a.Start < inst.Start && a.End > 0 {
			for _, b := range p.Activities {
				if b.Holds == HoldsTeam && b.Rank == 1 && b.Start >= a.End && a.Start <= b.Start {
					t.Errorf("%s (rank %d) ran before %s (rank 1)", a.ID, a.Rank, b.ID)
					break
				}
			}
		}
	}
	// With teams enough, the pilot starts exactly when its dependencies allow.
	in.Workstreams = 20
	p = mustBuild(t, in)
	acts = append([]Activity(nil), p.Activities...)
	_ = Schedule(acts, Unlimited)
	for _, a := range acts {
		if a.ID == "pilot-inst-1" && p.Activity(a.ID).Start != a.Start {
			t.Errorf("pilot-inst-1 at %d, dependencies allow %d", p.Activity(a.ID).Start, a.Start)
		}
	}
	checkPlan(t, p)
}

// Actions: a law or an institution costs the same whatever the levels; a programme and
// infrastructure scale per level; infrastructure per person when the population is given.
// after: orders raises; raised_by: a build raises the indicator and there is no raise.
func TestActionsAfterRaisedBy(t *testing.T) {
	tg := assess.Targets{Indicators: map[string]assess.Target{
		"legal.dpa":            {Level: assess.Int(3), Year: 2029},
		"legal.other-law":      {Level: assess.Int(4), Year: 2030},
		"interop.exchange":     {Level: assess.Int(3), Year: 2028},
		"skills.civil-service": {Level: assess.Int(4), Year: 2030},
		"skills.users":         {Value: assess.Number(70), Year: 2030},
	}}
	in := v2Input(t, tg)
	p := mustBuild(t, in)
	other := p.Activity("raise-legal.other-law")
	if other.Months != 18 || other.Cost != 150000 {
		t.Errorf("a law from 1 to 4: %d months %v, want the fixed 18 and 150,000", other.Months, other.Cost)
	}
	dpa := p.Activity("raise-legal.dpa")
	if dpa.Months != 12 || dpa.Cost != 400000 || !contains(dpa.DependsOn, "raise-legal.dp-law") || dpa.Start < p.Activity("raise-legal.dp-law").End {
		t.Errorf("authority %+v: fixed 12 months, 400,000, after the law", dpa)
	}
	if cs := p.Activity("raise-skills.civil-service"); cs.Months != 36 || cs.Cost != 750000 {
		t.Errorf("programme 1→4: %d months %v, want 3 × 12 and 3 × 250,000", cs.Months, cs.Cost)
	}
	users := p.Activity("raise-skills.users")
	if users.ToLevel != 3 || users.Months != 36 || users.Cost != 4000000 {
		t.Errorf("infrastructure 35%% → 70%% (level 1 → 3): %+v", users)
	}
	if p.Activity("raise-interop.exchange") != nil {
		t.Error("an indicator raised_by a block got a raise of its own")
	}
	im := p.Activity("build-information-mediator")
	if !contains(im.Raises, "interop.exchange") {
		t.Errorf("build-information-mediator raises %v", im.Raises)
	}
	if k := kpi(p, "interop.exchange"); k == nil || k.ReachedMonth != im.End-1 {
		t.Errorf("exchange KPI %+v, want it reached when the mediator's build ends (%d)", k, im.End-1)
	}
	// The number target is projected at the target's value, not a fraction of a level.
	if k := kpi(p, "skills.users"); k == nil || *k.Milestones[len(k.Milestones)-1].Value != 70 {
		t.Errorf("users KPI %+v", k)
	}
	// Per person: 0.25 × 10 million for each of the two levels.
	pop := 10e6
	in.Costs = &CostModel{Population: &pop}
	p = mustBuild(t, in)
	if c := p.Activity("raise-skills.users").Cost; c != 5000000 {
		t.Errorf("per-person infrastructure cost %v, want 5,000,000", c)
	}
	// A country's own figures for an action win; a country's v1 readiness_level applies per
	// level to every action.
	m, c := 9, 99.0
	in.Costs = &CostModel{Actions: map[string]ActionCost{"law": {Months: &m, Cost: &c}}}
	if a := mustBuild(t, in).Activity("raise-legal.other-law"); a.Months != 9 || a.Cost != 99 || a.Basis != BasisCountry {
		t.Errorf("country law figures: %+v", a)
	}
	in.Costs = &CostModel{ReadinessLevel: StepCost{Months: &m, Cost: &c}}
	if a := mustBuild(t, in).Activity("raise-legal.other-law"); a.Months != 27 || a.Cost != 297 {
		t.Errorf("v1 readiness_level: %d months %v, want 3 levels × 9 and × 99", a.Months, a.Cost)
	}
	checkPlan(t, p)
}

// Pillar targets become raises of the pillar's indicators, chosen by gain per cost; never a
// "raise the pillar" activity; a target nothing can reach is a warning.
func TestPillarTargetRaises(t *testing.T) {
	in := v2Input(t, assess.Targets{Pillars: map[string]assess.Target{"skills": {Score: ptr(0.6), Year: 2030}}})
	p, ps := Build(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	for _, a := range p.Activities {
		if strings.HasPrefix(a.ID, "raise-pillar") {
			t.Errorf("vague pillar activity %s", a.ID)
		}
	}
	// Skills today: civil service 1 (weight 2), schools 2, law no (0), users 35% (level 1):
	// (2×0.25 + 0.5 + 0 + 0.25)/5 = 0.25. The law (150,000 for +0.2) gains most per cost.
	law := p.Activity("raise-skills.law")
	if law == nil || law.Pillar != "skills" || law.DueYear != 2030 {
		t.Fatalf("no raise of the skills law for the pillar target: %+v", law)
	}
	k := kpi(p, "skills")
	if k == nil || k.Status == StatusNever {
		t.Fatalf("skills KPI %+v", k)
	}
	last := k.Milestones[len(k.Milestones)-1]
	if last.Score < 0.6-1e-9 {
		t.Errorf("projected skills score %v, want the target 0.6 reached", last.Score)
	}
	// 0.99 cannot be reached (the law is yes/no, already counted at the top): a warning.
	in = v2Input(t, assess.Targets{Pillars: map[string]assess.Target{"interop": {Score: ptr(0.99), Year: 2030}}})
	p, ps = Build(in)
	if ps.HasErrors() || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "pillar target interop 99 by 2030 cannot be reached") {
		t.Errorf("warnings %v", p.Warnings)
	}
	if k := kpi(p, "interop"); k == nil || k.Status != StatusNever || k.Fix == nil {
		t.Errorf("interop KPI %+v, want never with a fix", k)
	}
}

// Late and never-met targets: status, months late, and what would meet them.
func TestLateTargets(t *testing.T) {
	tg := assess.Targets{Indicators: map[string]assess.Target{
		"legal.dp-law":    {Level: assess.Int(3), Year: 2026}, // an 18-month law due in 9 months
		"legal.other-law": {Level: assess.Int(3), Year: 2027}, // waits for justice's capacity
		"skills.law":      {Value: assess.YesNo(true), Year: 2027},
	}}
	in := v2Input(t, tg)
	in.Edits.Capacity = map[string]int{"justice": 1}
	p := mustBuild(t, in)
	law := kpi(p, "legal.dp-law")
	raise := p.Activity("raise-legal.dp-law")
	if law.Status != StatusLate || law.ReachedMonth != raise.End-1 || law.LateMonths != raise.End-1-(p.monthsTo(2026)-1) {
		t.Errorf("dp-law %+v (raise ends %d)", law, raise.End)
	}
	if law.Reached != p.Month(raise.End-1).Format("2006-01") {
		t.Errorf("reached %q", law.Reached)
	}
	if law.Fix == nil || law.Fix.MonthsShort == 0 || law.Fix.Teams != 0 || law.Fix.Owner != "" {
		t.Errorf("dp-law fix %+v: even unlimited resources leave it late", law.Fix)
	}
	// Three justice laws with capacity 1: one at a time, so at least one of the 2027 targets
	// is late, and capacity 2 or more for justice would meet it.
	var late *KPI
	for _, id := range []string{"legal.other-law", "skills.law"} {
		if k := kpi(p, id); k.Status == StatusLate {
			late = k
		}
	}
	if late == nil {
		t.Fatalf("no late 2027 target with justice capacity 1: %+v %+v", kpi(p, "legal.other-law"), kpi(p, "skills.law"))
	}
	if late.Fix == nil || late.Fix.Owner != "justice" || late.Fix.Capacity < 2 || late.Fix.MonthsShort != 0 {
		t.Errorf("%s fix %+v, want more justice capacity", late.ID, late.Fix)
	}
	// Levels and yes/no are never fractions.
	if k := kpi(p, "skills.law"); k.Unit != "yes/no" || *k.TargetVal != 1 || *k.BaselineVal != 0 {
		t.Errorf("yes/no KPI %+v", k)
	}
	// The planner drops the raise: never, and the fix says nothing raises it.
	in.Edits.Drop = []string{"raise-legal.other-law"}
	p = mustBuild(t, in)
	if k := kpi(p, "legal.other-law"); k.Status != StatusNever || k.Reached != "" || k.Fix == nil || fmt.Sprint(k.Fix.NotPlanned) != "[legal.other-law]" {
		t.Errorf("dropped raise: %+v %+v", k, k.Fix)
	}
	checkPlan(t, p)
}

// Property: on random plans (random teams, capacities, durations, drops and planner
// additions), no resource is over-used, no activity starts before its predecessors end, and the
// KPI projection never reaches a level before the work ends.
func TestRandomPlansProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	tg := assess.Targets{Indicators: map[string]assess.Target{
		"legal.dpa": {Level: assess.Int(3), Year: 2027}, "legal.other-law": {Level: assess.Int(4), Year: 2028},
		"interop.exchange": {Level: assess.Int(4), Year: 2027}, "skills.users": {Value: assess.Number(85), Year: 2029},
		"skills.civil-service": {Level: assess.Int(3), Year: 2028},
	}, Pillars: map[string]assess.Target{"skills": {Score: ptr(0.7), Year: 2029}}}
	base := v2Input(t, tg)
	ids := []string{}
	for _, a := range mustBuild(t, base).Activities {
		ids = append(ids, a.ID)
	}
	for i := 0; i < 60; i++ {
		in := base
		in.Workstreams = 1 + r.IntN(4)
		in.NoFixes = i%2 == 0
		in.Edits = PlanEdits{Capacity: map[string]int{"justice": 1 + r.IntN(2), "ict": 1 + r.IntN(3)}, Change: map[string]ActivityChange{}}
		for k := 0; k < 4; k++ {
			in.Edits.Change[ids[r.IntN(len(ids))]] = ActivityChange{Months: iptr(r.IntN(30))}
		}
		if r.IntN(3) == 0 {
			in.Edits.Drop = []string{ids[r.IntN(len(ids))]}
		}
		for k := 0; k < r.IntN(5); k++ {
			holds := []string{"", HoldsTeam, HoldsOwner}[r.IntN(3)]
			in.Edits.Add = append(in.Edits.Add, ActivitySpec{ID: fmt.Sprintf("extra-%d", k), Name: "x", Owner: "justice", Holds: holds,
				Months: r.IntN(10), DependsOn: []string{ids[r.IntN(len(ids))]}})
		}
		p, ps := Build(in)
		if ps.HasErrors() {
			t.Fatalf("run %d: %v", i, ps)
		}
		checkPlan(t, p)
		for _, k := range p.KPIs {
			if (k.Status == StatusLate) != (k.LateMonths > 0) || (k.Status == StatusNever) != (k.Reached == "") {
				t.Errorf("run %d: %s inconsistent %+v", i, k.ID, k)
			}
			for _, m := range k.Milestones {
				if m.Score < -1e-9 || m.Score > 1+1e-9 || math.IsNaN(m.Score) {
					t.Errorf("run %d: %s score %v", i, k.ID, m.Score)
				}
			}
		}
	}
}

// Regression: a pillar target that raises a number indicator above its own target's value
// projects the higher level (the threshold), so the projection meets what the choice promised.
func TestPillarRaiseAboveNumberTarget(t *testing.T) {
	in := v2Input(t, assess.Targets{
		Indicators: map[string]assess.Target{"skills.users": {Value: assess.Number(45), Year: 2030}},
		Pillars:    map[string]assess.Target{"skills": {Score: ptr(0.95), Year: 2032}},
	})
	p := mustBuild(t, in)
	users := p.Activity("raise-skills.users")
	if users == nil || users.ToLevel < 3 {
		t.Fatalf("users raise %+v, want the pillar target to take it above its own target's level 2", users)
	}
	k := kpi(p, "skills.users")
	want := []float64{20, 40, 60, 80}[users.ToLevel-1] // the threshold of the level reached
	if last := k.Milestones[len(k.Milestones)-1]; *last.Value != want {
		t.Errorf("users projected at %v, want %v (level %d's threshold)", *last.Value, want, users.ToLevel)
	}
	if k := kpi(p, "skills"); k.Status == StatusNever {
		t.Errorf("skills pillar %+v: the raises chosen for it should reach it", k)
	}
	checkPlan(t, p)
}

// Regression: due dates rank work against each other even when the dependencies alone end
// before them (the backward pass runs from the later of the two): a short raise due soon goes
// before a long one due late on the same owner's capacity.
func TestDueDatesRankWork(t *testing.T) {
	long := Activity{ID: "a-long", Owner: "justice", Holds: HoldsOwner, Months: 24, due: 57, hasDue: true}
	short := Activity{ID: "b-short", Owner: "justice", Holds: HoldsOwner, Months: 6, due: 21, hasDue: true}
	acts := []Activity{long, short}
	schedule(t, acts, Resources{Teams: 1, Capacity: map[string]int{"justice": 1}})
	got := byID(acts)
	if got["b-short"].Start != 0 || got["a-long"].Start != 6 {
		t.Errorf("short due soon at %d, long due late at %d; want 0 and 6", got["b-short"].Start, got["a-long"].Start)
	}
}

func TestPlanYear(t *testing.T) {
	p := &Plan{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	for _, m := range []int{-30, -13, -4, -3, -1, 0, 8, 9, 20, 21, 500} {
		if got, want := p.Year(m), p.Month(m).Year(); got != want {
			t.Errorf("Year(%d) = %d, want %d", m, got, want)
		}
	}
}
