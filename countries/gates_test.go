package countries

import (
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

// Every path that plans checks that gates and raised_by name blocks of the catalog.
func TestCheckGates(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	src := `
id: g
version: 1.0.0
name: Gates
scale: {min: 0, max: 4}
bands: [{min: 0, name: Low}]
pillars:
  - id: p
    name: P
    indicators:
      - {id: p.a, kind: level, question: "A?", rubric: {0: a, 1: b, 2: c, 3: d, 4: e}, gates: [{bb: consent, min: 2}], raised_by: information-mediator}
`
	fw, err := assess.ParseFramework("g.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckGates(fw, cat); err != nil {
		t.Errorf("known blocks refused: %v", err)
	}
	fw, _ = assess.ParseFramework("g.yaml", []byte(strings.Replace(src, "raised_by: information-mediator", "raised_by: teleporter", 1)))
	if err := CheckGates(fw, cat); err == nil || !strings.Contains(err.Error(), `g.yaml:11:`) || !strings.Contains(err.Error(), `raised_by names unknown building block "teleporter"`) {
		t.Errorf("unknown raised_by: %v", err)
	}
}
