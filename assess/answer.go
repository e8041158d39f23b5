package assess

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Answer is one respondent's answer to one indicator. An answer with no level, no value and
// no na is "not answered yet".
type Answer struct {
	Level      *int   `yaml:"level,omitempty" json:"level,omitempty"`
	Value      *Value `yaml:"value,omitempty" json:"value,omitempty"`
	NA         bool   `yaml:"na,omitempty" json:"na,omitempty"`
	By         string `yaml:"by,omitempty" json:"by,omitempty"`
	Evidence   string `yaml:"evidence,omitempty" json:"evidence,omitempty"`
	Notes      string `yaml:"notes,omitempty" json:"notes,omitempty"`
	Confidence string `yaml:"confidence,omitempty" json:"confidence,omitempty"`
	Source     string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Confidence values an answer may carry.
var Confidences = []string{"low", "medium", "high"}

// Empty reports whether the answer gives nothing yet (no level, value or na).
func (a Answer) Empty() bool { return a.Level == nil && a.Value == nil && !a.NA }

// Value is a number or true/false.
type Value struct {
	Num    float64
	Bool   bool
	IsBool bool
}

// Number makes a numeric value.
func Number(f float64) *Value { return &Value{Num: f} }

// YesNo makes a true/false value.
func YesNo(b bool) *Value { return &Value{Bool: b, IsBool: true} }

// Int makes a pointer to a level.
func Int(i int) *int { return &i }

// String formats the value as it is written in a file.
func (v Value) String() string {
	if v.IsBool {
		return strconv.FormatBool(v.Bool)
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

// UnmarshalYAMLNode decodes a number or true/false.
func (v *Value) UnmarshalYAMLNode(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		d.Decode(n, &b)
		*v = Value{Bool: b, IsBool: true}
		return
	}
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		f, _ := d.Float(n)
		*v = Value{Num: f}
		return
	}
	d.Errorf(n, "expected a number, or true/false for a yes/no indicator, got %s", yamlx.Describe(n))
}

// MarshalYAML writes the value as a plain number or boolean.
func (v Value) MarshalYAML() (any, error) {
	if v.IsBool {
		return v.Bool, nil
	}
	return v.Num, nil
}

// MarshalJSON writes the value as a JSON number or boolean.
func (v Value) MarshalJSON() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalJSON reads a JSON number or boolean.
func (v *Value) UnmarshalJSON(b []byte) error {
	switch s := string(b); s {
	case "true", "false":
		*v = Value{Bool: s == "true", IsBool: true}
		return nil
	default:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("expected a number or true/false, got %s", s)
		}
		*v = Value{Num: f}
		return nil
	}
}

// Answers is every answer to one indicator: one per ministry, or one for the room. In YAML it is
// one mapping or a list of mappings.
type Answers []Answer

// UnmarshalYAMLNode decodes one answer mapping or a list of them.
func (as *Answers) UnmarshalYAMLNode(d *yamlx.Decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		var a Answer
		d.Decode(n, &a)
		*as = Answers{a}
	case yaml.SequenceNode:
		var list []Answer
		d.Decode(n, &list)
		*as = list
	default:
		if n.ShortTag() == "!!null" {
			*as = nil
			return
		}
		d.Errorf(n, "expected an answer such as {level: 2} or {value: true}, or a list of them, got %s", yamlx.Describe(n))
	}
}

// Given returns the answers that say something (not the empty ones).
func (as Answers) Given() Answers {
	var out Answers
	for _, a := range as {
		if !a.Empty() {
			out = append(out, a)
		}
	}
	return out
}

// Targets are the country's goals: per indicator a level or value by a year, per pillar (and
// overall) a 0..1 score by a year. In YAML, the key "pillars" holds the pillar targets and
// "overall" the overall target; every other key is an indicator id.
type Targets struct {
	Indicators map[string]Target
	Pillars    map[string]Target
	Overall    *Target
}

// Target is one goal: a level or value (indicators) or a score (pillars, overall), by a year.
type Target struct {
	Level *int     `yaml:"level,omitempty"`
	Value *Value   `yaml:"value,omitempty"`
	Score *float64 `yaml:"score,omitempty"`
	Year  int      `yaml:"year,omitempty"`
}

// UnmarshalYAMLNode decodes the targets mapping.
func (t *Targets) UnmarshalYAMLNode(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected a mapping of indicator ids to targets, got %s", yamlx.Describe(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch ident.Norm(k.Value) {
		case "pillars":
			var m map[string]Target
			d.DecodeAt("pillars", v, &m)
			t.Pillars = map[string]Target{}
			for id, tg := range m {
				t.Pillars[ident.Norm(id)] = tg
			}
		case "overall":
			var tg Target
			d.DecodeAt("overall", v, &tg)
			t.Overall = &tg
		default:
			var tg Target
			d.DecodeAt(k.Value, v, &tg)
			if t.Indicators == nil {
				t.Indicators = map[string]Target{}
			}
			id := ident.Norm(k.Value)
			if _, dup := t.Indicators[id]; dup {
				d.Errorf(k, "target for %q is given twice", k.Value)
			}
			t.Indicators[id] = tg
		}
	}
}

// ValidateAnswers checks answers and targets against the framework: each answer's kind and
// range, ministries named in by (when byKnown is not nil) and confidence words. Answers to
// indicators the framework does not have are kept and reported as warnings. Paths start at the
// file's root ("answers", id, ...).
func (fw *Framework) ValidateAnswers(answers map[string]Answers, targets Targets, byKnown map[string]bool) yamlx.Problems {
	var ps yamlx.Problems
	ids := make([]string, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		base := []any{"answers", id}
		if !ident.Valid(id) {
			ps.AddKey(base, "answer key %q is not a valid indicator id (%s)", id, yamlx.IDRule)
			continue
		}
		ind := fw.Indicator(id)
		if ind == nil {
			ps.WarnKey(base, "framework %s has no indicator %q; the answer is kept but not scored", fw.Ref(), id)
			continue
		}
		list := answers[id]
		seenBy := map[string]bool{}
		for i, a := range list {
			p := base
			if len(list) > 1 {
				p = append(append([]any{}, base...), i)
			}
			fw.validateAnswer(&ps, p, ind, a)
			if a.By != "" {
				by := ident.Norm(a.By)
				if byKnown != nil && !byKnown[by] {
					ps.Add(append(append([]any{}, p...), "by"), "answer to %s is by %q, which is not a ministry of this file (add it under ministries)", id, a.By)
				}
				if seenBy[by] && len(list) > 1 {
					ps.Add(append(append([]any{}, p...), "by"), "two answers to %s are by %q; keep one answer per ministry", id, a.By)
				}
				seenBy[by] = true
			}
		}
	}
	tids := make([]string, 0, len(targets.Indicators))
	for id := range targets.Indicators {
		tids = append(tids, id)
	}
	sort.Strings(tids)
	for _, id := range tids {
		tg := targets.Indicators[id]
		p := []any{"targets", id}
		ind := fw.Indicator(id)
		if ind == nil {
			ps.WarnKey(p, "framework %s has no indicator %q; the target is ignored", fw.Ref(), id)
			continue
		}
		if tg.Score != nil {
			ps.Add(append(p, "score"), "target for indicator %s takes a level or value, not a score (scores are for pillars)", id)
			continue
		}
		fw.validateAnswer(&ps, p, ind, Answer{Level: tg.Level, Value: tg.Value})
		if tg.Level == nil && tg.Value == nil {
			ps.Add(p, "target for %s needs a level or a value", id)
		}
	}
	for _, id := range yamlx.SortedKeys(targets.Pillars) {
		tg := targets.Pillars[id]
		p := []any{"targets", "pillars", id}
		if fw.Pillar(id) == nil {
			ps.Add(p, "framework %s has no pillar %q", fw.Ref(), id)
			continue
		}
		checkScoreTarget(&ps, p, tg)
	}
	if targets.Overall != nil {
		checkScoreTarget(&ps, []any{"targets", "overall"}, *targets.Overall)
	}
	return ps
}

func checkScoreTarget(ps *yamlx.Problems, p []any, tg Target) {
	switch {
	case tg.Score == nil:
		ps.Add(p, "a pillar or overall target needs a score between 0 and 1")
	case *tg.Score < 0 || *tg.Score > 1:
		ps.Add(append(p, "score"), "target score %g is outside 0..1 (scores in files are fractions: 0.75, not 75)", *tg.Score)
	}
	if tg.Level != nil || tg.Value != nil {
		ps.Add(p, "a pillar or overall target takes a score, not a level or value")
	}
}

func (fw *Framework) validateAnswer(ps *yamlx.Problems, p []any, ind *Indicator, a Answer) {
	at := func(k string) []any { return append(append([]any{}, p...), k) }
	if a.NA && (a.Level != nil || a.Value != nil) {
		ps.Add(p, "answer to %s is marked na and also gives a level or value; keep one", ind.ID)
	}
	switch ind.Kind {
	case KindLevel:
		if a.Value != nil {
			ps.Add(at("value"), "%s is a level indicator: answer with level: %d..%d, not value", ind.ID, fw.Scale.Min, fw.Scale.Max)
		}
		if a.Level != nil && (*a.Level < fw.Scale.Min || *a.Level > fw.Scale.Max) {
			ps.Add(at("level"), "level %d for %s is outside the scale %d..%d", *a.Level, ind.ID, fw.Scale.Min, fw.Scale.Max)
		}
	case KindYesNo:
		if a.Level != nil {
			ps.Add(at("level"), "%s is a yes/no indicator: answer with value: true or value: false, not level", ind.ID)
		}
		if a.Value != nil && !a.Value.IsBool {
			ps.Add(at("value"), "%s is a yes/no indicator: value must be true or false, got %s", ind.ID, a.Value)
		}
	case KindNumber:
		if a.Level != nil {
			ps.Add(at("level"), "%s is a number indicator (%s): answer with value: <number>, not level", ind.ID, ind.Unit)
		}
		if a.Value != nil && a.Value.IsBool {
			ps.Add(at("value"), "%s is a number indicator (%s): value must be a number, got %s", ind.ID, ind.Unit, a.Value)
		}
		if a.Value != nil && (math.IsNaN(a.Value.Num) || math.IsInf(a.Value.Num, 0)) {
			ps.Add(at("value"), "%s: value must be a finite number", ind.ID)
		} else if a.Value != nil && !a.Value.IsBool && !ind.InValid(a.Value.Num) {
			ps.Add(at("value"), "%s: value %g is outside the valid range %g..%g (%s)", ind.ID, a.Value.Num, ind.Valid[0], ind.Valid[1], ind.Unit)
		}
	}
	switch a.Confidence {
	case "", "low", "medium", "high":
	default:
		ps.Add(at("confidence"), "confidence %q is not one of low, medium, high", a.Confidence)
	}
}
