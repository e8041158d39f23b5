package xlsx

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/roadmap"
)

// Change is one edit read from the workbook and made to the country file.
type Change struct {
	Row      int
	Activity string
	Field    string // "status" or "owner"
	From, To string
}

func (c Change) String() string {
	return fmt.Sprintf("%s: %s %s → %s", c.Activity, c.Field, orNone(c.From), c.To)
}

// RowProblem is a row that was left alone, and why.
type RowProblem struct {
	Row int
	Msg string
}

func (p RowProblem) String() string { return fmt.Sprintf("row %d: %s", p.Row, p.Msg) }

// Applied is what ApplyRoadmapEdits did.
type Applied struct {
	Changes  []Change
	Problems []RowProblem
}

// ApplyRoadmapEdits writes the statuses and owners planners changed in the workbook into the
// document's plan: section (plan.status.<id>, plan.change.<id>.owner), in memory: the caller
// saves. m must be planned from m.Doc. A row whose id is not an activity of the plan, or whose
// status is not one of roadmap.Statuses, or whose owner is not an id, is reported and left
// alone, never guessed. An empty cell changes nothing.
func ApplyRoadmapEdits(m *countries.Model, rows []EditRow) (Applied, error) {
	var out Applied
	if m == nil || m.Plan == nil {
		return out, fmt.Errorf("the country has no plan")
	}
	report := func(r EditRow, format string, args ...any) {
		out.Problems = append(out.Problems, RowProblem{Row: r.Row, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]int{}
	for _, r := range rows {
		if r.ID == "" {
			report(r, "no activity id; left alone")
			continue
		}
		id := ident.Norm(r.ID)
		a := m.Plan.Activity(id)
		if a == nil {
			report(r, "no activity '%s' in the plan; left alone", r.ID)
			continue
		}
		if first, dup := seen[id]; dup {
			report(r, "activity %s is also on row %d; only row %d was read", id, first, first)
			continue
		}
		seen[id] = r.Row

		if r.Status != "" {
			st := normStatus(r.Status)
			cur := a.Status
			if cur == "" {
				cur = roadmap.Statuses[0]
			}
			switch {
			case !validStatus(st):
				report(r, "status '%s' of %s is not one of %s; left alone", r.Status, id, strings.Join(roadmap.Statuses, ", "))
			case st != cur:
				if err := m.Doc.Set([]any{"plan", "status", id}, st); err != nil {
					return out, fmt.Errorf("row %d: setting the status of %s: %w", r.Row, id, err)
				}
				out.Changes = append(out.Changes, Change{Row: r.Row, Activity: id, Field: "status", From: cur, To: st})
			}
		}

		if r.Owner != "" {
			o := ident.Norm(r.Owner)
			switch {
			case !ident.Valid(o):
				report(r, "owner '%s' of %s is not an id (%s, such as a ministry id); left alone", r.Owner, id, ident.Rule)
			case o != a.Owner:
				if err := m.Doc.Set([]any{"plan", "change", id, "owner"}, o); err != nil {
					return out, fmt.Errorf("row %d: setting the owner of %s: %w", r.Row, id, err)
				}
				out.Changes = append(out.Changes, Change{Row: r.Row, Activity: id, Field: "owner", From: a.Owner, To: o})
			}
		}
	}
	return out, nil
}

// normStatus reads a status as planners may type it: any case, spaces or underscores for
// hyphens ("In progress" is in-progress).
func normStatus(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
	return s
}

func validStatus(s string) bool {
	for _, v := range roadmap.Statuses {
		if s == v {
			return true
		}
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
