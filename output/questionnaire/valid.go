package questionnaire

import "github.com/govplan/govplan/assess"

// validOf returns the indicator's valid range (the framework's `valid: [lo, hi]`).
func validOf(ind *assess.Indicator) (lo, hi float64, ok bool) { return 0, 0, false }
