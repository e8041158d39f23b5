// Package catalog holds the GovStack building blocks, reference use cases and candidate
// products (default data embedded from data/), a country's needs (services, use cases,
// inventory, constraints), and the matching of needs to an architecture (design §5).
package catalog

import (
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

// Dependency says a block cannot be deployed without another, and why.
type Dependency struct {
	Block  string `yaml:"block"`
	Reason string `yaml:"reason"`
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
	ID               string   `yaml:"id"`
	Name             string   `yaml:"name"`
	Summary          string   `yaml:"summary"`
	Blocks           []string `yaml:"blocks"`
	RelatedBlocks    []string `yaml:"related_blocks"` // supported only in part: never ranked as a candidate
	BlocksVerified   bool     `yaml:"blocks_verified"`
	Evidence         string   `yaml:"evidence"`
	EvidenceVerified bool     `yaml:"evidence_verified"`
	EvidenceNote     string   `yaml:"evidence_note"`
	Licence          string   `yaml:"licence"`
	LicenceVerified  bool     `yaml:"licence_verified"`
	OpenSource       bool     `yaml:"open_source"`
	Deployment       []string `yaml:"deployment"`
	Source           string   `yaml:"source"`
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
