package assess

import (
	"fmt"
	"strings"
	"testing"
)

// bigFramework writes a framework of pillars×per indicators of every kind.
func bigFramework(pillars, per int) string {
	var b strings.Builder
	b.WriteString("id: big\nversion: 1.0.0\nname: Big\nscale: {min: 0, max: 4}\nbands: [{min: 0, name: Low}, {min: 0.5, name: High}]\naggregate: median\npillars:\n")
	for p := 0; p < pillars; p++ {
		fmt.Fprintf(&b, "  - id: p%d\n    name: P%d\n    indicators:\n", p, p)
		for i := 0; i < per; i++ {
			id := fmt.Sprintf("p%d.i%d", p, i)
			switch i % 3 {
			case 0:
				fmt.Fprintf(&b, "      - {id: %s, kind: level, question: \"Q?\", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, gates: [{bb: consent, min: 2}]}\n", id)
			case 1:
				fmt.Fprintf(&b, "      - {id: %s, kind: yesno, question: \"Q?\"}\n", id)
			default:
				fmt.Fprintf(&b, "      - {id: %s, kind: number, unit: \"%%\", question: \"Q?\", thresholds: [10, 20, 30, 40]}\n", id)
			}
		}
	}
	return b.String()
}

// BenchmarkScore1000x5 scores a 1,000-indicator framework answered by 5 ministries each.
func BenchmarkScore1000x5(b *testing.B) {
	fw := mustFramework(b, bigFramework(20, 50))
	if n := len(fw.Indicators()); n != 1000 {
		b.Fatalf("%d indicators", n)
	}
	answers := map[string]Answers{}
	for k, ind := range fw.Indicators() {
		var as Answers
		for m := 0; m < 5; m++ {
			by := fmt.Sprintf("m%d", m)
			switch ind.Kind {
			case KindLevel:
				as = append(as, Answer{Level: Int((k + m) % 5), By: by})
			case KindYesNo:
				as = append(as, Answer{Value: YesNo((k+m)%2 == 0), By: by})
			default:
				as = append(as, Answer{Value: Number(float64((k * m) % 50)), By: by})
			}
		}
		answers[ind.ID] = as
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		sc := Score(fw, answers, nil)
		if sc.Overall.Score == nil {
			b.Fatal("no score")
		}
		_ = sc.Gates()
	}
}
