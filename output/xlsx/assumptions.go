package xlsx

import (
	"sort"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
	"github.com/xuri/excelize/v2"
)

// assumptions writes what the plan rests on: where its costs come from (and that default
// ones are illustrative), the exchange rates, the teams and the capacity of each owner.
func (b *book) assumptions() {
	s, l := b.sh.assume, b.lang
	st := &b.st
	p, f := b.m.Plan, b.m.Doc.File
	b.widths(s, 46, 20, 60)
	b.str(s, 1, 1, i18n.T(l, "Assumptions"), st.title)
	b.str(s, 1, 2, i18n.T(l, "What the scores, the plan and its costs rest on. Change them in the country file, not here: govplan rebuilds the workbook from it."), st.subtitle)

	row := 4
	b.str(s, 1, row, i18n.T(l, "Cost model"), st.label)
	row++
	b.header(s, row, i18n.T(l, "Where durations and costs come from"), i18n.T(l, "Activities"), i18n.T(l, "What it means"))
	b.numHeaders(s, row, 2)
	counts := map[string]int{}
	for _, a := range p.Activities {
		counts[a.Basis]++
	}
	var bases []string
	for k := range counts {
		bases = append(bases, k)
	}
	sort.Strings(bases)
	for _, k := range bases {
		row++
		b.str(s, 1, row, words.Basis(l, k), st.textWrap)
		b.num(s, 2, row, float64(counts[k]), st.int)
		if k == roadmap.BasisDefault {
			b.str(s, 3, row, i18n.T(l, "Costs marked illustrative come from govplan's default cost model, not from local quotes: replace them under costs: in the country file before budgeting."), st.note)
		}
	}
	row += 2
	b.str(s, 1, row, i18n.T(l, "Plan currency"), st.text)
	b.str(s, 2, row, p.Currency, st.text)

	row += 2
	b.str(s, 1, row, i18n.T(l, "Exchange rates"), st.label)
	row++
	b.header(s, row, i18n.T(l, "Currency"), i18n.F(l, "%s per unit", p.Currency))
	b.numHeaders(s, row, 2)
	if len(f.ExchangeRates) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "None: every amount is in the plan currency."), st.note)
	}
	var cs []string
	for c := range f.ExchangeRates {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	for _, c := range cs {
		row++
		b.str(s, 1, row, c, st.text)
		b.num(s, 2, row, f.ExchangeRates[c], st.dec2)
	}

	row += 2
	b.str(s, 1, row, i18n.T(l, "Teams and capacity"), st.label)
	row++
	b.str(s, 1, row, i18n.T(l, "Delivery teams (builds and upgrades at once)"), st.text)
	b.num(s, 2, row, float64(p.Workstreams), b.leftOf(st.int))
	row++
	b.str(s, 1, row, i18n.T(l, "Plan start"), st.text)
	b.date(s, 2, row, p.Start, b.leftOf(st.month))
	owners := make([]string, 0, len(f.Plan.Capacity))
	for o := range f.Plan.Capacity {
		owners = append(owners, o)
	}
	sort.Strings(owners)
	for _, o := range owners {
		row++
		b.str(s, 1, row, i18n.F(l, "Capacity of %s (activities at once)", o), st.text)
		b.num(s, 2, row, float64(f.Plan.Capacity[o]), b.leftOf(st.int))
	}

	row += 2
	b.str(s, 1, row, i18n.T(l, "Scoring"), st.label)
	row++
	b.str(s, 1, row, i18n.T(l, "Framework"), st.text)
	b.str(s, 2, row, b.m.Framework.Ref(), st.text)
	b.str(s, 3, row, b.m.Framework.Name.In(l), st.textWrap)
	b.fitRows(s)
	b.page(s, paperA4)
	b.check(b.f.SetSheetView(s, 0, &excelize.ViewOptions{ShowGridLines: boolp(false)}))
}

func boolp(v bool) *bool { return &v }

// ganttLegend explains the Roadmap sheet's month grid below its table: the colour of a bar, of
// the critical path and of a blocked activity, each also named in words.
func (b *book) ganttLegend() {
	s, l := b.sh.roadmap, b.lang
	row := len(b.m.Plan.Activities) + 3
	b.str(s, 2, row, i18n.T(l, "Gantt legend: a month is filled from an activity's Start to its End."), b.st.label)
	for _, it := range []struct{ fill, text string }{
		{colBar, i18n.T(l, "planned months")},
		{colCritical, i18n.F(l, "critical path (Critical = %s)", b.yes())},
		{colBlocked, i18n.F(l, "blocked (Status = %s)", statusText(l, "blocked"))},
	} {
		row++
		id, err := b.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{it.fill}}})
		b.check(err)
		b.style(s, cell(1, row), cell(1, row), id)
		b.str(s, 2, row, it.text, b.st.text)
	}
}
