package roadmap

import "reflect"

// Why is one reason an activity is in the plan, as data: a code and its values. The plan
// never writes the sentence; output/words says it in the reader's language.
type Why struct {
	Code WhyCode
	Args []any // the values, in the order each code documents
}

// WhyCode says what a Why is about. Each code documents its Args.
type WhyCode string

const (
	// WhyGate: a required block's readiness gate needs the indicator. Args: the block's name
	// (i18n.Text), the level the gate needs (int).
	WhyGate WhyCode = "gate"
	// WhyTarget: the indicator's own target. Args: the level it means (int), the year (int).
	WhyTarget WhyCode = "target"
	// WhyPillarTarget: a pillar's target needs the indicator raised. Args: the pillar id, the
	// target score 0..100 (float64), the year (int).
	WhyPillarTarget WhyCode = "pillar_target"
	// WhyUnanswered: an assessment, for an indicator not answered yet. Args: why it matters
	// ([]Why).
	WhyUnanswered WhyCode = "unanswered"
	// WhyNeededBy: a build or upgrade. Args: the use cases that need the block ([]string).
	WhyNeededBy WhyCode = "needed_by"
	// WhyBefore: a procurement. Args: the build or upgrade it comes before (activity id).
	WhyBefore WhyCode = "before"
	// WhyIntegrates: a pilot. Args: the blocks it integrates (int), the cost of integrating
	// each (float64, plan currency), the basis of that cost (a Basis* constant).
	WhyIntegrates WhyCode = "integrates"
	// WhyAfter: a national roll-out. Args: the pilot it follows (activity id).
	WhyAfter WhyCode = "after"
	// WhyAdded: the planner added the activity. No Args.
	WhyAdded WhyCode = "added"
)

func why(code WhyCode, args ...any) Why { return Why{Code: code, Args: args} }

// addWhy appends w unless list has it already.
func addWhy(list []Why, w Why) []Why {
	for _, x := range list {
		if reflect.DeepEqual(x, w) {
			return list
		}
	}
	return append(list, w)
}
