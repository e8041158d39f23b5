package assess

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/govplan/govplan/templates"
)

// FuzzParseFramework checks that no input makes the framework loader panic, and that what it
// accepts is consistent enough to score.
func FuzzParseFramework(f *testing.F) {
	f.Add([]byte(handFramework))
	for _, t := range templates.Frameworks() {
		f.Add(t.Data)
	}
	bad, _ := filepath.Glob(filepath.Join("..", "cmd", "govplan", "testdata", "bad", "fw-*.yaml"))
	for _, p := range bad {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := ParseFramework("fuzz.yaml", data)
		if err != nil {
			return
		}
		answers := map[string]Answers{}
		for _, ind := range fw.Indicators() {
			switch ind.Kind {
			case KindLevel:
				answers[ind.ID] = Answers{{Level: Int(fw.Scale.Max)}, {Level: Int(fw.Scale.Min)}}
			case KindYesNo:
				answers[ind.ID] = Answers{{Value: YesNo(true)}}
			case KindNumber:
				answers[ind.ID] = Answers{{Value: Number(1)}}
			}
		}
		sc := Score(fw, answers, nil)
		if s := sc.Overall.Score; s != nil && (*s < 0 || *s > 1) {
			t.Fatalf("overall score %v outside 0..1", *s)
		}
	})
}
