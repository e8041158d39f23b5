package assess

import (
	"strings"
	"testing"
)

func embeddedRef(t *testing.T, ref string) *Framework {
	t.Helper()
	fw, mismatch, err := Resolve(ref)
	if err != nil || mismatch {
		t.Fatalf("%s: %v (mismatch %v)", ref, err, mismatch)
	}
	return fw
}

func gatesOn(fw *Framework, indicator, bb string) []Gate {
	var out []Gate
	if ind := fw.Indicator(indicator); ind != nil {
		for _, g := range ind.Gates {
			if g.BB == bb {
				out = append(out, g)
			}
		}
	}
	return out
}

// TestEveryGateSaysWhereItComesFrom: each gate of the shipped GovStack frameworks is either
// grounded in a spec (with a citation of a spec file) or a heuristic with a one-line why.
func TestEveryGateSaysWhereItComesFrom(t *testing.T) {
	for _, ref := range []string{"govstack-readiness@1.0.0", "govstack-readiness@1.1.0"} {
		fw := embeddedRef(t, ref)
		n := 0
		for _, ind := range fw.Indicators() {
			for _, g := range ind.Gates {
				n++
				switch g.Basis {
				case BasisSpec:
					if !strings.Contains(g.Source, "spec/") {
						t.Errorf("%s %s → %s: spec basis without a spec file citation: %q", ref, ind.ID, g.BB, g.Source)
					}
				case BasisHeuristic:
					for _, l := range []string{"en", "fr", "es"} {
						if g.Why[l] == "" || strings.Contains(g.Why[l], "\n") {
							t.Errorf("%s %s → %s: heuristic needs a one-line why in %s", ref, ind.ID, g.BB, l)
						}
					}
				default:
					t.Errorf("%s %s → %s: basis %q", ref, ind.ID, g.BB, g.Basis)
				}
			}
		}
		if n < 10 {
			t.Errorf("%s: only %d gates", ref, n)
		}
	}
}

// TestThreeGatesFixed: the e-procurement law no longer holds farmers' marketplaces, the
// Information Mediator waits for an appointed operator (not a national PKI), and the government-cloud
// gate is no longer circular.
func TestThreeGatesFixed(t *testing.T) {
	for _, ref := range []string{"govstack-readiness@1.0.0", "govstack-readiness@1.1.0"} {
		fw := embeddedRef(t, ref)
		gs := gatesOn(fw, "legal.e-procurement-law", "e-marketplace")
		if len(gs) != 1 || gs[0].Holds("agr-1") || gs[0].Holds("agr-2") || !gs[0].Holds("gov-auctions") {
			t.Errorf("%s: e-procurement gate %+v", ref, gs)
		}
		if g := gatesOn(fw, "cybersecurity.gov-hosting", "cloud-infrastructure"); len(g) != 0 {
			t.Errorf("%s: cloud infrastructure still waits for a government cloud", ref)
		}
	}
	fw := embeddedRef(t, "govstack-readiness@1.1.0")
	if g := gatesOn(fw, "interoperability.mediator-operator", "information-mediator"); len(g) != 1 || g[0].Basis != BasisSpec {
		t.Errorf("no spec gate for the mediator's operator: %+v", g)
	}
	if g := gatesOn(fw, "interoperability.mediator-operator", "information-mediator"); len(g) != 1 || !strings.Contains(g[0].Source, "§6.2") || !strings.Contains(g[0].Source, "§7.2.1") {
		t.Errorf("the operator gate does not cite registration (§6.2) and member certificates (§7.2.1): %+v", g)
	}
	// The mediator's member certificates and time-stamps are trust services its operator sets
	// up with the exchange (IM spec §7.1, §7.2.1); the spec asks for no national PKI for people,
	// so the PKI indicator (and the e-signature law before it) must not hold its go-live.
	if g := gatesOn(fw, "identity.pki", "information-mediator"); len(g) != 0 {
		t.Errorf("the Information Mediator waits for a national PKI, which its spec does not ask for: %+v", g)
	}
	if r := fw.Indicator("cybersecurity.gov-hosting").RaisedBy; r != "cloud-infrastructure" {
		t.Errorf("gov-hosting raised_by %q, want cloud-infrastructure", r)
	}
	if g := gatesOn(fw, "data.policy", "cloud-infrastructure"); len(g) != 1 {
		t.Errorf("cloud infrastructure has no non-circular gate: %+v", g)
	}
}

// TestFramework110 checks the shape of 1.1.0: 8-15 new indicators over 1.0.0, every 1.0.0
// indicator kept, and every indicator with a source, an action, texts in en/fr/es and, for
// numbers, a valid range.
func TestFramework110(t *testing.T) {
	old, fw := embeddedRef(t, "govstack-readiness@1.0.0"), embeddedRef(t, "govstack-readiness@1.1.0")
	for _, ind := range old.Indicators() {
		if fw.Indicator(ind.ID) == nil {
			t.Errorf("1.1.0 dropped %s", ind.ID)
		}
	}
	added := len(fw.Indicators()) - len(old.Indicators())
	if added < 8 || added > 15 {
		t.Errorf("1.1.0 adds %d indicators, want 8-15", added)
	}
	for _, want := range []string{"data.governance-body", "data.policy", "leadership.open-source-policy", "ecosystem.local-vendors",
		"ecosystem.skills-market", "capacity.change-management", "capacity.delivery-team", "connectivity.electricity-access",
		"identity.birth-registration", "systems.fmis", "systems.hrmis"} {
		if fw.Indicator(want) == nil {
			t.Errorf("1.1.0 lacks %s", want)
		}
	}
	for _, ind := range fw.Indicators() {
		if strings.TrimSpace(ind.Source) == "" {
			t.Errorf("%s has no source", ind.ID)
		}
		if ind.Action == "" {
			t.Errorf("%s has no action", ind.ID)
		}
		if ind.Kind == KindNumber && len(ind.Valid) != 2 {
			t.Errorf("%s: a number without a valid range", ind.ID)
		}
		for _, l := range []string{"en", "fr", "es"} {
			if ind.Name[l] == "" || ind.Question[l] == "" {
				t.Errorf("%s: name or question missing in %s", ind.ID, l)
			}
			for lv, r := range ind.Rubric {
				if r[l] == "" {
					t.Errorf("%s: rubric %d missing in %s", ind.ID, lv, l)
				}
			}
		}
	}
	// No version asked: the newest; an exact version: that one.
	if fw2, _, _ := Resolve("govstack-readiness"); fw2.Version != "1.1.0" {
		t.Errorf("govstack-readiness resolves to %s", fw2.Ref())
	}
	if fw2, mm, _ := Resolve("govstack-readiness@0.9.0"); fw2.Version != "1.0.0" || !mm {
		t.Errorf("0.9.0 resolves to %s (mismatch %v), want the nearest, 1.0.0", fw2.Ref(), mm)
	}
}

func TestGateBasisIsChecked(t *testing.T) {
	base := "id: f\nversion: 1.0.0\nname: F\nscale: {min: 0, max: 4}\nbands: [{min: 0, name: low}]\npillars:\n  - id: p\n    name: P\n    indicators:\n      - {id: p.a, kind: yesno, question: Q, gates: [%s]}\n"
	for _, tt := range []struct{ gate, want string }{
		{"{bb: payments, min: 4, basis: guess}", `gate basis "guess" is not one of spec, heuristic`},
		{"{bb: payments, min: 4, basis: spec}", "needs a source citing the spec file"},
		{"{bb: payments, min: 4, basis: heuristic}", "needs a one-line why"},
		{"{bb: payments, min: 4, except_use_cases: [Bad Id], basis: heuristic, why: w}", `gate use case "Bad Id" is not a valid id`},
	} {
		_, err := ParseFramework("f.yaml", []byte(strings.Replace(base, "%s", tt.gate, 1)))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "f.yaml:10:") {
			t.Errorf("%s: %v, want %q at f.yaml:10", tt.gate, err, tt.want)
		}
	}
	fw, err := ParseFramework("f.yaml", []byte(strings.Replace(base, "%s", "{bb: payments, min: 4, except_use_cases: [AGR-1], basis: spec, source: spec/x.md}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if g := fw.Indicator("p.a").Gates[0]; g.Holds("agr-1") || !g.Holds("inst-1") {
		t.Errorf("except_use_cases not applied (ids are lower-cased): %+v", g)
	}
}
