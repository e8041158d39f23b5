package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// budget writes the yearly budget and, below it, duplicate funding, pledges the timing cannot
// use and pledges to things the plan does not need: short tables, each kept whole on a printed
// page. The funding gaps, the pledges and the shared blocks, which can run on to several pages,
// have sheets of their own whose every page starts with their header.
// Column A holds labels and ids, B.. money; free text goes last so it can run on.
func (b *book) budget() {
	s, l := b.sh.budget, b.lang
	st := &b.st
	p := b.m.Plan
	fd := p.Funding
	b.widths(s, b.budgetWidths()...)
	b.str(s, 1, 1, i18n.F(l, "Budget by year (%s)", p.Currency), st.title)
	b.str(s, 1, 2, i18n.T(l, "One-off costs are spread evenly over each activity's months; running costs start when what an activity builds is finished."), st.subtitle)

	row := 4
	b.header(s, row, i18n.T(l, "Year"), i18n.T(l, "One-off"), i18n.T(l, "Running"), i18n.T(l, "Total"), i18n.T(l, "Funded"), i18n.T(l, "Unfunded"))
	b.numHeaders(s, row, 2, 3, 4, 5, 6)
	var tot [5]float64
	first := row + 1
	for _, y := range p.Budget {
		row++
		b.num(s, 1, row, float64(y.Year), b.leftOf(st.year))
		for i, v := range []float64{y.OneOff, y.Running, y.Total, y.Funded, y.Unfunded} {
			b.num(s, 2+i, row, v, st.money)
			tot[i] += v
		}
	}
	row++
	b.str(s, 1, row, i18n.T(l, "Total"), st.labelTotal)
	for i, v := range tot {
		b.sum(s, 2+i, row, first, row-1, v, st.moneyBold)
	}

	var starts []int // the title row of each section
	section := func(title string) {
		row += 3
		b.str(s, 1, row-1, title, st.label)
		starts = append(starts, row-1)
	}

	section(i18n.T(l, "Possible duplicate funding: several funders pledged to one item"))
	b.header(s, row, i18n.T(l, "Activity"), i18n.T(l, "Pledged"), i18n.T(l, "Cost"), i18n.T(l, "Funders"))
	b.numHeaders(s, row, 2, 3)
	for _, d := range fd.Duplicates {
		row++
		b.str(s, 1, row, d.Activity, st.id)
		b.num(s, 2, row, d.Pledged, st.money)
		b.num(s, 3, row, d.Cost, st.money)
		b.spanText(s, 4, 6, row, strings.Join(d.Funders, "; "))
	}
	if len(fd.Duplicates) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "None."), st.note)
	}

	section(i18n.T(l, "Pledged money the timing cannot use: the work falls outside the pledge's years"))
	b.header(s, row, i18n.T(l, "Funder"), i18n.T(l, "Amount"), i18n.T(l, "Activity"), i18n.T(l, "Pledge years"), i18n.T(l, "Work years"))
	b.numHeaders(s, row, 2)
	yearList := func(ys []int) string {
		var out []string
		for _, y := range ys {
			out = append(out, fmt.Sprint(y))
		}
		return strings.Join(out, ", ")
	}
	for _, t := range fd.TimingUnused {
		row++
		b.str(s, 1, row, t.Funder, st.text)
		b.num(s, 2, row, t.Amount, st.money)
		b.str(s, 3, row, t.Activity, st.textWrap)
		b.str(s, 4, row, yearList(t.Years), st.textWrap)
		b.str(s, 5, row, yearList(t.SpendYears), st.textWrap)
	}
	if len(fd.TimingUnused) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "None."), st.note)
	}

	section(i18n.T(l, "Pledges to things the plan does not need"))
	b.header(s, row, i18n.T(l, "Funder"), i18n.T(l, "Amount"), i18n.T(l, "Pledged to"), i18n.T(l, "Why"))
	b.numHeaders(s, row, 2)
	for _, u := range fd.Unneeded {
		row++
		b.str(s, 1, row, u.Funder, st.text)
		b.num(s, 2, row, u.Amount, st.money)
		b.str(s, 3, row, u.Target, st.textWrap)
		b.spanText(s, 4, 6, row, words.Unneeded(l, u))
	}
	if len(fd.Unneeded) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "None."), st.note)
	}

	b.fitRows(s)
	b.page(s, paperA4)
	b.keepTogether(s, starts, row)
}

// shared writes the Shared blocks sheet: what the plan costs with each block built once,
// against siloed builds, and below it each shared block's one-off cost and how many use cases
// it serves, the table's header heading every printed page.
func (b *book) shared() {
	s, l := b.sh.shared, b.lang
	st := &b.st
	sh := b.m.Plan.Shared
	b.widths(s, 46, 18, 12)
	b.str(s, 1, 1, i18n.T(l, "Shared building blocks against siloed builds"), st.title)
	row := 2
	for _, kv := range []struct {
		label string
		v     float64
	}{
		{i18n.T(l, "Shared: each block built or upgraded once, plus one integration"), sh.Shared},
		{i18n.T(l, "Siloed, upper bound: once for every use case that needs it (a silo would not build every shared layer)"), sh.Siloed},
		{i18n.T(l, "Savings, at most"), sh.Savings},
	} {
		row++
		b.str(s, 1, row, kv.label, st.textWrap)
		b.num(s, 2, row, kv.v, st.money)
	}
	row++
	b.str(s, 1, row, i18n.T(l, "Reuse factor"), st.text)
	b.opt(s, 2, row, sh.ReuseFactor, 1, st.dec2)
	row += 2
	hr := row
	b.header(s, row, i18n.T(l, "Block"), i18n.T(l, "Cost once"), i18n.T(l, "Use cases"))
	b.numHeaders(s, row, 2, 3)
	for _, bs := range sh.Blocks {
		row++
		b.str(s, 1, row, bs.Block, st.id)
		b.num(s, 2, row, bs.Cost, st.money)
		b.num(s, 3, row, float64(bs.UseCases), st.int)
	}
	b.fitRows(s)
	b.freeze(s, 0, hr)
	b.page(s, paperA4)
	b.printTitles(s, "", fmt.Sprintf("$%d:$%d", hr, hr))
}

// budgetWidths are the column widths of the Budget, Funding gaps and Pledges sheets: one page
// wide in landscape, free text wrapping in its columns (or spanning the last ones) rather than
// widening the sheet onto pages of its own.
func (b *book) budgetWidths() []float64 {
	var ids []string
	for _, g := range b.m.Plan.Funding.Gaps {
		ids = append(ids, g.Activity)
	}
	return []float64{idWidth(ids, 40), 16, 16, 18, 20, 34}
}

// gaps writes the Funding gaps sheet: each activity's cost, what pledges fund and the gap,
// largest gap first.
func (b *book) gaps() {
	s, l := b.sh.gaps, b.lang
	st := &b.st
	fd := b.m.Plan.Funding
	b.widths(s, b.budgetWidths()...)
	b.str(s, 1, 1, i18n.T(l, "Funding gaps per activity (largest first)"), st.title)
	const row0 = 3
	row := row0
	b.header(s, row, i18n.T(l, "Activity"), i18n.T(l, "Cost"), i18n.T(l, "Funded"), i18n.T(l, "Gap"), i18n.T(l, "Name"))
	b.numHeaders(s, row, 2, 3, 4)
	for _, g := range fd.Gaps {
		row++
		b.str(s, 1, row, g.Activity, st.id)
		b.num(s, 2, row, g.Cost, st.money)
		b.num(s, 3, row, g.Funded, st.money)
		b.num(s, 4, row, g.Gap, st.money)
		b.spanText(s, 5, 6, row, g.Name)
	}
	if len(fd.Gaps) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "Every activity's cost is covered by pledges."), st.note)
	}

	b.fitRows(s)
	b.freeze(s, 0, row0)
	b.page(s, paperA4)
	b.printTitles(s, "", fmt.Sprintf("$%d:$%d", row0, row0))
}

// pledges writes the Pledges sheet: every pledge in the plan's currency, what it is pledged to
// and the activity it funds, with the total.
func (b *book) pledges() {
	s, l := b.sh.pledges, b.lang
	st := &b.st
	p := b.m.Plan
	fd := p.Funding
	b.widths(s, b.budgetWidths()...)
	b.str(s, 1, 1, i18n.F(l, "Pledges (in %s)", p.Currency), st.title)
	const row0 = 3
	row := row0
	b.header(s, row, i18n.T(l, "Funder"), i18n.T(l, "Amount"), i18n.T(l, "As pledged"), i18n.T(l, "Pledged to"), i18n.T(l, "Years"), i18n.T(l, "Activity"))
	b.numHeaders(s, row, 2)
	for _, pl := range fd.Pledges {
		row++
		b.str(s, 1, row, pl.Funder, st.text)
		b.num(s, 2, row, pl.Amount, st.money)
		b.str(s, 3, row, asPledged(l, pl.Original), st.textWrap)
		b.str(s, 4, row, pl.Target, st.textWrap)
		var ys []string
		for _, y := range pl.Years {
			ys = append(ys, fmt.Sprint(y))
		}
		b.str(s, 5, row, strings.Join(ys, ", "), st.textWrap)
		act := pl.Activity
		if act == "" {
			act = i18n.T(l, "(not in the plan)")
		}
		b.str(s, 6, row, act, st.textWrap)
	}
	if len(fd.Pledges) == 0 {
		row++
		b.str(s, 1, row, i18n.T(l, "No investments recorded in the country file."), st.note)
	} else {
		row++
		b.str(s, 1, row, i18n.T(l, "Total pledged"), st.labelTotal)
		b.num(s, 2, row, fd.Pledged, st.moneyBold)
		row++
		b.str(s, 1, row, i18n.T(l, "of which meets a cost of the plan in its years"), st.label)
		b.num(s, 2, row, fd.Covered, st.money)
	}

	b.fitRows(s)
	b.freeze(s, 0, row0)
	b.page(s, paperA4)
	b.printTitles(s, "", fmt.Sprintf("$%d:$%d", row0, row0))
}

// keepTogether starts a new printed page before a section (from its title row to the row
// before the next section's title, or last) that would otherwise be split across pages but fits on one.
// Heights are estimated as the rows were sized; the sheet prints on A4 as printSetup lays it out.
func (b *book) keepTogether(sheet string, starts []int, last int) {
	orient, scale := layout(b.usedWidth(sheet), paperA4, false)
	size := paperPoints[paperA4]
	pageH := size[1]
	if orient == "landscape" {
		pageH = size[0]
	}
	pageH = (pageH - 2*marginTop*72) / (float64(scale) / 100) * 0.95 // a little kept in hand
	height := func(r int) float64 {
		if n := b.lines[sheet][r]; n > 1 {
			return lineHeight(n)
		}
		return 15
	}
	y := 0.0
	next := 0
	for r := 1; r <= last; r++ {
		if next < len(starts) && r == starts[next] {
			end := last
			if next+1 < len(starts) {
				end = starts[next+1] - 2 // the blank rows between sections
			}
			var h float64
			for i := r; i <= end; i++ {
				h += height(i)
			}
			if y > 0 && y+h > pageH && h <= pageH {
				b.check(b.f.InsertPageBreak(sheet, cell(1, r)))
				y = 0
			}
			next++
		}
		y += height(r)
		if y > pageH {
			y = height(r) // the row went on to a new page
		}
	}
}

// spanText writes free text across columns from..to of a row, wrapped, the row growing to
// hold it (up to maxRowLines; a longer text is cut and kept whole in the cell's note).
func (b *book) spanText(sheet string, from, to, row int, text string) {
	w := 0.0
	for c := from; c <= to; c++ {
		w += b.widthOf(sheet, c)
	}
	w *= 0.95 // merged cells lose a little to padding
	text = b.fitted(sheet, from, row, text, "", w)
	b.str(sheet, from, row, text, b.st.textMerged)
	b.style(sheet, cell(from, row), cell(to, row), b.st.textMerged)
	b.check(b.f.MergeCell(sheet, cell(from, row), cell(to, row)))
	b.note(sheet, to, row, lastCell{col: to, style: b.st.textMerged}) // the sheet prints as wide as the merge
	b.grow(sheet, row, wrapLines(text, w))
}

// asPledged writes a pledge's own amount and currency ("1500000 EUR") with the language's
// digit grouping ("1,500,000 EUR"); any other text is kept as it is.
func asPledged(lang, original string) string {
	amount, cur, ok := strings.Cut(original, " ")
	v, err := strconv.ParseFloat(amount, 64)
	if !ok || err != nil {
		return original
	}
	return i18n.Int(lang, v) + " " + cur
}
