package assess

import (
	"fmt"
	"github.com/govplan/govplan/internal/yamlx"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// cmpFramework has two pillars: a (a.x, a.y; weight 1) and b (b.z; weight 3), scored 0..1
// linearly, with bands Low (0) and High (0.5).
const cmpFramework = `
id: t
version: "1"
name: Test
scale: {min: 0, max: 4}
bands:
  - {min: 0, name: Low}
  - {min: 0.5, name: High}
pillars:
  - id: a
    name: Pillar A
    weight: 1
    indicators:
      - {id: a.x, kind: number, range: [0, 1], question: "x?"}
      - {id: a.y, kind: number, range: [0, 1], question: "y?"}
  - id: b
    name: Pillar B
    weight: 3
    indicators:
      - {id: b.z, kind: number, range: [0, 1], question: "z?"}
`

// cmpEntry makes an assessment answering the indicators given (id, value, id, value, ...).
func cmpEntry(fw *Framework, name, iso, date string, kv ...any) *CompareEntry {
	e := &CompareEntry{File: strings.ToLower(name) + ".yaml", Name: name, ISO3: iso, Date: date, Framework: fw, Answers: map[string]Answers{}}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Answers[kv[i].(string)] = Answers{{Value: Number(kv[i+1].(float64))}}
	}
	return e
}

func cmpNear(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-9 }

func cmpShow(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func TestCompareRanksBandsSpread(t *testing.T) {
	fw := mustFramework(t, cmpFramework)
	entries := []*CompareEntry{
		cmpEntry(fw, "Delta", "XDD", "2026-01-01", "a.x", 0.4, "a.y", 0.4, "b.z", 0.4),
		// Beta and Alpha score 0.65 computed two ways; they differ by rounding only, so they
		// tie. Beta is a hair higher, yet Alpha comes first by name.
		cmpEntry(fw, "Beta", "XBB", "2026-01-01", "a.x", 0.2, "a.y", 0.2, "b.z", 0.8),
		cmpEntry(fw, "Echo", "XEE", "2026-01-01"),
		cmpEntry(fw, "Kilo", "XKK", "2026-01-01", "a.x", 1.0, "a.y", 0.6, "b.z", 0.8),
		cmpEntry(fw, "Alpha", "XAA", "2026-01-01", "a.x", 0.65, "a.y", 0.65, "b.z", 0.65),
		cmpEntry(fw, "Lima", "XLL", "2026-01-01", "a.x", 0.1, "a.y", 0.1, "b.z", 0.1),
	}
	c, err := Compare(entries, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name    string
		rank    int
		overall float64 // -1: none
		band    string
	}{
		{"Kilo", 1, 0.8, "High"},
		{"Alpha", 2, 0.65, "High"},
		{"Beta", 2, 0.65, "High"},
		{"Delta", 4, 0.4, "Low"},
		{"Lima", 5, 0.1, "Low"},
		{"Echo", 0, -1, ""},
	}
	if len(c.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(c.Rows), len(want))
	}
	for i, w := range want {
		r := c.Rows[i]
		band := ""
		if r.Band != nil {
			band = r.Band.Name.String()
		}
		okScore := (w.overall < 0 && r.Overall == nil) || cmpNear(r.Overall, w.overall)
		if r.Entry.Name != w.name || r.Rank != w.rank || !okScore || band != w.band {
			t.Errorf("row %d = %s rank %d overall %s band %q; want %s rank %d overall %v band %q",
				i, r.Entry.Name, r.Rank, cmpShow(r.Overall), band, w.name, w.rank, w.overall, w.band)
		}
	}

	// Bands: High holds Kilo, Alpha, Beta; Low holds Delta and Lima; Echo has none.
	if c.Bands[0].Band.Name.String() != "Low" || c.Bands[0].Count != 2 || c.Bands[1].Count != 3 || c.Unbanded != 1 {
		t.Errorf("bands %+v %+v, unbanded %d", c.Bands[0], c.Bands[1], c.Unbanded)
	}

	// Spread, by hand. Pillar a: Kilo 0.8, Alpha 0.65, Beta 0.2, Delta 0.4, Lima 0.1.
	// mean = 2.15/5 = 0.43; deviations .37 .22 -.23 -.03 -.33; squares .1369 .0484 .0529 .0009
	// .1089 = .348 → variance .0696.
	// Pillar b: 0.8 0.65 0.8 0.4 0.1 → mean 2.75/5 = 0.55; deviations .25 .1 .25 -.15 -.45;
	// squares .0625 .01 .0625 .0225 .2025 = .36 → variance .072.
	for _, tc := range []struct {
		pillar           string
		min, max         float64
		minName, maxName string
		mean, variance   float64
	}{
		{"a", 0.1, 0.8, "Lima", "Kilo", 0.43, 0.0696},
		{"b", 0.1, 0.8, "Lima", "Kilo", 0.55, 0.072},
	} {
		var sp *Spread
		for i := range c.Spread {
			if c.Spread[i].ID == tc.pillar {
				sp = &c.Spread[i]
			}
		}
		if sp == nil || sp.N != 5 || !cmpNear(sp.Min, tc.min) || !cmpNear(sp.Max, tc.max) || !cmpNear(sp.Mean, tc.mean) ||
			!cmpNear(sp.SD, math.Sqrt(tc.variance)) || sp.MinRow.Entry.Name != tc.minName || sp.MaxRow.Entry.Name != tc.maxName {
			t.Errorf("spread %s = %+v (min %s max %s mean %s sd %s)", tc.pillar, sp, cmpShow(sp.Min), cmpShow(sp.Max), cmpShow(sp.Mean), cmpShow(sp.SD))
		}
	}
	if len(c.Rounds) != 0 || len(c.LeftOut) != 0 || len(c.Warnings) != 0 {
		t.Errorf("rounds %v, left out %v, warnings %v", c.Rounds, c.LeftOut, c.Warnings)
	}
}

func TestCompetitionRanking(t *testing.T) {
	for _, tc := range []struct {
		scores []float64 // -1: no score
		want   []int
	}{
		{[]float64{0.9, 0.5, 0.5, 0.1}, []int{1, 2, 2, 4}},
		{[]float64{0.5, 0.5, 0.5}, []int{1, 1, 1}},
		{[]float64{0.7, 0.7 - 1e-12, 0.7 - 2e-12, 0.3}, []int{1, 1, 1, 4}},
		{[]float64{0.7, 0.7 - 1e-6, 0.2}, []int{1, 2, 3}},
		{[]float64{-1, 0.2, -1, 0.4}, []int{1, 2, 0, 0}},
		{[]float64{-1}, []int{0}},
	} {
		var rows []*CompareRow
		for i, s := range tc.scores {
			r := &CompareRow{Entry: &CompareEntry{Name: fmt.Sprintf("c%02d", i)}}
			if s >= 0 {
				r.Overall = ptr(s)
			}
			rows = append(rows, r)
		}
		rank(rows)
		var got []int
		for _, r := range rows {
			got = append(got, r.Rank)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("scores %v: ranks %v, want %v", tc.scores, got, tc.want)
		}
	}
}

func TestCompareRelative(t *testing.T) {
	fw := mustFramework(t, cmpFramework)
	// By hand. a.x: 0.2, 0.4, 0.8 → z-scores rescaled: (x − 0.2)/0.6 = 0, 1/3, 1.
	// a.y: 0.9, 0.9 and none → no spread: 0.5, 0.5, none. b.z: 0.5, 0.3, 0.1 → 1, 0.5, 0.
	// Pillar a = mean of its answered: C1 (0+0.5)/2 = 0.25, C2 (1/3+0.5)/2 = 5/12, C3 1.
	// Overall = (1·a + 3·b)/4: C1 (0.25+3)/4 = 0.8125, C2 (5/12+1.5)/4 = 23/48, C3 1/4.
	entries := []*CompareEntry{
		cmpEntry(fw, "C1", "XCA", "2026-01-01", "a.x", 0.2, "a.y", 0.9, "b.z", 0.5),
		cmpEntry(fw, "C2", "XCB", "2026-01-01", "a.x", 0.4, "a.y", 0.9, "b.z", 0.3),
		cmpEntry(fw, "C3", "XCC", "2026-01-01", "a.x", 0.8, "b.z", 0.1),
	}
	c, err := Compare(entries, CompareOptions{Relative: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ ax, ay, bz, a, b, overall float64 }{
		"C1": {0, 0.5, 1, 0.25, 1, 0.8125},
		"C2": {1.0 / 3, 0.5, 0.5, 5.0 / 12, 0.5, 23.0 / 48},
		"C3": {1, -1, 0, 1, 0, 0.25},
	}
	order := []string{"C1", "C2", "C3"}
	for i, r := range c.Rows {
		w := want[r.Entry.Name]
		if r.Entry.Name != order[i] || r.Rank != i+1 {
			t.Errorf("row %d is %s rank %d", i, r.Entry.Name, r.Rank)
		}
		okAY := (w.ay < 0 && r.Indicators[1] == nil) || cmpNear(r.Indicators[1], w.ay)
		if !cmpNear(r.Indicators[0], w.ax) || !okAY || !cmpNear(r.Indicators[2], w.bz) ||
			!cmpNear(r.Pillars[0], w.a) || !cmpNear(r.Pillars[1], w.b) || !cmpNear(r.Overall, w.overall) {
			t.Errorf("%s: indicators %s %s %s pillars %s %s overall %s; want %+v", r.Entry.Name,
				cmpShow(r.Indicators[0]), cmpShow(r.Indicators[1]), cmpShow(r.Indicators[2]), cmpShow(r.Pillars[0]), cmpShow(r.Pillars[1]), cmpShow(r.Overall), w)
		}
		// The row of All (what rounds use) keeps the absolute scores.
		for _, abs := range c.All {
			if abs.Entry == r.Entry && (abs == r || abs.Overall == nil || cmpNear(abs.Overall, w.overall) || cmpNear(abs.Pillars[0], w.a)) {
				t.Errorf("%s: absolute score %s was replaced", r.Entry.Name, cmpShow(abs.Overall))
			}
		}
	}
	if !c.Relative || len(c.Rows) != 3 {
		t.Errorf("relative %v over %d rows", c.Relative, len(c.Rows))
	}
	// Bands are of the relative scores: C1 High, C2 and C3 Low.
	if c.Bands[0].Count != 2 || c.Bands[1].Count != 1 {
		t.Errorf("bands %+v", c.Bands)
	}
	abs, _ := Compare(entries, CompareOptions{})
	if abs.Relative || cmpNear(abs.Rows[0].Overall, 0.8125) {
		t.Errorf("absolute comparison looks relative")
	}
}

func TestCompareFrameworks(t *testing.T) {
	fw := mustFramework(t, cmpFramework)
	// Version 2 drops a.y and adds b.w.
	v2src := strings.Replace(cmpFramework, `version: "1"`, `version: "2"`, 1)
	v2src = strings.Replace(v2src, "      - {id: a.y, kind: number, range: [0, 1], question: \"y?\"}\n", "", 1)
	v2src += "      - {id: b.w, kind: number, range: [0, 1], question: \"w?\"}\n"
	v2 := mustFramework(t, v2src)
	other := mustFramework(t, strings.Replace(cmpFramework, "id: t\n", "id: other\n", 1))

	e1 := cmpEntry(fw, "One", "XOA", "2026-01-01", "a.x", 0.5, "a.y", 1.0, "b.z", 0.5)
	e2 := cmpEntry(v2, "Two", "XOB", "2026-01-01", "a.x", 0.5, "b.z", 0.5, "b.w", 1.0)
	c, err := Compare([]*CompareEntry{e1, e2}, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.LeftOut) != "[a.y b.w]" || len(c.Framework.Indicators()) != 2 {
		t.Errorf("left out %v, %d indicators compared", c.LeftOut, len(c.Framework.Indicators()))
	}
	// Both score 0.5 on what they share: the left-out answers do not count.
	for _, r := range c.Rows {
		if !cmpNear(r.Overall, 0.5) || r.Rank != 1 {
			t.Errorf("%s: %s rank %d", r.Entry.Name, cmpShow(r.Overall), r.Rank)
		}
	}
	ws := warningText(c.Warnings, "\n")
	if !strings.Contains(ws, "different versions: 1 (one.yaml), 2 (two.yaml)") || !strings.Contains(ws, "a.y, b.w") {
		t.Errorf("warnings: %s", ws)
	}

	// One framework object, but a file naming another version: its extra answer is left out.
	e3 := cmpEntry(fw, "Three", "XOC", "2026-01-01", "a.x", 0.5, "a.old", 1.0)
	e3.FrameworkRef = "t@0.9"
	c, err = Compare([]*CompareEntry{e1, e3}, CompareOptions{})
	if err != nil || fmt.Sprint(c.LeftOut) != "[a.old]" || !strings.Contains(warningText(c.Warnings, "\n"), "0.9 (three.yaml)") {
		t.Errorf("err %v, left out %v, warnings %v", err, c.LeftOut, c.Warnings)
	}

	// Another framework id: refused, naming the files of each.
	_, err = Compare([]*CompareEntry{e1, cmpEntry(other, "Four", "XOD", "2026-01-01")}, CompareOptions{})
	if err == nil || !strings.Contains(err.Error(), "t in one.yaml") || !strings.Contains(err.Error(), "other in four.yaml") {
		t.Errorf("err %v", err)
	}
	if _, err := Compare(nil, CompareOptions{}); err != ErrNothingToCompare {
		t.Errorf("empty: %v", err)
	}
}

func TestCompareRounds(t *testing.T) {
	fw := mustFramework(t, cmpFramework)
	// Three rounds of one country (files given out of order) and one other country.
	r1 := cmpEntry(fw, "Mid", "XMM", "2024-05-01", "a.x", 0.2, "a.y", 0.4, "b.z", 0.6)
	r1.Targets = &Targets{
		Indicators: map[string]Target{"a.x": {Value: Number(0.5), Year: 2027}, "b.z": {Value: Number(0.9), Year: 2027}},
		Pillars:    map[string]Target{"a": {Score: ptr(0.45), Year: 2028}},
	}
	r2 := cmpEntry(fw, "Mid", "XMM", "2025-05-01", "a.x", 0.5, "a.y", 0.4, "b.z", 0.5)
	r2.Targets = r1.Targets // the same targets, carried over: reported once
	r3 := cmpEntry(fw, "Middle Republic", "XMM", "2026-05-01", "a.x", 0.3, "a.y", 0.4, "b.z", 0.7)
	r1.File, r2.File, r3.File = "mid-2024.yaml", "mid-2025.yaml", "mid-2026.yaml"
	other := cmpEntry(fw, "Other", "XOT", "2026-01-01", "a.x", 0.1)
	c, err := Compare([]*CompareEntry{r3, other, r1, r2}, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The ranking shows the latest round of each country.
	if len(c.Rows) != 2 || c.Rows[0].Entry != r3 || c.Rows[1].Entry != other {
		t.Fatalf("rows %v %v", c.Rows[0].Entry.File, c.Rows[1].Entry.File)
	}
	if len(c.Rounds) != 1 {
		t.Fatalf("%d rounds", len(c.Rounds))
	}
	rd := c.Rounds[0]
	if rd.Name != "Middle Republic" || rd.ISO3 != "XMM" || len(rd.Series) != 3 || rd.Series[0].Entry != r1 || rd.Series[2].Entry != r3 || len(rd.Steps) != 2 {
		t.Fatalf("round %+v", rd)
	}
	// By hand. Pillar a: 0.3 → 0.45 → 0.35; b: 0.6 → 0.5 → 0.7.
	// Overall (a + 3b)/4: 0.525 → 0.4875 → 0.6125.
	step1Overall, step1Pillars, _ := rd.Steps[0].Changes(c.Framework)
	_, step2Pillars, step2Inds := rd.Steps[1].Changes(c.Framework)
	for _, tc := range []struct {
		name string
		ch   Change
		from float64
		to   float64
	}{
		{"overall", rd.Overall, 0.525, 0.6125},
		{"a", rd.Pillars[0], 0.3, 0.35},
		{"b", rd.Pillars[1], 0.6, 0.7},
		{"a.x", rd.Indicators[0], 0.2, 0.3},
		{"a.y", rd.Indicators[1], 0.4, 0.4},
		{"step 1 a", step1Pillars[0], 0.3, 0.45},
		{"step 2 b", step2Pillars[1], 0.5, 0.7},
		{"step 1 overall", step1Overall, 0.525, 0.4875},
		{"step 2 a.x", step2Inds[0], 0.5, 0.3},
	} {
		if !cmpNear(tc.ch.From, tc.from) || !cmpNear(tc.ch.To, tc.to) || !cmpNear(tc.ch.Delta, tc.to-tc.from) {
			t.Errorf("%s: %s → %s (%s), want %v → %v", tc.name, cmpShow(tc.ch.From), cmpShow(tc.ch.To), cmpShow(tc.ch.Delta), tc.from, tc.to)
		}
	}
	ids := func(list []Change) string {
		var s []string
		for _, c := range list {
			s = append(s, c.ID)
		}
		return strings.Join(s, " ")
	}
	// First to last: a, b, a.x and b.z improved; a.y did not move; nothing fell back.
	if got := ids(rd.Improved); got != "a b a.x b.z" {
		t.Errorf("improved %q", got)
	}
	if got := ids(rd.FellBack); got != "" {
		t.Errorf("fell back %q", got)
	}
	// a.x (target 0.5) was met in 2025; pillar a (0.45) in 2025 (0.45 ≤ 0.45); b.z (0.9) never.
	var met []string
	for _, m := range rd.TargetsMet {
		met = append(met, fmt.Sprintf("%s %s %s→%s %.2f", m.Kind, m.ID, m.SetIn.Entry.Date, m.MetIn.Entry.Date, *m.Score))
	}
	if got := strings.Join(met, "; "); got != "pillar a 2024-05-01→2025-05-01 0.45; indicator a.x 2024-05-01→2025-05-01 0.50" {
		t.Errorf("targets met: %s", got)
	}

	// A fall: reversing the last round's b.z.
	r3.Answers["b.z"] = Answers{{Value: Number(0.1)}}
	c, _ = Compare([]*CompareEntry{r1, r2, r3}, CompareOptions{})
	if got := ids(c.Rounds[0].FellBack); got != "b b.z" {
		t.Errorf("fell back %q", got)
	}

	// All rounds ranked; two files on one date warn.
	dup := cmpEntry(fw, "Mid", "XMM", "2025-05-01", "a.x", 0.9)
	dup.File = "mid-2025b.yaml"
	c, _ = Compare([]*CompareEntry{r1, r2, r3, dup}, CompareOptions{AllRounds: true})
	if len(c.Rows) != 4 || len(c.Rounds[0].Series) != 3 || !strings.Contains(warningText(c.Warnings, " "), "mid-2025.yaml, mid-2025b.yaml assess XMM on the same date 2025-05-01") {
		t.Errorf("%d rows, series %d, warnings %v", len(c.Rows), len(c.Rounds[0].Series), c.Warnings)
	}
}

// benchEntries makes n assessments of the built-in framework with random answers.
func benchEntries(b *testing.B, n int) []*CompareEntry {
	b.Helper()
	fw, _, err := Resolve("govstack-readiness")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	inds := fw.Indicators()
	out := make([]*CompareEntry, n)
	for i := range out {
		e := &CompareEntry{File: fmt.Sprintf("c%05d.yaml", i), Name: fmt.Sprintf("Country %05d", i), ISO3: "X" + string(rune('A'+i%26)) + string(rune('A'+i/26%26)),
			Date: fmt.Sprintf("20%02d-01-01", 20+i/676%10), Framework: fw, Answers: map[string]Answers{}}
		for _, ind := range inds {
			switch {
			case rng.Intn(10) == 0: // unanswered
			case ind.Kind == KindLevel:
				e.Answers[ind.ID] = Answers{{Level: Int(rng.Intn(5))}}
			case ind.Kind == KindYesNo:
				e.Answers[ind.ID] = Answers{{Value: YesNo(rng.Intn(2) == 0)}}
			default:
				e.Answers[ind.ID] = Answers{{Value: Number(rng.Float64() * 100)}}
			}
		}
		out[i] = e
	}
	return out
}

// BenchmarkCompare compares 200 and 10,000 assessments of the 60-indicator framework (scoring
// included). Growth should be near linear: ×50 countries, about ×50 time.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{200, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			entries := benchEntries(b, n)
			for _, relative := range []bool{false} {
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := Compare(entries, CompareOptions{Relative: relative}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// warningText is the comparison's warnings in English, joined with sep.
func warningText(ws []yamlx.Message, sep string) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return strings.Join(out, sep)
}

// TestCompareSummaries: entries scored beforehand (Summarise, answers dropped) compare exactly
// as entries with answers; across framework versions only answers can be scored on the common
// indicators, so a summary without answers is refused, naming the file.
func TestCompareSummaries(t *testing.T) {
	fw := mustFramework(t, cmpFramework)
	mk := func() []*CompareEntry {
		return []*CompareEntry{
			cmpEntry(fw, "One", "XOA", "2024-01-01", "a.x", 0.5, "a.y", 1.0, "b.z", 0.5, "gone.q", 1.0),
			cmpEntry(fw, "One", "XOA", "2026-01-01", "a.x", 0.7, "b.z", 0.9),
			cmpEntry(fw, "Two", "XOB", "2026-01-01", "a.y", 0.2),
		}
	}
	withAnswers, summarised := mk(), mk()
	for _, e := range summarised {
		e.Summary, e.Answers = Summarise(e.Framework, e.Answers), nil
	}
	for _, opts := range []CompareOptions{{}, {Relative: true, AllRounds: true}} {
		a, err := Compare(withAnswers, opts)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Compare(summarised, opts)
		if err != nil {
			t.Fatal(err)
		}
		show := func(c *Comparison) string {
			var sb strings.Builder
			for _, r := range append(c.Rows, c.All...) {
				fmt.Fprintf(&sb, "%s %d %s %v |", r.Entry.Name, r.Rank, cmpShow(r.Overall), r.Band)
				for _, p := range append(r.Pillars, r.Indicators...) {
					sb.WriteString(cmpShow(p) + " ")
				}
			}
			_, _, inds := c.Rounds[0].Steps[0].Changes(c.Framework)
			fmt.Fprintf(&sb, "%v %s %s", c.LeftOut, cmpShow(c.Rounds[0].Overall.Delta), cmpShow(inds[0].Delta))
			return sb.String()
		}
		if show(a) != show(b) || fmt.Sprint(a.LeftOut) != "[gone.q]" {
			t.Errorf("%+v: summarised\n%s\nwith answers\n%s", opts, show(b), show(a))
		}
	}

	v2 := mustFramework(t, strings.Replace(cmpFramework, `version: "1"`, `version: "2"`, 1))
	other := cmpEntry(v2, "Three", "XOC", "2026-01-01", "a.x", 0.1)
	if _, err := Compare(append(summarised, other), CompareOptions{}); err == nil || !strings.Contains(err.Error(), "one.yaml") {
		t.Errorf("summaries without answers across versions: %v", err)
	}
}
