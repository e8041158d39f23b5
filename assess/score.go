package assess

import (
	"math"
	"sort"

	"github.com/govplan/govplan/internal/ident"
)

// Status of an indicator in a scorecard.
const (
	StatusAnswered   = "answered"
	StatusNA         = "na"
	StatusUnanswered = "unanswered"
)

// Gate states.
const (
	GateMet     = "met"
	GateUnmet   = "unmet"
	GateUnknown = "unknown"
)

// Scorecard is the scored assessment. Scores are fractions 0..1; nil means "no score".
type Scorecard struct {
	Framework  *Framework
	Overall    OverallScore
	Pillars    []PillarScore
	Indicators []IndicatorScore
	// Unknown lists answered ids the framework does not have (kept, not scored).
	Unknown []string

	byID map[string]int
}

// OverallScore is the framework-wide result.
type OverallScore struct {
	Score        *float64
	Band         *Band
	Completeness *float64
	Answered     int
	Applicable   int
	Unscored     []string // pillars with no score
	Target       *Target
	Gap          *float64
}

// PillarScore is one pillar's result.
type PillarScore struct {
	Pillar       *Pillar
	Score        *float64
	Band         *Band
	Completeness *float64
	Answered     int
	Applicable   int
	Target       *Target
	Gap          *float64
}

// IndicatorScore is one indicator's result.
type IndicatorScore struct {
	Indicator *Indicator
	Pillar    string
	Status    string
	Score     *float64
	// Level is the score on the framework's scale (min + score·(max−min)), for gates.
	Level    *float64
	Disputed bool
	Answers  Answers // every answer as given, empty ones included
	Target   *Target
	// TargetScore is the target converted like an answer.
	TargetScore *float64
	Gap         *float64
}

// GateState is one readiness gate evaluated on a scorecard.
type GateState struct {
	Indicator string
	BB        string
	Min       int
	Current   *float64 // the indicator's level; nil when unanswered or N/A
	State     string
	// UseCases limits the gate to these use cases' go-live (empty: every use case).
	UseCases []string
	// Gate is the framework's gate entry: its use-case limits (Gate.Holds) and its basis.
	Gate Gate
}

// Score scores answers against the framework as design §5 says. targets may be nil.
func Score(fw *Framework, answers map[string]Answers, targets *Targets) *Scorecard {
	sc := &Scorecard{Framework: fw, byID: map[string]int{}}
	if targets == nil {
		targets = &Targets{}
	}
	norm := make(map[string]Answers, len(answers))
	for id, as := range answers {
		nid := ident.Norm(id)
		norm[nid] = append(norm[nid], as...)
		if fw.Indicator(nid) == nil {
			sc.Unknown = append(sc.Unknown, nid)
		}
	}
	sort.Strings(sc.Unknown)

	var totalW, totalWS float64
	for pi := range fw.Pillars {
		pl := &fw.Pillars[pi]
		ps := PillarScore{Pillar: pl}
		var w, ws float64
		for ii := range pl.Indicators {
			ind := &pl.Indicators[ii]
			is := fw.scoreIndicator(ind, norm[ind.ID])
			is.Pillar = pl.ID
			if tg, ok := targets.Indicators[ind.ID]; ok {
				tg := tg
				is.Target = &tg
				is.TargetScore = fw.answerScore(ind, Answer{Level: tg.Level, Value: tg.Value})
				is.Gap = gap(is.TargetScore, is.Score)
			}
			switch is.Status {
			case StatusAnswered:
				ps.Answered++
				ps.Applicable++
				w += ind.Weight
				ws += ind.Weight * *is.Score
			case StatusUnanswered:
				ps.Applicable++
			}
			sc.byID[ind.ID] = len(sc.Indicators)
			sc.Indicators = append(sc.Indicators, is)
		}
		if w > 0 {
			ps.Score = ptr(ws / w)
			ps.Band = fw.BandFor(*ps.Score)
			totalW += pl.Weight
			totalWS += pl.Weight * *ps.Score
		} else {
			sc.Overall.Unscored = append(sc.Overall.Unscored, pl.ID)
		}
		if ps.Applicable > 0 {
			ps.Completeness = ptr(float64(ps.Answered) / float64(ps.Applicable))
		}
		if tg, ok := targets.Pillars[pl.ID]; ok {
			tg := tg
			ps.Target = &tg
			ps.Gap = gap(tg.Score, ps.Score)
		}
		sc.Overall.Answered += ps.Answered
		sc.Overall.Applicable += ps.Applicable
		sc.Pillars = append(sc.Pillars, ps)
	}
	if totalW > 0 {
		sc.Overall.Score = ptr(totalWS / totalW)
		sc.Overall.Band = fw.BandFor(*sc.Overall.Score)
	}
	if sc.Overall.Applicable > 0 {
		sc.Overall.Completeness = ptr(float64(sc.Overall.Answered) / float64(sc.Overall.Applicable))
	}
	if targets.Overall != nil {
		sc.Overall.Target = targets.Overall
		sc.Overall.Gap = gap(targets.Overall.Score, sc.Overall.Score)
	}
	return sc
}

// Indicator returns the result for an indicator id, or nil.
func (sc *Scorecard) Indicator(id string) *IndicatorScore {
	i, ok := sc.byID[ident.Norm(id)]
	if !ok {
		return nil
	}
	return &sc.Indicators[i]
}

// Pillar returns the result for a pillar id, or nil.
func (sc *Scorecard) Pillar(id string) *PillarScore {
	id = ident.Norm(id)
	for i := range sc.Pillars {
		if sc.Pillars[i].Pillar.ID == id {
			return &sc.Pillars[i]
		}
	}
	return nil
}

// Gates evaluates every gate of the framework, in framework order.
func (sc *Scorecard) Gates() []GateState {
	var out []GateState
	for _, is := range sc.Indicators {
		for _, g := range is.Indicator.Gates {
			gs := GateState{Indicator: is.Indicator.ID, BB: g.BB, Min: g.Min, State: GateUnknown, UseCases: g.UseCases, Gate: g}
			if is.Status == StatusAnswered {
				gs.Current = is.Level
				if *is.Level >= float64(g.Min)-1e-9 {
					gs.State = GateMet
				} else {
					gs.State = GateUnmet
				}
			}
			out = append(out, gs)
		}
	}
	return out
}

// GatesFor returns the gates on building block bb.
func (sc *Scorecard) GatesFor(bb string) []GateState {
	var out []GateState
	for _, g := range sc.Gates() {
		if g.BB == bb {
			out = append(out, g)
		}
	}
	return out
}

func (fw *Framework) scoreIndicator(ind *Indicator, as Answers) IndicatorScore {
	is := IndicatorScore{Indicator: ind, Answers: as, Status: StatusUnanswered}
	given := as.Given()
	if len(given) == 0 {
		return is
	}
	var scores []float64
	var levels []int
	var bools = map[bool]bool{}
	for _, a := range given {
		if a.NA {
			continue
		}
		s := fw.answerScore(ind, a)
		if s == nil {
			continue
		}
		scores = append(scores, *s)
		switch {
		case ind.Kind == KindLevel:
			levels = append(levels, *a.Level)
		case ind.Kind == KindNumber && len(ind.Thresholds) > 0:
			levels = append(levels, fw.thresholdLevel(ind, a.Value.Num))
		case ind.Kind == KindYesNo:
			bools[a.Value.Bool] = true
		}
	}
	if len(scores) == 0 {
		is.Status = StatusNA
		return is
	}
	is.Status = StatusAnswered
	s := aggregate(fw.Aggregate, scores)
	is.Score = &s
	is.Level = ptr(float64(fw.Scale.Min) + s*float64(fw.Scale.Max-fw.Scale.Min))
	switch {
	case len(levels) > 1:
		lo, hi := levels[0], levels[0]
		for _, l := range levels {
			lo, hi = min(lo, l), max(hi, l)
		}
		is.Disputed = hi-lo >= 2
	case ind.Kind == KindYesNo:
		is.Disputed = bools[true] && bools[false]
	case ind.Kind == KindNumber && len(scores) > 1:
		lo, hi := scores[0], scores[0]
		for _, x := range scores {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		is.Disputed = hi-lo >= 0.5-1e-12
	}
	return is
}

// answerScore is the 0..1 score of one answer (nil when it holds nothing scorable).
func (fw *Framework) answerScore(ind *Indicator, a Answer) *float64 {
	span := float64(fw.Scale.Max - fw.Scale.Min)
	switch ind.Kind {
	case KindLevel:
		if a.Level == nil {
			return nil
		}
		return ptr(clamp01(float64(*a.Level-fw.Scale.Min) / span))
	case KindYesNo:
		if a.Value == nil || !a.Value.IsBool {
			return nil
		}
		if a.Value.Bool {
			return ptr(1)
		}
		return ptr(0)
	case KindNumber:
		if a.Value == nil || a.Value.IsBool {
			return nil
		}
		if len(ind.Thresholds) > 0 {
			return ptr(float64(fw.thresholdLevel(ind, a.Value.Num)-fw.Scale.Min) / span)
		}
		if len(ind.Range) == 2 {
			s := clamp01((a.Value.Num - ind.Range[0]) / (ind.Range[1] - ind.Range[0]))
			if ind.Lower() {
				s = 1 - s
			}
			return ptr(s)
		}
	}
	return nil
}

// ThresholdLevel returns the level a number reaches on an indicator with thresholds.
func (fw *Framework) ThresholdLevel(ind *Indicator, v float64) int { return fw.thresholdLevel(ind, v) }

func (fw *Framework) thresholdLevel(ind *Indicator, v float64) int {
	t := ind.Thresholds
	if ind.Lower() {
		for i := range t {
			if v <= t[i] {
				return fw.Scale.Max - i
			}
		}
		return fw.Scale.Min
	}
	for i := len(t) - 1; i >= 0; i-- {
		if v >= t[i] {
			return fw.Scale.Min + i + 1
		}
	}
	return fw.Scale.Min
}

// AnswerScore is the 0..1 score one answer would give the indicator (nil when not scorable).
func (fw *Framework) AnswerScore(ind *Indicator, a Answer) *float64 { return fw.answerScore(ind, a) }

func aggregate(rule string, xs []float64) float64 {
	switch rule {
	case AggMin:
		m := xs[0]
		for _, x := range xs {
			m = math.Min(m, x)
		}
		return m
	case AggMax:
		m := xs[0]
		for _, x := range xs {
			m = math.Max(m, x)
		}
		return m
	case AggMedian:
		s := append([]float64(nil), xs...)
		sort.Float64s(s)
		n := len(s)
		if n%2 == 1 {
			return s[n/2]
		}
		return (s[n/2-1] + s[n/2]) / 2
	default:
		var sum float64
		for _, x := range xs {
			sum += x
		}
		return sum / float64(len(xs))
	}
}

func gap(target, current *float64) *float64 {
	if target == nil || current == nil {
		return nil
	}
	return ptr(*target - *current)
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

func ptr(f float64) *float64 { return &f }
