package roadmap

import (
	"strings"
	"testing"
)

// The plan's problems keep their English message and show it in the reader's language; the
// warnings a plan carries are in the plan's language; why a pledge is not needed is data
// (output/words says it).
func TestPlanMessagesInLanguage(t *testing.T) {
	in := fixture(t)
	in.Lang = "fr"
	in.Edits = PlanEdits{Drop: []string{"nothing-here"}}
	in.Investments = []Investment{
		{Funder: "Fund", Block: "identity", Amount: 70000},
		{Funder: "Bank", Block: "payments", Amount: 1000, Currency: "XOF"},
	}
	_, ps := Build(in)
	var fr []string
	for _, p := range ps {
		fr = append(fr, p.In("fr"))
	}
	all := strings.Join(fr, "\n")
	for _, want := range []string{
		`le plan retire "nothing-here", qu'il ne contient pas ; ignoré`,
		"l'investissement de Bank est en XOF mais exchange_rates n'a pas de taux pour XOF (vers USD)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("French problems lack %q:\n%s", want, all)
		}
	}
	for _, p := range ps {
		if strings.Contains(p.Msg, "retire") || strings.Contains(p.Msg, "investissement") {
			t.Errorf("Msg is not English: %q", p.Msg)
		}
	}

	in.Investments = in.Investments[:1]
	p := mustBuild(t, in)
	if len(p.Warnings) != 1 || p.Warnings[0] != `le plan retire "nothing-here", qu'il ne contient pas ; ignoré` {
		t.Errorf("plan warnings %q, want them in French", p.Warnings)
	}
	if len(p.Funding.Unneeded) != 1 || !p.Funding.Unneeded[0].Block || p.Funding.Unneeded[0].Target != "identity" {
		t.Errorf("unneeded %+v, want the pledge to identity, a block the plan does not build", p.Funding.Unneeded)
	}

	// A cycle made by the planner's changes.
	in.Edits = PlanEdits{Change: map[string]ActivityChange{"build-messaging": {DependsOn: []string{"pilot-inst-1"}}}}
	_, ps = Build(in)
	want := "cycle de dépendances : build-messaging → pilot-inst-1 → build-messaging"
	found := false
	for _, p := range ps {
		found = found || p.In("fr") == want
	}
	if !found {
		t.Errorf("no %q among %v", want, ps)
	}
}
