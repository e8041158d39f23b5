package catalog

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
)

//go:embed data/*.yaml
var dataFiles embed.FS

// Catalog is the set of building blocks, use cases and products the matcher knows.
type Catalog struct {
	Blocks   []*Block   // in file order
	UseCases []*UseCase // in file order, legacy variants after the published ones
	Products []*Product // sorted by id

	blocks   map[string]*Block
	useCases map[string]*UseCase
	products map[string]*Product
	origin   map[string]origin // "block:id", "usecase:id", "product:id" → where it was defined
}

type origin struct {
	doc  *yamlx.Doc
	path []any
}

// file is the shape of one catalog YAML file; any of its sections may be absent.
type file struct {
	Blocks   []*Block   `yaml:"blocks"`
	UseCases []*UseCase `yaml:"use_cases"`
	Products []*Product `yaml:"products"`
}

var builtin struct {
	once sync.Once
	cat  *Catalog
	err  error
}

// Default returns the embedded catalog, loaded and checked once.
func Default() (*Catalog, error) {
	builtin.once.Do(func() {
		c := newCatalog()
		entries, _ := fs.ReadDir(dataFiles, "data")
		for _, e := range entries {
			data, err := dataFiles.ReadFile("data/" + e.Name())
			if err != nil {
				builtin.err = err
				return
			}
			if err := c.add("embedded:catalog/data/"+e.Name(), data); err != nil {
				builtin.err = fmt.Errorf("the built-in catalog is broken: %w", err)
				return
			}
		}
		if err := c.finish(); err != nil {
			builtin.err = fmt.Errorf("the built-in catalog is broken: %w", err)
			return
		}
		builtin.cat = c
	})
	return builtin.cat, builtin.err
}

// Load returns the embedded catalog with the YAML files of dir merged over it (an entry with
// the same id replaces the built-in one). An empty dir gives the embedded catalog.
func Load(dir string) (*Catalog, error) {
	def, err := Default()
	if err != nil || dir == "" {
		return def, err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, yamlx.Errorf("", "--catalog %s: %s", dir, yamlx.OSReason(err))
	}
	var paths []string
	if st.IsDir() {
		for _, pat := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			paths = append(paths, m...)
		}
		sort.Strings(paths)
		if len(paths) == 0 {
			return nil, yamlx.Errorf("", "--catalog %s: no .yaml files in the folder", dir)
		}
	} else {
		paths = []string{dir}
	}
	c := def.clone()
	var errs yamlx.Errors
	for _, p := range paths {
		read := yamlx.ReadFile
		if st.IsDir() {
			read = yamlx.ReadListedFile // never open a FIFO or a device planted in the folder
		}
		data, err := read(p)
		if err == nil {
			err = c.add(p, data)
		}
		errs = append(errs, yamlx.AsErrors(err)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(c.Blocks) > MaxBlocks || len(c.UseCases) > MaxUseCases || len(c.Products) > MaxProducts {
		// Matching and planning walk blocks and their dependencies; a catalog of tens of
		// thousands (a 90,000-block chain) would make them run for minutes.
		return nil, yamlx.Errorf("", "--catalog %s: the catalog would hold %d blocks, %d use cases and %d products; at most %d, %d and %d are allowed",
			dir, len(c.Blocks), len(c.UseCases), len(c.Products), MaxBlocks, MaxUseCases, MaxProducts)
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	return c, nil
}

// Bounds of a catalog with --catalog merged in (the built-in one holds a few dozen of each).
const (
	MaxBlocks = 1000
	// MaxSteps is the most steps of one use case: its diagram stays drawable in seconds.
	MaxSteps    = 100
	MaxUseCases = 5000
	MaxProducts = 5000
)

func newCatalog() *Catalog {
	return &Catalog{
		blocks: map[string]*Block{}, useCases: map[string]*UseCase{}, products: map[string]*Product{},
		origin: map[string]origin{},
	}
}

func (c *Catalog) clone() *Catalog {
	n := newCatalog()
	n.Blocks = append(n.Blocks, c.Blocks...)
	n.UseCases = append(n.UseCases, c.UseCases...)
	n.Products = append(n.Products, c.Products...)
	for k, v := range c.blocks {
		n.blocks[k] = v
	}
	for k, v := range c.useCases {
		n.useCases[k] = v
	}
	for k, v := range c.products {
		n.products[k] = v
	}
	for k, v := range c.origin {
		n.origin[k] = v
	}
	return n
}

// add decodes one catalog file and merges its entries in, replacing entries with the same id.
func (c *Catalog) add(name string, data []byte) error {
	doc, err := yamlx.Parse(name, data, yamlx.Msgf("a catalog file (blocks, use_cases, products)"))
	if err != nil {
		return err
	}
	var f file
	if err := doc.Decode(&f); err != nil {
		return err
	}
	var ps yamlx.Problems
	seen := map[string]bool{}
	checkID := func(kind string, path []any, id *string) bool {
		valid := *id != "" && ident.Valid(*id)
		if valid {
			*id = ident.Norm(*id)
		}
		dup := valid && seen[kind+":"+*id]
		switch {
		case !valid && kind == "block":
			ps.Add(path, "block id %q is not valid (%s)", *id, yamlx.IDRule)
		case !valid && kind == "use case":
			ps.Add(path, "use case id %q is not valid (%s)", *id, yamlx.IDRule)
		case !valid:
			ps.Add(path, "product id %q is not valid (%s)", *id, yamlx.IDRule)
		case dup && kind == "block":
			ps.Add(path, "block id %q is defined twice in this file", *id)
		case dup && kind == "use case":
			ps.Add(path, "use case id %q is defined twice in this file", *id)
		case dup:
			ps.Add(path, "product id %q is defined twice in this file", *id)
		default:
			seen[kind+":"+*id] = true
			return true
		}
		return false
	}
	for i, b := range f.Blocks {
		p := []any{"blocks", i}
		if checkID("block", append(p, "id"), &b.ID) {
			c.Blocks = upsert(c.Blocks, c.blocks, b.ID, b, func(b *Block) string { return b.ID })
			c.origin["block:"+b.ID] = origin{doc, p}
		}
	}
	for i, u := range f.UseCases {
		p := []any{"use_cases", i}
		if checkID("use case", append(p, "id"), &u.ID) {
			c.UseCases = upsert(c.UseCases, c.useCases, u.ID, u, func(u *UseCase) string { return u.ID })
			c.origin["usecase:"+u.ID] = origin{doc, p}
		}
	}
	for i, pr := range f.Products {
		p := []any{"products", i}
		if checkID("product", append(p, "id"), &pr.ID) {
			c.Products = upsert(c.Products, c.products, pr.ID, pr, func(p *Product) string { return p.ID })
			c.origin["product:"+pr.ID] = origin{doc, p}
		}
	}
	return doc.Locate(ps).Err()
}

// upsert adds v to list under id, or replaces the entry with that id in place when an earlier
// file defined it, so a later file overrides without changing the order.
func upsert[T any](list []T, byID map[string]T, id string, v T, idOf func(T) string) []T {
	if _, ok := byID[id]; !ok {
		list = append(list, v)
	} else {
		for i := range list {
			if idOf(list[i]) == id {
				list[i] = v
			}
		}
	}
	byID[id] = v
	return list
}

// finish normalises references, sorts, and validates the whole catalog.
func (c *Catalog) finish() error {
	sort.SliceStable(c.UseCases, func(i, j int) bool { return !c.UseCases[i].Legacy && c.UseCases[j].Legacy })
	sort.Slice(c.Products, func(i, j int) bool { return c.Products[i].ID < c.Products[j].ID })
	errs := &findings{c: c}
	at := func(key string, sub ...any) place { return place{key, sub} }
	for _, b := range c.Blocks {
		key := "block:" + b.ID
		switch b.Category {
		case Foundational, Feature, Other:
		default:
			errs.Errorf(at(key, "category"), "block %s: category %q is not one of foundational, feature, other", b.ID, b.Category)
		}
		if strings.TrimSpace(b.Name.String()) == "" {
			errs.Errorf(at(key), "block %s needs a name", b.ID)
		}
		for i := range b.DependsOn {
			d := &b.DependsOn[i]
			d.Block = ident.Norm(d.Block)
			switch d.Strength {
			case "":
				d.Strength = Required
			case Required, Recommended:
			default:
				errs.Errorf(at(key, "depends_on", i, "strength"), "block %s: dependency strength %q is not one of required, recommended", b.ID, d.Strength)
			}
			if c.blocks[d.Block] == nil {
				errs.Errorf(at(key, "depends_on", i, "block"), "block %s depends on unknown block %q", b.ID, d.Block)
			} else if d.Block == b.ID {
				errs.Errorf(at(key, "depends_on", i, "block"), "block %s depends on itself", b.ID)
			}
		}
	}
	if len(errs.list) == 0 {
		if cyc := c.dependencyCycle(); cyc != nil {
			// Report the cycle at a block the user defined, where they can break it.
			ring := cyc[:len(cyc)-1]
			start := 0
			for i, id := range ring {
				if !strings.HasPrefix(c.origin["block:"+id].doc.File, "embedded:") {
					start = i
					break
				}
			}
			ring = append(ring[start:], ring[:start]...)
			ring = append(ring, ring[0])
			edge := 0
			for i, d := range c.blocks[ring[0]].DependsOn {
				if d.Block == ring[1] && d.IsRequired() {
					edge = i
				}
			}
			errs.Errorf(at("block:"+ring[0], "depends_on", edge, "block"), "dependency cycle: %s", strings.Join(ring, " → "))
		}
	}
	for _, u := range c.UseCases {
		key := "usecase:" + u.ID
		c.checkUseCase(u, errs, key)
		if u.VariantOf != "" {
			u.VariantOf = ident.Norm(u.VariantOf)
			if c.useCases[u.VariantOf] == nil {
				errs.Errorf(at(key, "variant_of"), "use case %s is a variant of unknown use case %q", u.ID, u.VariantOf)
			}
		}
	}
	for _, p := range c.Products {
		key := "product:" + p.ID
		switch p.Evidence {
		case EvidenceSandbox, EvidenceTestHarness, EvidenceSelfReported, EvidenceNone:
		case "":
			p.Evidence = EvidenceNone
		default:
			errs.Errorf(at(key, "evidence"), "product %s: evidence %q is not one of sandbox, test-harness, self-reported, none", p.ID, p.Evidence)
		}
		if p.Evidence == EvidenceNone && p.EvidenceVerified {
			errs.Errorf(at(key, "evidence_verified"), "product %s: evidence none cannot be verified", p.ID)
		}
		for i, b := range p.Blocks {
			p.Blocks[i] = ident.Norm(b)
			if c.blocks[p.Blocks[i]] == nil {
				errs.Errorf(at(key, "blocks", i), "product %s covers unknown block %q", p.ID, b)
			}
		}
		for i, b := range p.RelatedBlocks {
			p.RelatedBlocks[i] = ident.Norm(b)
			if c.blocks[p.RelatedBlocks[i]] == nil {
				errs.Errorf(at(key, "related_blocks", i), "product %s relates to unknown block %q", p.ID, b)
			}
		}
		for i, u := range p.Scope.UseCases {
			p.Scope.UseCases[i] = ident.Norm(u)
			if c.useCases[p.Scope.UseCases[i]] == nil {
				errs.Errorf(at(key, "scope", "use_cases", i), "product %s: scope names unknown use case %q", p.ID, u)
			}
		}
		for i, sct := range p.Scope.Sectors {
			p.Scope.Sectors[i] = ident.Norm(sct)
			if !ident.Valid(sct) {
				errs.Errorf(at(key, "scope", "sectors", i), "product %s: sector %q is not valid (%s)", p.ID, sct, yamlx.IDRule)
			}
		}
		if !p.Scope.Generic() && strings.TrimSpace(p.Scope.Note.String()) == "" {
			errs.Errorf(at(key, "scope"), "product %s: a limited scope needs a note with the evidence", p.ID)
		}
		if p.DPG != nil && strings.TrimSpace(p.DPGSource) == "" {
			errs.Errorf(at(key, "dpg"), "product %s: dpg %v needs a dpg_source", p.ID, *p.DPG)
		}
		if p.DPG == nil && p.DPGVerified {
			errs.Errorf(at(key, "dpg_verified"), "product %s: an unknown dpg status cannot be verified", p.ID)
		}
		if l := p.Lifecycle; l != nil {
			switch l.Status {
			case LifecycleActive, LifecycleLicenceChange, LifecycleEndOfLife:
			default:
				errs.Errorf(at(key, "lifecycle", "status"), "product %s: lifecycle status %q is not one of active, licence-change, end-of-life", p.ID, l.Status)
			}
			if l.Status != LifecycleActive && strings.TrimSpace(l.Note.String()) == "" {
				errs.Errorf(at(key, "lifecycle"), "product %s: lifecycle %s needs a note", p.ID, l.Status)
			}
		}
		if len(p.Blocks)+len(p.RelatedBlocks) == 0 {
			errs.Errorf(at(key), "product %s names no blocks (blocks or related_blocks)", p.ID)
		}
		for i, d := range p.Deployment {
			switch d {
			case "on-premise", "cloud", "saas":
			default:
				errs.Errorf(at(key, "deployment", i), "product %s: deployment %q is not one of on-premise, cloud, saas", p.ID, d)
			}
		}
	}
	if len(errs.list) > 0 {
		return errs.list
	}
	return nil
}

// A place is where an entry of the catalog, or a part of it, was defined: the entry's key
// in c.origin ("block:id") and a path below the entry.
type place struct {
	key string
	sub []any
}

// findings collects errors positioned in the catalog files.
type findings struct {
	c    *Catalog
	list yamlx.Errors
}

// Errorf records an error at a place.
func (f *findings) Errorf(p place, format string, args ...any) {
	o := f.c.origin[p.key]
	path := append(append([]any{}, o.path...), p.sub...)
	f.list = append(f.list, o.doc.Errorf(o.doc.Find(path...), format, args...))
}

// checkUseCase validates the steps of the use case defined at key.
func (c *Catalog) checkUseCase(u *UseCase, errs *findings, key string) {
	at := func(sub ...any) place { return place{key, sub} }
	if strings.TrimSpace(u.Name.String()) == "" {
		errs.Errorf(at(), "use case %s needs a name", u.ID)
	}
	if len(u.Steps) == 0 {
		errs.Errorf(at(), "use case %s needs at least one step", u.ID)
	}
	if len(u.Steps) > MaxSteps {
		errs.Errorf(at("steps"), "use case %s has %d steps; at most %d are allowed", u.ID, len(u.Steps), MaxSteps)
		return
	}
	for si := range u.Steps {
		s := &u.Steps[si]
		if strings.TrimSpace(s.Name.String()) == "" {
			errs.Errorf(at("steps", si), "use case %s: step %d needs a name", u.ID, si+1)
		}
		for bi, b := range s.Blocks {
			s.Blocks[bi] = ident.Norm(b)
			if c.blocks[s.Blocks[bi]] == nil {
				errs.Errorf(at("steps", si, "blocks", bi), "use case %s, step %d (%s): unknown building block %q; known blocks: %s", u.ID, si+1, s.Name, b, strings.Join(c.BlockIDs(), ", "))
			}
		}
	}
}

// dependencyCycle returns a cycle of block ids (first repeated at the end), or nil.
func (c *Catalog) dependencyCycle() []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var found []string
	var visit func(id string) bool
	visit = func(id string) bool {
		color[id] = grey
		stack = append(stack, id)
		b := c.blocks[id]
		deps := make([]string, 0, len(b.DependsOn))
		for _, d := range b.Requires() {
			deps = append(deps, d.Block)
		}
		sort.Strings(deps)
		for _, d := range deps {
			if c.blocks[d] == nil {
				continue
			}
			switch color[d] {
			case grey:
				for i, s := range stack {
					if s == d {
						found = append(append([]string{}, stack[i:]...), d)
						return true
					}
				}
			case white:
				if visit(d) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[id] = black
		return false
	}
	for _, id := range c.BlockIDs() {
		if color[id] == white && visit(id) {
			return found
		}
	}
	return nil
}

// Block returns the block with the id (any case), or nil.
func (c *Catalog) Block(id string) *Block { return c.blocks[ident.Norm(id)] }

// UseCase returns the catalog use case with the id (any case), or nil.
func (c *Catalog) UseCase(id string) *UseCase { return c.useCases[ident.Norm(id)] }

// Product returns the product with the id (any case), or nil.
func (c *Catalog) Product(id string) *Product { return c.products[ident.Norm(id)] }

// BlockIDs returns every block id, sorted.
func (c *Catalog) BlockIDs() []string { return yamlx.SortedKeys(c.blocks) }

// RelatedProductsFor returns the products that support block id only in part, sorted by id.
func (c *Catalog) RelatedProductsFor(id string) []*Product {
	var out []*Product
	for _, p := range c.Products {
		for _, b := range p.RelatedBlocks {
			if b == id {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// ProductsFor returns the products that cover block id, sorted by id.
func (c *Catalog) ProductsFor(id string) []*Product {
	var out []*Product
	for _, p := range c.Products {
		for _, b := range p.Blocks {
			if b == id {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Closure returns blocks plus everything they require, transitively, sorted. Recommended
// dependencies are not followed.
func (c *Catalog) Closure(blocks []string) []string {
	set := map[string]bool{}
	var add func(id string)
	add = func(id string) {
		if set[id] {
			return
		}
		set[id] = true
		if b := c.blocks[id]; b != nil {
			for _, d := range b.Requires() {
				add(d.Block)
			}
		}
	}
	for _, b := range blocks {
		add(b)
	}
	return yamlx.SortedKeys(set)
}
