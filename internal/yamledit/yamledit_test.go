package yamledit

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const base = `schema: 1   # keep me
country: {name: Republic of X, iso3: XRX}

# The answers, one per indicator.
answers:
  leadership.strategy: {}
  finance.budget-line:
    - {level: 1, by: finance}
    - {level: 3, by: ict}   # disputed

  legal.dp-law: {value: true}
use_cases:
- hltc-1
- inst-1
targets:
  pillars: {legal: {score: 0.5}}
`

func flow(m map[string]any) *yaml.Node {
	var n yaml.Node
	if err := n.Encode(m); err != nil {
		panic(err)
	}
	n.Style = yaml.FlowStyle
	return &n
}

func TestEdits(t *testing.T) {
	tests := []struct {
		name string
		do   func([]byte) ([]byte, error)
		want string // the whole expected file
	}{
		{
			name: "set existing one-line entry",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"answers", "leadership.strategy"}, flow(map[string]any{"level": 2, "by": "ict"}))
			},
			want: strings.Replace(base, "  leadership.strategy: {}\n", "  leadership.strategy: {by: ict, level: 2}\n", 1),
		},
		{
			name: "set multi-line entry keeps following blank line and comments elsewhere",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"answers", "finance.budget-line"}, flow(map[string]any{"level": 2}))
			},
			want: strings.Replace(base, "  finance.budget-line:\n    - {level: 1, by: finance}\n    - {level: 3, by: ict}   # disputed\n", "  finance.budget-line: {level: 2}\n", 1),
		},
		{
			name: "case-insensitive key",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"answers", "LEGAL.DP-LAW"}, flow(map[string]any{"value": false}))
			},
			want: strings.Replace(base, "legal.dp-law: {value: true}", "legal.dp-law: {value: false}", 1),
		},
		{
			name: "add new key after the last entry",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"answers", "skills.schools"}, flow(map[string]any{"na": true}))
			},
			want: strings.Replace(base, "  legal.dp-law: {value: true}\n", "  legal.dp-law: {value: true}\n  skills.schools: {na: true}\n", 1),
		},
		{
			name: "create a missing section at the end",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"inventory", "identity"}, flow(map[string]any{"status": "operational"}))
			},
			want: base + "inventory:\n  identity: {status: operational}\n",
		},
		{
			name: "set inside a flow mapping rewrites the nearest block entry",
			do: func(s []byte) ([]byte, error) {
				return Set(s, []any{"country", "region"}, "East Africa")
			},
			want: strings.Replace(base, "country: {name: Republic of X, iso3: XRX}", "country: {name: Republic of X, iso3: XRX, region: East Africa}", 1),
		},
		{
			name: "append to an indentless list",
			do:   func(s []byte) ([]byte, error) { return Append(s, []any{"use_cases"}, "agr-1") },
			want: strings.Replace(base, "- inst-1\n", "- inst-1\n- agr-1\n", 1),
		},
		{
			name: "delete a list item",
			do:   func(s []byte) ([]byte, error) { return Delete(s, []any{"use_cases", 0}) },
			want: strings.Replace(base, "- hltc-1\n", "", 1),
		},
		{
			name: "delete a mapping entry with its lines",
			do:   func(s []byte) ([]byte, error) { return Delete(s, []any{"answers", "finance.budget-line"}) },
			want: strings.Replace(base, "  finance.budget-line:\n    - {level: 1, by: finance}\n    - {level: 3, by: ict}   # disputed\n", "", 1),
		},
		{
			name: "delete what is absent changes nothing",
			do:   func(s []byte) ([]byte, error) { return Delete(s, []any{"answers", "nope"}) },
			want: base,
		},
		{
			name: "append creates a missing list",
			do:   func(s []byte) ([]byte, error) { return Append(s, []any{"plan", "drop"}, "pilot-agr-1") },
			want: base + "plan:\n  drop:\n    - pilot-agr-1\n",
		},
		{
			name: "line comment on a replaced scalar survives",
			do:   func(s []byte) ([]byte, error) { return Set(s, []any{"schema"}, 2) },
			want: strings.Replace(base, "schema: 1   # keep me", "schema: 2 # keep me", 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.do([]byte(base))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestEmptyFileGetsSection(t *testing.T) {
	got, err := Set([]byte("# just a comment\n"), []any{"answers", "a.b"}, flow(map[string]any{"level": 1}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "# just a comment\nanswers:\n  a.b: {level: 1}\n"; string(got) != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestNullSectionBecomesBlock(t *testing.T) {
	src := "schema: 1\nanswers:\nplan: {}\n"
	got, err := Set([]byte(src), []any{"answers", "a.b"}, flow(map[string]any{"level": 1}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "schema: 1\nanswers:\n  a.b: {level: 1}\nplan: {}\n"; string(got) != want {
		t.Errorf("got %q want %q", got, want)
	}
	got, err = Set([]byte(src), []any{"plan", "drop"}, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "schema: 1\nanswers:\nplan:\n  drop:\n    - x\n"; string(got) != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestSequenceOfMappingsItemSet(t *testing.T) {
	src := "services:\n  - name: A\n    demand: 3\n  - name: B\n    demand: 4\nafter: 1\n"
	got, err := Set([]byte(src), []any{"services", 1, "demand"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(src, "demand: 4", "demand: 5", 1); string(got) != want {
		t.Errorf("got %q want %q", got, want)
	}
	got, err = Delete([]byte(src), []any{"services", 0})
	if err != nil {
		t.Fatal(err)
	}
	if want := "services:\n  - name: B\n    demand: 4\nafter: 1\n"; string(got) != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestCommentsAroundAnEntryAreNotCopied(t *testing.T) {
	src := []byte("answers:\n  # Connectivity\n  c.a: {}\n\n  # Leadership\n  l.a: {}\nlist:\n  # first\n  - a\n  # second\n  - b\n")
	out := src
	var err error
	for i := 0; i < 3; i++ {
		if out, err = Set(out, []any{"answers", "c.a"}, flow(map[string]any{"level": i})); err != nil {
			t.Fatal(err)
		}
		if out, err = Set(out, []any{"answers", "l.a"}, flow(map[string]any{"level": i})); err != nil {
			t.Fatal(err)
		}
		if out, err = Set(out, []any{"list", 1}, fmt.Sprint("b", i)); err != nil {
			t.Fatal(err)
		}
	}
	want := "answers:\n  # Connectivity\n  c.a: {level: 2}\n\n  # Leadership\n  l.a: {level: 2}\nlist:\n  # first\n  - a\n  # second\n  - b2\n"
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// A mapping set over a mapping keeps the file's key order, style, comments and the way
// unchanged values are written (residual defect: answers were rewritten in a fixed key order).
func TestSetKeepsKeyOrderStyleAndComments(t *testing.T) {
	src := "answers:\n" +
		"  a.flow: {value: 41, by: ict, source: \"ITU 2024\", evidence: \"no survey\", confidence: medium}\n" +
		"  a.block:\n" +
		"    # what the room said\n" +
		"    level: 2   # agreed\n" +
		"    by: ict\n" +
		"    evidence: 'gazette, p. 4'\n" +
		"  a.next: {}\n"
	nw := flow(map[string]any{"value": 39, "by": "ict", "source": "ITU 2024", "evidence": "no survey yet", "confidence": "medium"})
	out, err := Set([]byte(src), []any{"answers", "a.flow"}, nw)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(src, `{value: 41, by: ict, source: "ITU 2024", evidence: "no survey", confidence: medium}`,
		`{value: 39, by: ict, source: "ITU 2024", evidence: "no survey yet", confidence: medium}`, 1)
	if string(out) != want {
		t.Errorf("flow answer:\n%s\nwant\n%s", out, want)
	}
	// A block answer stays block, its comments stay; a new key goes after its neighbour in the
	// new value (keys sorted here: notes after level, confidence after by); a dropped key goes.
	nw = flow(map[string]any{"level": 3, "by": "ict", "notes": "raised", "confidence": "high"})
	out, err = Set(out, []any{"answers", "a.block"}, nw)
	if err != nil {
		t.Fatal(err)
	}
	want = strings.Replace(want, "    level: 2   # agreed\n    by: ict\n    evidence: 'gazette, p. 4'\n",
		"    level: 3 # agreed\n    notes: raised\n    by: ict\n    confidence: high\n", 1)
	if string(out) != want {
		t.Errorf("block answer:\n%s\nwant\n%s", out, want)
	}
	// An empty mapping still empties it.
	out, err = Set(out, []any{"answers", "a.block"}, flow(map[string]any{}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "  a.block: {}\n  a.next: {}\n") {
		t.Errorf("emptied:\n%s", out)
	}
}

// A new key goes where the new value puts it, after the key before it: a level given to an
// answer that had only evidence comes first, as govplan writes answers.
func TestSetPlacesNewKeysAfterTheirNeighbour(t *testing.T) {
	src := "answers:\n  a.x: {evidence: gazette, by: ict}\n"
	nw := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, kv := range [][2]string{{"level", "2"}, {"by", "ict"}, {"evidence", "gazette"}, {"notes", "n"}} {
		nw.Content = append(nw.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[0]}, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[1]})
	}
	out, err := Set([]byte(src), []any{"answers", "a.x"}, nw)
	if err != nil {
		t.Fatal(err)
	}
	if want := "answers:\n  a.x: {level: 2, evidence: gazette, notes: n, by: ict}\n"; string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
