package catalog

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
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
	// Chosen is the product the country chose per block id: a product id, or Undecided.
	Chosen map[string]string
}

// Undecided records that the country looked at a block's products and chose none yet.
const Undecided = "undecided"

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
	Reasons   []Reason // one per step or dependant block
	Steps     []StepRef
	// Dependants are the required blocks that cannot run without this one, sorted.
	Dependants []string
	// Requirements say, per dependant, why it requires this block and where its spec says so.
	Requirements []Requirement
	GatedBy      []assess.GateState
	Products     []RankedProduct
	// Recommends are the blocks this block's specification recommends but does not require;
	// they are options, never pulled into the architecture.
	Recommends []Option
	// Chosen is the country's choice of product: "" (none recorded), Undecided, or a product
	// id (ChosenProduct gives the product).
	Chosen string
}

// Pick is the product outputs show for the block: the one the country chose, else the best
// ranked one that breaks no constraint. chosen says it was the country's choice; nil with
// rb.Chosen == Undecided means the country left it open.
func (rb *RequiredBlock) Pick() (p *RankedProduct, chosen bool) {
	if rb.Chosen == Undecided {
		return nil, false
	}
	for i := range rb.Products {
		if rb.Chosen != "" && rb.Products[i].Product.ID == rb.Chosen {
			return &rb.Products[i], true
		}
	}
	for i := range rb.Products {
		if !rb.Products[i].Excluded {
			return &rb.Products[i], false
		}
	}
	return nil, false
}

// ChosenProduct returns the product the country chose for the block, or nil (no choice,
// undecided, or a product the catalog does not have).
func (rb *RequiredBlock) ChosenProduct() *Product {
	for _, p := range rb.Products {
		if p.Product.ID == rb.Chosen {
			return p.Product
		}
	}
	return nil
}

// Requirement is a required dependency that brought a block in: Dependant requires it.
type Requirement struct {
	Dependant string
	Reason    i18n.Text // the spec's words
	Source    string    // spec file and section
}

// Option is a recommended dependency of a required block.
type Option struct {
	Block  string    // the recommended block
	For    string    // the required block whose specification recommends it
	Reason i18n.Text // the spec's words
	Source string    // spec file and section
	// InArchitecture is true when the block is required anyway (by a use case or another block).
	InArchitecture bool
}

// Options returns the recommended blocks that are not in the architecture, one entry per
// block and recommending block, sorted by block then recommender.
func (m *Match) Options() []Option {
	var out []Option
	for _, rb := range m.Blocks {
		for _, o := range rb.Recommends {
			if !o.InArchitecture {
				out = append(out, o)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Block != out[j].Block {
			return out[i].Block < out[j].Block
		}
		return out[i].For < out[j].For
	})
	return out
}

// StepRef is a step of a needed use case that uses a block.
type StepRef struct {
	UseCase string
	N       int    // position, 1..k
	Label   string // the published number where it differs
}

// Summary folds the reasons into one per use case (its steps: "hltc-1: steps 2, 3, 7")
// followed by one per dependant block with the spec section that makes it require this one
// (Reasons has them in full).
func (rb *RequiredBlock) Summary() []Reason {
	var out []Reason
	var order []string
	steps := map[string][]int{}
	for _, s := range rb.Steps {
		if _, ok := steps[s.UseCase]; !ok {
			order = append(order, s.UseCase)
		}
		steps[s.UseCase] = append(steps[s.UseCase], s.N)
	}
	for _, uc := range order {
		out = append(out, reason(ReasonSteps, uc, steps[uc]))
	}
	for _, r := range rb.Requirements {
		out = append(out, reason(ReasonRequiredBy, r.Dependant, r.Source))
	}
	return out
}

// RankedProduct is a candidate product for a block. Rank is 1..n without ties; excluded
// products (they break a constraint) come last with no rank.
type RankedProduct struct {
	Product  *Product
	Rank     int // 0 when excluded
	Excluded bool
	Why      []Reason // why it is excluded: the constraints it breaks
	// OutOfScope is set when none of the use cases that need the block is in the product's
	// scope; Scope says why. Such products rank after those in scope.
	OutOfScope bool
	Scope      *Reason
	Reasons    []Reason
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
		return out[i].Service.Name.String() < out[j].Service.Name.String()
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
			ps.Add(p, "use case id %q is not valid (%s)", r.ID, yamlx.IDRule)
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
		if strings.TrimSpace(u.Name.String()) == "" {
			ps.Add(base, "custom use case %s needs a name", u.ID)
		}
		if len(u.Steps) == 0 {
			ps.Add(base, "custom use case %s needs at least one step with blocks", u.ID)
		}
		if len(u.Steps) > MaxSteps {
			ps.Add(append(append([]any{}, base...), "steps"), "custom use case %s has %d steps; at most %d are allowed", u.ID, len(u.Steps), MaxSteps)
			continue
		}
		for si, s := range u.Steps {
			if strings.TrimSpace(s.Name.String()) == "" {
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
			ps.AddKey([]any{"inventory", id}, "inventory names unknown building block %q; known blocks: %s", id, strings.Join(c.BlockIDs(), ", "))
		}
		if p := n.Inventory[id].Product; p != "" && c.Product(p) == nil {
			ps.Warn([]any{"inventory", id, "product"}, "product %q is not in the catalog", p)
		}
	}
	for _, id := range yamlx.SortedKeys(n.Chosen) {
		if c.Block(id) == nil {
			ps.AddKey([]any{"products", id}, "products names unknown building block %q; known blocks: %s", id, strings.Join(c.BlockIDs(), ", "))
			continue
		}
		switch p := n.Chosen[id]; {
		case p == Undecided:
		case c.Product(p) == nil:
			ps.Warn([]any{"products", id}, "product %q is not in the catalog", p)
		case !slices.Contains(c.Product(p).Blocks, id):
			ps.Warn([]any{"products", id}, "product %q does not provide the block %s in the catalog", p, id)
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
		need(s.Service.UseCase, "service: "+s.Service.Name.String())
	}
	sort.SliceStable(m.UseCases, func(i, j int) bool { return m.UseCases[i].UseCase.ID < m.UseCases[j].UseCase.ID })

	// Required blocks with needed_by and reasons.
	type acc struct {
		neededBy map[string]bool
		steps    []Reason
		refs     []StepRef
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
				a.refs = append(a.refs, StepRef{UseCase: u.ID, N: si + 1, Label: s.Label})
				direct = append(direct, b)
			}
		}
		all := c.Closure(direct)
		m.UseCases[ui].Blocks = all
		// Dependencies: every block reached through another gets a reason per dependant.
		for _, id := range all {
			if b := c.blocks[id]; b != nil {
				for _, d := range b.Requires() {
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
		rb := RequiredBlock{Block: b, NeededBy: yamlx.SortedKeys(a.neededBy)}
		// A gate concerns the block when it holds the go-live of at least one use case that
		// needs the block (a gate may be limited to some use cases, or exclude some).
		for _, g := range gatesBy[id] {
			for _, uc := range rb.NeededBy {
				if g.Gate.Holds(uc) {
					rb.GatedBy = append(rb.GatedBy, g)
					break
				}
			}
		}
		rb.Reasons, rb.Steps = sortedSteps(a.steps, a.refs)
		rb.Dependants = yamlx.SortedKeys(a.deps)
		for _, dep := range yamlx.SortedKeys(a.deps) {
			for _, d := range c.blocks[dep].Requires() {
				if d.Block == id {
					rb.Reasons = append(rb.Reasons, reason(ReasonNeededBy, dep, d.Reason, d.Source))
					rb.Requirements = append(rb.Requirements, Requirement{Dependant: dep, Reason: d.Reason, Source: d.Source})
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
	sectors := map[string]string{}
	for _, u := range m.UseCases {
		sectors[u.UseCase.ID] = u.UseCase.Sector
	}
	for i := range m.Blocks {
		rb := &m.Blocks[i]
		for _, d := range rb.Block.Recommends() {
			rb.Recommends = append(rb.Recommends, Option{Block: d.Block, For: rb.Block.ID, Reason: d.Reason, Source: d.Source, InArchitecture: required[d.Block]})
		}
		ctx := rankContext{block: rb.Block.ID, status: rb.Status, neededBy: rb.NeededBy, sectors: sectors, required: required,
			cons: n.Constraints, inUse: n.Inventory[rb.Block.ID].Product}
		rb.Products = c.rankProducts(ctx)
		rb.Chosen = n.Chosen[rb.Block.ID]
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
func stepReason(uc string, s Step, i int) Reason {
	label := ""
	if s.Label != "" && s.Label != fmt.Sprint(i+1) {
		label = s.Label
	}
	return reason(ReasonStep, uc, i+1, s.Name, label)
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

// breaks returns the constraints p breaks (none: it may be ranked).
func breaks(p *Product, c Constraints) []Reason {
	var why []Reason
	if c.OpenSourceOnly && !p.OpenSource {
		why = append(why, reason(ReasonNotOpenSource, p.Licence))
	}
	for _, avoid := range c.AvoidLicences {
		if licenceBase(avoid) == licenceBase(p.Licence) {
			why = append(why, reason(ReasonAvoidedLicence, p.Licence))
		}
	}
	switch c.Hosting {
	case "on-premise":
		if !contains(p.Deployment, "on-premise") {
			why = append(why, reason(ReasonNotOnPremise))
		}
	case "cloud":
		if !contains(p.Deployment, "cloud") && !contains(p.Deployment, "saas") {
			why = append(why, reason(ReasonNotCloud))
		}
	}
	return why
}

// rankContext is what ranking the products of one required block needs to know.
type rankContext struct {
	block    string
	status   string            // reuse | upgrade | build
	neededBy []string          // use cases that need the block
	sectors  map[string]string // use case → sector
	required map[string]bool   // blocks of the architecture
	cons     Constraints
	inUse    string // product id the inventory names for the block
}

// lifecycleRank orders lifecycle statuses: active first, end of life last.
var lifecycleRank = map[string]int{LifecycleActive: 0, LifecycleLicenceChange: 1, LifecycleEndOfLife: 2}

// rankProducts ranks the candidates of one block (design §5): products that break a
// constraint come last and unranked; then products outside their usual scope for every use
// case that needs the block; then by lifecycle (end of life and licence changes after active
// products), an overlay after full platforms when the block must be built, evidence, licence
// fit, other required blocks covered, and id.
func (c *Catalog) rankProducts(x rankContext) []RankedProduct {
	type cand struct {
		p       *Product
		why     []Reason
		others  []string
		fit     int
		evRank  int
		outside bool
		scope   *Reason
		life    int
		overlay bool
		reasons []Reason
	}
	var cands []cand
	for _, p := range c.ProductsFor(x.block) {
		k := cand{p: p, why: breaks(p, x.cons), fit: licenceFit(p), evRank: evidenceRank[p.Evidence],
			life: lifecycleRank[p.LifecycleStatus()], overlay: p.Overlay && x.status == Build}
		for _, b := range p.Blocks {
			if b != x.block && x.required[b] {
				k.others = append(k.others, b)
			}
		}
		sort.Strings(k.others)
		k.outside, k.scope = scopeFit(p, x)
		k.reasons = productReasons(p, k.others, x.inUse)
		if k.scope != nil {
			k.reasons = append([]Reason{*k.scope}, k.reasons...)
		}
		if k.overlay {
			k.reasons = append(k.reasons, reason(ReasonOverlay))
		}
		cands = append(cands, k)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if (len(a.why) == 0) != (len(b.why) == 0) {
			return len(a.why) == 0
		}
		if a.outside != b.outside {
			return !a.outside
		}
		if a.life != b.life {
			return a.life < b.life
		}
		if a.overlay != b.overlay {
			return !a.overlay
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
		rp := RankedProduct{Product: k.p, Reasons: k.reasons, OutOfScope: k.outside}
		if k.outside {
			rp.Scope = k.scope
		}
		if len(k.why) > 0 {
			rp.Excluded, rp.Why = true, k.why
			rp.Reasons = append([]Reason{reason(ReasonExcluded, k.why)}, rp.Reasons...)
		} else {
			rank++
			rp.Rank = rank
		}
		out = append(out, rp)
	}
	return out
}

// scopeFit says whether a product is outside its usual scope for every use case that needs
// the block, with a line that says why (or, for a limited scope that fits, which use cases
// it fits). A generic product gives none.
func scopeFit(p *Product, x rankContext) (outside bool, why *Reason) {
	if p.Scope.Generic() {
		return false, nil
	}
	var fits []string
	for _, uc := range x.neededBy {
		if p.Scope.Fits(uc, x.sectors[uc]) {
			fits = append(fits, uc)
		}
	}
	made := p.Scope.MadeFor()
	if len(fits) == 0 {
		r := reason(ReasonOutsideScope, made, p.Scope.Note)
		return true, &r
	}
	r := reason(ReasonInScope, fits, made)
	return false, &r
}

// productReasons are what the ranking weighed for one product, in the order outputs list them.
func productReasons(p *Product, others []string, inUse string) []Reason {
	var r []Reason
	if inUse == p.ID {
		r = append(r, reason(ReasonInUse))
	}
	r = append(r, reason(ReasonEvidence, p), reason(ReasonLicence, p))
	if !p.BlocksVerified {
		r = append(r, reason(ReasonBlockUnverified))
	}
	if len(others) > 0 {
		r = append(r, reason(ReasonAlsoCovers, others))
	}
	if l := p.Lifecycle; l != nil && l.Status != LifecycleActive {
		r = append(r, reason(ReasonLifecycle, p))
	}
	return append(r, reason(ReasonDPG, p))
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

// sortedSteps orders step reasons by use case, then step number, dropping repeats.
func sortedSteps(reasons []Reason, refs []StepRef) ([]Reason, []StepRef) {
	idx := make([]int, len(refs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ra, rb := refs[idx[a]], refs[idx[b]]
		if ra.UseCase != rb.UseCase {
			return ra.UseCase < rb.UseCase
		}
		return ra.N < rb.N
	})
	var outR []Reason
	var outS []StepRef
	seen := map[StepRef]bool{}
	for _, i := range idx {
		if seen[refs[i]] {
			continue
		}
		seen[refs[i]] = true
		outR, outS = append(outR, reasons[i]), append(outS, refs[i])
	}
	return outR, outS
}
