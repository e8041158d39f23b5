// Package assess holds the readiness framework model, a country's answers, and the exact,
// explainable scoring of design §5: indicator, pillar and overall scores, completeness, bands,
// aggregation of several ministries' answers, disputes, gaps to targets and readiness gates.
package assess

import (
	"fmt"
	"math"
	"strings"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
)

// Kind is the kind of answer an indicator takes.
type Kind string

// The kinds of indicator.
const (
	KindLevel  Kind = "level"
	KindYesNo  Kind = "yesno"
	KindNumber Kind = "number"
)

// Aggregation rules for several answers to one indicator.
const (
	AggMean   = "mean"
	AggMedian = "median"
	AggMin    = "min"
	AggMax    = "max"
)

// Framework is a readiness framework template (design §4.1).
type Framework struct {
	ID          string   `yaml:"id" json:"id"`
	Version     string   `yaml:"version" json:"version"`
	Name        Text     `yaml:"name" json:"-"`
	Description Text     `yaml:"description" json:"-"`
	Source      string   `yaml:"source" json:"-"`
	Scale       Scale    `yaml:"scale" json:"-"`
	Bands       []Band   `yaml:"bands" json:"-"`
	Aggregate   string   `yaml:"aggregate" json:"-"`
	Pillars     []Pillar `yaml:"pillars" json:"-"`

	// File is where the framework was read from ("embedded:..." for built-in ones).
	File string `yaml:"-" json:"-"`
	// Warnings are the file's problems that do not stop it from being used.
	Warnings yamlx.Errors `yaml:"-" json:"-"`

	byID     map[string]*Indicator
	pillarOf map[string]int
	doc      *yamlx.Doc
}

// Scale is the range of answer levels and their names.
type Scale struct {
	Min   int    `yaml:"min"`
	Max   int    `yaml:"max"`
	Names []Text `yaml:"names"`
}

// Band names a range of 0..1 scores; Min is inclusive.
type Band struct {
	Min  float64 `yaml:"min"`
	Name Text    `yaml:"name"`
}

// Pillar is a weighted group of indicators.
type Pillar struct {
	ID          string      `yaml:"id"`
	Name        Text        `yaml:"name"`
	Description Text        `yaml:"description"`
	Weight      float64     `yaml:"weight"`
	Indicators  []Indicator `yaml:"indicators"`
}

// SetDefaults gives a pillar weight 1 unless the file says otherwise.
func (p *Pillar) SetDefaults() { p.Weight = 1 }

// Indicator is one question of the framework.
type Indicator struct {
	ID         string       `yaml:"id"`
	Name       Text         `yaml:"name"` // a short label (roadmaps, reports); the question when absent
	Kind       Kind         `yaml:"kind"`
	Weight     float64      `yaml:"weight"`
	Question   Text         `yaml:"question"`
	Help       Text         `yaml:"help"`
	Unit       Text         `yaml:"unit"` // number indicators: what the value is in, in one or more languages
	Thresholds []float64    `yaml:"thresholds"`
	Range      []float64    `yaml:"range"`
	Better     string       `yaml:"better"`
	Rubric     map[int]Text `yaml:"rubric"`
	Owners     []string     `yaml:"owners"`
	Gates      []Gate       `yaml:"gates"`
	Challenges []string     `yaml:"challenges"`
	Source     string       `yaml:"source"`
	// Action is how a raise of the indicator is planned: law | institution | programme |
	// infrastructure | policy (default policy). It changes no score.
	Action string `yaml:"action"`
	// After lists indicators whose raise must end before this one's starts.
	After []string `yaml:"after"`
	// RaisedBy names a building block whose build or upgrade raises the indicator (the roadmap
	// then plans no raise of its own).
	RaisedBy string `yaml:"raised_by"`
	// Valid is the range [lo, hi] a number answer must fall in; answers outside are refused.
	Valid []float64 `yaml:"valid"`
}

// Actions a raise of an indicator can take (Indicator.Action).
const (
	ActionLaw            = "law"
	ActionInstitution    = "institution"
	ActionProgramme      = "programme"
	ActionInfrastructure = "infrastructure"
	ActionPolicy         = "policy"
)

// Actions lists the valid actions.
var Actions = []string{ActionLaw, ActionInstitution, ActionProgramme, ActionInfrastructure, ActionPolicy}

// SetDefaults gives an indicator weight 1 unless the file says otherwise.
func (ind *Indicator) SetDefaults() { ind.Weight = 1 }

// Label returns the indicator's short name in lang, or its id when it has none.
func (ind *Indicator) Label(lang string) string {
	if s := ind.Name.In(lang); s != "" {
		return s
	}
	return ind.ID
}

// Lower reports whether smaller numbers are better (prices).
func (ind *Indicator) Lower() bool { return ind.Better == "lower" }

// Gate says that building block BB needs this indicator at level Min or above.
type Gate struct {
	BB  string `yaml:"bb"`
	Min int    `yaml:"min"`
	// UseCases limits the gate to the pilots of these use cases (empty: every use case that
	// uses the block).
	UseCases []string `yaml:"use_cases"`
	// ExceptUseCases are use cases the gate never holds, though they use the block (a farmers'
	// marketplace is not government procurement).
	ExceptUseCases []string `yaml:"except_use_cases"`
	// Basis says where the gate comes from: spec (a building-block specification requires what
	// the indicator measures; Source cites it) or heuristic (govplan's own judgement; Why says
	// it in one line). Empty in frameworks written before the field existed.
	Basis  string `yaml:"basis"`
	Source string `yaml:"source"`
	Why    Text   `yaml:"why"`
}

// Gate bases.
const (
	BasisSpec      = "spec"
	BasisHeuristic = "heuristic"
)

// Holds reports whether the gate holds the go-live of use case uc.
func (g Gate) Holds(uc string) bool {
	for _, u := range g.ExceptUseCases {
		if u == uc {
			return false
		}
	}
	if len(g.UseCases) == 0 {
		return true
	}
	for _, u := range g.UseCases {
		if u == uc {
			return true
		}
	}
	return false
}

// Ref returns "id@version".
func (fw *Framework) Ref() string { return fw.ID + "@" + fw.Version }

// Indicator returns the indicator with the id (any case), or nil.
func (fw *Framework) Indicator(id string) *Indicator { return fw.byID[ident.Norm(id)] }

// PillarOf returns the pillar holding indicator id, or nil.
func (fw *Framework) PillarOf(id string) *Pillar {
	i, ok := fw.pillarOf[ident.Norm(id)]
	if !ok {
		return nil
	}
	return &fw.Pillars[i]
}

// Pillar returns the pillar with the id (any case), or nil.
func (fw *Framework) Pillar(id string) *Pillar {
	id = ident.Norm(id)
	for i := range fw.Pillars {
		if fw.Pillars[i].ID == id {
			return &fw.Pillars[i]
		}
	}
	return nil
}

// Indicators returns every indicator in file order.
func (fw *Framework) Indicators() []*Indicator {
	var out []*Indicator
	for pi := range fw.Pillars {
		for ii := range fw.Pillars[pi].Indicators {
			out = append(out, &fw.Pillars[pi].Indicators[ii])
		}
	}
	return out
}

// LevelName returns the name of a scale level in lang ("" outside the scale).
func (fw *Framework) LevelName(level int, lang string) string {
	i := level - fw.Scale.Min
	if i < 0 || i >= len(fw.Scale.Names) {
		return ""
	}
	return fw.Scale.Names[i].In(lang)
}

// BandFor returns the band a 0..1 score falls in: the last band whose min ≤ score.
func (fw *Framework) BandFor(score float64) *Band {
	var b *Band
	for i := range fw.Bands {
		if fw.Bands[i].Min <= score+1e-12 {
			b = &fw.Bands[i]
		}
	}
	return b
}

// ParseFramework reads a framework template from data; file names it in messages.
func ParseFramework(file string, data []byte) (*Framework, error) {
	doc, err := yamlx.Parse(file, data, yamlx.Msgf("a framework template (id, version, scale, bands, pillars)"))
	if err != nil {
		return nil, err
	}
	fw := &Framework{}
	if err := doc.Decode(fw); err != nil {
		return nil, err
	}
	errs := doc.Locate(fw.Validate())
	if errs.Err() != nil {
		return nil, errs.Err()
	}
	fw.Warnings = errs.Only(true)
	fw.File = file
	fw.doc = doc
	fw.index()
	return fw, nil
}

// LoadFramework reads a framework template file.
func LoadFramework(path string) (*Framework, error) {
	data, err := yamlx.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseFramework(path, data)
}

func (fw *Framework) index() {
	fw.byID = map[string]*Indicator{}
	fw.pillarOf = map[string]int{}
	for pi := range fw.Pillars {
		for ii := range fw.Pillars[pi].Indicators {
			ind := &fw.Pillars[pi].Indicators[ii]
			fw.byID[ind.ID] = ind
			fw.pillarOf[ind.ID] = pi
		}
	}
}

// Bounds of a framework's answer scale.
const (
	MaxScaleLevels = 21   // levels a scale may have
	MaxScaleBound  = 1000 // largest |min| or |max|
)

// Validate checks a decoded framework (ids, weights, scale, bands, thresholds, rubrics, gates)
// and lower-cases its ids. It does not know the catalog, so gate block ids are checked elsewhere.
func (fw *Framework) Validate() yamlx.Problems {
	var ps yamlx.Problems
	// checkID checks and lower-cases the id of the framework, a pillar or an indicator.
	checkID := func(path []any, id *string, what string) bool {
		valid := ident.Valid(*id)
		switch {
		case valid:
			*id = ident.Norm(*id)
			return true
		case *id == "" && what == "framework":
			ps.Add(path, "the framework needs an id")
		case *id == "" && what == "pillar":
			ps.Add(path, "pillar needs an id")
		case *id == "":
			ps.Add(path, "indicator needs an id")
		case what == "framework":
			ps.Add(path, "the framework id %q is not valid (%s)", *id, yamlx.IDRule)
		case what == "pillar":
			ps.Add(path, "pillar id %q is not valid (%s)", *id, yamlx.IDRule)
		default:
			ps.Add(path, "indicator id %q is not valid (%s)", *id, yamlx.IDRule)
		}
		return false
	}
	checkID([]any{"id"}, &fw.ID, "framework")
	if fw.Version == "" {
		ps.Add(nil, "missing key \"version\" (for example 1.0.0)")
	} else if strings.ContainsAny(fw.Version, "@ \t") {
		ps.Add([]any{"version"}, "version %q may not contain spaces or '@'", fw.Version)
	}
	if len(fw.Name) == 0 {
		ps.Add(nil, "missing key \"name\"")
	}
	sc := fw.Scale
	// Once the scale is refused nothing that depends on it is checked: a scale of 10^12
	// levels would otherwise be walked level by level (and max-min can overflow).
	scaleOK := false
	switch {
	case sc.Min < -MaxScaleBound || sc.Min > MaxScaleBound || sc.Max < -MaxScaleBound || sc.Max > MaxScaleBound:
		ps.Add([]any{"scale"}, "scale min and max must be within -%d..%d, got %d..%d", MaxScaleBound, MaxScaleBound, sc.Min, sc.Max)
	case sc.Max <= sc.Min:
		ps.Add([]any{"scale"}, "scale max (%d) must be greater than min (%d)", sc.Max, sc.Min)
	case sc.Max-sc.Min > MaxScaleLevels-1:
		ps.Add([]any{"scale"}, "scale has %d levels; at most %d are allowed", sc.Max-sc.Min+1, MaxScaleLevels)
	case len(sc.Names) != 0 && len(sc.Names) != sc.Max-sc.Min+1:
		scaleOK = true
		ps.Add([]any{"scale", "names"}, "scale has %d levels (%d..%d) but %d names", sc.Max-sc.Min+1, sc.Min, sc.Max, len(sc.Names))
	default:
		scaleOK = true
	}
	if len(fw.Bands) == 0 {
		ps.Add(nil, "missing key \"bands\": name at least one band, starting at min 0")
	}
	for i, b := range fw.Bands {
		p := []any{"bands", i, "min"}
		switch {
		case b.Min < 0 || b.Min > 1:
			ps.Add(p, "band min %g is outside 0..1", b.Min)
		case i == 0 && b.Min != 0:
			ps.Add(p, "the first band must start at min 0 so every score has a band")
		case i > 0 && b.Min <= fw.Bands[i-1].Min:
			ps.Add(p, "bands must be in ascending order of min (%g follows %g)", b.Min, fw.Bands[i-1].Min)
		}
		if len(b.Name) == 0 {
			ps.Add([]any{"bands", i}, "band needs a name")
		}
	}
	switch fw.Aggregate {
	case "":
		fw.Aggregate = AggMean
	case AggMean, AggMedian, AggMin, AggMax:
	default:
		ps.Add([]any{"aggregate"}, "aggregate %q is not one of mean, median, min, max", fw.Aggregate)
	}
	if len(fw.Pillars) == 0 {
		ps.Add(nil, "missing key \"pillars\": a framework needs at least one pillar")
	}
	pillarIDs := map[string][]any{}
	indIDs := map[string][]any{}
	for pi := range fw.Pillars {
		pl := &fw.Pillars[pi]
		pp := []any{"pillars", pi}
		if checkID(append(pp, "id"), &pl.ID, "pillar") {
			if prev, dup := pillarIDs[pl.ID]; dup {
				ps.Add(append(pp, "id"), "pillar id %q is used twice (also at %s)", pl.ID, yamlx.PathString(prev))
			}
			pillarIDs[pl.ID] = append(pp, "id")
		}
		if len(pl.Name) == 0 {
			ps.Add(pp, "pillar %q needs a name", pl.ID)
		}
		if !(pl.Weight > 0) || math.IsInf(pl.Weight, 0) {
			ps.Add(append(pp, "weight"), "pillar weight must be greater than 0, got %g", pl.Weight)
		}
		if len(pl.Indicators) == 0 {
			ps.Add(pp, "pillar %q has no indicators", pl.ID)
		}
		for ii := range pl.Indicators {
			ind := &pl.Indicators[ii]
			ip := []any{"pillars", pi, "indicators", ii}
			if checkID(append(ip, "id"), &ind.ID, "indicator") {
				if prev, dup := indIDs[ind.ID]; dup {
					ps.Add(append(ip, "id"), "indicator id %q is used twice (also at %s)", ind.ID, yamlx.PathString(prev))
				}
				indIDs[ind.ID] = append(ip, "id")
			}
			validateIndicator(&ps, ip, sc, scaleOK, ind)
		}
	}
	validateAfter(&ps, fw, indIDs)
	return ps
}

// validateAfter checks that after: names indicators of the framework and makes no cycle.
func validateAfter(ps *yamlx.Problems, fw *Framework, indIDs map[string][]any) {
	after := map[string][]string{}
	for pi := range fw.Pillars {
		for ii := range fw.Pillars[pi].Indicators {
			ind := &fw.Pillars[pi].Indicators[ii]
			for ai, a := range ind.After {
				p := []any{"pillars", pi, "indicators", ii, "after", ai}
				id := ident.Norm(a)
				switch {
				case !ident.Valid(a):
					ps.Add(p, "indicator %s: after %q is not a valid indicator id (%s)", ind.ID, a, yamlx.IDRule)
				case id == ind.ID:
					ps.Add(p, "indicator %s: after may not name the indicator itself", ind.ID)
				case indIDs[id] == nil:
					ps.Add(p, "indicator %s: after names %q, which is not an indicator of this framework", ind.ID, a)
				default:
					after[ind.ID] = append(after[ind.ID], id)
				}
				ind.After[ai] = id
			}
		}
	}
	// A cycle in after: would leave raises that can never start.
	state := map[string]int{}
	var stack []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = 1
		stack = append(stack, id)
		for _, d := range after[id] {
			if state[d] == 1 {
				for k, s := range stack {
					if s == d {
						return append(append([]string{}, stack[k:]...), d)
					}
				}
			}
			if state[d] == 0 {
				if c := visit(d); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = 2
		return nil
	}
	for _, id := range yamlx.SortedKeys(after) {
		if state[id] == 0 {
			if c := visit(id); c != nil {
				ps.Add(append(append([]any{}, indIDs[c[0]][:4]...), "after"), "after makes a cycle: %s", strings.Join(c, " → "))
				return
			}
		}
	}
}

func validateIndicator(ps *yamlx.Problems, ip []any, sc Scale, scaleOK bool, ind *Indicator) {
	at := func(k ...any) []any { return append(append([]any{}, ip...), k...) }
	if !(ind.Weight > 0) || math.IsInf(ind.Weight, 0) {
		ps.Add(at("weight"), "indicator %s: weight must be greater than 0, got %g", ind.ID, ind.Weight)
	}
	if len(ind.Question) == 0 {
		ps.Add(ip, "indicator %s needs a question", ind.ID)
	}
	onlyFor := func(present bool, key string, kinds string) {
		if present {
			ps.Add(at(key), "indicator %s: %q is only allowed on kind %s", ind.ID, key, kinds)
		}
	}
	switch ind.Kind {
	case KindLevel:
		if scaleOK {
			if len(ind.Rubric) == 0 {
				ps.Add(ip, "indicator %s: a level indicator needs a rubric with one text per level %d..%d", ind.ID, sc.Min, sc.Max)
			}
			for l := range ind.Rubric {
				if l < sc.Min || l > sc.Max {
					ps.Add(at("rubric", fmt.Sprint(l)), "indicator %s: rubric level %d is outside the scale %d..%d", ind.ID, l, sc.Min, sc.Max)
				}
			}
			if len(ind.Rubric) > 0 {
				for l := sc.Min; l <= sc.Max; l++ {
					if len(ind.Rubric[l]) == 0 {
						ps.Warn(at("rubric"), "indicator %s: the rubric has no text for level %d", ind.ID, l)
					}
				}
			}
		}
		onlyFor(len(ind.Thresholds) > 0, "thresholds", "number")
		onlyFor(len(ind.Range) > 0, "range", "number")
		onlyFor(ind.Better != "", "better", "number")
		onlyFor(len(ind.Unit) > 0, "unit", "number")
	case KindYesNo:
		onlyFor(len(ind.Rubric) > 0, "rubric", "level")
		onlyFor(len(ind.Thresholds) > 0, "thresholds", "number")
		onlyFor(len(ind.Range) > 0, "range", "number")
		onlyFor(ind.Better != "", "better", "number")
		onlyFor(len(ind.Unit) > 0, "unit", "number")
	case KindNumber:
		onlyFor(len(ind.Rubric) > 0, "rubric", "level")
		switch ind.Better {
		case "", "higher", "lower":
		default:
			ps.Add(at("better"), "indicator %s: better must be higher or lower, got %q", ind.ID, ind.Better)
		}
		switch {
		case len(ind.Thresholds) > 0 && len(ind.Range) > 0:
			ps.Add(at("range"), "indicator %s: give thresholds or range, not both", ind.ID)
		case len(ind.Thresholds) > 0:
			if want := sc.Max - sc.Min; scaleOK && len(ind.Thresholds) != want {
				ps.Add(at("thresholds"), "indicator %s: %d thresholds given, the scale %d..%d needs %d", ind.ID, len(ind.Thresholds), sc.Min, sc.Max, want)
			}
			for i := 1; i < len(ind.Thresholds); i++ {
				if ind.Thresholds[i] <= ind.Thresholds[i-1] {
					ps.Add(at("thresholds", i), "indicator %s: thresholds must be strictly ascending (%g follows %g)", ind.ID, ind.Thresholds[i], ind.Thresholds[i-1])
					break
				}
			}
		case len(ind.Range) > 0:
			if len(ind.Range) != 2 {
				ps.Add(at("range"), "indicator %s: range needs two numbers [low, high], got %d", ind.ID, len(ind.Range))
			} else if ind.Range[1] <= ind.Range[0] {
				ps.Add(at("range"), "indicator %s: range high (%g) must be greater than low (%g)", ind.ID, ind.Range[1], ind.Range[0])
			}
		default:
			ps.Add(ip, "indicator %s: a number indicator needs thresholds (%d ascending values) or a range [low, high]", ind.ID, sc.Max-sc.Min)
		}
	case "":
		ps.Add(ip, "indicator %s needs a kind: level, yesno or number", ind.ID)
	default:
		ps.Add(at("kind"), "indicator %s: kind %q is not one of level, yesno, number", ind.ID, ind.Kind)
	}
	switch ind.Action {
	case "":
		ind.Action = ActionPolicy
	case ActionLaw, ActionInstitution, ActionProgramme, ActionInfrastructure, ActionPolicy:
	default:
		ps.Add(at("action"), "indicator %s: action %q is not one of law, institution, programme, infrastructure, policy", ind.ID, ind.Action)
	}
	if ind.RaisedBy != "" {
		if !ident.Valid(ind.RaisedBy) {
			ps.Add(at("raised_by"), "indicator %s: raised_by needs a building-block id, got %q", ind.ID, ind.RaisedBy)
		}
		ind.RaisedBy = ident.Norm(ind.RaisedBy)
	}
	if len(ind.Valid) > 0 {
		switch {
		case ind.Kind != KindNumber:
			ps.Add(at("valid"), "indicator %s: %q is only allowed on kind %s", ind.ID, "valid", "number")
		case len(ind.Valid) != 2:
			ps.Add(at("valid"), "indicator %s: valid needs two numbers [low, high], got %d", ind.ID, len(ind.Valid))
		case !(ind.Valid[1] > ind.Valid[0]):
			ps.Add(at("valid"), "indicator %s: valid high (%g) must be greater than low (%g)", ind.ID, ind.Valid[1], ind.Valid[0])
		}
	}
	for gi, g := range ind.Gates {
		gp := at("gates", gi)
		for ui, u := range g.UseCases {
			if !ident.Valid(u) {
				ps.Add(append(append([]any{}, gp...), "use_cases", ui), "indicator %s: gate use case %q is not a valid id (%s)", ind.ID, u, yamlx.IDRule)
			}
			ind.Gates[gi].UseCases[ui] = ident.Norm(u)
		}
		for ui, u := range g.ExceptUseCases {
			if !ident.Valid(u) {
				ps.Add(append(append([]any{}, gp...), "except_use_cases", ui), "indicator %s: gate use case %q is not a valid id (%s)", ind.ID, u, yamlx.IDRule)
			}
			ind.Gates[gi].ExceptUseCases[ui] = ident.Norm(u)
		}
		switch g.Basis {
		case "":
		case BasisSpec:
			if strings.TrimSpace(g.Source) == "" {
				ps.Add(append(append([]any{}, gp...), "basis"), "indicator %s: a gate with basis spec needs a source citing the spec file and section", ind.ID)
			}
		case BasisHeuristic:
			if strings.TrimSpace(g.Why.String()) == "" {
				ps.Add(append(append([]any{}, gp...), "basis"), "indicator %s: a gate with basis heuristic needs a one-line why", ind.ID)
			}
		default:
			ps.Add(append(append([]any{}, gp...), "basis"), "indicator %s: gate basis %q is not one of spec, heuristic", ind.ID, g.Basis)
		}
		if !ident.Valid(g.BB) {
			ps.Add(gp, "indicator %s: gate needs a building-block id in bb, got %q", ind.ID, g.BB)
		}
		ind.Gates[gi].BB = ident.Norm(g.BB)
		if scaleOK && (g.Min < sc.Min || g.Min > sc.Max) {
			ps.Add(append(gp, "min"), "indicator %s: gate min %d is outside the scale %d..%d", ind.ID, g.Min, sc.Min, sc.Max)
		}
	}
	for oi, o := range ind.Owners {
		if !ident.Valid(o) {
			ps.Add(at("owners", oi), "indicator %s: owner %q is not a valid id (%s)", ind.ID, o, yamlx.IDRule)
		}
		ind.Owners[oi] = ident.Norm(o)
	}
	for ci, c := range ind.Challenges {
		if !ident.Valid(c) {
			ps.Add(at("challenges", ci), "indicator %s: challenge %q is not a valid id (%s)", ind.ID, c, yamlx.IDRule)
		}
		ind.Challenges[ci] = ident.Norm(c)
	}
}

// CheckGateBlocks reports gates that name a building block known does not accept, positioned
// in the framework file.
func (fw *Framework) CheckGateBlocks(known func(id string) bool, list string) error {
	var ps yamlx.Problems
	for pi, p := range fw.Pillars {
		for ii, ind := range p.Indicators {
			for gi, g := range ind.Gates {
				if !known(g.BB) {
					ps.Add([]any{"pillars", pi, "indicators", ii, "gates", gi, "bb"}, "indicator %s: gate names unknown building block %q; blocks: %s", ind.ID, g.BB, list)
				}
			}
			if ind.RaisedBy != "" && !known(ind.RaisedBy) {
				ps.Add([]any{"pillars", pi, "indicators", ii, "raised_by"}, "indicator %s: raised_by names unknown building block %q; blocks: %s", ind.ID, ind.RaisedBy, list)
			}
		}
	}
	if fw.doc == nil || len(ps) == 0 {
		return nil
	}
	return fw.doc.Locate(ps).Err()
}

// InValid reports whether v lies in the indicator's valid range (always true without one).
func (ind *Indicator) InValid(v float64) bool {
	if len(ind.Valid) != 2 {
		return true
	}
	return v >= ind.Valid[0] && v <= ind.Valid[1]
}
