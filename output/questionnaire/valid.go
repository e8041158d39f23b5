package questionnaire

import "github.com/govplan/govplan/assess"

// validOf returns the indicator's valid range (the framework's `valid: [lo, hi]`).
func validOf(ind *assess.Indicator) (lo, hi float64, ok bool) {
	if len(ind.Valid) == 2 {
		return ind.Valid[0], ind.Valid[1], true
	}
	return 0, 0, false
}
