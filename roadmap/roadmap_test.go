package roadmap

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

func act(id string, months int, deps ...string) Activity {
	return Activity{ID: id, Months: months, DependsOn: deps, Cost: 100}
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
		workstreams int
		starts      map[string]int
		duration    int
		critical    string
	}{
		// One workstream: a, then b and c in id order, then d.
		{1, map[string]int{"a": 0, "b": 2, "c": 5, "d": 9}, 10, "a b c d"},
		// Two: b and c run side by side; d waits for c, the longer branch.
		{2, map[string]int{"a": 0, "b": 2, "c": 2, "d": 6}, 7, "a c d"},
		{3, map[string]int{"a": 0, "b": 2, "c": 2, "d": 6}, 7, "a c d"},
	}
	for _, tt := range tests {
		acts := diamond()
		if err := Schedule(acts, tt.workstreams); err != nil {
			t.Fatal(err)
		}
		got := byID(acts)
		dur := 0
		for id, start := range tt.starts {
			if got[id].Start != start || got[id].End != start+got[id].Months {
				t.Errorf("W=%d: %s at %d–%d, want start %d", tt.workstreams, id, got[id].Start, got[id].End, start)
			}
			dur = max(dur, got[id].End)
		}
		if dur != tt.duration {
			t.Errorf("W=%d: duration %d, want %d", tt.workstreams, dur, tt.duration)
		}
		if chain := strings.Join(criticalChain(acts), " "); chain != tt.critical {
			t.Errorf("W=%d: critical chain %q, want %q", tt.workstreams, chain, tt.critical)
		}
		for id, w := range map[string]int{"a": 1, "b": 2, "c": 2, "d": 3} {
			if got[id].Wave != w {
				t.Errorf("W=%d: %s wave %d, want %d", tt.workstreams, id, got[id].Wave, w)
			}
		}
	}
}

func TestScheduleTiesAndZeroMonths(t *testing.T) {
	// Two workstreams, four ready activities: the smaller ids start first; a zero-month
	// milestone releases its successor in the same month.
	acts := []Activity{act("z", 4), act("y", 2), act("x", 3), act("m", 0, "x"), act("after", 1, "m")}
	if err := Schedule(acts, 2); err != nil {
		t.Fatal(err)
	}
	got := byID(acts)
	// "after" waits for m, so at month 0 only x, y, z are ready: x and y start; z takes the
	// workstream y frees at 2; m (0 months) follows x at 3 and "after" starts the same month.
	want := map[string][2]int{"x": {0, 3}, "y": {0, 2}, "z": {2, 6}, "m": {3, 3}, "after": {3, 4}}
	for id, w := range want {
		if got[id].Start != w[0] || got[id].End != w[1] {
			t.Errorf("%s at %d–%d, want %d–%d", id, got[id].Start, got[id].End, w[0], w[1])
		}
	}
	if got["z"].FixedBy != "y" {
		t.Errorf("z's start fixed by %q, want y (whose end freed the workstream)", got["z"].FixedBy)
	}
}

func TestScheduleCycle(t *testing.T) {
	acts := []Activity{act("a", 1, "c"), act("b", 1, "a"), act("c", 1, "b"), act("d", 1)}
	err := Schedule(acts, 2)
	if err == nil || err.Error() != "dependency cycle: a → c → b → a" {
		t.Errorf("error %v, want the cycle named", err)
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
	// The gate: Consent waits for the data-protection law to go from level 1 to 3: two
	// levels at the default 6 months and 75,000 each.
	raise := p.Activity("raise-cybersecurity.data-protection-law")
	if raise == nil || raise.Months != 12 || raise.Cost != 150000 || raise.ToLevel != 3 {
		t.Fatalf("raise activity %+v", raise)
	}
	consent := p.Activity("build-consent")
	if !contains(consent.DependsOn, raise.ID) || consent.Start < raise.End {
		t.Errorf("build-consent (start %d, deps %v) does not wait for the law (end %d)", consent.Start, consent.DependsOn, raise.End)
	}
	// An unanswered gate gets an assessment before the block it gates.
	if a := p.Activity("assess-cybersecurity.cert"); a == nil || !contains(p.Activity("build-information-mediator").DependsOn, a.ID) {
		t.Errorf("no assess-cybersecurity.cert before build-information-mediator")
	}
	// Identity is operational: nothing to build. Payments is partial: an upgrade owned by the
	// inventory's owner.
	if p.Activity("build-identity") != nil || p.Activity("upgrade-identity") != nil {
		t.Error("an operational block got an activity")
	}
	if up := p.Activity("upgrade-payments"); up == nil || up.Owner != "finance" || up.Months != 7 || !strings.Contains(up.Name, "Treasury switch") {
		t.Errorf("upgrade-payments %+v", up)
	}
	// The pilot waits for its last block.
	pilot := p.Activity("pilot-inst-1")
	lastEnd := 0
	for _, d := range pilot.DependsOn {
		lastEnd = max(lastEnd, p.Activity(d).End)
	}
	if pilot.Start != lastEnd || len(pilot.DependsOn) == 0 {
		t.Errorf("pilot starts %d, its last block ends %d", pilot.Start, lastEnd)
	}
	// Integration inside the pilot: 8 blocks of INST-1 at 60,000 plus the 300,000 pilot.
	if pilot.Cost != 300000+8*60000 {
		t.Errorf("pilot cost %v", pilot.Cost)
	}
	// The target on the strategy (unanswered) gets an assessment and a raise to level 4.
	if r := p.Activity("raise-leadership.strategy"); r == nil || !contains(r.DependsOn, "assess-leadership.strategy") || r.ToLevel != 4 {
		t.Errorf("target raise %+v", r)
	}
	var total float64
	dur := 0
	for _, a := range p.Activities {
		total += a.Cost
		dur = max(dur, a.End)
		for _, d := range a.DependsOn {
			if p.Activity(d).End > a.Start {
				t.Errorf("%s starts at %d before its dependency %s ends at %d", a.ID, a.Start, d, p.Activity(d).End)
			}
		}
	}
	if math.Abs(total-p.TotalCost) > 1e-6 || dur != p.Duration {
		t.Errorf("totals %v/%d, want %v/%d", p.TotalCost, p.Duration, total, dur)
	}
	if !p.Activity(p.Critical[len(p.Critical)-1]).Critical || p.Activity(p.Critical[len(p.Critical)-1]).End != p.Duration {
		t.Errorf("critical chain %v does not end at the plan's end", p.Critical)
	}
	// Never more activities at once than workstreams.
	for m := 0; m < p.Duration; m++ {
		n := 0
		for _, a := range p.Activities {
			if a.Start <= m && m < a.End {
				n++
			}
		}
		if n > p.Workstreams {
			t.Errorf("month %d runs %d activities", m, n)
		}
	}
}

func TestPlanEdits(t *testing.T) {
	in := fixture(t)
	in.Edits = PlanEdits{
		Drop:   []string{"build-consent", "nothing-here"},
		Change: map[string]ActivityChange{"upgrade-payments": {Owner: "treasury", Months: iptr(12)}},
		Add:    []ActivitySpec{{ID: "train-cio", Name: "CIO training", Months: 6, Cost: 80000}},
		Status: map[string]string{"upgrade-payments": "in-progress"},
	}
	p, ps := Build(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	if p.Activity("build-consent") != nil {
		t.Error("dropped activity still planned")
	}
	if contains(p.Activity("pilot-inst-1").DependsOn, "build-consent") {
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
	if up.Owner != "treasury" || up.Months != 12 || up.Basis != BasisPlan || up.Status != "in-progress" {
		t.Errorf("changed activity %+v", up)
	}
	if a := p.Activity("train-cio"); a == nil || a.Kind != KindCustom || a.Cost != 80000 {
		t.Errorf("added activity %+v", a)
	}
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
	// Consent costs 450,000; 100,000 pledged leaves a 350,000 gap; payments is covered.
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
	if math.Abs(f.Covered-(600000+100000)) > 1e-6 {
		t.Errorf("covered %v", f.Covered)
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
	// Identity is reused: only its integration counts.
	for _, b := range s.Blocks {
		if b.Block == "identity" && b.Cost != 60000 {
			t.Errorf("identity share %v, want the integration only", b.Cost)
		}
	}
}

func TestKPIs(t *testing.T) {
	in := fixture(t)
	in.Targets.Pillars = map[string]assess.Target{"legal": {Score: ptr(0.9), Year: 2029}}
	in.Score = assess.Score(in.Framework, map[string]assess.Answers{
		"legal.e-transactions-law":  {{Value: assess.YesNo(true)}},
		"legal.payments-regulation": {{Level: assess.Int(2)}},
	}, &in.Targets)
	p := mustBuild(t, in)
	var legal *KPI
	for i := range p.KPIs {
		if p.KPIs[i].ID == "legal" {
			legal = &p.KPIs[i]
		}
	}
	if legal == nil || legal.Baseline == nil {
		t.Fatalf("no legal KPI: %+v", p.KPIs)
	}
	// Baseline (1 + 0.5)/2 = 0.75 in 2026 → 0.9 in 2029: 0.8, 0.85, 0.9.
	want := map[int]float64{2027: 0.8, 2028: 0.85, 2029: 0.9}
	for _, m := range legal.Milestones {
		if w, ok := want[m.Year]; ok && math.Abs(m.Score-w) > 1e-9 {
			t.Errorf("%d milestone %v, want %v", m.Year, m.Score, w)
		}
	}
	if legal.Milestones[0].Year != 2027 || legal.DueYear != 2029 {
		t.Errorf("milestones %+v", legal.Milestones)
	}
	if p.Activity("raise-pillar-legal") == nil {
		t.Error("no programme for the unmet pillar target")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
