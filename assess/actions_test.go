package assess

import (
	"strings"
	"testing"
)

const actionsFramework = `
id: acts
version: 1.0.0
name: Actions
scale: {min: 0, max: 4}
bands: [{min: 0, name: Low}]
pillars:
  - id: legal
    name: Legal
    indicators:
      - {id: legal.dp-law, kind: level, question: "Law?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: law,
         gates: [{bb: consent, min: 3, use_cases: [HLTC-1]}]}
      - {id: legal.dpa, kind: level, question: "Authority?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, action: institution, after: [Legal.DP-Law]}
      - {id: legal.exchange, kind: level, question: "Exchange?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, raised_by: Information-Mediator}
      - {id: legal.other, kind: level, question: "Other?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}}
  - id: conn
    name: Connectivity
    indicators:
      - {id: conn.broadband, kind: number, unit: "%", question: "Broadband?", thresholds: [20, 40, 60, 80], valid: [0, 100], action: infrastructure}
`

func TestActionFieldsParsed(t *testing.T) {
	fw := mustFramework(t, actionsFramework)
	law := fw.Indicator("legal.dp-law")
	if law.Action != ActionLaw || len(law.Gates[0].UseCases) != 1 || law.Gates[0].UseCases[0] != "hltc-1" {
		t.Errorf("law: action %q, gate use cases %v", law.Action, law.Gates[0].UseCases)
	}
	if !law.Gates[0].Holds("hltc-1") || law.Gates[0].Holds("inst-1") {
		t.Errorf("a gate limited to hltc-1 should hold hltc-1 only")
	}
	if !(Gate{BB: "x"}).Holds("any") {
		t.Errorf("a gate without use_cases holds every use case")
	}
	if dpa := fw.Indicator("legal.dpa"); dpa.Action != ActionInstitution || len(dpa.After) != 1 || dpa.After[0] != "legal.dp-law" {
		t.Errorf("dpa: action %q after %v", dpa.Action, dpa.After)
	}
	if ex := fw.Indicator("legal.exchange"); ex.RaisedBy != "information-mediator" {
		t.Errorf("raised_by %q, want it lower-cased", ex.RaisedBy)
	}
	if o := fw.Indicator("legal.other"); o.Action != ActionPolicy {
		t.Errorf("default action %q, want policy", o.Action)
	}
	bb := fw.Indicator("conn.broadband")
	if !bb.InValid(0) || !bb.InValid(100) || bb.InValid(100.5) || bb.InValid(-1) {
		t.Errorf("valid range [0, 100] not applied")
	}
	if err := fw.CheckGateBlocks(func(id string) bool { return id != "information-mediator" }, "consent"); err == nil ||
		!strings.Contains(err.Error(), "raised_by names unknown building block") || !strings.Contains(err.Error(), "hand.yaml:14:117") {
		t.Errorf("an unknown raised_by block should be an error with its line, got %v", err)
	}
}

func TestActionFieldsRefused(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"action: law,", "action: decree,", `acts.yaml:11:107:`},
		{"action: law,", "action: decree,", `action "decree" is not one of law, institution`},
		{"after: [Legal.DP-Law]", "after: [legal.nothing]", `after names "legal.nothing"`},
		{"after: [Legal.DP-Law]", "after: [legal.dpa]", "after may not name the indicator itself"},
		{"after: [Legal.DP-Law]", "after: [BAD ID]", "not a valid indicator id"},
		{"valid: [0, 100]", "valid: [100, 0]", "valid high (0) must be greater than low (100)"},
		{"valid: [0, 100]", "valid: [0]", "valid needs two numbers"},
		{"raised_by: Information-Mediator}", "raised_by: Information-Mediator, valid: [0, 1]}", `"valid" is only allowed on kind number`},
		{"use_cases: [HLTC-1]", "use_cases: [BAD ID]", "gate use case"},
		{"action: law,", "action: law, after: [legal.dpa],", "after makes a cycle: legal.dp-law → legal.dpa → legal.dp-law"},
	} {
		src := strings.Replace(actionsFramework, c.from, c.to, 1)
		if src == actionsFramework {
			t.Fatalf("%q not in the framework", c.from)
		}
		_, err := ParseFramework("acts.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "acts.yaml:") {
			t.Errorf("%s → %s: error %v, want %q with file:line:col", c.from, c.to, err, c.want)
		}
	}
}

func TestValueOutsideValidRefused(t *testing.T) {
	fw := mustFramework(t, actionsFramework)
	ps := fw.ValidateAnswers(map[string]Answers{
		"conn.broadband": {{Value: Number(120)}},
	}, Targets{Indicators: map[string]Target{"conn.broadband": {Value: Number(-5), Year: 2030}}}, nil)
	if len(ps) != 2 {
		t.Fatalf("%d problems, want 2 (the answer and the target): %v", len(ps), ps)
	}
	for _, p := range ps {
		if p.Warning || !strings.Contains(p.Msg, "outside the valid range 0..100") {
			t.Errorf("problem %+v, want an error about the valid range", p)
		}
	}
	if ps := fw.ValidateAnswers(map[string]Answers{"conn.broadband": {{Value: Number(100)}}}, Targets{}, nil); len(ps) != 0 {
		t.Errorf("100 is inside [0, 100], got %v", ps)
	}
}
