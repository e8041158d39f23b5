package catalog

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
)

// Block statuses in a match.
const (
	Reuse   = "reuse"
	Upgrade = "upgrade"
	Build   = "build"
)

// Service quadrants: impact and feasibility split at 3 on each axis (3 and above is high).
const (
	QuadrantDoFirst    = "do-first"     // high impact, high feasibility
	QuadrantPlanFor    = "plan-for"     // high impact, low feasibility
	QuadrantNiceToHave = "nice-to-have" // low impact, high feasibility
	QuadrantDefer      = "defer"        // low impact, low feasibility
)

// Needs is what a country wants and has: the input of Match.
type Needs struct {
	Services    []Service
	UseCases    []UseCaseRef
	Inventory   map[string]InventoryItem
	Constraints Constraints
}

// Match is the architecture a country's needs call for.
type Match struct {
	UseCases    []NeededUseCase
	Blocks      []RequiredBlock
	ReuseFactor *float64
	Services    []RankedService
}

// NeededUseCase is a use case the country needs, with every block it requires.
type NeededUseCase struct {
	UseCase *UseCase
	// From says why it is needed: "use_cases" or the names of the services mapped to it.
	From []string
	// Blocks are its steps' blocks plus their dependencies, transitively, sorted.
	Blocks []string
}

// RequiredBlock is one block of the architecture.
type RequiredBlock struct {
	Block     *Block
	Status    string // reuse | upgrade | build
	Inventory *InventoryItem
	NeededBy  []string // use-case ids, sorted
	Reasons   []string
	GatedBy   []assess.GateState
	Products  []RankedProduct
}

// RankedProduct is a candidate product for a block. Rank is 1..n without ties; excluded
// products (they break a constraint) come last with no rank.
type RankedProduct struct {
	Product  *Product
	Rank     int // 0 when excluded
	Excluded bool
	Reasons  []string
}

// RankedService is a candidate service with its priority.
type RankedService struct {
	Service     Service
	Rank        int
	Impact      float64 // mean(demand, impact)
	Feasibility float64 // mean(technical, financial, political)
	Priority    float64 // impact × feasibility, 1..25
	Quadrant    string
}

// Priority computes impact, feasibility, priority and quadrant of a service (design §5).
func Priority(s Service) RankedService {
	imp := float64(s.Demand+s.Impact) / 2
	fea := float64(s.Technical+s.Financial+s.Political) / 3
	q := QuadrantDefer
	switch {
	case imp >= 3 && fea >= 3:
		q = QuadrantDoFirst
	case imp >= 3:
		q = QuadrantPlanFor
	case fea >= 3:
		q = QuadrantNiceToHave
	}
	return RankedService{Service: s, Impact: imp, Feasibility: fea, Priority: imp * fea, Quadrant: q}
}

// RankServices orders services by priority (highest first), then name.
func RankServices(services []Service) []RankedService {
	out := make([]RankedService, len(services))
	for i, s := range services {
		out[i] = Priority(s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if math.Abs(out[i].Priority-out[j].Priority) > 1e-9 {
			return out[i].Priority > out[j].Priority
		}
		return out[i].Service.Name < out[j].Service.Name
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// CheckNeeds validates a country's needs against the catalog: use-case ids exist, custom use
// cases name known blocks and do not reuse catalog ids, services map to a known use case,
// inventory keys are blocks. Paths are from the country file's root.
func (c *Catalog) CheckNeeds(n Needs) yamlx.Problems {
	var ps yamlx.Problems
	custom := map[string]bool{}
	seen := map[string]int{}
	for i, r := range n.UseCases {
		p := []any{"use_cases", i}
		if r.Custom != nil {
			p = append(p, "id")
		}
		if !ident.Valid(r.ID) {
			ps.Add(p, "use case id %q is not valid (%s)", r.ID, ident.Rule)
			continue
		}
		if j, dup := seen[r.ID]; dup {
			ps.Add(p, "use case %q is listed twice (also use_cases[%d])", r.ID, j)
		}
		seen[r.ID] = i
		if r.Custom == nil {
			if c.UseCase(r.ID) == nil {
				ps.Add(p, "unknown use case %q; catalog use cases: %s (or define a custom one with id, name and steps)", r.ID, strings.Join(c.useCaseIDs(false), ", "))
			}
			continue
		}
		if c.UseCase(r.ID) != nil {
			ps.Add(p, "custom use case id %q is already a catalog use case; choose another id", r.ID)
		}
		custom[r.ID] = true
		u := r.Custom
		base := []any{"use_cases", i}
		if strings.TrimSpace(u.Name) == "" {
			ps.Add(base, "custom use case %s needs a name", u.ID)
		}
		if len(u.Steps) == 0 {
			ps.Add(base, "custom use case %s needs at least one step with blocks", u.ID)
		}
		for si, s := range u.Steps {
			if strings.TrimSpace(s.Name) == "" {
				ps.Add(append(append([]any{}, base...), "steps", si), "custom use case %s: step %d needs a name", u.ID, si+1)
			}
			for bi, b := range s.Blocks {
				if c.Block(b) == nil {
					ps.Add(append(append([]any{}, base...), "steps", si, "blocks", bi),
						"custom use case %s, step %d (%s): unknown building block %q; known blocks: %s", u.ID, si+1, s.Name, b, strings.Join(c.BlockIDs(), ", "))
				}
			}
		}
	}
	for i, s := range n.Services {
		p := []any{"services", i, "use_case"}
		switch {
		case s.UseCase == "":
			ps.Add([]any{"services", i}, "service %q needs a use_case (a catalog use case or a custom one from use_cases)", s.Name)
		case c.UseCase(s.UseCase) == nil && !custom[s.UseCase]:
			ps.Add(p, "service %q maps to unknown use case %q; catalog use cases: %s", s.Name, s.UseCase, strings.Join(c.useCaseIDs(false), ", "))
		}
	}
	for _, id := range yamlx.SortedKeys(n.Inventory) {
		if c.Block(id) == nil {
			ps = append(ps, yamlx.Problem{Path: []any{"inventory", id}, AtKey: true,
				Msg: fmt.Sprintf("inventory names unknown building block %q; known blocks: %s", id, strings.Join(c.BlockIDs(), ", "))})
		}
		if p := n.Inventory[id].Product; p != "" && c.Product(p) == nil {
			ps.Warn([]any{"inventory", id, "product"}, "product %q is not in the catalog", p)
		}
	}
	return ps
}

func (c *Catalog) useCaseIDs(legacy bool) []string {
	var ids []string
	for _, u := range c.UseCases {
		if u.Legacy == legacy || legacy {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// Match maps needs to the architecture they require (design §5). gates are the readiness
// gates of the country's scorecard (nil when there is no assessment). Needs must have passed
// CheckNeeds.
func (c *Catalog) Match(n Needs, gates []assess.GateState) *Match {
	m := &Match{Services: RankServices(n.Services)}

	// Needed use cases: use_cases ∪ the use cases of services, in first-mention order.
	custom := map[string]*UseCase{}
	for _, r := range n.UseCases {
		if r.Custom != nil {
			custom[r.ID] = r.Custom
		}
	}
	lookup := func(id string) *UseCase {
		if u := custom[id]; u != nil {
			return u
		}
		return c.UseCase(id)
	}
	index := map[string]int{}
	need := func(id, from string) {
		u := lookup(id)
		if u == nil {
			return
		}
		if i, ok := index[u.ID]; ok {
			m.UseCases[i].From = appendUnique(m.UseCases[i].From, from)
			return
		}
		index[u.ID] = len(m.UseCases)
		m.UseCases = append(m.UseCases, NeededUseCase{UseCase: u, From: []string{from}})
	}
	for _, r := range n.UseCases {
		need(r.ID, "use_cases")
	}
	for _, s := range m.Services {
		need(s.Service.UseCase, "service: "+s.Service.Name)
	}
	sort.SliceStable(m.UseCases, func(i, j int) bool { return m.UseCases[i].UseCase.ID < m.UseCases[j].UseCase.ID })

	// Required blocks with needed_by and reasons.
	type acc struct {
		neededBy map[string]bool
		steps    []string
		deps     map[string]bool
	}
	req := map[string]*acc{}
	get := func(id string) *acc {
		if req[id] == nil {
			req[id] = &acc{neededBy: map[string]bool{}, deps: map[string]bool{}}
		}
		return req[id]
	}
	for ui := range m.UseCases {
		u := m.UseCases[ui].UseCase
		var direct []string
		for si, s := range u.Steps {
			for _, b := range s.Blocks {
				a := get(b)
				a.neededBy[u.ID] = true
				a.steps = append(a.steps, stepReason(u.ID, s, si))
				direct = append(direct, b)
			}
		}
		all := c.Closure(direct)
		m.UseCases[ui].Blocks = all
		// Dependencies: every block reached through another gets a reason per dependant.
		for _, id := range all {
			if b := c.blocks[id]; b != nil {
				for _, d := range b.DependsOn {
					a := get(d.Block)
					a.neededBy[u.ID] = true
					a.deps[id] = true
				}
			}
		}
	}
	gatesBy := map[string][]assess.GateState{}
	for _, g := range gates {
		gatesBy[g.BB] = append(gatesBy[g.BB], g)
	}
	ids := yamlx.SortedKeys(req)
	for _, id := range ids {
		a := req[id]
		b := c.blocks[id]
		rb := RequiredBlock{Block: b, NeededBy: yamlx.SortedKeys(a.neededBy), GatedBy: gatesBy[id]}
		rb.Reasons = uniqueSorted(a.steps)
		for _, dep := range yamlx.SortedKeys(a.deps) {
			for _, d := range c.blocks[dep].DependsOn {
				if d.Block == id {
					rb.Reasons = append(rb.Reasons, fmt.Sprintf("needed by %s: %s", dep, d.Reason))
				}
			}
		}
		rb.Status = Build
		if it, ok := n.Inventory[id]; ok {
			it := it
			rb.Inventory = &it
			switch it.Status {
			case StatusOperational:
				rb.Status = Reuse
			case StatusPartial:
				rb.Status = Upgrade
			}
		}
		m.Blocks = append(m.Blocks, rb)
	}
	required := map[string]bool{}
	for _, id := range ids {
		required[id] = true
	}
	for i := range m.Blocks {
		m.Blocks[i].Products = c.rankProducts(m.Blocks[i].Block.ID, required, n.Constraints, n.Inventory[m.Blocks[i].Block.ID].Product)
	}
	if len(ids) > 0 {
		sum := 0
		for _, u := range m.UseCases {
			sum += len(u.Blocks)
		}
		f := float64(sum) / float64(len(ids))
		m.ReuseFactor = &f
	}
	return m
}

// Block returns the required block with the id, or nil.
func (m *Match) Block(id string) *RequiredBlock {
	for i := range m.Blocks {
		if m.Blocks[i].Block.ID == id {
			return &m.Blocks[i]
		}
	}
	return nil
}

// stepReason says which step of which use case brought a block in; the number is the step's
// position, with the published number where it differs.
func stepReason(uc string, s Step, i int) string {
	if s.Label != "" && s.Label != fmt.Sprint(i+1) {
		return fmt.Sprintf("%s step %d (%s, published as step %s)", uc, i+1, s.Name, s.Label)
	}
	return fmt.Sprintf("%s step %d (%s)", uc, i+1, s.Name)
}

var evidenceRank = map[string]int{EvidenceSandbox: 3, EvidenceTestHarness: 2, EvidenceSelfReported: 1, EvidenceNone: 0}

// licenceFit scores how well a licence fits a public-sector deployment: 2 an OSI open-source
// licence, 1 source-available or not stated, 0 commercial.
func licenceFit(p *Product) int {
	switch {
	case p.OpenSource:
		return 2
	case strings.EqualFold(p.Licence, "commercial"):
		return 0
	default:
		return 1
	}
}

// licenceBase strips -only/-or-later/+ so "GPL-2.0-or-later" matches an avoided "GPL-2.0".
func licenceBase(l string) string {
	l = strings.ToUpper(strings.TrimSpace(l))
	for _, suf := range []string{"-OR-LATER", "-ONLY", "+"} {
		l = strings.TrimSuffix(l, suf)
	}
	return l
}

// breaks returns why p breaks the constraints, or "".
func breaks(p *Product, c Constraints) string {
	var why []string
	if c.OpenSourceOnly && !p.OpenSource {
		why = append(why, fmt.Sprintf("licence %s is not an open-source licence (constraint: open source only)", orUnknown(p.Licence)))
	}
	for _, avoid := range c.AvoidLicences {
		if licenceBase(avoid) == licenceBase(p.Licence) {
			why = append(why, fmt.Sprintf("licence %s is on the country's avoid list", p.Licence))
		}
	}
	switch c.Hosting {
	case "on-premise":
		if !contains(p.Deployment, "on-premise") {
			why = append(why, "cannot be hosted on premises (constraint: hosting on-premise)")
		}
	case "cloud":
		if !contains(p.Deployment, "cloud") && !contains(p.Deployment, "saas") {
			why = append(why, "not offered in the cloud (constraint: hosting cloud)")
		}
	}
	return strings.Join(why, "; ")
}

func (c *Catalog) rankProducts(block string, required map[string]bool, cons Constraints, inUse string) []RankedProduct {
	type cand struct {
		p       *Product
		why     string
		others  []string
		fit     int
		evRank  int
		reasons []string
	}
	var cands []cand
	for _, p := range c.ProductsFor(block) {
		k := cand{p: p, why: breaks(p, cons), fit: licenceFit(p), evRank: evidenceRank[p.Evidence]}
		for _, b := range p.Blocks {
			if b != block && required[b] {
				k.others = append(k.others, b)
			}
		}
		sort.Strings(k.others)
		k.reasons = productReasons(p, k.others, inUse)
		cands = append(cands, k)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if (a.why == "") != (b.why == "") {
			return a.why == ""
		}
		if a.evRank != b.evRank {
			return a.evRank > b.evRank
		}
		if a.fit != b.fit {
			return a.fit > b.fit
		}
		if len(a.others) != len(b.others) {
			return len(a.others) > len(b.others)
		}
		return a.p.ID < b.p.ID
	})
	out := make([]RankedProduct, 0, len(cands))
	rank := 0
	for _, k := range cands {
		rp := RankedProduct{Product: k.p, Reasons: k.reasons}
		if k.why != "" {
			rp.Excluded = true
			rp.Reasons = append([]string{"excluded: " + k.why}, rp.Reasons...)
		} else {
			rank++
			rp.Rank = rank
		}
		out = append(out, rp)
	}
	return out
}

func productReasons(p *Product, others []string, inUse string) []string {
	var r []string
	if inUse == p.ID {
		r = append(r, "already in use in the country (inventory)")
	}
	ev := "evidence: " + p.Evidence
	if p.EvidenceNote != "" {
		ev += " — " + p.EvidenceNote
	}
	if p.Evidence != EvidenceNone {
		ev += verified(p.EvidenceVerified)
	}
	r = append(r, ev)
	lic := "licence: " + orUnknown(p.Licence)
	if p.OpenSource {
		lic += ", open source"
	}
	r = append(r, lic+verified(p.LicenceVerified))
	if !p.BlocksVerified {
		r = append(r, "that it covers this block is not verified in GovStack sources")
	}
	if len(others) > 0 {
		r = append(r, "also covers required "+strings.Join(others, ", "))
	}
	return r
}

func verified(v bool) string {
	if v {
		return " (verified)"
	}
	return " (not verified)"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

func uniqueSorted(list []string) []string {
	set := map[string]bool{}
	for _, s := range list {
		set[s] = true
	}
	out := yamlx.SortedKeys(set)
	// Sort by use case, then step number numerically.
	sort.SliceStable(out, func(i, j int) bool { return stepKey(out[i]) < stepKey(out[j]) })
	return out
}

// stepKey orders "uc step N (name)" by use case then numeric step.
func stepKey(s string) string {
	uc, rest, _ := strings.Cut(s, " step ")
	num, _, _ := strings.Cut(rest, " ")
	n := 0
	fmt.Sscan(num, &n)
	return fmt.Sprintf("%s\x00%06d\x00%s", uc, n, s)
}
