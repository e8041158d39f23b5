package roadmap

import (
	"math"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/yamlx"
)

// KPI is one target with a milestone per year: the overall score, a pillar score, or an
// indicator.
type KPI struct {
	ID           string // "overall", a pillar id or an indicator id
	Kind         string // overall | pillar | indicator
	Name         string
	Unit         string // what Value is in ("" when only scores apply)
	Baseline     *float64
	BaselineVal  *float64
	Target       float64
	TargetVal    *float64
	BaselineYear int
	DueYear      int
	Met          bool
	Milestones   []Milestone
}

// Milestone is where a KPI should be at the end of a year.
type Milestone struct {
	Year  int
	Score float64  // 0..1
	Value *float64 // in the KPI's unit, where it has one
}

// kpis builds the KPI timetable: the overall target, each pillar target and each indicator
// target, baseline → target with linear milestones each year from the assessment year to the
// later of the due year and the plan's last year.
func kpis(in Input, p *Plan) []KPI {
	sc, fw := in.Score, in.Framework
	baseYear := in.AssessedOn.Year()
	if in.AssessedOn.IsZero() {
		baseYear = p.Start.Year()
	}
	lastYear := p.Month(max(p.Duration-1, 0)).Year()
	var out []KPI
	add := func(k KPI) {
		lastYear = max(lastYear, k.DueYear)
		k.BaselineYear = baseYear
		if k.Baseline != nil {
			k.Met = *k.Baseline >= k.Target-1e-9
		}
		out = append(out, k)
	}
	if t := in.Targets.Overall; t != nil && t.Score != nil {
		add(KPI{ID: "overall", Kind: "overall", Name: fw.Name.In(in.Lang), Baseline: sc.Overall.Score, Target: *t.Score, DueYear: t.Year})
	}
	for _, pid := range yamlx.SortedKeys(in.Targets.Pillars) {
		t := in.Targets.Pillars[pid]
		ps := sc.Pillar(pid)
		if ps == nil || t.Score == nil {
			continue
		}
		add(KPI{ID: pid, Kind: "pillar", Name: ps.Pillar.Name.In(in.Lang), Baseline: ps.Score, Target: *t.Score, DueYear: t.Year})
	}
	for _, is := range sc.Indicators {
		if is.Target == nil || is.TargetScore == nil {
			continue
		}
		ind := is.Indicator
		k := KPI{ID: ind.ID, Kind: "indicator", Name: ind.Label(in.Lang), Baseline: is.Score, Target: *is.TargetScore, DueYear: is.Target.Year}
		switch ind.Kind {
		case assess.KindLevel:
			k.Unit = "level"
			k.BaselineVal = is.Level
			k.TargetVal = ptr(float64(*is.Target.Level))
		case assess.KindNumber:
			k.Unit = ind.Unit
			k.BaselineVal = meanValue(is.Answers)
			if is.Target.Value != nil {
				k.TargetVal = ptr(is.Target.Value.Num)
			}
		}
		add(k)
	}
	for i := range out {
		k := &out[i]
		if k.DueYear == 0 {
			k.DueYear = lastYear
		}
		for y := baseYear + 1; y <= max(lastYear, k.DueYear); y++ {
			m := Milestone{Year: y}
			f := 1.0
			if k.DueYear > baseYear {
				f = math.Min(1, float64(y-baseYear)/float64(k.DueYear-baseYear))
			}
			if k.Baseline == nil {
				if y < k.DueYear {
					continue // no baseline yet: only the target year has a milestone
				}
				m.Score, m.Value = k.Target, k.TargetVal
			} else {
				m.Score = *k.Baseline + (k.Target-*k.Baseline)*f
				if k.Met {
					m.Score = math.Max(*k.Baseline, k.Target)
				}
				if k.BaselineVal != nil && k.TargetVal != nil {
					m.Value = ptr(round1(*k.BaselineVal + (*k.TargetVal-*k.BaselineVal)*f))
				}
			}
			k.Milestones = append(k.Milestones, m)
		}
	}
	return out
}

func meanValue(as assess.Answers) *float64 {
	var sum float64
	n := 0
	for _, a := range as.Given() {
		if a.Value != nil && !a.Value.IsBool && !a.NA {
			sum += a.Value.Num
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return ptr(sum / float64(n))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func ptr(f float64) *float64 { return &f }
