package xlsx

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
	"github.com/xuri/excelize/v2"
)

// Roadmap sheet columns; the month grid starts at rmGrid.
const (
	rmID = iota + 1
	rmName
	rmKind
	rmOwner
	rmPhase
	rmDeps
	rmStart
	rmEnd
	rmMonths
	rmCost
	rmBasis
	rmCritical
	rmStatus
	rmGrid
)

func (b *book) roadmap() {
	s, l := b.sh.roadmap, b.lang
	st := &b.st
	p := b.m.Plan
	var ids []string
	for _, a := range p.Activities {
		ids = append(ids, a.ID)
	}
	b.widths(s, idWidth(ids, 28), 34, 15, 20, 6, 40, 10, 10, 9, 15, 28, 8, 16) // the frozen ID and Name leave room for the grid
	if p.Duration > 0 {
		b.width(s, rmGrid, rmGrid+p.Duration-1, 3)
	}
	b.header(s, 1, i18n.T(l, "ID"), i18n.T(l, "Name"), i18n.T(l, "Kind"), i18n.T(l, "Owner"), i18n.T(l, "Phase"),
		i18n.T(l, "Depends on"), i18n.T(l, "Start"), i18n.T(l, "End (last month)"), i18n.T(l, "Months"), i18n.T(l, "Cost"),
		i18n.T(l, "Cost basis"), i18n.T(l, "Critical"), i18n.T(l, "Status"))
	b.numHeaders(s, 1, rmMonths, rmCost)
	for i := 0; i < p.Duration; i++ {
		b.date(s, rmGrid+i, 1, p.Month(i), st.headerMonth)
	}
	row := 1
	for _, a := range p.Activities {
		row++
		b.str(s, rmID, row, a.ID, st.id)
		b.str(s, rmName, row, a.Name, st.textWrap)
		b.str(s, rmKind, row, activityKindText(l, a.Kind), st.text)
		b.str(s, rmOwner, row, a.Owner, st.text)
		b.num(s, rmPhase, row, float64(a.Phase), st.year)
		b.str(s, rmDeps, row, strings.Join(a.DependsOn, ", "), st.textWrap)
		b.date(s, rmStart, row, p.Month(a.Start), st.month)
		if a.End > a.Start {
			b.date(s, rmEnd, row, p.Month(a.End).AddDate(0, 0, -1), st.month)
		} else {
			b.style(s, cell(rmEnd, row), cell(rmEnd, row), st.month)
		}
		b.num(s, rmMonths, row, float64(a.Months), st.int)
		b.num(s, rmCost, row, a.Cost, st.money)
		b.str(s, rmBasis, row, words.Basis(l, a.Basis), st.indented)
		b.str(s, rmCritical, row, b.yesNo(a.Critical), st.center)
		status := a.Status
		if status == "" {
			status = roadmap.Statuses[0]
		}
		b.str(s, rmStatus, row, statusText(l, status), st.text)
	}
	last := max(row, 2)
	if p.Duration > 0 {
		b.style(s, cell(rmGrid, 2), cell(rmGrid+p.Duration-1, last), st.grid)
		b.gantt(last)
	}

	// Drop-downs where planners edit: status (only the listed values) and owner (suggestions;
	// any id may be typed).
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", colName(rmStatus), colName(rmStatus), last)
	dv.SetSqrefDropList(b.statusListRange())
	var statuses []string
	for _, st := range roadmap.Statuses {
		statuses = append(statuses, statusText(l, st))
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, i18n.T(l, "Status"), i18n.F(l, "Pick one of: %s", strings.Join(statuses, ", ")))
	dv.SetInput(i18n.T(l, "Status"), i18n.T(l, "Pick the activity's status; govplan import workbook reads it back into the country file."))
	b.check(b.f.AddDataValidation(s, dv))
	ov := excelize.NewDataValidation(true)
	ov.Sqref = fmt.Sprintf("%s2:%s%d", colName(rmOwner), colName(rmOwner), last)
	ov.SetSqrefDropList(b.ownerListRange())
	ov.ShowErrorMessage = false
	ov.SetInput(i18n.T(l, "Owner"), i18n.T(l, "Pick or type the owner's id (a ministry id such as ict); govplan import workbook reads it back."))
	b.check(b.f.AddDataValidation(s, ov))

	b.check(b.f.AutoFilter(s, fmt.Sprintf("A1:%s%d", colName(rmStatus), last), nil))
	b.freeze(s, rmName, 1)
	b.fitRows(s)
	b.check(b.f.SetRowHeight(s, 1, 44))
	// The month grid is wide: A3, one page wide, the ids and names repeated on every page.
	b.page(s, paperA3)
	b.printTitles(s, "$A:$B", "$1:$1")
}

// gantt fills the month grid by conditional formatting: a month is filled when it lies between
// the activity's start and end dates, darker on the critical chain, red when blocked. Planners
// who move dates see the bars move.
func (b *book) gantt(last int) {
	p := b.m.Plan
	first := colName(rmGrid)
	rng := fmt.Sprintf("%s2:%s%d", first, colName(rmGrid+p.Duration-1), last)
	on := fmt.Sprintf("%s$1>=$%s2,%s$1<=$%s2", first, colName(rmStart), first, colName(rmEnd))
	blocked, critical, bar := b.st.ganttBlocked, b.st.ganttCritical, b.st.ganttBar
	// The status and yes are compared as the workbook writes them (in its language).
	isBlocked := fmt.Sprintf(`$%s2="blocked"`, colName(rmStatus))
	if w := statusText(b.lang, "blocked"); w != "blocked" {
		isBlocked = fmt.Sprintf(`OR($%[1]s2=%[2]s,%[3]s)`, colName(rmStatus), formulaText(w), isBlocked)
	}
	b.check(b.f.SetConditionalFormat(b.sh.roadmap, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf(`AND(%s,%s)`, isBlocked, on), Format: &blocked, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf(`AND($%s2=%s,%s)`, colName(rmCritical), formulaText(b.yes()), on), Format: &critical, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf(`AND(%s)`, on), Format: &bar, StopIfTrue: true},
	}))
}

// formulaText quotes text for a formula ("a ""b""").
func formulaText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// statusText names an activity status (roadmap.Statuses) in lang, as the Status column and its
// drop-down show it; in English it is the value itself, as the country file stores it.
// ApplyRoadmapEdits maps every language's names back.
func statusText(lang, status string) string {
	switch status {
	case "not-started":
		return i18n.T(lang, "not-started")
	case "in-progress":
		return i18n.T(lang, "in-progress")
	case "done":
		return i18n.T(lang, "done")
	case "blocked":
		return i18n.T(lang, "blocked")
	}
	return status
}

// activityKindText names the kind of a roadmap activity.
func activityKindText(lang, kind string) string { return words.ActivityKind(lang, kind) }
