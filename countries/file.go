// Package countries reads, validates and saves country files (design §4.2): one country, one
// assessment round, in YAML that lives in git. Saves are atomic and edit the file's text in
// place so comments, order and untouched lines stay as they were. The sample countries are
// embedded here too.
package countries

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/iso3166"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/roadmap"
)

// SchemaVersion is the country-file schema this build reads and writes.
const SchemaVersion = 1

// File is the content of a country file.
type File struct {
	Schema        int                              `yaml:"schema"`
	Country       Country                          `yaml:"country"`
	Assessment    Assessment                       `yaml:"assessment"`
	Ministries    []Ministry                       `yaml:"ministries"`
	Answers       map[string]assess.Answers        `yaml:"answers"`
	Targets       assess.Targets                   `yaml:"targets"`
	Services      []catalog.Service                `yaml:"services"`
	UseCases      []catalog.UseCaseRef             `yaml:"use_cases"`
	Inventory     map[string]catalog.InventoryItem `yaml:"inventory"`
	Products      map[string]string                `yaml:"products"` // block → chosen product id, or "undecided"
	Constraints   catalog.Constraints              `yaml:"constraints"`
	Costs         roadmap.CostModel                `yaml:"costs"`
	ExchangeRates map[string]float64               `yaml:"exchange_rates"`
	Investments   []roadmap.Investment             `yaml:"investments"`
	Plan          roadmap.PlanEdits                `yaml:"plan"`
}

// Country names the country (or sub-national unit) assessed.
type Country struct {
	Name      string `yaml:"name"`
	ISO3      string `yaml:"iso3"`
	Region    string `yaml:"region,omitempty"`
	Fictional bool   `yaml:"fictional,omitempty"`
	Notes     string `yaml:"notes,omitempty"`
}

// Assessment says which framework was answered, when, and by whom.
type Assessment struct {
	Framework    string   `yaml:"framework"`
	Date         string   `yaml:"date"`
	Facilitators []string `yaml:"facilitators,omitempty"`
	Notes        string   `yaml:"notes,omitempty"`
}

// Ministry is a ministry or agency taking part, with its focal point.
type Ministry struct {
	ID         string    `yaml:"id"`
	Name       i18n.Text `yaml:"name"`
	FocalPoint string    `yaml:"focal_point,omitempty"`
	Email      string    `yaml:"email,omitempty"`
}

// DateLayout is how assessment dates are written.
const DateLayout = "2006-01-02"

// Time returns the assessment date (zero when it does not parse).
func (a Assessment) Time() time.Time {
	t, _ := time.Parse(DateLayout, a.Date)
	return t
}

// MinistryIDs returns the set of ministry ids declared in the file.
func (f *File) MinistryIDs() map[string]bool {
	m := map[string]bool{}
	for _, mi := range f.Ministries {
		m[ident.Norm(mi.ID)] = true
	}
	return m
}

// normalize lower-cases every id the file uses as a key or reference, so lookups can be exact.
func (f *File) normalize() {
	f.Country.ISO3 = strings.ToUpper(strings.TrimSpace(f.Country.ISO3))
	for i := range f.Ministries {
		f.Ministries[i].ID = ident.Norm(f.Ministries[i].ID)
	}
	if f.Answers != nil {
		norm := make(map[string]assess.Answers, len(f.Answers))
		for id, as := range f.Answers {
			for i := range as {
				as[i].By = ident.Norm(as[i].By)
			}
			norm[ident.Norm(id)] = as
		}
		f.Answers = norm
	}
	for i := range f.Services {
		f.Services[i].UseCase = ident.Norm(f.Services[i].UseCase)
		f.Services[i].Owner = ident.Norm(f.Services[i].Owner)
	}
	for i := range f.UseCases {
		f.UseCases[i].ID = ident.Norm(f.UseCases[i].ID)
		if u := f.UseCases[i].Custom; u != nil {
			u.ID = f.UseCases[i].ID
			for si := range u.Steps {
				for bi, b := range u.Steps[si].Blocks {
					u.Steps[si].Blocks[bi] = ident.Norm(b)
				}
			}
		}
	}
	if f.Inventory != nil {
		inv := make(map[string]catalog.InventoryItem, len(f.Inventory))
		for id, it := range f.Inventory {
			it.Owner = ident.Norm(it.Owner)
			inv[ident.Norm(id)] = it
		}
		f.Inventory = inv
	}
	if f.Products != nil {
		pr := make(map[string]string, len(f.Products))
		for id, p := range f.Products {
			pr[ident.Norm(id)] = ident.Norm(p)
		}
		f.Products = pr
	}
	for i := range f.Investments {
		f.Investments[i].Block = ident.Norm(f.Investments[i].Block)
		f.Investments[i].Activity = ident.Norm(f.Investments[i].Activity)
		f.Investments[i].Currency = strings.ToUpper(f.Investments[i].Currency)
	}
	if f.Plan.Capacity != nil {
		c := make(map[string]int, len(f.Plan.Capacity))
		for k, v := range f.Plan.Capacity {
			c[ident.Norm(k)] = v
		}
		f.Plan.Capacity = c
	}
	for i := range f.Plan.Add {
		f.Plan.Add[i].Owner = ident.Norm(f.Plan.Add[i].Owner)
	}
	f.Costs.Currency = strings.ToUpper(f.Costs.Currency)
	if f.ExchangeRates != nil {
		r := make(map[string]float64, len(f.ExchangeRates))
		for k, v := range f.ExchangeRates {
			r[strings.ToUpper(k)] = v
		}
		f.ExchangeRates = r
	}
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// validate checks what the file can say about itself, without a framework or catalog.
func (f *File) validate() yamlx.Problems {
	var ps yamlx.Problems
	switch {
	case f.Schema == 0:
		ps.Add(nil, "missing key \"schema\" (this build writes schema: %d)", SchemaVersion)
	case f.Schema > SchemaVersion:
		ps.Add([]any{"schema"}, "schema %d is newer than this govplan understands (%d); update govplan", f.Schema, SchemaVersion)
	case f.Schema < 1:
		ps.Add([]any{"schema"}, "schema must be %d", SchemaVersion)
	}
	if strings.TrimSpace(f.Country.Name) == "" {
		ps.Add([]any{"country"}, "country needs a name")
	}
	switch {
	case f.Country.ISO3 == "":
		ps.Add([]any{"country"}, "country needs an iso3 code (ISO 3166 alpha-3, e.g. KEN; XAA–XZZ for fictional or sub-national units)")
	case !iso3166.Valid(f.Country.ISO3):
		ps.Add([]any{"country", "iso3"}, "%q is not an ISO 3166 alpha-3 code (use XAA–XZZ for fictional or sub-national units)", f.Country.ISO3)
	}
	if f.Assessment.Framework == "" {
		ps.Add([]any{"assessment"}, "assessment needs a framework (for example govstack-readiness@1.0.0)")
	} else if id, _ := assess.SplitRef(f.Assessment.Framework); !ident.Valid(id) {
		ps.Add([]any{"assessment", "framework"}, "framework %q is not an id or id@version", f.Assessment.Framework)
	}
	if f.Assessment.Date == "" {
		ps.Add([]any{"assessment"}, "assessment needs a date (YYYY-MM-DD)")
	} else if _, err := time.Parse(DateLayout, f.Assessment.Date); err != nil {
		ps.Add([]any{"assessment", "date"}, "date %q is not a date in the form YYYY-MM-DD", f.Assessment.Date)
	}
	seen := map[string]int{}
	for i, m := range f.Ministries {
		p := []any{"ministries", i}
		if !ident.Valid(m.ID) {
			ps.Add(append(p, "id"), "ministry id %q is not valid (%s)", m.ID, yamlx.IDRule)
		} else if j, dup := seen[m.ID]; dup {
			ps.Add(append(p, "id"), "ministry id %q is used twice (also ministries[%d])", m.ID, j)
		}
		seen[m.ID] = i
		if strings.TrimSpace(m.Name.String()) == "" {
			ps.Add(p, "ministry %q needs a name", m.ID)
		}
	}
	for i, s := range f.Services {
		p := []any{"services", i}
		if strings.TrimSpace(s.Name.String()) == "" {
			ps.Add(p, "service needs a name")
		}
		for _, c := range []struct {
			key string
			v   int
		}{{"demand", s.Demand}, {"impact", s.Impact}, {"technical", s.Technical}, {"financial", s.Financial}, {"political", s.Political}} {
			if c.v < 1 || c.v > 5 {
				if c.v == 0 {
					ps.Add(p, "service %q needs %s scored 1..5", s.Name, c.key)
				} else {
					ps.Add(append(p, c.key), "service %q: %s must be 1..5, got %d", s.Name, c.key, c.v)
				}
			}
		}
	}
	for _, id := range yamlx.SortedKeys(f.Inventory) {
		it := f.Inventory[id]
		switch it.Status {
		case catalog.StatusNone, catalog.StatusPartial, catalog.StatusOperational:
		case "":
			ps.Add([]any{"inventory", id}, "inventory entry %s needs a status: none, partial or operational", id)
		default:
			ps.Add([]any{"inventory", id, "status"}, "status %q is not one of none, partial, operational", it.Status)
		}
	}
	for _, id := range yamlx.SortedKeys(f.Products) {
		if p := f.Products[id]; !ident.Valid(p) {
			ps.Add([]any{"products", id}, "product for %s must be a product id from the catalog or %q, got %q", id, catalog.Undecided, p)
		}
	}
	switch f.Constraints.Hosting {
	case "", "any", "on-premise", "cloud":
	default:
		ps.Add([]any{"constraints", "hosting"}, "hosting %q is not one of on-premise, cloud, any", f.Constraints.Hosting)
	}
	if c := f.Costs.Currency; c != "" && !currencyCode.MatchString(c) {
		ps.Add([]any{"costs", "currency"}, "currency %q is not a three-letter ISO 4217 code such as USD", c)
	}
	for _, k := range yamlx.SortedKeys(f.ExchangeRates) {
		if !currencyCode.MatchString(k) {
			ps.Add([]any{"exchange_rates", k}, "%q is not a three-letter currency code", k)
		} else if f.ExchangeRates[k] <= 0 {
			ps.Add([]any{"exchange_rates", k}, "exchange rate for %s must be greater than 0", k)
		}
	}
	for i, inv := range f.Investments {
		p := []any{"investments", i}
		if strings.TrimSpace(inv.Funder) == "" {
			ps.Add(p, "investment needs a funder")
		}
		if (inv.Block == "") == (inv.Activity == "") {
			ps.Add(p, "investment needs exactly one of block or activity")
		}
		if inv.Amount <= 0 {
			ps.Add(append(p, "amount"), "investment amount must be greater than 0")
		}
		if inv.Currency != "" && !currencyCode.MatchString(inv.Currency) {
			ps.Add(append(p, "currency"), "currency %q is not a three-letter ISO 4217 code", inv.Currency)
		}
		for j, y := range inv.Years {
			if !ValidYear(y) {
				ps.Add(append(p, "years", j), "year %d is outside %d..%d", y, MinYear, MaxYear)
			}
		}
	}
	for _, st := range yamlx.SortedKeys(f.Plan.Status) {
		if !validStatus(f.Plan.Status[st]) {
			ps.Add([]any{"plan", "status", st}, "status %q is not one of %s", f.Plan.Status[st], strings.Join(roadmap.Statuses, ", "))
		}
	}
	if f.Plan.Start != "" {
		if _, err := time.Parse("2006-01", f.Plan.Start); err != nil {
			ps.Add([]any{"plan", "start"}, "start %q is not a month in the form YYYY-MM", f.Plan.Start)
		}
	}
	if f.Plan.Workstreams < 0 {
		ps.Add([]any{"plan", "workstreams"}, "workstreams must be 1 or more")
	}
	for _, o := range yamlx.SortedKeys(f.Plan.Capacity) {
		switch {
		case !ident.Valid(o):
			ps.AddKey([]any{"plan", "capacity", o}, "capacity owner %q is not a valid id (%s)", o, yamlx.IDRule)
		case f.Plan.Capacity[o] < 1:
			ps.Add([]any{"plan", "capacity", o}, "capacity of %s must be 1 or more (how many of its raises, pilots and scale-ups run at once)", o)
		}
	}
	for i, a := range f.Plan.Add {
		if !ident.Valid(a.ID) {
			ps.Add([]any{"plan", "add", i, "id"}, "activity id %q is not valid (%s)", a.ID, yamlx.IDRule)
		}
		switch a.Holds {
		case "", roadmap.HoldsTeam:
		case roadmap.HoldsOwner:
			if a.Owner == "" {
				ps.Add([]any{"plan", "add", i, "holds"}, "activity %s holds its owner's capacity but names no owner", a.ID)
			}
		default:
			ps.Add([]any{"plan", "add", i, "holds"}, "holds %q is not one of team, owner", a.Holds)
		}
	}
	return append(ps, f.validateRanges()...)
}

func validStatus(s string) bool {
	for _, v := range roadmap.Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// ValidateWith checks the file against its framework: answers, targets, ministries named in by.
func (f *File) ValidateWith(fw *assess.Framework) yamlx.Problems {
	var known map[string]bool
	if len(f.Ministries) > 0 {
		known = f.MinistryIDs()
	}
	return fw.ValidateAnswers(f.Answers, f.Targets, known)
}

// Unanswered returns the framework's indicator ids with no answer yet, in framework order.
func (f *File) Unanswered(fw *assess.Framework) []string {
	var out []string
	for _, ind := range fw.Indicators() {
		if len(f.Answers[ind.ID].Given()) == 0 {
			out = append(out, ind.ID)
		}
	}
	return out
}

// AnswerIDs returns the answered ids in order.
func (f *File) AnswerIDs() []string {
	ids := make([]string, 0, len(f.Answers))
	for id := range f.Answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Title is "Name (ISO3)".
func (f *File) Title() string { return fmt.Sprintf("%s (%s)", f.Country.Name, f.Country.ISO3) }

// Needs returns the file's needs for matching.
func (f *File) Needs() catalog.Needs {
	return catalog.Needs{Services: f.Services, UseCases: f.UseCases, Inventory: f.Inventory, Constraints: f.Constraints, Chosen: f.Products}
}
