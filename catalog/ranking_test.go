package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
)

func rankOf(rb *RequiredBlock, id string) (RankedProduct, int) {
	for i, p := range rb.Products {
		if p.Product.ID == id {
			return p, i
		}
	}
	return RankedProduct{}, -1
}

func custom(id, sector string, blocks ...string) UseCaseRef {
	return UseCaseRef{ID: id, Custom: &UseCase{ID: id, Name: i18n.Plain(id), Sector: sector, Custom: true,
		Steps: []Step{{Name: i18n.Plain("step"), Blocks: blocks}}}}
}

func TestDependencyStrengths(t *testing.T) {
	c := mustDefault(t)
	want := map[[2]string]string{
		{"payments", "information-mediator"}:      Required,
		{"e-marketplace", "information-mediator"}: Required,
		{"scheduler", "information-mediator"}:     Required,
		{"scheduler", "messaging"}:                Recommended,
		{"consent", "identity"}:                   Required,
		{"registration", "information-mediator"}:  Required,
	}
	for k, strength := range want {
		d := depOf(c, k[0], k[1])
		if d.Strength != strength {
			t.Errorf("%s → %s: strength %q, want %q", k[0], k[1], d.Strength, strength)
		}
	}
	for _, b := range c.Blocks {
		for _, d := range b.DependsOn {
			if d.Strength != Required && d.Strength != Recommended {
				t.Errorf("%s → %s: strength %q", b.ID, d.Block, d.Strength)
			}
			if !strings.Contains(d.Source, "spec/") || !strings.HasPrefix(d.Source, "bb-") {
				t.Errorf("%s → %s: source %q does not cite a spec file", b.ID, d.Block, d.Source)
			}
			for _, lang := range []string{"en", "fr", "es"} {
				if d.Reason[lang] == "" {
					t.Errorf("%s → %s: no %s reason", b.ID, d.Block, lang)
				}
			}
		}
	}
}

func TestRecommendedDependencyIsAnOptionOnly(t *testing.T) {
	c := mustDefault(t)
	if got := strings.Join(c.Closure([]string{"scheduler"}), ","); got != "information-mediator,scheduler" {
		t.Errorf("closure of scheduler = %s; messaging is only recommended", got)
	}
	m := c.Match(Needs{UseCases: []UseCaseRef{custom("reminders", "", "scheduler")}}, nil)
	if m.Block("messaging") != nil {
		t.Error("messaging pulled into the architecture by a recommended dependency")
	}
	opts := m.Options()
	if len(opts) != 1 || opts[0].Block != "messaging" || opts[0].For != "scheduler" || opts[0].InArchitecture || opts[0].Source == "" {
		t.Fatalf("options %+v, want messaging recommended by scheduler", opts)
	}
	// When a use case needs messaging itself, the option is in the architecture anyway.
	m = c.Match(Needs{UseCases: []UseCaseRef{custom("reminders", "", "scheduler", "messaging", "identity")}}, nil)
	if len(m.Options()) != 0 || !m.Block("scheduler").Recommends[0].InArchitecture {
		t.Errorf("options %+v, recommends %+v", m.Options(), m.Block("scheduler").Recommends)
	}
	// Payments and E-Marketplace now require the mediator.
	for _, b := range []string{"payments", "e-marketplace"} {
		m = c.Match(Needs{UseCases: []UseCaseRef{custom("x", "", b)}}, nil)
		im := m.Block("information-mediator")
		if im == nil || len(im.Requirements) != 1 || im.Requirements[0].Dependant != b || im.Requirements[0].Source == "" {
			t.Errorf("%s alone: mediator %+v", b, im)
		}
	}
}

func TestSectorProductNeverFirstOutsideItsScope(t *testing.T) {
	c := mustDefault(t)
	// Business taxation only: openIMIS (health insurance, social protection) is outside its scope.
	m := c.Match(Needs{UseCases: []UseCaseRef{{ID: "finc-1"}}}, nil)
	dr := m.Block("digital-registries")
	if top := dr.Products[0]; top.OutOfScope || !top.Product.Scope.Generic() {
		t.Errorf("finc-1 registries: #1 is %s (out of scope %v)", top.Product.ID, top.OutOfScope)
	}
	for _, id := range []string{"openimis", "opencrvs", "openg2p", "openspp"} {
		p, i := rankOf(dr, id)
		if i < 0 || !p.OutOfScope || p.Scope == nil || p.Scope.Code != ReasonOutsideScope {
			t.Errorf("finc-1 registries: %s at %d, out of scope %v, %q", id, i, p.OutOfScope, p.Scope)
		}
		for j := i + 1; j < len(dr.Products); j++ {
			if !dr.Products[j].OutOfScope && !dr.Products[j].Excluded {
				t.Errorf("%s (out of scope) ranks before %s (in scope)", id, dr.Products[j].Product.ID)
			}
		}
	}
	// A cash transfer is in openIMIS's scope (the sandbox ran it as the USCT registry).
	m = c.Match(Needs{UseCases: []UseCaseRef{{ID: "inst-1"}, {ID: "finc-1"}}}, nil)
	if p, _ := rankOf(m.Block("registration"), "openg2p"); p.OutOfScope {
		t.Error("openg2p out of scope although inst-1 needs registration")
	}
	// A country's own civil-registration use case is in OpenCRVS's scope.
	m = c.Match(Needs{UseCases: []UseCaseRef{custom("birth-registration", "civil-registration", "registration", "digital-registries")}}, nil)
	if p, _ := rankOf(m.Block("digital-registries"), "opencrvs"); p.OutOfScope || p.Reasons[0].Code != ReasonInScope ||
		!reflect.DeepEqual(p.Reasons[0].Args[0], []string{"birth-registration"}) {
		t.Errorf("opencrvs for a CRVS use case: %+v", p)
	}
}

// hasReason reports whether rs holds a reason with the code.
func hasReason(rs []Reason, code ReasonCode) bool {
	for _, r := range rs {
		if r.Code == code {
			return true
		}
	}
	return false
}

func TestLifecycleAndOverlayRanking(t *testing.T) {
	c := mustDefault(t)
	m := c.Match(Needs{UseCases: []UseCaseRef{custom("w", "", "workflow")}}, nil)
	wf := m.Block("workflow")
	cam, ci := rankOf(wf, "camunda")
	_, oi := rankOf(wf, "openfn-lightning")
	if ci < oi || ci != len(wf.Products)-1 {
		t.Errorf("camunda (end of life) at %d, openfn at %d, of %d", ci, oi, len(wf.Products))
	}
	if !hasReason(cam.Reasons, ReasonLifecycle) || cam.Product.Lifecycle.Since != "2025-10" {
		t.Errorf("camunda reasons %v", cam.Reasons)
	}
	// Identity must be built: the foundational ID platform first, the authentication layer after.
	m = c.Match(Needs{UseCases: []UseCaseRef{custom("id", "", "identity")}}, nil)
	if top := m.Block("identity").Products[0].Product.ID; top != "mosip" {
		t.Errorf("identity to build: #1 %s, want mosip", top)
	}
	// An ID system exists: the overlay is not held back.
	m = c.Match(Needs{UseCases: []UseCaseRef{custom("id", "", "identity")},
		Inventory: map[string]InventoryItem{"identity": {Status: StatusOperational}}}, nil)
	if p, i := rankOf(m.Block("identity"), "esignet"); i != 0 || hasReason(p.Reasons, ReasonOverlay) {
		t.Errorf("identity reused: esignet at %d, reasons %v", i, p.Reasons)
	}
}

// TestRankingRulesOnAUserCatalog checks scope, lifecycle and overlay on products that differ
// only in that field, so the rule and not the data decides.
func TestRankingRulesOnAUserCatalog(t *testing.T) {
	dir := t.TempDir()
	base := func(id string) string {
		return "  - {id: " + id + ", name: " + id + ", blocks: [gis], blocks_verified: true, evidence: sandbox, evidence_verified: true, licence: MIT, open_source: true, deployment: [on-premise]"
	}
	data := "products:\n" +
		base("a-sector") + ", scope: {sectors: [health], note: made for clinics}}\n" +
		base("b-eol") + ", lifecycle: {status: end-of-life, note: no more releases}}\n" +
		base("c-overlay") + ", overlay: true}\n" +
		base("d-plain") + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	order := func(n Needs) string {
		var ids []string
		for _, p := range c.Match(n, nil).Block("gis").Products {
			if strings.HasSuffix(p.Product.ID, "-sector") || strings.HasSuffix(p.Product.ID, "-eol") || strings.HasSuffix(p.Product.ID, "-overlay") || strings.HasSuffix(p.Product.ID, "-plain") {
				ids = append(ids, p.Product.ID)
			}
		}
		return strings.Join(ids, " ")
	}
	if got := order(Needs{UseCases: []UseCaseRef{custom("map", "agriculture", "gis")}}); got != "d-plain c-overlay b-eol a-sector" {
		t.Errorf("build, agriculture: %s", got)
	}
	if got := order(Needs{UseCases: []UseCaseRef{custom("map", "health", "gis")},
		Inventory: map[string]InventoryItem{"gis": {Status: StatusPartial}}}); got != "a-sector c-overlay d-plain b-eol" {
		t.Errorf("upgrade, health: %s", got)
	}
}

func TestProductFactsComplete(t *testing.T) {
	c := mustDefault(t)
	for _, id := range []string{"joget", "baserow", "mojaloop", "openspp", "dhis2"} {
		if c.Product(id) == nil {
			t.Errorf("product %s missing", id)
		}
	}
	for _, b := range []string{"gis", "e-signature", "scheduler", "messaging"} {
		none := 0
		for _, p := range c.ProductsFor(b) {
			if p.Evidence == EvidenceNone && strings.Contains(p.EvidenceNote.String(), "No GovStack evidence") {
				none++
			}
		}
		if none == 0 {
			t.Errorf("%s has no open-source candidate marked \"no GovStack evidence\"", b)
		}
	}
	for _, id := range []string{"joget", "baserow"} {
		if p := c.Product(id); p.Evidence != EvidenceSandbox || !strings.Contains(p.Source, "sandbox docs/README.md") {
			t.Errorf("%s: evidence %s, source %q", id, p.Evidence, p.Source)
		}
	}
	if l := c.Product("camunda").Lifecycle; l == nil || l.Status != LifecycleEndOfLife {
		t.Error("camunda has no end-of-life note")
	}
	if l := c.Product("mifos-payment-hub-ee").Lifecycle; l == nil || l.Status != LifecycleLicenceChange || !strings.Contains(l.Note.String(), "Zeebe") {
		t.Error("PH-EE has no Zeebe licence note")
	}
	for _, p := range c.Products {
		for _, lang := range []string{"en", "fr", "es"} {
			if p.Summary[lang] == "" || p.EvidenceNote[lang] == "" {
				t.Errorf("%s: summary or evidence note missing in %s", p.ID, lang)
			}
			for _, f := range p.Scope.Functions {
				if f[lang] == "" {
					t.Errorf("%s: scope function %q missing in %s", p.ID, f.String(), lang)
				}
			}
		}
		if p.DPG != nil && p.DPGSource == "" {
			t.Errorf("%s: dpg without a source", p.ID)
		}
		if p.DPG != nil && *p.DPG && !p.OpenSource {
			t.Errorf("%s: a DPG needs an open-source licence", p.ID)
		}
	}
}

func TestBadProductFieldsAreRefused(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"products:\n  - {id: p, name: P, blocks: [gis], scope: {sectors: [health]}}\n", "a limited scope needs a note"},
		{"products:\n  - {id: p, name: P, blocks: [gis], scope: {use_cases: [nope-1], note: x}}\n", "unknown use case"},
		{"products:\n  - {id: p, name: P, blocks: [gis], dpg: true}\n", "needs a dpg_source"},
		{"products:\n  - {id: p, name: P, blocks: [gis], lifecycle: {status: retired, note: x}}\n", "lifecycle status \"retired\""},
		{"blocks:\n  - {id: gis2, name: G, category: feature, depends_on: [{block: identity, strength: optional, reason: r}]}\n", "dependency strength \"optional\""},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(tt.yaml), 0o644)
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "c.yaml:") {
			t.Errorf("%s: error %v, want %q with a position", tt.yaml, err, tt.want)
		}
	}
}

// TestGateLimitedToUseCases: a gate that excludes some use cases does not gate a block that
// only those use cases need.
func TestGateLimitedToUseCases(t *testing.T) {
	c := mustDefault(t)
	g := assess.GateState{Indicator: "legal.e-procurement-law", BB: "e-marketplace", Min: 4, State: assess.GateUnmet,
		Gate: assess.Gate{BB: "e-marketplace", Min: 4, ExceptUseCases: []string{"agr-1", "agr-2"}, Basis: assess.BasisHeuristic}}
	m := c.Match(Needs{UseCases: []UseCaseRef{{ID: "agr-2"}}}, []assess.GateState{g})
	if got := m.Block("e-marketplace").GatedBy; len(got) != 0 {
		t.Errorf("farmers' marketplace gated by %v", got)
	}
	m = c.Match(Needs{UseCases: []UseCaseRef{{ID: "agr-2"}, custom("gov-auctions", "", "e-marketplace")}}, []assess.GateState{g})
	if got := m.Block("e-marketplace").GatedBy; len(got) != 1 || got[0].Gate.Basis != assess.BasisHeuristic {
		t.Errorf("government auctions not gated: %v", got)
	}
}
