package yamlx

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// benchItem is shaped like the records of a country file or catalog: a dozen keys, some
// nested.
type benchItem struct {
	ID       string            `yaml:"id"`
	Name     string            `yaml:"name"`
	Owner    string            `yaml:"owner"`
	Status   string            `yaml:"status"`
	Months   int               `yaml:"months"`
	Cost     float64           `yaml:"cost"`
	Start    int               `yaml:"start"`
	Needs    []string          `yaml:"needs"`
	Blocks   []string          `yaml:"blocks"`
	Notes    string            `yaml:"notes"`
	Labels   map[string]string `yaml:"labels"`
	Evidence *struct {
		URL  string `yaml:"url"`
		Date string `yaml:"date"`
	} `yaml:"evidence"`
}

func benchDoc(b *testing.B, n int) *Doc {
	var s strings.Builder
	s.WriteString("items:\n")
	for i := range n {
		fmt.Fprintf(&s, "  - id: a-%d\n    name: Activity %d\n    owner: ministry-%d\n    status: planned\n    months: %d\n    cost: %d.5\n    start: %d\n    needs: [a-%d, a-%d]\n    blocks: [identity, payments]\n    notes: \"a note\"\n    labels: {en: x, fr: y}\n    evidence: {url: \"https://example.org/%d\", date: 2026-01-02}\n",
			i, i, i%7, 3+i%9, 1000+i, i%24, max(i-1, 0), max(i-2, 0), i)
	}
	d, err := Parse("bench.yaml", []byte(s.String()), nil)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkDecode decodes 2,000 records of 12 keys (the YAML already parsed).
func BenchmarkDecode(b *testing.B) {
	d := benchDoc(b, 2000)
	for b.Loop() {
		var v struct {
			Items []benchItem `yaml:"items"`
		}
		if err := d.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStructInfo is what each struct decoded pays for its keys: a cached lookup, or
// (as before the cache) the keys computed from the field tags every time.
func BenchmarkStructInfo(b *testing.B) {
	t := reflect.TypeFor[benchItem]()
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			structFields(t)
		}
	})
	b.Run("computed", func(b *testing.B) {
		for b.Loop() {
			computeFields(t)
		}
	})
}

// The fast paths for plain numbers read exactly what yaml's own decoder reads.
func TestPlainNumbers(t *testing.T) {
	for _, s := range []string{"0", "7", "-42", "2026", "012", "0x1F", "1_000", "+3", "99999999999999999999", "-0", "00",
		"3.5", "-0.25", "1e3", "1.5E-2", "0.0", ".5", "1.", "01.5", ".inf", "-.inf", ".nan", "1_000.5", "6e400"} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			t.Fatal(err)
		}
		sc := n.Content[0]
		if i, ok := plainInt(s); ok {
			var want int
			if err := sc.Decode(&want); err != nil || want != i || sc.ShortTag() != "!!int" {
				t.Errorf("plainInt(%q) = %d; yaml reads %d (%v, %s)", s, i, want, err, sc.ShortTag())
			}
		}
		if f, ok := plainFloat(s); ok && (sc.ShortTag() == "!!int" || sc.ShortTag() == "!!float") {
			var want float64
			if err := sc.Decode(&want); err != nil || want != f {
				t.Errorf("plainFloat(%q) = %v; yaml reads %v (%v)", s, f, want, err)
			}
		}
	}
}
