package report

import (
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// MatchJSON is the JSON document of `govplan match --format json`.
type MatchJSON struct {
	Country     CountryJSON         `json:"country"`
	UseCases    []UseCaseNeedJSON   `json:"use_cases"`
	Blocks      []RequiredBlockJSON `json:"blocks"`
	ReuseFactor *float64            `json:"reuse_factor"`
	Services    []ServiceJSON       `json:"services"`
	// Options are blocks that required blocks' specs recommend but the architecture leaves out.
	Options []OptionJSON `json:"options"`
}

// OptionJSON is a recommended dependency: block is recommended by for.
type OptionJSON struct {
	Block          string `json:"block"`
	For            string `json:"for"`
	Reason         string `json:"reason"`
	Source         string `json:"source"`
	InArchitecture bool   `json:"in_architecture"`
}

// DependencyJSON is a dependency of a block, as the catalog lists it.
type DependencyJSON struct {
	Block    string `json:"block"`
	Strength string `json:"strength"`
	Reason   string `json:"reason"`
	Source   string `json:"source"`
}

// LifecycleJSON is a product's lifecycle note.
type LifecycleJSON struct {
	Status   string `json:"status"`
	Since    string `json:"since,omitempty"`
	Note     string `json:"note"`
	Source   string `json:"source"`
	Verified bool   `json:"verified"`
}

// ScopeJSON is where a product usually fits; use_cases and sectors empty means any use case.
type ScopeJSON struct {
	UseCases  []string `json:"use_cases"`
	Sectors   []string `json:"sectors"`
	Functions []string `json:"functions"`
	Note      string   `json:"note,omitempty"`
	Source    string   `json:"source,omitempty"`
	Verified  bool     `json:"verified"`
}

func optionJSON(o catalog.Option, lang string) OptionJSON {
	return OptionJSON{Block: o.Block, For: o.For, Reason: o.Reason.In(lang), Source: o.Source, InArchitecture: o.InArchitecture}
}

func lifecycleJSON(p *catalog.Product, lang string) *LifecycleJSON {
	l := p.Lifecycle
	if l == nil {
		return nil
	}
	return &LifecycleJSON{Status: l.Status, Since: l.Since, Note: l.Note.In(lang), Source: l.Source, Verified: l.Verified}
}

// UseCaseNeedJSON is a needed use case.
type UseCaseNeedJSON struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Custom bool     `json:"custom"`
	From   []string `json:"from"`
	Blocks []string `json:"blocks"`
}

// RequiredBlockJSON is one required block.
type RequiredBlockJSON struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Category string        `json:"category"`
	Status   string        `json:"status"`
	System   string        `json:"system,omitempty"`
	NeededBy []string      `json:"needed_by"`
	Reasons  []string      `json:"reasons"`
	GatedBy  []GateJSON    `json:"gated_by"`
	Products []ProductRank `json:"products"`
	// Recommends are the blocks this block's spec recommends, each saying whether the
	// architecture has it anyway.
	Recommends []OptionJSON `json:"recommends"`
	// Chosen is the country's choice of product (file key products): an id, or "undecided".
	Chosen string `json:"chosen,omitempty"`
}

// ProductRank is a ranked (or excluded) candidate product.
type ProductRank struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Rank     *int   `json:"rank"`
	Excluded bool   `json:"excluded"`
	Licence  string `json:"licence"`
	Evidence string `json:"evidence"`
	// OutOfScope: no use case that needs the block is in the product's usual scope; scope says why.
	OutOfScope bool           `json:"out_of_scope"`
	Scope      string         `json:"scope_reason,omitempty"`
	DPG        *bool          `json:"dpg"`
	Lifecycle  *LifecycleJSON `json:"lifecycle"`
	Reasons    []string       `json:"reasons"`
}

// ServiceJSON is a ranked candidate service.
type ServiceJSON struct {
	Name        string  `json:"name"`
	Rank        int     `json:"rank"`
	Priority    float64 `json:"priority"`
	Impact      float64 `json:"impact"`
	Feasibility float64 `json:"feasibility"`
	Quadrant    string  `json:"quadrant"`
	UseCase     string  `json:"use_case"`
}

// Match builds the match document.
func Match(country CountryJSON, m *catalog.Match, lang string) MatchJSON {
	out := MatchJSON{Country: country, UseCases: []UseCaseNeedJSON{}, Blocks: []RequiredBlockJSON{}, ReuseFactor: m.ReuseFactor, Services: []ServiceJSON{}, Options: []OptionJSON{}}
	for _, o := range m.Options() {
		out.Options = append(out.Options, optionJSON(o, lang))
	}
	for _, u := range m.UseCases {
		out.UseCases = append(out.UseCases, UseCaseNeedJSON{ID: u.UseCase.ID, Name: u.UseCase.Name.In(lang), Custom: u.UseCase.Custom, From: u.From, Blocks: u.Blocks})
	}
	for _, b := range m.Blocks {
		rb := RequiredBlockJSON{
			ID: b.Block.ID, Name: b.Block.Name.In(lang), Category: b.Block.Category, Status: b.Status,
			NeededBy: b.NeededBy, Reasons: words.ReasonList(lang, b.Reasons), GatedBy: gatesJSON(b.GatedBy, lang), Products: []ProductRank{},
			Chosen:     b.Chosen,
			Recommends: []OptionJSON{},
		}
		for _, o := range b.Recommends {
			rb.Recommends = append(rb.Recommends, optionJSON(o, lang))
		}
		if b.Inventory != nil {
			rb.System = b.Inventory.System
		}
		for _, p := range b.Products {
			pr := ProductRank{ID: p.Product.ID, Name: p.Product.Name, Excluded: p.Excluded, Licence: p.Product.Licence, Evidence: p.Product.Evidence,
				OutOfScope: p.OutOfScope, Scope: words.MaybeReason(lang, p.Scope), DPG: p.Product.DPG, Lifecycle: lifecycleJSON(p.Product, lang), Reasons: words.ReasonList(lang, p.Reasons)}
			if !p.Excluded {
				r := p.Rank
				pr.Rank = &r
			}
			rb.Products = append(rb.Products, pr)
		}
		out.Blocks = append(out.Blocks, rb)
	}
	for _, s := range m.Services {
		out.Services = append(out.Services, ServiceJSON{
			Name: s.Service.Name.In(lang), Rank: s.Rank, Priority: s.Priority, Impact: s.Impact, Feasibility: s.Feasibility,
			Quadrant: s.Quadrant, UseCase: s.Service.UseCase,
		})
	}
	return out
}

func gatesJSON(gs []assess.GateState, lang string) []GateJSON {
	out := []GateJSON{}
	for _, g := range gs {
		out = append(out, gateJSON(g, lang))
	}
	return out
}

// UseCaseJSON is a use case as `govplan catalog usecases ID --format json` prints it.
type UseCaseJSON struct {
	ID        string     `json:"id"`
	Code      string     `json:"code,omitempty"`
	Name      string     `json:"name"`
	Sector    string     `json:"sector"`
	SDGs      []string   `json:"sdgs"`
	Version   string     `json:"version"`
	Status    string     `json:"status,omitempty"`
	Legacy    bool       `json:"legacy"`
	VariantOf string     `json:"variant_of,omitempty"`
	Summary   string     `json:"summary,omitempty"`
	Notes     string     `json:"notes,omitempty"`
	Source    string     `json:"source,omitempty"`
	Steps     []StepJSON `json:"steps"`
	Blocks    []string   `json:"blocks"`
}

// StepJSON is one step; n is its position.
type StepJSON struct {
	N               int      `json:"n"`
	Label           string   `json:"label,omitempty"`
	Name            string   `json:"name"`
	Blocks          []string `json:"blocks"`
	PublishedBlocks []string `json:"published_blocks,omitempty"`
}

// UseCase builds the JSON of one use case.
func UseCase(u *catalog.UseCase, lang string) UseCaseJSON {
	out := UseCaseJSON{ID: u.ID, Code: u.Code, Name: u.Name.In(lang), Sector: u.Sector, SDGs: nonNil(u.SDGs), Version: u.Version,
		Status: u.Status, Legacy: u.Legacy, VariantOf: u.VariantOf, Summary: u.Summary.In(lang), Notes: u.Notes, Source: u.Source,
		Steps: []StepJSON{}, Blocks: nonNil(u.Blocks())}
	for i, s := range u.Steps {
		out.Steps = append(out.Steps, StepJSON{N: i + 1, Label: s.Label, Name: s.Name.In(lang), Blocks: nonNil(s.Blocks), PublishedBlocks: s.PublishedBlocks})
	}
	return out
}

// BlockJSON is a block as the catalog lists it.
type BlockJSON struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Category        string           `json:"category"`
	SpecVersion     string           `json:"spec_version"`
	Purpose         string           `json:"purpose"`
	Functionalities []string         `json:"functionalities"`
	DependsOn       []DependencyJSON `json:"depends_on"`
	LegacyNames     []string         `json:"legacy_names"`
	Products        []string         `json:"products"`
	Related         []string         `json:"related_products"`
	Source          string           `json:"source"`
}

// Block builds the JSON of one block.
func Block(cat *catalog.Catalog, b *catalog.Block, lang string) BlockJSON {
	out := BlockJSON{ID: b.ID, Name: b.Name.In(lang), Category: b.Category, SpecVersion: b.SpecVersion, Purpose: b.Purpose.In(lang),
		Functionalities: nonNil(b.Functionalities), DependsOn: []DependencyJSON{}, LegacyNames: nonNil(b.LegacyNames), Products: []string{}, Source: b.Source}
	for _, d := range b.DependsOn {
		out.DependsOn = append(out.DependsOn, DependencyJSON{Block: d.Block, Strength: d.Strength, Reason: d.Reason.In(lang), Source: d.Source})
	}
	for _, p := range cat.ProductsFor(b.ID) {
		out.Products = append(out.Products, p.ID)
	}
	out.Related = []string{}
	for _, p := range cat.RelatedProductsFor(b.ID) {
		out.Related = append(out.Related, p.ID)
	}
	return out
}

// ProductJSON is a product as the catalog lists it, with what is and is not verified.
type ProductJSON struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	Summary          string         `json:"summary"`
	Blocks           []string       `json:"blocks"`
	RelatedBlocks    []string       `json:"related_blocks"`
	BlocksVerified   bool           `json:"blocks_verified"`
	Evidence         string         `json:"evidence"`
	EvidenceVerified bool           `json:"evidence_verified"`
	EvidenceNote     string         `json:"evidence_note"`
	Licence          string         `json:"licence"`
	LicenceVerified  bool           `json:"licence_verified"`
	OpenSource       bool           `json:"open_source"`
	Deployment       []string       `json:"deployment"`
	Scope            ScopeJSON      `json:"scope"`
	DPG              *bool          `json:"dpg"`
	DPGSource        string         `json:"dpg_source"`
	DPGVerified      bool           `json:"dpg_verified"`
	Lifecycle        *LifecycleJSON `json:"lifecycle"`
	Overlay          bool           `json:"overlay"`
	Source           string         `json:"source"`
}

// textsIn says each text in lang; never nil.
func textsIn(ts []i18n.Text, lang string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

// Product builds the JSON of one product, its texts in lang.
func Product(p *catalog.Product, lang string) ProductJSON {
	return ProductJSON{
		ID: p.ID, Name: p.Name, Summary: p.Summary.In(lang), Blocks: nonNil(p.Blocks), RelatedBlocks: nonNil(p.RelatedBlocks),
		BlocksVerified: p.BlocksVerified, Evidence: p.Evidence, EvidenceVerified: p.EvidenceVerified, EvidenceNote: p.EvidenceNote.In(lang),
		Licence: p.Licence, LicenceVerified: p.LicenceVerified, OpenSource: p.OpenSource, Deployment: nonNil(p.Deployment),
		Scope: ScopeJSON{UseCases: nonNil(p.Scope.UseCases), Sectors: nonNil(p.Scope.Sectors), Functions: textsIn(p.Scope.Functions, lang),
			Note: p.Scope.Note.In(lang), Source: p.Scope.Source, Verified: p.Scope.Verified},
		DPG: p.DPG, DPGSource: p.DPGSource, DPGVerified: p.DPGVerified, Lifecycle: lifecycleJSON(p, lang), Overlay: p.Overlay, Source: p.Source,
	}
}
