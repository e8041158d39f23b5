package roadmap

import (
	"math"
	"sort"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/yamlx"
)

// Target statuses (KPI.Status).
const (
	StatusMet   = "met"   // reached by December of the due year (or already at the baseline)
	StatusLate  = "late"  // reached, but after the due year
	StatusNever = "never" // nothing in the plan reaches it
)

// KPI is one target with its projection at each year-end: the overall score, a pillar score,
// or an indicator. The projection is a consequence of the schedule (design §5, roadmap v2):
// an indicator reaches its raised level in the month the work that raises it ends, and the
// projected answers are scored with the scoring rules.
type KPI struct {
	ID   string // "overall", a pillar id or an indicator id
	Kind string // overall | pillar | indicator
	Name string
	// Unit is what Value is in: "level" (whole levels), "yes/no" (1 yes, 0 no), a number
	// indicator's unit as the framework writes it in English, or "" when only scores apply.
	Unit string
	// UnitName is a number indicator's unit in the plan's language ("% des adultes").
	UnitName     string
	Baseline     *float64 // score 0..1
	BaselineVal  *float64
	Target       float64 // score 0..1
	TargetVal    *float64
	BaselineYear int
	DueYear      int
	// Status is met, late or never; Met is Status == met.
	Status string
	Met    bool
	// ReachedMonth is the plan month (offset) in which the target is reached: -1 at the
	// baseline; meaningless when Status is never.
	ReachedMonth int
	Reached      string // YYYY-MM, "" when never
	LateMonths   int    // when late: months after December of the due year
	Milestones   []Milestone
	// Fix says what would meet a late or never target (nil when met).
	Fix *Fix
}

// Milestone is the projection at the end of a year.
type Milestone struct {
	Year  int
	Score float64  // 0..1
	Value *float64 // in the KPI's unit, where it has one (whole levels, 1/0 for yes/no)
}

// Fix is what would meet a late or never target, from what-if runs of the schedule.
type Fix struct {
	// Teams is the number of delivery teams that would meet the date (0: none up to +3 does).
	Teams int
	// Owner and Capacity: an owner's capacity that would meet the date ("" when none does).
	Owner    string
	Capacity int
	// UnlimitedMonth is the month the target is reached with unlimited teams and capacity
	// (-2: not even then); MonthsShort is how late it is even then (0: resources suffice).
	UnlimitedMonth int
	MonthsShort    int
	// NotPlanned lists indicators the target needs that no activity of the plan raises
	// (dropped, or no set of raises can reach a pillar target).
	NotPlanned []string
}

// noMonth marks a target not reached.
const noMonth = -2

// projection scores the answers as the schedule raises them.
type projection struct {
	in     Input
	raised map[string]raiseTo
	base   map[string]assess.Answers
	// months are the distinct months in which raises end, ascending; cards[i] is the
	// scorecard once every raise ending in months[0..i] has ended. baseline is before any.
	months   []int
	cards    []*assess.Scorecard
	baseline *assess.Scorecard
}

// project scores the baseline and the answers after each month in which a raise ends; end
// gives the end month (exclusive) of an activity, ok false when the plan lacks it.
func project(in Input, raised map[string]raiseTo, end func(id string) (int, bool)) *projection {
	pr := &projection{in: in, raised: raised, base: map[string]assess.Answers{}}
	for _, is := range in.Score.Indicators {
		if len(is.Answers) > 0 {
			pr.base[is.Indicator.ID] = is.Answers
		}
	}
	pr.baseline = assess.Score(in.Framework, pr.base, &in.Targets)
	byMonth := map[int][]string{}
	for _, id := range yamlx.SortedKeys(raised) {
		e, ok := end(raised[id].By)
		if !ok {
			continue
		}
		byMonth[e-1] = append(byMonth[e-1], id)
	}
	for m := range byMonth {
		pr.months = append(pr.months, m)
	}
	sort.Ints(pr.months)
	answers := make(map[string]assess.Answers, len(pr.base))
	for k, v := range pr.base {
		answers[k] = v
	}
	for _, m := range pr.months {
		for _, id := range byMonth[m] {
			if a, ok := raisedAnswer(in.Framework, in.Score.Indicator(id), raised[id]); ok {
				answers[id] = assess.Answers{a}
			}
		}
		pr.cards = append(pr.cards, assess.Score(in.Framework, answers, &in.Targets))
	}
	return pr
}

// raisedAnswer is the answer an indicator has once raised to r (false when it is already there).
func raisedAnswer(fw *assess.Framework, is *assess.IndicatorScore, r raiseTo) (assess.Answer, bool) {
	if is == nil {
		return assess.Answer{}, false
	}
	ind := is.Indicator
	if is.Status == assess.StatusAnswered && is.Level != nil && *is.Level >= float64(r.Level)-1e-9 && r.Value == nil {
		return assess.Answer{}, false
	}
	switch ind.Kind {
	case assess.KindLevel:
		return assess.Answer{Level: assess.Int(r.Level)}, true
	case assess.KindYesNo:
		return assess.Answer{Value: assess.YesNo(r.Level >= fw.Scale.Max)}, true
	}
	// A number: the target's value, else the smallest value that gives the level.
	if r.Value != nil {
		return assess.Answer{Value: assess.Number(*r.Value)}, true
	}
	span := float64(fw.Scale.Max - fw.Scale.Min)
	k := r.Level - fw.Scale.Min
	var v float64
	switch {
	case len(ind.Thresholds) > 0 && ind.Lower():
		v = ind.Thresholds[min(max(fw.Scale.Max-r.Level, 0), len(ind.Thresholds)-1)]
	case len(ind.Thresholds) > 0:
		v = ind.Thresholds[min(max(k-1, 0), len(ind.Thresholds)-1)]
	case len(ind.Range) == 2:
		f := float64(k) / span
		if ind.Lower() {
			f = 1 - f
		}
		v = ind.Range[0] + f*(ind.Range[1]-ind.Range[0])
	}
	return assess.Answer{Value: assess.Number(v)}, true
}

// at returns the scorecard at the end of month m (inclusive).
func (pr *projection) at(m int) *assess.Scorecard {
	i := sort.SearchInts(pr.months, m+1) - 1
	if i < 0 {
		return pr.baseline
	}
	return pr.cards[i]
}

// kpiScore returns a KPI's score on a scorecard (nil when it has none).
func kpiScore(k *KPI, sc *assess.Scorecard) *float64 {
	switch k.Kind {
	case "overall":
		return sc.Overall.Score
	case "pillar":
		if ps := sc.Pillar(k.ID); ps != nil {
			return ps.Score
		}
		return nil
	}
	if is := sc.Indicator(k.ID); is != nil && is.Status == assess.StatusAnswered {
		return is.Score
	}
	return nil
}

// reached returns the first month the KPI's score reaches its target (-1 at the baseline,
// noMonth when never).
func (pr *projection) reached(k *KPI) int {
	ok := func(sc *assess.Scorecard) bool {
		s := kpiScore(k, sc)
		return s != nil && *s >= k.Target-1e-9
	}
	if ok(pr.baseline) {
		return -1
	}
	for i, m := range pr.months {
		if ok(pr.cards[i]) {
			return m
		}
	}
	return noMonth
}

// kpiValue is a KPI's value on a scorecard in its unit: whole levels, 1/0 for yes/no, or the
// mean of a number indicator's answers.
func kpiValue(k *KPI, sc *assess.Scorecard) *float64 {
	is := sc.Indicator(k.ID)
	if is == nil || is.Status != assess.StatusAnswered {
		return nil
	}
	switch k.Unit {
	case "level":
		if is.Level == nil {
			return nil
		}
		return ptr(math.Floor(*is.Level + 1e-9))
	case "yes/no":
		if is.Score == nil {
			return nil
		}
		return ptr(math.Floor(*is.Score + 1e-9))
	}
	return meanValue(is.Answers)
}

// kpis builds the KPI timetable from the schedule: the overall target, each pillar target
// and each indicator target, projected at each year-end from the plan's first year to the
// later of its last year and the due years.
func kpis(in Input, p *Plan, raised map[string]raiseTo) []KPI {
	sc, fw := in.Score, in.Framework
	baseYear := in.AssessedOn.Year()
	if in.AssessedOn.IsZero() {
		baseYear = p.Start.Year()
	}
	pr := project(in, raised, p.endOf)
	lastYear := p.Month(max(p.Duration-1, 0)).Year()
	var out []KPI
	if t := in.Targets.Overall; t != nil && t.Score != nil {
		out = append(out, KPI{ID: "overall", Kind: "overall", Name: fw.Name.In(in.Lang), Baseline: sc.Overall.Score, Target: *t.Score, DueYear: t.Year})
	}
	for _, pid := range yamlx.SortedKeys(in.Targets.Pillars) {
		t := in.Targets.Pillars[pid]
		ps := sc.Pillar(pid)
		if ps == nil || t.Score == nil {
			continue
		}
		out = append(out, KPI{ID: pid, Kind: "pillar", Name: ps.Pillar.Name.In(in.Lang), Baseline: ps.Score, Target: *t.Score, DueYear: t.Year})
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
			k.TargetVal = ptr(float64(*is.Target.Level))
		case assess.KindYesNo:
			k.Unit = "yes/no"
			if is.Target.Value != nil && is.Target.Value.Bool {
				k.TargetVal = ptr(1)
			} else {
				k.TargetVal = ptr(0)
			}
		case assess.KindNumber:
			k.Unit, k.UnitName = ind.Unit.String(), ind.Unit.In(in.Lang)
			if is.Target.Value != nil {
				k.TargetVal = ptr(is.Target.Value.Num)
			}
		}
		k.BaselineVal = kpiValue(&k, pr.baseline)
		out = append(out, k)
	}
	for i := range out {
		lastYear = max(lastYear, out[i].DueYear)
	}
	for i := range out {
		k := &out[i]
		k.BaselineYear = baseYear
		if k.DueYear == 0 {
			k.DueYear = lastYear
		}
		k.ReachedMonth = pr.reached(k)
		p.setStatus(k, in)
		for y := p.Start.Year(); y <= lastYear; y++ {
			snap := pr.at(p.monthsTo(y) - 1)
			m := Milestone{Year: y}
			s := kpiScore(k, snap)
			if s == nil {
				continue // no score that year (unanswered)
			}
			m.Score = *s
			if k.Kind == "indicator" {
				m.Value = kpiValue(k, snap)
			}
			k.Milestones = append(k.Milestones, m)
		}
	}
	return out
}

// setStatus fills Status, Met, Reached and LateMonths from ReachedMonth.
func (p *Plan) setStatus(k *KPI, in Input) {
	due := p.monthsTo(k.DueYear) - 1 // December of the due year
	k.Reached, k.LateMonths, k.Fix = "", 0, nil
	switch {
	case k.ReachedMonth == noMonth:
		k.Status = StatusNever
	case k.ReachedMonth <= due:
		k.Status = StatusMet
	default:
		k.Status, k.LateMonths = StatusLate, k.ReachedMonth-due
	}
	switch {
	case k.ReachedMonth == -1 && !in.AssessedOn.IsZero():
		k.Reached = in.AssessedOn.Format("2006-01")
	case k.ReachedMonth >= -1:
		k.Reached = p.Month(k.ReachedMonth).Format("2006-01")
	}
	k.Met = k.Status == StatusMet
}

// endOf returns an activity's end month.
func (p *Plan) endOf(id string) (int, bool) {
	if a := p.Activity(id); a != nil {
		return a.End, true
	}
	return 0, false
}

// fixes runs the schedule again with more teams, more capacity for each owner, and unlimited
// resources, and says for each late or never target what would meet its date.
func fixes(in Input, p *Plan, raised map[string]raiseTo) {
	var open []int
	for i := range p.KPIs {
		if p.KPIs[i].Status != StatusMet {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	base := p.Resources()
	// reachedWith schedules a copy of the plan under res and returns each open KPI's month.
	reachedWith := func(res Resources) map[int]int {
		acts := make([]Activity, len(p.Activities))
		copy(acts, p.Activities)
		if err := Schedule(acts, res); err != nil {
			return nil
		}
		ends := make(map[string]int, len(acts))
		for _, a := range acts {
			ends[a.ID] = a.End
		}
		pr := project(in, raised, func(id string) (int, bool) { e, ok := ends[id]; return e, ok })
		out := map[int]int{}
		for _, i := range open {
			out[i] = pr.reached(&p.KPIs[i])
		}
		return out
	}
	meets := func(i, m int) bool {
		return m != noMonth && m <= p.monthsTo(p.KPIs[i].DueYear)-1
	}
	unlimited := reachedWith(Unlimited)
	for _, i := range open {
		k := &p.KPIs[i]
		f := &Fix{UnlimitedMonth: unlimited[i]}
		if f.UnlimitedMonth == noMonth {
			for _, id := range k.needs(in) {
				if _, ok := raised[id]; !ok || p.Activity(raised[id].By) == nil {
					f.NotPlanned = append(f.NotPlanned, id)
				}
			}
		} else if !meets(i, f.UnlimitedMonth) {
			f.MonthsShort = f.UnlimitedMonth - (p.monthsTo(k.DueYear) - 1)
		}
		k.Fix = f
	}
	for extra := 1; extra <= 3; extra++ {
		res := base
		res.Teams = base.Teams + extra
		got := reachedWith(res)
		for _, i := range open {
			if f := p.KPIs[i].Fix; f.Teams == 0 && f.MonthsShort == 0 && meets(i, got[i]) {
				f.Teams = res.Teams
			}
		}
	}
	for _, o := range yamlx.SortedKeys(base.Capacity) {
		for extra := 1; extra <= 2; extra++ {
			res := base
			res.Capacity = map[string]int{}
			for k, v := range base.Capacity {
				res.Capacity[k] = v
			}
			res.Capacity[o] += extra
			got := reachedWith(res)
			for _, i := range open {
				if f := p.KPIs[i].Fix; f.Owner == "" && f.MonthsShort == 0 && meets(i, got[i]) {
					f.Owner, f.Capacity = o, res.Capacity[o]
				}
			}
		}
	}
}

// needs returns the indicators a KPI depends on: itself, or its pillar's (all the framework's
// for the overall score) that have a target level above the baseline.
func (k *KPI) needs(in Input) []string {
	if k.Kind == "indicator" {
		return []string{k.ID}
	}
	var out []string
	for _, ind := range in.Framework.Indicators() {
		if k.Kind == "pillar" && in.Framework.PillarOf(ind.ID).ID != k.ID {
			continue
		}
		if _, ok := in.Targets.Indicators[ind.ID]; ok {
			out = append(out, ind.ID)
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

func ptr(f float64) *float64 { return &f }
