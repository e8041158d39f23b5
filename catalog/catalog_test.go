package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
)

func mustDefault(t testing.TB) *Catalog {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestUseCasesMatchPublished(t *testing.T) {
	c := mustDefault(t)
	published := 0
	for _, u := range c.UseCases {
		if u.Legacy {
			continue
		}
		published++
		want, ok := publishedSteps[u.ID]
		if !ok {
			t.Errorf("%s is not in the published table", u.ID)
			continue
		}
		if len(u.Steps) != len(want) {
			t.Errorf("%s: %d steps, published %d", u.ID, len(u.Steps), len(want))
			continue
		}
		for i, s := range u.Steps {
			got := append([]string{}, s.Blocks...)
			if len(got) == 0 {
				got = nil
			}
			w := want[i]
			if len(w) == 0 {
				w = nil
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("%s step %d (%s): blocks %v, published %v", u.ID, i+1, s.Name, got, w)
			}
		}
	}
	if published != 16 || len(publishedSteps) != 16 {
		t.Errorf("%d published use cases in the catalog, %d in the table; want 16", published, len(publishedSteps))
	}
	// EDU-1 publishes two steps "7": the eighth keeps its published label.
	edu := c.UseCase("EDU-1")
	if edu == nil || edu.Steps[7].Label != "7" || edu.Steps[6].Label != "" {
		t.Errorf("edu-1 labels wrong: %+v", edu.Steps)
	}
}

func TestCatalogContents(t *testing.T) {
	c := mustDefault(t)
	for _, id := range []string{"identity", "information-mediator", "workflow", "digital-registries", "registration", "consent", "messaging", "payments", "scheduler", "e-signature", "e-marketplace", "gis", "wallet", "cloud-infrastructure", "cms"} {
		b := c.Block(id)
		if b == nil {
			t.Errorf("block %s missing", id)
			continue
		}
		if b.Category == Other || b.SpecVersion == "" || b.Purpose.String() == "" || b.Source == "" || len(b.Functionalities) == 0 {
			t.Errorf("block %s incomplete: %+v", id, b)
		}
		for _, d := range b.DependsOn {
			if d.Reason.String() == "" || d.Source == "" {
				t.Errorf("block %s depends on %s without a reason", id, d.Block)
			}
		}
	}
	for _, id := range []string{"hltc-1-sdgdif", "edu-1-sdgdif", "agr-1-sdgdif"} {
		u := c.UseCase(id)
		if u == nil || !u.Legacy || c.UseCase(u.VariantOf) == nil {
			t.Errorf("legacy variant %s missing or unlinked", id)
			continue
		}
		for _, s := range u.Steps {
			if len(s.PublishedBlocks) == 0 {
				t.Errorf("%s step %q does not keep the old block names", id, s.Name)
			}
		}
	}
	if c.Block("e-learning") == nil || c.Block("e-learning").Category != Other {
		t.Error("legacy-only block e-learning missing or not category other")
	}
	for _, name := range []string{"mosip", "x-road", "mifos-payment-hub-ee", "openimis", "igrant-io", "rapidpro", "camunda", "openfn-lightning", "unctad-eregistrations", "openg2p", "opencrvs", "keycloak"} {
		p := c.Product(name)
		if p == nil {
			t.Errorf("product %s missing", name)
			continue
		}
		if p.Evidence == EvidenceNone && p.EvidenceVerified {
			t.Errorf("product %s: no evidence marked verified", name)
		}
	}
	// Only the licences the sources confirm are marked verified.
	for _, p := range c.Products {
		if p.LicenceVerified && p.ID != "igrant-io" && p.ID != "openimis" {
			t.Errorf("product %s claims a verified licence", p.ID)
		}
	}
	if c.UseCase("HLTC-1") != c.UseCase("hltc-1") {
		t.Error("use-case ids are not case-insensitive")
	}
}

func inv(status string) InventoryItem { return InventoryItem{Status: status} }

// TestMatchByHand: a country needing HLTC-1 and INST-1 with Identity operational and Payments
// partial. Both use cases' steps use the same eight blocks, and every dependency among them
// (consent→identity, messaging→IM, registration→IM, scheduler→IM+messaging, workflow→IM) is
// inside that set, so 8 blocks are required and the reuse factor is (8+8)/8 = 2.
func TestMatchByHand(t *testing.T) {
	c := mustDefault(t)
	needs := Needs{
		UseCases:  []UseCaseRef{{ID: "inst-1"}},
		Services:  []Service{{Name: i18n.Plain("Maternal care"), UseCase: "hltc-1", Demand: 5, Impact: 4, Technical: 3, Financial: 2, Political: 4}},
		Inventory: map[string]InventoryItem{"identity": inv(StatusOperational), "payments": inv(StatusPartial), "gis": inv(StatusNone)},
	}
	if ps := c.CheckNeeds(needs); len(ps) > 0 {
		t.Fatal(ps)
	}
	gates := []assess.GateState{{Indicator: "cybersecurity.data-protection-law", BB: "consent", Min: 3, Current: ptr(1), State: assess.GateUnmet}}
	m := c.Match(needs, gates)
	var ucs []string
	for _, u := range m.UseCases {
		ucs = append(ucs, u.UseCase.ID)
		if len(u.Blocks) != 8 {
			t.Errorf("%s has %d blocks, want 8: %v", u.UseCase.ID, len(u.Blocks), u.Blocks)
		}
	}
	if strings.Join(ucs, ",") != "hltc-1,inst-1" {
		t.Errorf("use cases %v", ucs)
	}
	wantStatus := map[string]string{
		"consent": Build, "identity": Reuse, "information-mediator": Build, "messaging": Build,
		"payments": Upgrade, "registration": Build, "scheduler": Build, "workflow": Build,
	}
	if len(m.Blocks) != len(wantStatus) {
		t.Errorf("%d blocks, want %d", len(m.Blocks), len(wantStatus))
	}
	for _, b := range m.Blocks {
		if wantStatus[b.Block.ID] != b.Status {
			t.Errorf("%s: status %s, want %s", b.Block.ID, b.Status, wantStatus[b.Block.ID])
		}
		if strings.Join(b.NeededBy, ",") != "hltc-1,inst-1" {
			t.Errorf("%s needed by %v", b.Block.ID, b.NeededBy)
		}
	}
	if m.ReuseFactor == nil || *m.ReuseFactor != 2 {
		t.Errorf("reuse factor %v, want 2", m.ReuseFactor)
	}
	msg := m.Block("messaging")
	want := []string{"hltc-1 1 Outreach Communications", "hltc-1 4 Eligibility Determination", "hltc-1 6 Payment", "inst-1 1 Outreach Communications"}
	var got []string
	for _, r := range msg.Reasons {
		if r.Code != ReasonStep {
			t.Errorf("messaging reason %v, want only steps", r)
			continue
		}
		got = append(got, fmt.Sprintf("%s %d %s", r.Args[0], r.Args[1], r.Args[2].(i18n.Text).In("en")))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messaging reasons:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	id := m.Block("identity")
	if n := len(id.Reasons); n != 8+7+1 { // hltc-1 steps 2–9, inst-1 steps 2–5 and 7–9, needed by consent
		t.Errorf("identity has %d reasons, want 16: %v", n, id.Reasons)
	}
	if last := id.Reasons[len(id.Reasons)-1]; last.Code != ReasonNeededBy || last.Args[0] != "consent" ||
		last.Args[2] != depOf(c, "consent", "identity").Source {
		t.Errorf("identity's last reason %v", last)
	}
	if g := m.Block("consent").GatedBy; len(g) != 1 || g[0].State != assess.GateUnmet {
		t.Errorf("consent gates %v", g)
	}
	if len(m.Services) != 1 || m.Services[0].Priority != 4.5*3 || m.Services[0].Quadrant != QuadrantDoFirst {
		t.Errorf("services %+v", m.Services)
	}
}

func depOf(c *Catalog, from, to string) Dependency {
	for _, d := range c.Block(from).DependsOn {
		if d.Block == to {
			return d
		}
	}
	return Dependency{Reason: i18n.Plain("(no such dependency)")}
}

func ptr(f float64) *float64 { return &f }

func TestServicePriority(t *testing.T) {
	for _, tt := range []struct {
		s        Service
		priority float64
		quadrant string
	}{
		{Service{Demand: 5, Impact: 5, Technical: 5, Financial: 5, Political: 5}, 25, QuadrantDoFirst},
		{Service{Demand: 1, Impact: 1, Technical: 1, Financial: 1, Political: 1}, 1, QuadrantDefer},
		{Service{Demand: 3, Impact: 3, Technical: 2, Financial: 2, Political: 2}, 6, QuadrantPlanFor},
		{Service{Demand: 2, Impact: 3, Technical: 3, Financial: 3, Political: 3}, 7.5, QuadrantNiceToHave},
	} {
		got := Priority(tt.s)
		if got.Priority != tt.priority || got.Quadrant != tt.quadrant {
			t.Errorf("%+v: priority %v %s, want %v %s", tt.s, got.Priority, got.Quadrant, tt.priority, tt.quadrant)
		}
	}
	ranked := RankServices([]Service{
		{Name: i18n.Plain("b"), Demand: 2, Impact: 2, Technical: 2, Financial: 2, Political: 2},
		{Name: i18n.Plain("a"), Demand: 2, Impact: 2, Technical: 2, Financial: 2, Political: 2},
		{Name: i18n.Plain("c"), Demand: 5, Impact: 5, Technical: 5, Financial: 5, Political: 5},
	})
	if ranked[0].Service.Name.String() != "c" || ranked[1].Service.Name.String() != "a" || ranked[2].Rank != 3 {
		t.Errorf("ranking %+v", ranked)
	}
}

func TestProductRanking(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(`
products:
  - {id: zeta, name: Zeta, blocks: [payments], evidence: sandbox, licence: MIT, open_source: true, deployment: [on-premise]}
  - {id: alpha, name: Alpha, blocks: [payments], evidence: sandbox, licence: MIT, open_source: true, deployment: [on-premise]}
  - {id: wide, name: Wide, blocks: [payments, messaging], evidence: sandbox, licence: MIT, open_source: true, deployment: [on-premise]}
  - {id: closed, name: Closed, blocks: [payments], evidence: sandbox, licence: commercial, deployment: [on-premise]}
  - {id: harness, name: Harness, blocks: [payments], evidence: test-harness, licence: Apache-2.0, open_source: true, deployment: [on-premise]}
  - {id: agpl, name: Agpl, blocks: [payments], evidence: sandbox, licence: AGPL-3.0-or-later, open_source: true, deployment: [on-premise]}
  - {id: saas, name: Saas, blocks: [payments], evidence: sandbox, licence: MIT, open_source: true, deployment: [saas]}
  - {id: mifos-payment-hub-ee, name: Replaced, blocks: [wallet], evidence: none, licence: MIT, open_source: true}
`), 0o644)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	needs := Needs{UseCases: []UseCaseRef{{ID: "inst-1"}}}
	rank := func(cons Constraints) []string {
		needs.Constraints = cons
		var out []string
		for _, p := range c.Match(needs, nil).Block("payments").Products {
			s := p.Product.ID
			if p.Excluded {
				s = "x:" + s
			} else {
				s = fmt.Sprintf("%d:%s", p.Rank, s)
			}
			out = append(out, s)
		}
		return out
	}
	// Evidence first, then licence fit (open source 2, commercial 0), then other required blocks
	// covered (wide also covers messaging), then id. The replaced built-in product is gone.
	got := strings.Join(rank(Constraints{}), " ")
	if want := "1:wide 2:agpl 3:alpha 4:saas 5:zeta 6:closed 7:harness"; got != want {
		t.Errorf("ranking\n got %s\nwant %s", got, want)
	}
	got = strings.Join(rank(Constraints{OpenSourceOnly: true, AvoidLicences: []string{"agpl-3.0"}, Hosting: "on-premise"}), " ")
	if want := "1:wide 2:alpha 3:zeta 4:harness x:agpl x:saas x:closed"; got != want {
		t.Errorf("constrained ranking\n got %s\nwant %s", got, want)
	}
	for _, p := range c.Match(needs, nil).Block("payments").Products {
		if p.Excluded && (p.Reasons[0].Code != ReasonExcluded || len(p.Why) == 0) {
			t.Errorf("excluded %s without a reason first: %v", p.Product.ID, p.Reasons)
		}
	}
}

func TestUserCatalogErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		src  string
		want string
	}{
		"cycle": {`blocks:
  - id: identity
    name: Identity
    category: foundational
    depends_on: [{block: consent, reason: loop}]
`, "bad.yaml:5:26: dependency cycle: identity → consent → identity"},
		"unknown dependency": {`blocks:
  - {id: x-block, name: X, category: feature, depends_on: [{block: nowhere, reason: r}]}
`, `bad.yaml:2:68: block x-block depends on unknown block "nowhere"`},
		"unknown step block": {`use_cases:
  - id: my-case
    name: Mine
    steps:
      - {name: One, blocks: [identity, teleport]}
`, `bad.yaml:5:40: use case my-case, step 1 (One): unknown building block "teleport"`},
		"too many steps": {"use_cases:\n  - id: long-case\n    name: Long\n    steps:\n" + strings.Repeat("      - {name: S, blocks: [identity]}\n", MaxSteps+1),
			`bad.yaml:5:7: use case long-case has 101 steps; at most 100 are allowed`},
		"bad category": {`blocks:
  - {id: y-block, name: Y, category: fundamental}
`, `bad.yaml:2:38: block y-block: category "fundamental" is not one of foundational, feature, other`},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(tt.src), 0o644)
			_, err := Load(dir)
			if err == nil {
				t.Fatal("loaded")
			}
			if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); !strings.HasPrefix(got, tt.want) {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCheckNeeds(t *testing.T) {
	c := mustDefault(t)
	ps := c.CheckNeeds(Needs{
		UseCases:  []UseCaseRef{{ID: "inst-9"}, {ID: "land", Custom: &UseCase{ID: "land", Name: i18n.Plain("Land"), Steps: []Step{{Name: i18n.Plain("Apply"), Blocks: []string{"registration", "teleport"}}}}}, {ID: "inst-1"}, {ID: "inst-1"}},
		Services:  []Service{{Name: i18n.Plain("S"), UseCase: "nope"}, {Name: i18n.Plain("T"), UseCase: "land"}},
		Inventory: map[string]InventoryItem{"idnetity": inv(StatusOperational)},
	})
	var msgs []string
	for _, p := range ps {
		msgs = append(msgs, fmt.Sprint(p.Path)+" "+p.Msg)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`[use_cases 0] unknown use case "inst-9"`, `[use_cases 1 steps 0 blocks 1] custom use case land, step 1 (Apply): unknown building block "teleport"`, `listed twice`, `[services 0 use_case] service "S" maps to unknown use case "nope"`, `[inventory idnetity] inventory names unknown building block "idnetity"`} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if len(ps) != 5 {
		t.Errorf("%d problems, want 5:\n%s", len(ps), all)
	}
}

// BenchmarkMatch matches 50 use cases against a catalog of 200 blocks and 1,000 products.
func BenchmarkMatch(b *testing.B) {
	var src strings.Builder
	src.WriteString("blocks:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&src, "  - {id: b%d, name: B%d, category: feature", i, i)
		if i > 0 {
			fmt.Fprintf(&src, ", depends_on: [{block: b%d, reason: r}]", (i*7)%i)
		}
		src.WriteString("}\n")
	}
	src.WriteString("use_cases:\n")
	for u := 0; u < 50; u++ {
		fmt.Fprintf(&src, "  - id: u%d\n    name: U%d\n    steps:\n", u, u)
		for s := 0; s < 10; s++ {
			fmt.Fprintf(&src, "      - {name: S%d, blocks: [b%d, b%d, b%d]}\n", s, (u*13+s)%200, (u*7+s*3)%200, (u+s*11)%200)
		}
	}
	src.WriteString("products:\n")
	evidence := []string{"sandbox", "test-harness", "self-reported", "none"}
	for p := 0; p < 1000; p++ {
		fmt.Fprintf(&src, "  - {id: p%d, name: P%d, blocks: [b%d, b%d], evidence: %s, licence: MIT, open_source: %v, deployment: [on-premise]}\n", p, p, p%200, (p*3)%200, evidence[p%4], p%3 != 0)
	}
	dir := b.TempDir()
	os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(src.String()), 0o644)
	c, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	needs := Needs{Constraints: Constraints{OpenSourceOnly: true}}
	for u := 0; u < 50; u++ {
		needs.UseCases = append(needs.UseCases, UseCaseRef{ID: fmt.Sprintf("u%d", u)})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := c.Match(needs, nil)
		if len(m.UseCases) != 50 {
			b.Fatal("wrong match")
		}
	}
}

func TestUserFileOverridesBlockInPlace(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(`
blocks:
  - {id: identity, name: National ID, category: foundational, source: ministry}
`), 0o644)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Blocks) != len(def.Blocks) {
		t.Fatalf("override changed the block count: %d, was %d", len(c.Blocks), len(def.Blocks))
	}
	for i, b := range c.Blocks {
		if b.ID != def.Blocks[i].ID {
			t.Fatalf("override moved blocks: #%d is %s, was %s", i, b.ID, def.Blocks[i].ID)
		}
	}
	if got := c.Block("identity").Name.String(); got != "National ID" {
		t.Errorf("identity is named %q after the override", got)
	}
}
