package words

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/roadmap"
)

// Phase names a phase of the plan with its months: "Phase 1 · April 2026 – March 2027".
func Phase(lang string, p *roadmap.Plan, n int) string {
	from := p.Month((n - 1) * 12)
	to := p.Month(min(n*12, max(p.Duration, 1)) - 1)
	return i18n.F(lang, "Phase %d · %s – %s", n, i18n.Month(lang, from), i18n.Month(lang, to))
}

// Resources says what the plan was scheduled with: delivery teams and owners' capacity.
func Resources(lang string, p *roadmap.Plan) string {
	var odd []string
	for _, o := range yamlx.SortedKeys(p.Capacity) {
		if c := p.Capacity[o]; c != roadmap.DefaultCapacity {
			odd = append(odd, fmt.Sprintf("%s %d", o, c))
		}
	}
	s := i18n.F(lang, "%d delivery teams · owners' capacity %d each", p.Workstreams, roadmap.DefaultCapacity)
	if len(odd) > 0 {
		s += " " + i18n.F(lang, "(%s)", strings.Join(odd, ", "))
	}
	return s
}

// Holds names what an activity holds while it runs.
func Holds(lang string, a *roadmap.Activity) string {
	switch a.Holds {
	case roadmap.HoldsTeam:
		return i18n.T(lang, "delivery team")
	case roadmap.HoldsOwner:
		return i18n.F(lang, "%s capacity", a.Owner)
	}
	return ""
}

// FixedHow says what fixed an activity's start: "after X", "gate X", "X freed the team".
func FixedHow(lang string, a *roadmap.Activity) string {
	switch a.FixedHow {
	case roadmap.FixedByDependency:
		return i18n.F(lang, "after %s", a.FixedBy)
	case roadmap.FixedByGate:
		return i18n.F(lang, "gate %s", a.FixedBy)
	case roadmap.FixedByResource:
		if a.Holds == roadmap.HoldsTeam {
			return i18n.F(lang, "%s freed a delivery team", a.FixedBy)
		}
		return i18n.F(lang, "%s freed %s capacity", a.FixedBy, a.Owner)
	}
	return ""
}

// TargetStatus says whether a target is met, late or never met: "met (2027-09)",
// "late by 14 months (2030-02)", "never".
func TargetStatus(lang string, k *roadmap.KPI) string {
	switch k.Status {
	case roadmap.StatusMet:
		if k.ReachedMonth < 0 {
			return i18n.T(lang, "met at baseline")
		}
		return i18n.F(lang, "met (%s)", k.Reached)
	case roadmap.StatusLate:
		return i18n.F(lang, "late by %d months (%s)", k.LateMonths, k.Reached)
	}
	return i18n.T(lang, "never")
}

// TargetFix says what would meet a late or never-met target ("" when met).
func TargetFix(lang string, k *roadmap.KPI) string {
	f := k.Fix
	if f == nil {
		return ""
	}
	var parts []string
	if len(f.NotPlanned) > 0 {
		parts = append(parts, i18n.F(lang, "nothing in the plan raises %s (dropped, or no raise can reach it): add or restore that work", strings.Join(f.NotPlanned, ", ")))
	} else if f.UnlimitedMonth == -2 {
		parts = append(parts, i18n.T(lang, "no set of raises in the plan reaches it: lower the target or add work for it"))
	}
	if f.Teams > 0 {
		parts = append(parts, i18n.F(lang, "met with %d delivery teams", f.Teams))
	}
	if f.Owner != "" {
		parts = append(parts, i18n.F(lang, "met with capacity %d for %s", f.Capacity, f.Owner))
	}
	if f.MonthsShort > 0 {
		parts = append(parts, i18n.F(lang, "even with unlimited teams and capacity the work ends %d months after the due date: shorten it or move the target to %d", f.MonthsShort, k.DueYear+(f.MonthsShort+11)/12))
	} else if f.Teams == 0 && f.Owner == "" && f.UnlimitedMonth >= -1 && len(f.NotPlanned) == 0 {
		parts = append(parts, i18n.T(lang, "met only with more teams and capacity at once: try the what-if"))
	}
	return strings.Join(parts, "; ")
}

// TimingUnused says what a pledge cannot use because of its years.
func TimingUnused(lang string, t roadmap.TimingUnused, amount string) string {
	return i18n.F(lang, "%s's pledge for %s in %s cannot pay %s: the work is in %s", t.Funder, t.Activity, years(t.Years), amount, years(t.SpendYears))
}

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = fmt.Sprint(y)
	}
	return strings.Join(s, ", ")
}

// FixedKind names briefly what fixed an activity's start: after, gate, team, <owner> capacity.
func FixedKind(lang string, a *roadmap.Activity) string {
	switch a.FixedHow {
	case roadmap.FixedByDependency:
		return i18n.T(lang, "after")
	case roadmap.FixedByGate:
		return i18n.T(lang, "gate")
	case roadmap.FixedByResource:
		if a.Holds == roadmap.HoldsTeam {
			return i18n.T(lang, "team")
		}
		return i18n.F(lang, "%s capacity", a.Owner)
	}
	return a.FixedHow
}

// ActivityKind names the kind of a roadmap activity.
func ActivityKind(lang, kind string) string {
	switch kind {
	case roadmap.KindProcure:
		return i18n.T(lang, "procure")
	case roadmap.KindBuild:
		return i18n.T(lang, "build")
	case roadmap.KindUpgrade:
		return i18n.T(lang, "upgrade")
	case roadmap.KindReadiness:
		return i18n.T(lang, "readiness")
	case roadmap.KindAssess:
		return i18n.T(lang, "assess")
	case roadmap.KindPilot:
		return i18n.T(lang, "pilot")
	case roadmap.KindScale:
		return i18n.T(lang, "roll-out")
	case roadmap.KindCustom:
		return i18n.T(lang, "custom")
	}
	return kind
}

// TargetWord is a target's status in one word: met, late, never.
func TargetWord(lang, status string) string {
	switch status {
	case roadmap.StatusMet:
		return i18n.T(lang, "met")
	case roadmap.StatusLate:
		return i18n.T(lang, "late")
	case roadmap.StatusNever:
		return i18n.T(lang, "never")
	}
	return status
}

// Basis names where an activity's duration and cost came from.
func Basis(lang, basis string) string {
	switch basis {
	case roadmap.BasisDefault:
		return i18n.T(lang, "illustrative default")
	case roadmap.BasisCountry:
		return i18n.T(lang, "country file costs")
	case roadmap.BasisPlan:
		return i18n.T(lang, "planner's change")
	case roadmap.BasisAdded:
		return i18n.T(lang, "added by the planner")
	case roadmap.BasisDone:
		return i18n.T(lang, "done before the plan")
	}
	return basis
}

// ActivityWhy says why an activity is in the plan, its reasons joined by "; ".
func ActivityWhy(lang string, a *roadmap.Activity) string {
	return whyText(lang, a.Why)
}

func whyText(lang string, ws []roadmap.Why) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = Why(lang, w)
	}
	return strings.Join(parts, "; ")
}

// Why says one reason an activity is in the plan.
func Why(lang string, w roadmap.Why) string {
	arg := func(i int) any {
		if i >= len(w.Args) {
			return ""
		}
		if t, ok := w.Args[i].(i18n.Text); ok {
			return t.In(lang)
		}
		return w.Args[i]
	}
	switch w.Code {
	case roadmap.WhyGate:
		return i18n.F(lang, "%s needs it at level %d", arg(0), arg(1))
	case roadmap.WhyTarget:
		return i18n.F(lang, "target level %d by %d", arg(0), arg(1))
	case roadmap.WhyPillarTarget:
		return i18n.F(lang, "pillar %s target %.0f by %d", arg(0), arg(1), arg(2))
	case roadmap.WhyUnanswered:
		ws, _ := arg(0).([]roadmap.Why)
		return i18n.F(lang, "not answered yet, and %s", whyText(lang, ws))
	case roadmap.WhyNeededBy:
		ucs, _ := arg(0).([]string)
		return i18n.F(lang, "needed by %s", strings.Join(ucs, ", "))
	case roadmap.WhyBefore:
		return i18n.F(lang, "before %s", arg(0))
	case roadmap.WhyIntegrates:
		basis, _ := arg(2).(string)
		return i18n.F(lang, "integrates %d blocks (%s each, %s)", arg(0), fmt.Sprintf("%.0f", arg(1)), Basis(lang, basis))
	case roadmap.WhyAfter:
		return i18n.F(lang, "after %s", arg(0))
	case roadmap.WhyAdded:
		return Basis(lang, roadmap.BasisAdded)
	}
	return string(w.Code)
}

// Unneeded says why a pledge goes to something the plan does not need.
func Unneeded(lang string, u roadmap.Unneeded) string {
	if u.Block {
		return i18n.F(lang, "the plan builds or upgrades nothing for %s (not required by the needed use cases, or already operational)", u.Target)
	}
	return i18n.F(lang, "the plan has no activity %s (dropped, or no longer needed)", u.Target)
}
