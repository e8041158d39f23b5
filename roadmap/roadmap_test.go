package roadmap

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

func act(id string, months int, deps ...string) Activity {
	return Activity{ID: id, Months: months, DependsOn: deps, Cost: 100, Holds: HoldsTeam}
}

func teams(n int) Resources { return Resources{Teams: n, DefaultCapacity: DefaultCapacity} }

// schedule prioritises and schedules acts under res.
func schedule(t *testing.T, acts []Activity, res Resources) {
	t.Helper()
	prioritise(acts)
	if err := Schedule(acts, res); err != nil {
		t.Fatal(err)
	}
}

func byID(acts []Activity) map[string]Activity {
	m := map[string]Activity{}
	for _, a := range acts {
		m[a.ID] = a
	}
	return m
}

// The diamond a(2) → b(3), a → c(4), b, c → d(1).
func diamond() []Activity {
	return []Activity{act("d", 1, "b", "c"), act("c", 4, "a"), act("b", 3, "a"), act("a", 2)}
}

func TestScheduleDiamond(t *testing.T) {
	tests := []struct {
		teams    int
		starts   map[string]int
		duration int
		critical string
	}{
		// One team: a, then the longer branch c first (latest start 2 against b's 3), then b,
		// then d; b waited for the team c freed.
		{1, map[string]int{"a": 0, "c": 2, "b": 6, "d": 9}, 10, "a c b d"},
		// Two: b and c run side by side; d waits for c, the longer branch.
		{2, map[string]int{"a": 0, "b": 2, "c": 2, "d": 6}, 7, "a c d"},
		{3, map[string]int{"a": 0, "b": 2, "c": 2, "d": 6}, 7, "a c d"},
	}
	for _, tt := range tests {
		acts := diamond()
		schedule(t, acts, teams(tt.teams))
		got := byID(acts)
		dur := 0
		for id, start := range tt.starts {
			if got[id].Start != start || got[id].End != start+got[id].Months {
				t.Errorf("W=%d: %s at %d–%d, want start %d", tt.teams, id, got[id].Start, got[id].End, start)
			}
			dur = max(dur, got[id].End)
		}
		if dur != tt.duration {
			t.Errorf("W=%d: duration %d, want %d", tt.teams, dur, tt.duration)
		}
		if chain := strings.Join(criticalChain(acts), " "); chain != tt.critical {
			t.Errorf("W=%d: critical chain %q, want %q", tt.teams, chain, tt.critical)
		}
		for id, ph := range map[string]int{"a": 1, "b": 1, "c": 1, "d": 1} {
			if got[id].Phase != ph {
				t.Errorf("W=%d: %s phase %d, want %d", tt.teams, id, got[id].Phase, ph)
			}
		}
	}
	// With one team the critical path walks back through the team c freed for b.
	acts := diamond()
	schedule(t, acts, teams(1))
	if b := byID(acts)["b"]; b.FixedBy != "c" || b.FixedHow != FixedByResource {
		t.Errorf("b fixed by %q (%s), want c (resource)", b.FixedBy, b.FixedHow)
	}
}

func TestScheduleTiesAndZeroMonths(t *testing.T) {
	// Two teams, three ready activities of equal priority but for their latest start: the
	// one on the longest chain (x, then m, then after) first, then z, then y; a zero-month
	// milestone releases its successor (which holds nothing) in the same month.
	acts := []Activity{act("z", 4), act("y", 2), act("x", 3), act("m", 0, "x"), {ID: "after", Months: 1, DependsOn: []string{"m"}}}
	schedule(t, acts, teams(2))
	got := byID(acts)
	want := map[string][2]int{"x": {0, 3}, "z": {0, 4}, "y": {3, 5}, "m": {3, 3}, "after": {3, 4}}
	for id, w := range want {
		if got[id].Start != w[0] || got[id].End != w[1] {
			t.Errorf("%s at %d–%d, want %d–%d", id, got[id].Start, got[id].End, w[0], w[1])
		}
	}
	if got["y"].FixedBy != "x" || got["y"].FixedHow != FixedByResource {
		t.Errorf("y's start fixed by %q (%s), want x (whose end freed the team)", got["y"].FixedBy, got["y"].FixedHow)
	}
	if got["after"].Phase != 1 {
		t.Errorf("phase %d, want 1", got["after"].Phase)
	}
}

func TestScheduleCycle(t *testing.T) {
	acts := []Activity{act("a", 1, "c"), act("b", 1, "a"), act("c", 1, "b"), act("d", 1)}
	err := Schedule(acts, teams(2))
	if err == nil || err.Error() != "dependency cycle: a → c → b → a" {
		t.Errorf("error %v, want the cycle named", err)
	}
}

// Owners' capacity: raises and pilots of one owner never run more at once than its capacity;
// other owners and activities holding nothing are not held back.
func TestScheduleCapacity(t *testing.T) {
	mk := func(id, owner string, months int) Activity {
		return Activity{ID: id, Owner: owner, Months: months, Holds: HoldsOwner}
	}
	acts := []Activity{mk("j1", "justice", 6), mk("j2", "justice", 6), mk("j3", "justice", 6), mk("i1", "ict", 6),
		{ID: "procure", Months: 4}, {ID: "assess", Months: 1}}
	schedule(t, acts, Resources{Teams: 1, Capacity: map[string]int{"justice": 1}, DefaultCapacity: 2})
	got := byID(acts)
	starts := []int{got["j1"].Start, got["j2"].Start, got["j3"].Start}
	sort.Ints(starts)
	if fmt.Sprint(starts) != "[0 6 12]" {
		t.Errorf("justice raises start %v, want one at a time [0 6 12]", starts)
	}
	if got["i1"].Start != 0 || got["procure"].Start != 0 || got["assess"].Start != 0 {
		t.Errorf("ict raise, procure and assess should start at once: %d %d %d", got["i1"].Start, got["procure"].Start, got["assess"].Start)
	}
	// Capacity 2 (the default): two at once.
	acts = []Activity{mk("j1", "justice", 6), mk("j2", "justice", 6), mk("j3", "justice", 6)}
	schedule(t, acts, teams(1))
	if got := byID(acts); got["j3"].Start != 6 || got["j1"].Start+got["j2"].Start != 0 {
		t.Errorf("capacity 2: %+v", got)
	}
}

// fixture is a country needing INST-1, with the data-protection law at level 1 (Consent
// needs 3), the CERT unanswered (it gates the Information Mediator), Identity operational and
// Payments partial.
func fixture(t testing.TB) Input {
	t.Helper()
	fw, _, err := assess.Resolve("govstack-readiness")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]assess.Answers{
		"cybersecurity.data-protection-law": {{Level: assess.Int(1)}},
		"interoperability.framework":        {{Level: assess.Int(3)}},
		"legal.payments-regulation":         {{Level: assess.Int(3)}},
		"legal.e-transactions-law":          {{Value: assess.YesNo(true)}},
		"identity.legal-basis":              {{Level: assess.Int(4)}},
	}
	targets := assess.Targets{Indicators: map[string]assess.Target{"leadership.strategy": {Level: assess.Int(4), Year: 2029}}}
	sc := assess.Score(fw, answers, &targets)
	needs := catalog.Needs{
		UseCases:  []catalog.UseCaseRef{{ID: "inst-1"}},
		Inventory: map[string]catalog.InventoryItem{"identity": {Status: "operational"}, "payments": {Status: "partial", System: "Treasury switch", Owner: "finance"}},
	}
	return Input{
		Framework: fw, Score: sc, Match: cat.Match(needs, sc.Gates()), Targets: targets,
		AssessedOn: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), Workstreams: 3,
	}
}

func mustBuild(t testing.TB, in Input) *Plan {
	t.Helper()
	p, ps := Build(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	return p
}

func TestPlanFromMatch(t *testing.T) {
	p := mustBuild(t, fixture(t))
	if p.Start != time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("plan starts %v, want the month after the assessment", p.Start)
	}
	// The data-protection law (action law) goes from level 1 to 3: one law, 18 months and
	// 150,000 whatever the levels; it holds the justice ministry's capacity.
	raise := p.Activity("raise-cybersecurity.data-protection-law")
	if raise == nil || raise.Months != 18 || raise.Cost != 150000 || raise.ToLevel != 3 || raise.Holds != HoldsOwner || raise.Owner != "justice" {
		t.Fatalf("raise activity %+v", raise)
	}
	// Gates hold go-live, not building: Consent is built while the law is drafted, and the
	// pilot waits for the law.
	consent := p.Activity("build-consent")
	if contains(consent.DependsOn, raise.ID) || consent.Start >= raise.End {
		t.Errorf("build-consent (start %d, deps %v) should not wait for the law (end %d)", consent.Start, consent.DependsOn, raise.End)
	}
	pilot := p.Activity("pilot-inst-1")
	if !contains(pilot.Gates, raise.ID) || pilot.Start < raise.End {
		t.Errorf("pilot-inst-1 (start %d, gates %v) does not wait for the law (end %d)", pilot.Start, pilot.Gates, raise.End)
	}
	// An unanswered gate: its assessment holds the go-live of the pilot, not the build.
	if a := p.Activity("assess-cybersecurity.cert"); a == nil || !contains(pilot.Gates, a.ID) || contains(p.Activity("build-information-mediator").DependsOn, a.ID) || a.Holds != "" {
		t.Errorf("assess-cybersecurity.cert should hold the pilot, not the build: %+v", a)
	}
	// Identity is operational: nothing to build. Payments is partial: procured, then
	// upgraded by the inventory's owner, holding a delivery team.
	if p.Activity("build-identity") != nil || p.Activity("upgrade-identity") != nil {
		t.Error("an operational block got an activity")
	}
	up := p.Activity("upgrade-payments")
	if up == nil || up.Owner != "finance" || up.Months != 7 || !strings.Contains(up.Name, "Treasury switch") || up.Holds != HoldsTeam {
		t.Errorf("upgrade-payments %+v", up)
	}
	if pr := p.Activity("procure-payments"); pr == nil || pr.Kind != KindProcure || pr.Holds != "" || !contains(up.DependsOn, pr.ID) || pr.Months != 4 || pr.Cost != 40000 {
		t.Errorf("procure-payments %+v before %v", pr, up.DependsOn)
	}
	// The pilot waits for its last predecessor, then a national roll-out follows it.
	lastEnd := 0
	for _, d := range pilot.DependsOn {
		lastEnd = max(lastEnd, p.Activity(d).End)
	}
	if pilot.Start != lastEnd || len(pilot.DependsOn) == 0 {
		t.Errorf("pilot starts %d, its last predecessor ends %d", pilot.Start, lastEnd)
	}
	if sc := p.Activity("scale-inst-1"); sc == nil || sc.Kind != KindScale || !contains(sc.DependsOn, pilot.ID) || sc.Months != 12 || sc.Cost != 600000 || sc.Holds != HoldsOwner {
		t.Errorf("scale-inst-1 %+v", sc)
	}
	// Integration inside the pilot: 8 blocks of INST-1 at 60,000 plus the 300,000 pilot.
	if pilot.Cost != 300000+8*60000 {
		t.Errorf("pilot cost %v", pilot.Cost)
	}
	// The target on the strategy (unanswered, a policy raised per level) gets an assessment
	// and a raise to level 4: 4 levels × 6 months.
	if r := p.Activity("raise-leadership.strategy"); r == nil || !contains(r.DependsOn, "assess-leadership.strategy") || r.ToLevel != 4 || r.Months != 24 || r.DueYear != 2029 {
		t.Errorf("target raise %+v", r)
	}
	var total float64
	dur := 0
	for _, a := range p.Activities {
		total += a.Cost
		dur = max(dur, a.End)
		if a.Phase != a.Start/12+1 {
			t.Errorf("%s starts at %d in phase %d", a.ID, a.Start, a.Phase)
		}
	}
	if math.Abs(total-p.TotalCost) > 1e-6 || dur != p.Duration {
		t.Errorf("totals %v/%d, want %v/%d", p.TotalCost, p.Duration, total, dur)
	}
	if !p.Activity(p.Critical[len(p.Critical)-1]).Critical || p.Activity(p.Critical[len(p.Critical)-1]).End != p.Duration {
		t.Errorf("critical chain %v does not end at the plan's end", p.Critical)
	}
	checkPlan(t, p)
}

// checkPlan checks what must hold for every plan: no activity starts before its predecessors
// end, no resource is over-used, and the KPI projection reaches no level before the work that
// raises it ends.
func checkPlan(t *testing.T, p *Plan) {
	t.Helper()
	use := map[string][]int{}
	for _, a := range p.Activities {
		for _, d := range a.DependsOn {
			if p.Activity(d).End > a.Start {
				t.Errorf("%s starts at %d before its predecessor %s ends at %d", a.ID, a.Start, d, p.Activity(d).End)
			}
		}
		if key := a.Resource(); key != "" {
			for m := a.Start; m < a.End; m++ {
				for len(use[key]) <= m {
					use[key] = append(use[key], 0)
				}
				use[key][m]++
			}
		}
	}
	res := p.Resources()
	for key, months := range use {
		for m, n := range months {
			if n > res.Of(key) {
				t.Errorf("%s: %d activities at once in month %d, %d allowed", key, n, m, res.Of(key))
			}
		}
	}
	for _, k := range p.KPIs {
		if k.Kind != "indicator" {
			continue
		}
		for _, a := range p.Activities {
			if !contains(a.Raises, k.ID) {
				continue
			}
			for _, m := range k.Milestones {
				yearEnd := p.monthsTo(m.Year) - 1
				if m.Value != nil && k.BaselineVal != nil && *m.Value > *k.BaselineVal+1e-9 && a.End-1 > yearEnd {
					t.Errorf("%s reaches %v by %d but %s ends in month %d", k.ID, *m.Value, m.Year, a.ID, a.End-1)
				}
			}
			if k.Status != StatusNever && k.ReachedMonth >= 0 && k.ReachedMonth < a.End-1 {
				t.Errorf("%s reached in month %d before %s ends (%d)", k.ID, k.ReachedMonth, a.ID, a.End-1)
			}
		}
		if k.Unit == "level" || k.Unit == "yes/no" {
			for _, m := range k.Milestones {
				if m.Value != nil && *m.Value != math.Trunc(*m.Value) {
					t.Errorf("%s shows a fractional level %v in %d", k.ID, *m.Value, m.Year)
				}
			}
		}
	}
}

func TestPlanEdits(t *testing.T) {
	in := fixture(t)
	in.Edits = PlanEdits{
		Drop:   []string{"build-consent", "nothing-here", "procure-messaging", "scale-inst-1"},
		Change: map[string]ActivityChange{"upgrade-payments": {Owner: "treasury", Months: iptr(12)}},
		Add: []ActivitySpec{{ID: "train-cio", Name: "CIO training", Months: 6, Cost: 80000},
			{ID: "hire-team", Name: "Hire a team", Owner: "ict", Months: 3, Cost: 1, Holds: HoldsTeam}},
		Status: map[string]string{"upgrade-payments": "in-progress"},
	}
	p, ps := Build(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	for _, id := range []string{"build-consent", "procure-messaging", "scale-inst-1"} {
		if p.Activity(id) != nil {
			t.Errorf("dropped activity %s still planned", id)
		}
	}
	if contains(p.Activity("pilot-inst-1").DependsOn, "build-consent") || contains(p.Activity("build-messaging").DependsOn, "procure-messaging") {
		t.Error("dependant kept the dropped dependency")
	}
	var warned []string
	for _, pr := range ps {
		if pr.Warning {
			warned = append(warned, pr.Msg)
		}
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{"pilot-inst-1 depended on build-consent, which is dropped; it goes on without it", `plan drops "nothing-here"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
	up := p.Activity("upgrade-payments")
	if up.Owner != "treasury" || up.Months != 12 || up.Basis != BasisPlan || up.Status != "in-progress" || up.Start != 0 {
		t.Errorf("changed activity %+v", up)
	}
	if a := p.Activity("train-cio"); a == nil || a.Kind != KindCustom || a.Cost != 80000 || a.Holds != "" || a.Start != 0 {
		t.Errorf("added activity %+v", a)
	}
	if a := p.Activity("hire-team"); a == nil || a.Holds != HoldsTeam {
		t.Errorf("added activity holding a team %+v", a)
	}
	checkPlan(t, p)
	// A cycle through the planner's changes is an error naming it.
	in.Edits = PlanEdits{Change: map[string]ActivityChange{"build-messaging": {DependsOn: []string{"pilot-inst-1"}}}}
	_, ps = Build(in)
	if !ps.HasErrors() || !strings.Contains(fmt.Sprint(ps), "dependency cycle: build-messaging → pilot-inst-1 → build-messaging") {
		t.Errorf("cycle not reported: %v", ps)
	}
}

func iptr(i int) *int { return &i }

func TestFunding(t *testing.T) {
	in := fixture(t)
	in.Rates = map[string]float64{"EUR": 1.1}
	in.Investments = []Investment{
		{Funder: "Bank", Block: "payments", Amount: 400000, Currency: "USD"},
		{Funder: "Agency", Block: "payments", Amount: 200000, Currency: "EUR"},
		{Funder: "Bank", Activity: "build-consent", Amount: 100000},
		{Funder: "Fund", Block: "e-marketplace", Amount: 50000},
		{Funder: "Fund", Block: "identity", Amount: 70000},
		{Funder: "Fund", Activity: "pilot-agr-1", Amount: 30000},
	}
	p := mustBuild(t, in)
	f := p.Funding
	// Payments: 400,000 USD + 200,000 EUR × 1.1 = 620,000 against an upgrade of 600,000.
	if len(f.Duplicates) != 1 || f.Duplicates[0].Activity != "upgrade-payments" || strings.Join(f.Duplicates[0].Funders, ",") != "Agency,Bank" || math.Abs(f.Duplicates[0].Pledged-620000) > 1e-6 {
		t.Errorf("duplicates %+v", f.Duplicates)
	}
	var unneeded []string
	for _, u := range f.Unneeded {
		unneeded = append(unneeded, u.Target)
	}
	if strings.Join(unneeded, ",") != "e-marketplace,identity,pilot-agr-1" {
		t.Errorf("unneeded %v", unneeded)
	}
	gaps := map[string]FundingGap{}
	for _, g := range f.Gaps {
		gaps[g.Activity] = g
	}
	if g := gaps["build-consent"]; g.Gap != 350000 || g.Funded != 100000 {
		t.Errorf("consent gap %+v", g)
	}
	if _, ok := gaps["upgrade-payments"]; ok {
		t.Error("overfunded payments reported as a gap")
	}
	if math.Abs(f.Covered-(600000+100000)) > 1e-6 || len(f.TimingUnused) != 0 {
		t.Errorf("covered %v, timing unused %v", f.Covered, f.TimingUnused)
	}
	var funded, oneOff float64
	for _, y := range p.Budget {
		funded += y.Funded
		oneOff += y.OneOff
		if math.Abs(y.Unfunded-(y.Total-y.Funded)) > 1e-6 {
			t.Errorf("year %d: unfunded %v ≠ total %v − funded %v", y.Year, y.Unfunded, y.Total, y.Funded)
		}
	}
	if math.Abs(funded-700000) > 1e-6 || math.Abs(oneOff-p.TotalCost) > 1e-6 {
		t.Errorf("funded %v (want 700000), one-off %v (want %v)", funded, oneOff, p.TotalCost)
	}
	if math.Abs(f.Gap-(p.TotalCost-700000)) > 1e-6 {
		t.Errorf("gap %v, want %v", f.Gap, p.TotalCost-700000)
	}
	// A currency without a rate is an error naming the investment.
	in.Rates = nil
	_, ps := Build(in)
	if !ps.HasErrors() || fmt.Sprint(ps[0].Path) != "[investments 1 currency]" {
		t.Errorf("missing rate: %v", ps)
	}
}

// A pledge with years pays only for cost in those years; the rest is timing_unused.
func TestPledgeYears(t *testing.T) {
	in := fixture(t)
	in.Edits.Change = map[string]ActivityChange{"build-consent": {Months: iptr(12), Cost: fptr(1200000)}}
	p := mustBuild(t, in)
	c := p.Activity("build-consent")
	// 100,000 a month from its start; count what falls in its first calendar year.
	firstYear := p.Month(c.Start).Year()
	inFirst := 0.0
	for m := c.Start; m < c.End; m++ {
		if p.Month(m).Year() == firstYear {
			inFirst += 100000
		}
	}
	in.Investments = []Investment{{Funder: "Bank", Activity: "build-consent", Amount: 1000000, Years: []int{firstYear}},
		{Funder: "Fund", Activity: "build-consent", Amount: 50000, Years: []int{firstYear - 1}}}
	p = mustBuild(t, in)
	f := p.Funding
	if math.Abs(f.Covered-inFirst) > 1e-6 {
		t.Errorf("covered %v, want the %v that falls in %d", f.Covered, inFirst, firstYear)
	}
	if len(f.TimingUnused) != 2 || f.TimingUnused[0].Funder != "Bank" || math.Abs(f.TimingUnused[0].Amount-(1000000-inFirst)) > 1e-6 ||
		f.TimingUnused[1].Amount != 50000 || fmt.Sprint(f.TimingUnused[0].SpendYears) != fmt.Sprint([]int{firstYear, firstYear + 1}) {
		t.Errorf("timing unused %+v", f.TimingUnused)
	}
	for _, y := range p.Budget {
		if y.Year != firstYear && y.Funded != 0 {
			t.Errorf("%d funded %v: the pledges pay only in %d", y.Year, y.Funded, firstYear)
		}
	}
	// Without years the same pledge pays wherever the cost falls.
	in.Investments = []Investment{{Funder: "Bank", Activity: "build-consent", Amount: 1000000}}
	if p = mustBuild(t, in); p.Funding.Covered != 1000000 || len(p.Funding.TimingUnused) != 0 {
		t.Errorf("covered %v timing %v", p.Funding.Covered, p.Funding.TimingUnused)
	}
}

func fptr(f float64) *float64 { return &f }

func TestSharedVsSiloed(t *testing.T) {
	in := fixture(t)
	cat, _ := catalog.Default()
	in.Match = cat.Match(catalog.Needs{UseCases: []catalog.UseCaseRef{{ID: "inst-1"}, {ID: "hltc-1"}},
		Inventory: map[string]catalog.InventoryItem{"identity": {Status: "operational"}}}, in.Score.Gates())
	p := mustBuild(t, in)
	s := p.Shared
	// Eight blocks, each needed by both use cases: siloed is exactly twice shared.
	if len(s.Blocks) != 8 || math.Abs(s.Siloed-2*s.Shared) > 1e-6 || math.Abs(s.Savings-s.Shared) > 1e-6 {
		t.Errorf("shared %v siloed %v savings %v blocks %d", s.Shared, s.Siloed, s.Savings, len(s.Blocks))
	}
	for _, b := range s.Blocks {
		if b.Block == "identity" && b.Cost != 60000 {
			t.Errorf("identity share %v, want the integration only", b.Cost)
		}
	}
}
