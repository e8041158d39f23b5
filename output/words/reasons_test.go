package words

import (
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
)

// TestMatchReasonsInEveryLanguage says the match's reasons, which the catalog keeps as codes
// and values, in English as before and in French.
func TestMatchReasonsInEveryLanguage(t *testing.T) {
	c, err := catalog.Load("")
	if err != nil {
		t.Fatal(err)
	}
	m := c.Match(catalog.Needs{UseCases: []catalog.UseCaseRef{{ID: "hltc-1"}, {ID: "inst-1"}}}, nil)
	msg := ReasonList("en", m.Block("messaging").Reasons)
	want := []string{
		"hltc-1 step 1 (Outreach Communications)",
		"hltc-1 step 4 (Eligibility Determination)",
		"hltc-1 step 6 (Payment)",
		"inst-1 step 1 (Outreach Communications)",
	}
	if strings.Join(msg, "\n") != strings.Join(want, "\n") {
		t.Errorf("messaging reasons:\n%s\nwant:\n%s", strings.Join(msg, "\n"), strings.Join(want, "\n"))
	}
	id := m.Block("identity")
	if last := Reason("en", id.Reasons[len(id.Reasons)-1]); !strings.HasPrefix(last, "needed by consent: ") || !strings.HasSuffix(last, "]") {
		t.Errorf("identity's last reason %q", last)
	}
	if s := Reasons("en", id.Summary(), " | "); !strings.Contains(s, "hltc-1: steps 2, 3") || !strings.Contains(s, "required by consent [") {
		t.Errorf("identity summary %q", s)
	}
	if s := Reasons("fr", id.Summary(), " | "); strings.Contains(s, " steps ") || strings.Contains(s, "required by") || !strings.Contains(s, "hltc-1 : étapes 2, 3") {
		t.Errorf("identity summary in French %q", s)
	}

	// Scope, lifecycle and exclusion lines.
	m = c.Match(catalog.Needs{UseCases: []catalog.UseCaseRef{{ID: "finc-1"}}}, nil)
	var scope *catalog.Reason
	for _, p := range m.Block("digital-registries").Products {
		if p.Product.ID == "opencrvs" {
			scope = p.Scope
		}
	}
	if en, fr := MaybeReason("en", scope), MaybeReason("fr", scope); !strings.HasPrefix(en, "outside its usual scope: made for ") ||
		!strings.HasPrefix(fr, "hors de son champ habituel") {
		t.Errorf("opencrvs scope: en %q, fr %q", en, fr)
	}
	// What the product is made for is said in the reader's language too (issue #12).
	if fr, es := MaybeReason("fr", scope), MaybeReason("es", scope); !strings.Contains(fr, "conçu pour l'enregistrement à l'état civil") ||
		strings.Contains(fr, "civil registration of") || !strings.Contains(es, "hecho para el registro civil") || strings.Contains(es, "civil registration of") {
		t.Errorf("opencrvs made for: fr %q, es %q", fr, es)
	}
	if MaybeReason("en", nil) != "" {
		t.Error("no reason should say nothing")
	}
	m = c.Match(catalog.Needs{UseCases: []catalog.UseCaseRef{{ID: "inst-1"}},
		Constraints: catalog.Constraints{OpenSourceOnly: true, Hosting: "on-premise"}}, nil)
	excluded := 0
	for _, b := range m.Blocks {
		for _, p := range b.Products {
			if !p.Excluded {
				continue
			}
			excluded++
			en, fr := Reason("en", p.Reasons[0]), Reason("fr", p.Reasons[0])
			if !strings.HasPrefix(en, "excluded: ") || !strings.Contains(en, "constraint: ") || strings.HasPrefix(fr, "excluded") {
				t.Errorf("%s excluded: en %q, fr %q", p.Product.ID, en, fr)
			}
		}
	}
	if excluded == 0 {
		t.Error("no product excluded by open source only and on-premise hosting")
	}
}
