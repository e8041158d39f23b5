package assess

import (
	"math"
	"strings"
	"testing"

	"github.com/govplan/govplan/internal/yamlx"
)

const handFramework = `
id: hand
version: 1.0.0
name: Hand-computed
scale: {min: 0, max: 4, names: [A, B, C, D, E]}
bands:
  - {min: 0, name: Low}
  - {min: 0.25, name: Lower}
  - {min: 0.5, name: Middle}
  - {min: 0.75, name: High}
aggregate: mean
pillars:
  - id: p1
    name: Pillar one
    weight: 2
    indicators:
      - {id: p1.a, kind: level, weight: 2, question: "A?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}}
      - {id: p1.b, kind: yesno, question: "B?", gates: [{bb: payments, min: 4}]}
      - {id: p1.c, kind: number, unit: "%", question: "C?", thresholds: [10, 20, 30, 40]}
      - {id: p1.d, kind: level, question: "D?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}}
      - {id: p1.e, kind: level, question: "E?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, gates: [{bb: identity, min: 2}]}
  - id: p2
    name: Pillar two
    indicators:
      - {id: p2.f, kind: number, unit: USD, question: "F?", range: [0, 200], better: lower}
      - {id: p2.g, kind: level, weight: 3, question: "G?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, gates: [{bb: consent, min: 3}]}
      - {id: p2.h, kind: number, unit: "%", question: "H?", thresholds: [2, 5, 10, 20], better: lower}
  - id: p3
    name: Pillar three
    indicators:
      - {id: p3.i, kind: yesno, question: "I?"}
      - {id: p3.j, kind: yesno, question: "J?"}
`

func mustFramework(t testing.TB, src string) *Framework {
	t.Helper()
	fw, err := ParseFramework("hand.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func near(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = null, want %.12f", what, want)
		return
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %.12f, want %.12f", what, *got, want)
	}
}

func TestHandComputedScore(t *testing.T) {
	fw := mustFramework(t, handFramework)
	answers := map[string]Answers{
		"p1.a":  {{Level: Int(3), By: "x"}},
		"P1.B":  {{Value: YesNo(true), By: "x"}, {Value: YesNo(false), By: "y"}},
		"p1.c":  {{Value: Number(25)}},
		"p1.d":  {{NA: true}},
		"p1.e":  {{}},
		"p2.f":  {{Value: Number(50)}},
		"p2.g":  {{Level: Int(1), By: "x"}, {Level: Int(4), By: "y"}},
		"p2.h":  {{Value: Number(1)}},
		"p3.i":  {{NA: true}, {NA: true}},
		"old.k": {{Level: Int(2)}},
	}
	targets := &Targets{
		Indicators: map[string]Target{"p1.a": {Level: Int(4), Year: 2028}},
		Pillars:    map[string]Target{"p2": {Score: ptr(0.8), Year: 2029}},
	}
	sc := Score(fw, answers, targets)

	// p1: a 0.75 (w2), b mean(1,0)=0.5 (w1), c 25 → level 2 → 0.5 (w1); d N/A; e unanswered.
	near(t, "p1.a", sc.Indicator("p1.a").Score, 0.75)
	near(t, "p1.b", sc.Indicator("p1.b").Score, 0.5)
	near(t, "p1.c", sc.Indicator("p1.c").Score, 0.5)
	near(t, "p1", sc.Pillar("p1").Score, (2*0.75+0.5+0.5)/4)
	near(t, "p1 completeness", sc.Pillar("p1").Completeness, 3.0/4)
	// p2: f 1-50/200 = 0.75 (w1), g mean(0.25, 1) = 0.625 (w3), h 1 ≤ 2 → level 4 → 1 (w1).
	near(t, "p2.f", sc.Indicator("p2.f").Score, 0.75)
	near(t, "p2.g", sc.Indicator("p2.g").Score, 0.625)
	near(t, "p2.h", sc.Indicator("p2.h").Score, 1)
	p2 := (0.75 + 3*0.625 + 1) / 5
	near(t, "p2", sc.Pillar("p2").Score, p2)
	near(t, "p2 gap", sc.Pillar("p2").Gap, 0.8-p2)
	// p3: every answer N/A or missing → no score.
	if sc.Pillar("p3").Score != nil {
		t.Errorf("p3 has a score %v, want null", *sc.Pillar("p3").Score)
	}
	if got := sc.Indicator("p3.i").Status; got != StatusNA {
		t.Errorf("p3.i status %q, want na", got)
	}
	overall := (2*0.625 + 1*p2) / 3
	near(t, "overall", sc.Overall.Score, overall)
	near(t, "overall completeness", sc.Overall.Completeness, 6.0/8)
	if sc.Overall.Band == nil || sc.Overall.Band.Name.String() != "Middle" {
		t.Errorf("band %v, want Middle", sc.Overall.Band)
	}
	if strings.Join(sc.Overall.Unscored, ",") != "p3" {
		t.Errorf("unscored %v, want [p3]", sc.Overall.Unscored)
	}
	near(t, "p1.a gap", sc.Indicator("p1.a").Gap, 0.25)
	if sc.Indicator("p1.c").Gap != nil {
		t.Error("p1.c has a gap without a target")
	}
	for id, want := range map[string]bool{"p1.a": false, "p1.b": true, "p2.g": true, "p2.f": false} {
		if got := sc.Indicator(id).Disputed; got != want {
			t.Errorf("%s disputed = %v, want %v", id, got, want)
		}
	}
	if strings.Join(sc.Unknown, ",") != "old.k" {
		t.Errorf("unknown answers %v, want [old.k]", sc.Unknown)
	}
	gates := map[string]GateState{}
	for _, g := range sc.Gates() {
		gates[g.BB] = g
	}
	if g := gates["consent"]; g.State != GateUnmet || math.Abs(*g.Current-2.5) > 1e-9 {
		t.Errorf("consent gate %+v, want unmet at 2.5", g)
	}
	if g := gates["payments"]; g.State != GateUnmet || math.Abs(*g.Current-2) > 1e-9 {
		t.Errorf("payments gate %+v, want unmet at 2 (yes and no average to 0.5)", g)
	}
	if g := gates["identity"]; g.State != GateUnknown || g.Current != nil {
		t.Errorf("identity gate %+v, want unknown", g)
	}
}

func TestAggregationRules(t *testing.T) {
	levels := []int{0, 1, 3, 4}
	tests := []struct {
		rule string
		want float64
	}{
		{"mean", (0 + 0.25 + 0.75 + 1) / 4},
		{"median", (0.25 + 0.75) / 2}, // even count: mean of the middle two, not a whole level
		{"min", 0},
		{"max", 1},
	}
	for _, tt := range tests {
		fw := mustFramework(t, strings.Replace(handFramework, "aggregate: mean", "aggregate: "+tt.rule, 1))
		var as Answers
		for _, l := range levels {
			as = append(as, Answer{Level: Int(l)})
		}
		sc := Score(fw, map[string]Answers{"p1.a": as}, nil)
		near(t, tt.rule, sc.Indicator("p1.a").Score, tt.want)
		if !sc.Indicator("p1.a").Disputed {
			t.Errorf("%s: levels 0..4 not disputed", tt.rule)
		}
	}
	fw := mustFramework(t, strings.Replace(handFramework, "aggregate: mean", "aggregate: median", 1))
	sc := Score(fw, map[string]Answers{"p1.a": {{Level: Int(1)}, {Level: Int(2)}, {Level: Int(4)}}}, nil)
	near(t, "median of three", sc.Indicator("p1.a").Score, 0.5)
}

func TestThresholdLevels(t *testing.T) {
	fw := mustFramework(t, handFramework)
	higher := fw.Indicator("p1.c") // [10, 20, 30, 40]
	lower := fw.Indicator("p2.h")  // [2, 5, 10, 20], lower is better
	for _, tt := range []struct {
		ind  *Indicator
		v    float64
		want int
	}{
		{higher, 9.99, 0}, {higher, 10, 1}, {higher, 39.9, 3}, {higher, 40, 4}, {higher, 1e9, 4},
		{lower, 1, 4}, {lower, 2, 4}, {lower, 2.01, 3}, {lower, 10, 2}, {lower, 20, 1}, {lower, 20.5, 0},
	} {
		if got := fw.ThresholdLevel(tt.ind, tt.v); got != tt.want {
			t.Errorf("%s value %g: level %d, want %d", tt.ind.ID, tt.v, got, tt.want)
		}
	}
	// Range scoring clamps, and lower-is-better reverses it.
	f := fw.Indicator("p2.f")
	for v, want := range map[float64]float64{-10: 1, 0: 1, 100: 0.5, 200: 0, 500: 0} {
		near(t, "range", fw.AnswerScore(f, Answer{Value: Number(v)}), want)
	}
}

func TestNumberDisputes(t *testing.T) {
	fw := mustFramework(t, handFramework)
	// thresholds: levels 2 apart → disputed; 1 apart → not.
	sc := Score(fw, map[string]Answers{
		"p1.c": {{Value: Number(12)}, {Value: Number(31)}}, // levels 1 and 3
		"p2.h": {{Value: Number(3)}, {Value: Number(6)}},   // levels 3 and 2
		"p2.f": {{Value: Number(0)}, {Value: Number(100)}}, // range scores 1 and 0.5
	}, nil)
	if !sc.Indicator("p1.c").Disputed || sc.Indicator("p2.h").Disputed || !sc.Indicator("p2.f").Disputed {
		t.Errorf("disputes: c=%v h=%v f=%v, want true false true", sc.Indicator("p1.c").Disputed, sc.Indicator("p2.h").Disputed, sc.Indicator("p2.f").Disputed)
	}
}

func TestNothingAnswered(t *testing.T) {
	fw := mustFramework(t, handFramework)
	sc := Score(fw, nil, nil)
	if sc.Overall.Score != nil || sc.Overall.Band != nil {
		t.Error("overall scored with no answers")
	}
	near(t, "completeness", sc.Overall.Completeness, 0)
	if len(sc.Overall.Unscored) != 3 {
		t.Errorf("unscored %v", sc.Overall.Unscored)
	}
	// All N/A: 0 applicable, completeness null.
	all := map[string]Answers{}
	for _, ind := range fw.Indicators() {
		all[ind.ID] = Answers{{NA: true}}
	}
	sc = Score(fw, all, nil)
	if sc.Overall.Completeness != nil {
		t.Errorf("completeness %v with nothing applicable, want null", *sc.Overall.Completeness)
	}
}

func TestValidateAnswers(t *testing.T) {
	fw := mustFramework(t, handFramework)
	answers := map[string]Answers{
		"p1.a":   {{Level: Int(5)}},
		"p1.b":   {{Level: Int(2)}},
		"p1.c":   {{Value: YesNo(true)}},
		"p2.g":   {{Level: Int(1), By: "nobody"}},
		"p2.h":   {{Value: Number(1), Confidence: "certain"}},
		"x.y":    {{Level: Int(1)}},
		"p3.i":   {{NA: true, Value: YesNo(true)}},
		"p1.d":   {{Level: Int(2), By: "ict"}, {Level: Int(2), By: "ict"}},
		"p3.j":   {{Value: YesNo(false)}},
		"p2.f":   {{Value: Number(3)}},
		"p1.e":   {},
		"BAD ID": {{Level: Int(1)}},
	}
	ps := fw.ValidateAnswers(answers, Targets{Pillars: map[string]Target{"p9": {Score: ptr(0.5)}, "p1": {Score: ptr(75)}}}, map[string]bool{"ict": true})
	var errs, warns []string
	for _, p := range ps {
		if p.Warning {
			warns = append(warns, p.Msg)
		} else {
			errs = append(errs, yamlx.PathString(p.Path)+": "+p.Msg)
		}
	}
	wantErrs := []string{"outside the scale", "yes/no indicator", "must be a number", "not a ministry", "confidence", "marked na", "two answers", "not a valid indicator id", "no pillar", "outside 0..1"}
	joined := strings.Join(errs, "\n")
	for _, w := range wantErrs {
		if !strings.Contains(joined, w) {
			t.Errorf("no error mentioning %q in:\n%s", w, joined)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("%d errors, want %d:\n%s", len(errs), len(wantErrs), joined)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `"x.y"`) {
		t.Errorf("warnings %v, want one about x.y", warns)
	}
}
