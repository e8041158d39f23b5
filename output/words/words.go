// Package words is the presentation vocabulary: it names govplan's fixed values (block
// statuses, gate states, quadrants, evidence kinds…) and says the domain's reasons in the
// reader's language, once for every screen and document. It sits above the domain packages
// (assess, catalog, roadmap), which return data; output/* and the terminal UI draw with it.
package words

import (
	"math"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
)

// BlockStatus names what the plan does with a block: reuse, upgrade or build.
func BlockStatus(lang, s string) string {
	switch s {
	case catalog.Reuse:
		return i18n.T(lang, "reuse")
	case catalog.Upgrade:
		return i18n.T(lang, "upgrade")
	case catalog.Build:
		return i18n.T(lang, "build")
	}
	return s
}

// Inventory names what exists today for a block.
func Inventory(lang, s string) string {
	switch s {
	case catalog.StatusOperational:
		return i18n.T(lang, "operational")
	case catalog.StatusPartial:
		return i18n.T(lang, "partial")
	case catalog.StatusNone:
		return i18n.T(lang, "none")
	}
	return s
}

// Quadrant names a service's place on the impact × feasibility grid.
func Quadrant(lang, q string) string {
	switch q {
	case catalog.QuadrantDoFirst:
		return i18n.T(lang, "do first")
	case catalog.QuadrantPlanFor:
		return i18n.T(lang, "plan for")
	case catalog.QuadrantNiceToHave:
		return i18n.T(lang, "nice to have")
	case catalog.QuadrantDefer:
		return i18n.T(lang, "defer")
	}
	return q
}

// Gate names whether a readiness gate is met.
func Gate(lang, state string) string {
	switch state {
	case assess.GateMet:
		return i18n.T(lang, "met")
	case assess.GateUnmet:
		return i18n.T(lang, "not met")
	case assess.GateUnknown:
		return i18n.T(lang, "not assessed")
	}
	return state
}

// Evidence names the kind of evidence that a product implements a block.
func Evidence(lang, e string) string {
	switch e {
	case catalog.EvidenceSandbox:
		return i18n.T(lang, "sandbox")
	case catalog.EvidenceTestHarness:
		return i18n.T(lang, "test harness")
	case catalog.EvidenceSelfReported:
		return i18n.T(lang, "self-reported")
	case catalog.EvidenceNone, "":
		return i18n.T(lang, "none recorded")
	}
	return e
}

// Category names a block category.
func Category(lang, c string) string {
	switch c {
	case catalog.Foundational:
		return i18n.T(lang, "foundational")
	case catalog.Feature:
		return i18n.T(lang, "feature")
	case catalog.Other:
		return i18n.T(lang, "other")
	}
	return c
}

// ActivityStatus names an activity's status as planners report it.
func ActivityStatus(lang, s string) string {
	switch s {
	case "not-started":
		return i18n.T(lang, "not started")
	case "in-progress":
		return i18n.T(lang, "in progress")
	case "done":
		return i18n.T(lang, "done")
	case "blocked":
		return i18n.T(lang, "blocked")
	}
	return s
}

// Sector names the sector of a use case.
func Sector(lang, s string) string {
	switch s {
	case "agriculture":
		return i18n.T(lang, "agriculture")
	case "civic-participation":
		return i18n.T(lang, "civic participation")
	case "civil-registration":
		return i18n.T(lang, "civil registration")
	case "climate":
		return i18n.T(lang, "climate")
	case "digital-government":
		return i18n.T(lang, "digital government")
	case "education":
		return i18n.T(lang, "education")
	case "environment":
		return i18n.T(lang, "environment")
	case "finance":
		return i18n.T(lang, "finance")
	case "health":
		return i18n.T(lang, "health")
	case "infrastructure":
		return i18n.T(lang, "infrastructure")
	case "social-protection":
		return i18n.T(lang, "social protection")
	case "":
		return i18n.T(lang, "other")
	}
	return strings.ReplaceAll(s, "-", " ")
}

// blockShort holds each block's short column name and a two-letter one.
var blockShort = map[string][2]string{
	"identity": {"ID", "ID"}, "information-mediator": {"IM", "IM"}, "workflow": {"WF", "WF"}, "digital-registries": {"DR", "DR"},
	"registration": {"Reg", "RG"}, "consent": {"Cons", "CN"}, "messaging": {"Msg", "MS"}, "payments": {"Pay", "PY"}, "scheduler": {"Sch", "SC"},
	"e-signature": {"eSig", "ES"}, "e-marketplace": {"eMkt", "EM"}, "gis": {"GIS", "GI"}, "wallet": {"Wal", "WL"}, "cloud-infrastructure": {"Cloud", "CL"},
	"cms": {"CMS", "CM"}, "e-learning": {"eLrn", "EL"}, "shared-data-repository": {"SDR", "SR"}, "data-collection": {"DC", "DC"},
	"artificial-intelligence": {"AI", "AI"}, "analytics": {"BI", "BI"}, "content-management": {"CM", "CT"}, "mobility-management": {"MM", "MM"},
}

// BlockAbbrev is a block's short column name in step grids (two letters when two is set).
func BlockAbbrev(id string, two bool) string {
	s, ok := blockShort[id]
	switch {
	case ok && two:
		return s[1]
	case ok:
		return s[0]
	case two:
		r := []rune(strings.ToUpper(id))
		return string(r[:min(2, len(r))])
	}
	if r := []rune(id); len(r) > 5 {
		return string(r[:4]) + "…"
	}
	return id
}

// KPIValue is one cell of a KPI table: a measured value in the indicator's unit (a level as
// "L2.5"), or else the 0–100 score, or "–" when there is neither.
func KPIValue(lang string, score, value *float64, unit string) string {
	switch {
	case value != nil && unit == "level":
		return i18n.F(lang, "L%d", int(math.Floor(*value+1e-9)))
	case value != nil && unit == "yes/no":
		return YesNo(lang, *value >= 1)
	case value != nil:
		return i18n.Exact(lang, *value)
	case score != nil:
		return i18n.Number(lang, math.Round(*score*100), 0)
	}
	return "–"
}

// YesNo is a yes/no answer in the reader's language.
func YesNo(lang string, v bool) string {
	if v {
		return i18n.T(lang, "yes")
	}
	return i18n.T(lang, "no")
}

// Confidence names how sure a ministry is of its answer (low, medium, high).
func Confidence(lang, c string) string {
	switch c {
	case "low":
		return i18n.T(lang, "low")
	case "medium":
		return i18n.T(lang, "medium")
	case "high":
		return i18n.T(lang, "high")
	}
	return c
}

// GateBasis says where a readiness gate comes from: "spec: <citation>", "heuristic: <why>",
// or that the framework does not say.
func GateBasis(lang string, g assess.Gate) string {
	switch g.Basis {
	case assess.BasisSpec:
		return i18n.F(lang, "spec: %s", g.Source)
	case assess.BasisHeuristic:
		return i18n.F(lang, "govplan heuristic: %s", g.Why.In(lang))
	}
	return i18n.T(lang, "basis not stated in the framework")
}

// RelativeLabel says how the scores of a relative comparison were made; "" for absolute ones.
func RelativeLabel(lang string, c *assess.Comparison) string {
	if !c.Relative {
		return ""
	}
	return i18n.F(lang, "relative (z-score rescaled across the %d countries compared)", len(c.Rows))
}
