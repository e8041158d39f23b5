package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// planCheck builds the roadmap from the file as it would be after edit, on a copy, and
// returns the reason it cannot be built ("" when it can). Plan changes are refused when they
// would leave a file the export commands cannot plan.
func (s *session) planCheck(edit func(d *countries.Doc) error) error {
	cp, err := countries.Parse(s.doc.Name, append([]byte(nil), s.doc.Src()...))
	if err != nil {
		return err
	}
	if err := edit(cp); err != nil {
		return err
	}
	if err := cp.Check(s.fw); err != nil {
		return err
	}
	if err := cp.CheckCatalog(s.cat); err != nil {
		return err
	}
	m := countries.Build(cp, s.fw, s.cat, s.lang)
	return m.Replan(countries.PlanOptions{})
}

// changePlan saves an edit that affects the roadmap, after checking the plan still builds.
func (s *session) changePlan(edit func(d *countries.Doc) error) error {
	if err := s.planCheck(edit); err != nil {
		return &notSaved{msg: i18n.F(s.lang, "not saved: %s", firstLine(err.Error())), err: err}
	}
	return s.change(edit)
}

// setFlow sets path to v written on one line ({a: 1, b: x}).
func setFlow(d *countries.Doc, path []any, v any) error {
	n, err := countries.FlowNode(v)
	if err != nil {
		return err
	}
	return d.Set(path, n)
}

// Field checks: each returns the reason a value is refused, in lang, or "".

// checkInt accepts a whole number in lo..hi; empty is allowed when optional.
func checkInt(lang string, lo, hi int, optional bool) func(string) string {
	return func(v string) string {
		if v == "" {
			if optional {
				return ""
			}
			return i18n.T(lang, "required")
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return i18n.F(lang, "a whole number from %d to %d", lo, hi)
		}
		return ""
	}
}

// checkAmount accepts a number ≥ 0 (> 0 when positive); empty is allowed when optional.
func checkAmount(lang string, positive, optional bool) func(string) string {
	return func(v string) string {
		if v == "" {
			if optional {
				return ""
			}
			return i18n.T(lang, "required")
		}
		f, err := parseNumber(lang, v)
		switch {
		case err != nil:
			return i18n.T(lang, "a number, such as 250000")
		case positive && f <= 0:
			return i18n.T(lang, "must be greater than 0")
		case f < 0:
			return i18n.T(lang, "may not be negative")
		}
		return ""
	}
}

// checkCurrency accepts a three-letter code (empty: the plan currency).
func checkCurrency(lang string) func(string) string {
	return func(v string) string {
		if v == "" {
			return ""
		}
		if len(v) != 3 || strings.ToUpper(v) != strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				return r
			}
			return -1
		}, strings.ToUpper(v)) {
			return i18n.T(lang, "a three-letter currency code such as USD or EUR")
		}
		return ""
	}
}

// checkYears accepts years separated by commas or spaces ("2027, 2028"); empty is allowed.
func checkYears(lang string) func(string) string {
	return func(v string) string {
		if _, err := parseYears(v); err != nil {
			return i18n.T(lang, "years from 1990 to 2100, separated by commas")
		}
		return ""
	}
}

func parseYears(v string) ([]int, error) {
	var ys []int
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		y, err := strconv.Atoi(f)
		if err != nil || y < 1990 || y > 2100 {
			return nil, errors.New("bad year")
		}
		ys = append(ys, y)
	}
	return ys, nil
}

// splitList reads "a, b, c" into its trimmed, non-empty parts.
func splitList(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// amountOf reads a checked amount.
func amountOf(lang, v string) float64 {
	f, _ := parseNumber(lang, v)
	return f
}
