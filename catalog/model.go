// Package catalog holds the GovStack building blocks, reference use cases and candidate
// products (default data embedded from data/), a country's needs (services, use cases,
// inventory, constraints), and the matching of needs to an architecture (design §5).
package catalog

import (
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Block categories.
const (
	Foundational = "foundational"
	Feature      = "feature"
	Other        = "other"
)

// Block is a building block.
type Block struct {
	ID              string       `yaml:"id"`
	Name            i18n.Text    `yaml:"name"`
	Category        string       `yaml:"category"`
	SpecVersion     string       `yaml:"spec_version"`
	Purpose         i18n.Text    `yaml:"purpose"`
	Functionalities []string     `yaml:"functionalities"`
	DependsOn       []Dependency `yaml:"depends_on"`
	LegacyNames     []string     `yaml:"legacy_names"`
	Source          string       `yaml:"source"`
}

// Dependency strengths.
const (
	// Required: the block's specification makes the other block mandatory; it is pulled into
	// every architecture that needs the block.
	Required = "required"
	// Recommended: the specification recommends the other block (or leaves the choice to the
	// implementation); it is shown as an option and never pulled in.
	Recommended = "recommended"
)

// Dependency says a block needs (required) or should have (recommended) another, why, and
// where its specification says so.
type Dependency struct {
	Block    string    `yaml:"block"`
	Strength string    `yaml:"strength"` // required (default) | recommended
	Reason   i18n.Text `yaml:"reason"`
	Source   string    `yaml:"source"` // spec file and section
}

// IsRequired reports whether the dependency pulls its block into an architecture.
func (d Dependency) IsRequired() bool { return d.Strength != Recommended }

// Requires returns the block's required dependencies.
func (b *Block) Requires() []Dependency { return b.deps(true) }

// Recommends returns the block's recommended dependencies.
func (b *Block) Recommends() []Dependency { return b.deps(false) }

func (b *Block) deps(required bool) []Dependency {
	var out []Dependency
	for _, d := range b.DependsOn {
		if d.IsRequired() == required {
			out = append(out, d)
		}
	}
	return out
}

// UseCase is a reference use case (or a country's custom one): ordered steps, each using blocks.
type UseCase struct {
	ID        string    `yaml:"id"`
	Code      string    `yaml:"code,omitempty"`
	Name      i18n.Text `yaml:"name"`
	Sector    string    `yaml:"sector,omitempty"`
	SDGs      []string  `yaml:"sdgs,omitempty"`
	Version   string    `yaml:"version,omitempty"`
	Status    string    `yaml:"status,omitempty"`
	Legacy    bool      `yaml:"legacy,omitempty"`
	VariantOf string    `yaml:"variant_of,omitempty"`
	Summary   i18n.Text `yaml:"summary,omitempty"`
	Notes     string    `yaml:"notes,omitempty"`
	Source    string    `yaml:"source,omitempty"`
	Steps     []Step    `yaml:"steps"`

	// Custom marks a use case defined in a country file rather than the catalog.
	Custom bool `yaml:"-"`
}

// Step is one step of a use case; its number is its position (1..k).
type Step struct {
	Name            i18n.Text `yaml:"name"`
	Label           string    `yaml:"label,omitempty"` // the published number, where it differs from the position
	Blocks          []string  `yaml:"blocks"`
	PublishedBlocks []string  `yaml:"published_blocks,omitempty"` // legacy variants: the old names as published
}

// Blocks returns the union of the steps' blocks, sorted.
func (u *UseCase) Blocks() []string {
	set := map[string]bool{}
	for _, s := range u.Steps {
		for _, b := range s.Blocks {
			set[b] = true
		}
	}
	return yamlx.SortedKeys(set)
}

// Evidence kinds for a product, strongest first.
const (
	EvidenceSandbox      = "sandbox"
	EvidenceTestHarness  = "test-harness"
	EvidenceSelfReported = "self-reported"
	EvidenceNone         = "none"
)

// Product is a candidate software product for one or more blocks.
type Product struct {
	ID               string    `yaml:"id"`
	Name             string    `yaml:"name"`
	Summary          i18n.Text `yaml:"summary"`
	Blocks           []string  `yaml:"blocks"`
	RelatedBlocks    []string  `yaml:"related_blocks"` // supported only in part: never ranked as a candidate
	BlocksVerified   bool      `yaml:"blocks_verified"`
	Evidence         string    `yaml:"evidence"`
	EvidenceVerified bool      `yaml:"evidence_verified"`
	EvidenceNote     i18n.Text `yaml:"evidence_note"`
	Licence          string    `yaml:"licence"`
	LicenceVerified  bool      `yaml:"licence_verified"`
	OpenSource       bool      `yaml:"open_source"`
	Deployment       []string  `yaml:"deployment"`
	// Scope is where the product usually fits; empty means any use case.
	Scope Scope `yaml:"scope"`
	// DPG is whether the product is a registered Digital Public Good; nil when unknown.
	DPG         *bool  `yaml:"dpg"`
	DPGSource   string `yaml:"dpg_source"`
	DPGVerified bool   `yaml:"dpg_verified"`
	// Lifecycle records an end of life or a licence change; nil when none is known.
	Lifecycle *Lifecycle `yaml:"lifecycle"`
	// Overlay marks a product that works on top of an existing system of its blocks (an
	// authentication layer over an ID register): when the block must be built, platforms
	// that build it rank first.
	Overlay bool   `yaml:"overlay"`
	Source  string `yaml:"source"`
}

// Scope is the use cases, sectors and functions a product is made for, with the evidence. A
// product with no use cases and no sectors fits any use case.
type Scope struct {
	UseCases  []string    `yaml:"use_cases"`
	Sectors   []string    `yaml:"sectors"`
	Functions []i18n.Text `yaml:"functions"` // what it does, in words (en, fr, es)
	Note      i18n.Text   `yaml:"note"`
	Source    string      `yaml:"source"`
	Verified  bool        `yaml:"verified"`
}

// MadeFor says what the product is made for, in every language its functions have: the
// functions joined by commas, or (without functions) its sector and use-case ids.
func (s Scope) MadeFor() i18n.Text {
	if len(s.Functions) == 0 {
		return i18n.Plain(strings.Join(append(append([]string{}, s.Sectors...), s.UseCases...), ", "))
	}
	out := i18n.Text{}
	for _, f := range s.Functions {
		for lang := range f {
			out[lang] = ""
		}
	}
	for lang := range out {
		parts := make([]string, len(s.Functions))
		for i, f := range s.Functions {
			parts[i] = f.In(lang)
		}
		out[lang] = strings.Join(parts, ", ")
	}
	return out
}

// Generic reports whether the scope fits any use case.
func (s Scope) Generic() bool { return len(s.UseCases) == 0 && len(s.Sectors) == 0 }

// Fits reports whether a use case (by id and sector) is inside the scope.
func (s Scope) Fits(useCase, sector string) bool {
	if s.Generic() {
		return true
	}
	return contains(s.UseCases, useCase) || (sector != "" && contains(s.Sectors, sector))
}

// Lifecycle statuses of a product, healthiest first.
const (
	LifecycleActive        = "active"
	LifecycleLicenceChange = "licence-change"
	LifecycleEndOfLife     = "end-of-life"
)

// Lifecycle is a change in a product's life that a buyer must know: end of life of the
// edition or a move of (part of) it to a licence that is not open source.
type Lifecycle struct {
	Status   string    `yaml:"status"` // active | licence-change | end-of-life
	Since    string    `yaml:"since"`  // YYYY or YYYY-MM
	Note     i18n.Text `yaml:"note"`
	Source   string    `yaml:"source"`
	Verified bool      `yaml:"verified"`
}

// LifecycleStatus returns the product's lifecycle status (active when none is recorded).
func (p *Product) LifecycleStatus() string {
	if p.Lifecycle == nil || p.Lifecycle.Status == "" {
		return LifecycleActive
	}
	return p.Lifecycle.Status
}

// Service is a candidate service of a country, scored 1..5 on the prioritisation criteria.
type Service struct {
	Name      i18n.Text `yaml:"name"`
	UseCase   string    `yaml:"use_case"`
	Owner     string    `yaml:"owner,omitempty"`
	Demand    int       `yaml:"demand"`
	Impact    int       `yaml:"impact"`
	Technical int       `yaml:"technical"`
	Financial int       `yaml:"financial"`
	Political int       `yaml:"political"`
	Notes     string    `yaml:"notes,omitempty"`
}

// UseCaseRef is an entry of a country's use_cases: a catalog id, or a custom use case.
type UseCaseRef struct {
	ID     string
	Custom *UseCase
}

// UnmarshalYAMLNode decodes a use-case id or a custom use case mapping.
func (r *UseCaseRef) UnmarshalYAMLNode(d *yamlx.Decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			d.Errorf(n, "expected a use-case id or a custom use case {id, name, steps}, got nothing")
			return
		}
		r.ID = n.Value
	case yaml.MappingNode:
		u := &UseCase{}
		d.Decode(n, u)
		u.Custom = true
		r.ID, r.Custom = u.ID, u
	default:
		d.Errorf(n, "expected a use-case id or a custom use case {id, name, steps}, got %s", yamlx.Describe(n))
	}
}

// MarshalYAML writes a catalog id as text and a custom use case as a mapping.
func (r UseCaseRef) MarshalYAML() (any, error) {
	if r.Custom != nil {
		return r.Custom, nil
	}
	return r.ID, nil
}

// Inventory statuses.
const (
	StatusNone        = "none"
	StatusPartial     = "partial"
	StatusOperational = "operational"
)

// InventoryItem is what a country already has for one block.
type InventoryItem struct {
	Status  string `yaml:"status"`
	System  string `yaml:"system,omitempty"`
	Owner   string `yaml:"owner,omitempty"`
	Product string `yaml:"product,omitempty"`
	Notes   string `yaml:"notes,omitempty"`
}

// Constraints limit which products fit a country.
type Constraints struct {
	OpenSourceOnly bool     `yaml:"open_source_only"`
	AvoidLicences  []string `yaml:"avoid_licences"`
	Hosting        string   `yaml:"hosting"` // on-premise | cloud | any
}
