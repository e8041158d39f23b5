package xlsx

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/roadmap"
	"github.com/xuri/excelize/v2"
)

// Roadmap sheet columns; the month grid starts at rmGrid.
const (
	rmID = iota + 1
	rmName
	rmKind
	rmOwner
	rmWave
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
	const s = SheetRoadmap
	st := &b.st
	p := b.m.Plan
	b.widths(s, 40, 44, 10, 20, 6, 40, 10, 10, 9, 15, 22, 8, 13)
	if p.Duration > 0 {
		b.width(s, rmGrid, rmGrid+p.Duration-1, 3)
	}
	b.header(s, 1, HeaderID, "Name", "Kind", HeaderOwner, "Wave", "Depends on", "Start", "End (last month)",
		"Months", "Cost", "Cost basis", "Critical", HeaderStatus)
	b.numHeaders(s, 1, rmMonths, rmCost)
	for i := 0; i < p.Duration; i++ {
		b.date(s, rmGrid+i, 1, p.Month(i), st.headerMonth)
	}
	row := 1
	for _, a := range p.Activities {
		row++
		b.str(s, rmID, row, a.ID, st.id)
		b.str(s, rmName, row, a.Name, st.textWrap)
		b.str(s, rmKind, row, a.Kind, st.text)
		b.str(s, rmOwner, row, a.Owner, st.text)
		b.num(s, rmWave, row, float64(a.Wave), st.year)
		b.str(s, rmDeps, row, strings.Join(a.DependsOn, ", "), st.textWrap)
		b.date(s, rmStart, row, p.Month(a.Start), st.month)
		if a.End > a.Start {
			b.date(s, rmEnd, row, p.Month(a.End).AddDate(0, 0, -1), st.month)
		} else {
			b.style(s, cell(rmEnd, row), cell(rmEnd, row), st.month)
		}
		b.num(s, rmMonths, row, float64(a.Months), st.int)
		b.num(s, rmCost, row, a.Cost, st.money)
		b.str(s, rmBasis, row, a.Basis, st.indented)
		b.str(s, rmCritical, row, yesNo(a.Critical), st.center)
		status := a.Status
		if status == "" {
			status = "not-started"
		}
		b.str(s, rmStatus, row, status, st.text)
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
	dv.SetSqrefDropList(listStatus)
	dv.SetError(excelize.DataValidationErrorStyleStop, "Status", "Pick one of: "+strings.Join(roadmap.Statuses, ", "))
	dv.SetInput("Status", "Pick the activity's status; govplan import workbook reads it back into the country file.")
	b.check(b.f.AddDataValidation(s, dv))
	ov := excelize.NewDataValidation(true)
	ov.Sqref = fmt.Sprintf("%s2:%s%d", colName(rmOwner), colName(rmOwner), last)
	ov.SetSqrefDropList(b.ownerListRange())
	ov.ShowErrorMessage = false
	ov.SetInput("Owner", "Pick or type the owner's id (a ministry id such as ict); govplan import workbook reads it back.")
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
	b.check(b.f.SetConditionalFormat(SheetRoadmap, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf(`AND($%s2="blocked",%s)`, colName(rmStatus), on), Format: &blocked, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf(`AND($%s2="yes",%s)`, colName(rmCritical), on), Format: &critical, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf(`AND(%s)`, on), Format: &bar, StopIfTrue: true},
	}))
}
