// Package roadmap turns a scored assessment and a match into a plan: activities with owners,
// durations, costs and dependencies; a schedule under a workstream limit with waves and the
// critical chain; a KPI timetable; a yearly budget with funding gaps and duplicate funding; and
// the cost of the shared approach against siloed builds (design §5).
package roadmap

// CostModel gives durations and costs. The embedded default is illustrative; a country file's
// costs: section overrides any part of it. Unset fields (nil) fall through to the default.
type CostModel struct {
	Currency string `yaml:"currency,omitempty"`
	Note     string `yaml:"note,omitempty"`
	Source   string `yaml:"source,omitempty"`
	// DefaultBlock applies to blocks the model does not list (custom and "other" blocks).
	DefaultBlock BlockCost            `yaml:"default_block,omitempty"`
	Blocks       map[string]BlockCost `yaml:"blocks,omitempty"`
	// Actions give the time and cost of raising an indicator, by its action (law,
	// institution, programme, infrastructure, policy).
	Actions map[string]ActionCost `yaml:"actions,omitempty"`
	// ReadinessLevel (v1) is the cost and time of raising one indicator by one level. When a
	// country file sets it, it applies per level to every raise, whatever the action.
	ReadinessLevel StepCost `yaml:"readiness_level,omitempty"`
	// Procurement is the time and cost of procuring one block before its build or upgrade
	// (0 months: no procurement activity).
	Procurement StepCost `yaml:"procurement,omitempty"`
	// ScaleUp is the time and cost of rolling a piloted use case out nationally.
	ScaleUp StepCost `yaml:"scale_up,omitempty"`
	// Population is how many people per-person costs cover (the country's population).
	Population *float64 `yaml:"population,omitempty"`
	// Assess is the cost and time of assessing an unanswered indicator that gates a block.
	Assess StepCost `yaml:"assess,omitempty"`
	// Pilot is the cost and time of piloting one use case, integration excluded.
	Pilot StepCost `yaml:"pilot,omitempty"`
	// Integration is the one-off cost of integrating one block into one use case.
	Integration *float64 `yaml:"integration,omitempty"`
}

// BlockCost is the cost model of one block.
type BlockCost struct {
	BuildMonths   *int     `yaml:"build_months,omitempty"`
	UpgradeMonths *int     `yaml:"upgrade_months,omitempty"`
	BuildCost     *float64 `yaml:"build_cost,omitempty"`
	UpgradeCost   *float64 `yaml:"upgrade_cost,omitempty"`
	RunningCost   *float64 `yaml:"running_cost,omitempty"` // per year, once in operation
	Owner         string   `yaml:"owner,omitempty"`        // the kind of ministry that usually owns it
}

// ActionCost is the time and cost of raising an indicator by one kind of action. A law, an
// institution or a policy costs the same whatever the levels; with PerLevel (programmes,
// infrastructure) months and cost are per level gained, and CostPerPerson, when the country
// gives its population, replaces Cost.
type ActionCost struct {
	Months        *int     `yaml:"months,omitempty"`
	Cost          *float64 `yaml:"cost,omitempty"`
	PerLevel      *bool    `yaml:"per_level,omitempty"`
	CostPerPerson *float64 `yaml:"cost_per_person,omitempty"`
	Note          string   `yaml:"note,omitempty"`
}

// StepCost is the time and cost of one unit of work.
type StepCost struct {
	Months *int     `yaml:"months,omitempty"`
	Cost   *float64 `yaml:"cost,omitempty"`
	Owner  string   `yaml:"owner,omitempty"`
}

// Investment is money a funder pledges to a block or an activity.
type Investment struct {
	Funder   string  `yaml:"funder"`
	Block    string  `yaml:"block,omitempty"`
	Activity string  `yaml:"activity,omitempty"`
	Amount   float64 `yaml:"amount"`
	Currency string  `yaml:"currency,omitempty"`
	Years    []int   `yaml:"years,omitempty"`
	Notes    string  `yaml:"notes,omitempty"`
}

// PlanEdits are the planner's own changes to the generated roadmap.
type PlanEdits struct {
	Drop   []string                  `yaml:"drop,omitempty"`
	Change map[string]ActivityChange `yaml:"change,omitempty"`
	Add    []ActivitySpec            `yaml:"add,omitempty"`
	// Status of activities, as planners report it (not-started | in-progress | done | blocked).
	Status map[string]string `yaml:"status,omitempty"`
	// Workstreams is how many delivery teams there are: builds and upgrades at once (default 3).
	Workstreams int `yaml:"workstreams,omitempty"`
	// Capacity is, per owner, how many raises, pilots and scale-ups it runs at once (default 2).
	Capacity map[string]int `yaml:"capacity,omitempty"`
	// Start is the plan's first month as YYYY-MM (default: the month after the assessment).
	Start string `yaml:"start,omitempty"`
}

// ActivityChange overrides parts of a generated activity.
type ActivityChange struct {
	Name      string   `yaml:"name,omitempty"`
	Owner     string   `yaml:"owner,omitempty"`
	Months    *int     `yaml:"months,omitempty"`
	Cost      *float64 `yaml:"cost,omitempty"`
	DependsOn []string `yaml:"depends_on,omitempty"`
}

// ActivitySpec is an activity the planner adds by hand.
type ActivitySpec struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	Owner     string   `yaml:"owner,omitempty"`
	Months    int      `yaml:"months"`
	Cost      float64  `yaml:"cost"`
	DependsOn []string `yaml:"depends_on,omitempty"`
	// Holds is the resource the activity holds while it runs: team (a delivery team), owner
	// (a unit of its owner's capacity) or nothing (empty).
	Holds string `yaml:"holds,omitempty"`
}

// What an added activity may hold (ActivitySpec.Holds).
const (
	HoldsTeam  = "team"
	HoldsOwner = "owner"
)

// Activity statuses planners may set.
var Statuses = []string{"not-started", "in-progress", "done", "blocked"}
