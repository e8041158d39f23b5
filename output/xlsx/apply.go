package xlsx

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/roadmap"
)

// Change is one edit read from the workbook and made to the country file.
type Change struct {
	Row      int
	Activity string
	Field    string // "status" or "owner"
	From, To string // as the country file stores them (a status is one of roadmap.Statuses)
	lang     string // of String
}

// String says what changed, in the language of the model the change was made to.
func (c Change) String() string {
	from, to := c.From, c.To
	field := i18n.T(c.lang, "owner")
	if c.Field == "status" {
		field = i18n.T(c.lang, "status")
		from, to = statusText(c.lang, from), statusText(c.lang, to)
	}
	if from == "" {
		from = i18n.T(c.lang, "(none)")
	}
	return i18n.F(c.lang, "%s: %s %s → %s", c.Activity, field, from, to)
}

// RowProblem is a row that was left alone, and why (in the model's language).
type RowProblem struct {
	Row  int
	Msg  string
	lang string
}

func (p RowProblem) String() string { return i18n.F(p.lang, "row %d: %s", p.Row, p.Msg) }

// Applied is what ApplyRoadmapEdits did.
type Applied struct {
	Changes  []Change
	Problems []RowProblem
}

// ApplyRoadmapEdits writes the statuses and owners planners changed in the workbook into the
// document's plan: section (plan.status.<id>, plan.change.<id>.owner), in memory: the caller
// saves. m must be planned from m.Doc. A status may be written as the country file stores it
// (in-progress) or as a workbook in any language shows it (en cours, en curso). A row whose id
// is not an activity of the plan, or whose status is none of these, or whose owner is not an
// id, is reported (in m.Lang) and left alone, never guessed. An empty cell changes nothing.
func ApplyRoadmapEdits(m *countries.Model, rows []EditRow) (Applied, error) {
	var out Applied
	if m == nil || m.Plan == nil {
		return out, fmt.Errorf("the country has no plan")
	}
	l := m.Lang
	report := func(r EditRow, msg string) {
		out.Problems = append(out.Problems, RowProblem{Row: r.Row, Msg: msg, lang: l})
	}
	seen := map[string]int{}
	for _, r := range rows {
		if r.ID == "" {
			report(r, i18n.T(l, "no activity id; left alone"))
			continue
		}
		id := ident.Norm(r.ID)
		a := m.Plan.Activity(id)
		if a == nil {
			report(r, i18n.F(l, "no activity '%s' in the plan; left alone", r.ID))
			continue
		}
		if first, dup := seen[id]; dup {
			report(r, i18n.F(l, "activity %[1]s is also on row %[2]d; only row %[2]d was read", id, first))
			continue
		}
		seen[id] = r.Row

		if r.Status != "" {
			st, ok := readStatus(r.Status)
			cur := a.Status
			if cur == "" {
				cur = roadmap.Statuses[0]
			}
			switch {
			case !ok:
				var names []string
				for _, s := range roadmap.Statuses {
					names = append(names, statusText(l, s))
				}
				report(r, i18n.F(l, "status '%s' of %s is not one of %s; left alone", r.Status, id, strings.Join(names, ", ")))
			case st != cur:
				if err := m.Doc.Set([]any{"plan", "status", id}, st); err != nil {
					return out, fmt.Errorf("row %d: setting the status of %s: %w", r.Row, id, err)
				}
				out.Changes = append(out.Changes, Change{Row: r.Row, Activity: id, Field: "status", From: cur, To: st, lang: l})
			}
		}

		if r.Owner != "" {
			o := ident.Norm(r.Owner)
			switch {
			case !ident.Valid(o):
				report(r, i18n.F(l, "owner '%s' of %s is not an id (%s, such as a ministry id); left alone", r.Owner, id, ident.Rule))
			case o != a.Owner:
				if err := m.Doc.Set([]any{"plan", "change", id, "owner"}, o); err != nil {
					return out, fmt.Errorf("row %d: setting the owner of %s: %w", r.Row, id, err)
				}
				out.Changes = append(out.Changes, Change{Row: r.Row, Activity: id, Field: "owner", From: a.Owner, To: o, lang: l})
			}
		}
	}
	return out, nil
}

// readStatus reads a status as planners may type or pick it: one of roadmap.Statuses or its
// name in any language's workbook, in any case, with spaces or underscores for hyphens ("In
// progress" is in-progress) and with or without accents ("terminee" is done).
func readStatus(s string) (string, bool) {
	n := normStatus(s)
	for _, v := range roadmap.Statuses {
		if n == v {
			return v, true
		}
	}
	for _, l := range i18n.Languages() {
		for _, v := range roadmap.Statuses {
			if n == normStatus(statusText(l, v)) {
				return v, true
			}
		}
	}
	return "", false
}

// normStatus lowers s, drops its accents and joins its words with hyphens.
func normStatus(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		if a, ok := unaccented[r]; ok {
			return a
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == '\u00a0' }), "-")
}

// unaccented maps the accented letters of the workbook's languages to plain ones.
var unaccented = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
}
