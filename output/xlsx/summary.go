package xlsx

import (
	"fmt"
	"math"
	"sort"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
	"github.com/xuri/excelize/v2"
)

// statusListRange is the Lists range of activity statuses behind the Status drop-down.
func (b *book) statusListRange() string {
	return ref(b.sh.lists, fmt.Sprintf("$A$2:$A$%d", len(roadmap.Statuses)+1))
}

// lists writes the hidden sheet of values behind the drop-downs: activity statuses in the
// workbook's language (A; the importer maps them back) and owners (B: the file's ministries
// and every owner in the plan).
func (b *book) lists() {
	s := b.sh.lists
	b.str(s, 1, 1, i18n.T(b.lang, "Status"), b.st.header)
	for i, st := range roadmap.Statuses {
		b.str(s, 1, i+2, statusText(b.lang, st), b.st.text)
	}
	b.str(s, 2, 1, i18n.T(b.lang, "Owner"), b.st.header)
	for i, o := range b.owners() {
		b.str(s, 2, i+2, o, b.st.text)
	}
	b.widths(s, 16, 24)
}

// owners are the ids planners can pick as an owner, sorted.
func (b *book) owners() []string {
	set := map[string]bool{}
	for _, mi := range b.m.Doc.File.Ministries {
		set[mi.ID] = true
	}
	for _, a := range b.m.Plan.Activities {
		if a.Owner != "" {
			set[a.Owner] = true
		}
	}
	out := make([]string, 0, len(set))
	for o := range set {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// ownerListRange is the Lists range of owners.
func (b *book) ownerListRange() string {
	return ref(b.sh.lists, fmt.Sprintf("$B$2:$B$%d", max(len(b.owners())+1, 2)))
}

// gap is one gap to a target, for the summary's top gaps.
type gap struct {
	kind, id, name     string
	score, target, gap float64
	year               int
}

// Summary layout: facts in A:B, the radar chart beside them, the pillar table and top gaps
// below.
const (
	sumPillarRow = 22 // header of the pillar table
)

func (b *book) summary() {
	s, l := b.sh.summary, b.lang
	m, f, sc, p := b.m, b.m.Doc.File, b.m.Score, b.m.Plan
	st := &b.st
	b.widths(s, 44, 17, 16, 17, 15, 30)
	b.width(s, 7, 15, 9)
	b.str(s, 1, 1, f.Country.Name, st.title)
	b.str(s, 1, 2, i18n.T(l, "Digital government readiness, GovStack architecture and roadmap · written by govplan"), st.subtitle)

	row := 4
	fact := func(label string) int {
		b.str(s, 1, row, label, st.label)
		row++
		return row - 1
	}
	left := b.leftOf
	b.str(s, 2, fact(i18n.T(l, "Country")), f.Country.Name, st.text)
	b.str(s, 2, fact(i18n.T(l, "ISO code")), f.Country.ISO3, st.text)
	if f.Country.Region != "" {
		b.str(s, 2, fact(i18n.T(l, "Region")), f.Country.Region, st.text)
	}
	if t := f.Assessment.Time(); !t.IsZero() {
		b.date(s, 2, fact(i18n.T(l, "Assessment date")), t, left(st.date))
	} else {
		b.str(s, 2, fact(i18n.T(l, "Assessment date")), f.Assessment.Date, st.text)
	}
	b.str(s, 2, fact(i18n.T(l, "Framework")), m.Framework.Ref(), st.text)
	r := fact(i18n.T(l, "Overall score (0–100)"))
	b.opt(s, 2, r, sc.Overall.Score, pct100, left(st.score))
	band := i18n.T(l, "no score")
	if sc.Overall.Band != nil {
		band = sc.Overall.Band.Name.In(l)
	}
	b.str(s, 2, fact(i18n.T(l, "Band")), band, st.text)
	r = fact(i18n.T(l, "Completeness"))
	b.opt(s, 2, r, sc.Overall.Completeness, 1, left(st.pct))
	b.str(s, 3, r, i18n.F(l, "%d of %d applicable indicators answered", sc.Overall.Answered, sc.Overall.Applicable), st.subtitle)
	r = fact(i18n.T(l, "Reuse factor"))
	b.opt(s, 2, r, m.Match.ReuseFactor, 1, left(st.dec2))
	b.str(s, 3, r, i18n.T(l, "blocks used per use case ÷ blocks built once"), st.subtitle)
	b.date(s, 2, fact(i18n.T(l, "Plan start")), p.Start, left(st.month))
	b.num(s, 2, fact(i18n.T(l, "Plan duration (months)")), float64(p.Duration), left(st.int))
	// The total follows the Roadmap sheet's costs when a planner edits one.
	r = fact(i18n.T(l, "Total cost (one-off)"))
	b.num(s, 2, r, p.TotalCost, left(st.money))
	if n := len(p.Activities); n > 0 {
		b.check(b.f.SetCellFormula(s, cell(2, r), "SUM("+ref(b.sh.roadmap, "$"+colName(rmCost)+"$2:$"+colName(rmCost)+fmt.Sprintf("$%d", n+1))+")"))
	}
	b.num(s, 2, fact(i18n.T(l, "Unfunded one-off cost")), p.Funding.Gap, left(st.money))
	b.num(s, 2, fact(i18n.T(l, "Activities")), float64(len(p.Activities)), left(st.int))

	defaults := 0
	for _, a := range p.Activities {
		if a.Basis == roadmap.BasisDefault {
			defaults++
		}
	}
	note := i18n.F(l, "Costs and durations marked “%[1]s” (%[2]s sheet, column %[3]s) come from govplan's default cost model: they are illustrative, not quotes. %[4]d of %[5]d activities use them; put local figures under costs: in the country file.",
		words.Basis(l, roadmap.BasisDefault), b.sh.roadmap, i18n.T(l, "Cost basis"), defaults, len(p.Activities))
	row++
	b.str(s, 1, row, note, st.textMerged)
	b.check(b.f.MergeCell(s, cell(1, row), cell(4, row)))
	noteRow := row

	// Pillars: the data behind the radar chart.
	pr := max(sumPillarRow, row+2)
	b.str(s, 1, pr-1, i18n.T(l, "Pillars"), st.label)
	b.header(s, pr, i18n.T(l, "Pillar"), i18n.T(l, "Score (0–100)"), i18n.T(l, "Target (0–100)"), i18n.T(l, "Band"),
		i18n.T(l, "Completeness"), i18n.T(l, "Answered"))
	b.numHeaders(s, pr, 2, 3, 5)
	anyTarget := false
	for i, ps := range sc.Pillars {
		r := pr + 1 + i
		b.str(s, 1, r, ps.Pillar.Name.In(l), st.textWrap)
		b.opt(s, 2, r, ps.Score, pct100, st.score)
		if ps.Target != nil && ps.Target.Score != nil {
			anyTarget = true
			b.num(s, 3, r, *ps.Target.Score*pct100, st.score)
		}
		if ps.Band != nil {
			b.str(s, 4, r, ps.Band.Name.In(l), st.indented)
		}
		b.opt(s, 5, r, ps.Completeness, 1, st.pct)
		b.str(s, 6, r, i18n.F(l, "%d of %d", ps.Answered, ps.Applicable), st.center)
	}
	last := pr + len(sc.Pillars)
	b.radar(pr, last, anyTarget)

	// Top gaps.
	gr := last + 3
	b.str(s, 1, gr-1, i18n.T(l, "Largest gaps to targets"), st.label)
	b.header(s, gr, i18n.T(l, "Name"), i18n.T(l, "Score (0–100)"), i18n.T(l, "Target (0–100)"), i18n.T(l, "Gap"), i18n.T(l, "By year"),
		i18n.T(l, "Indicator or pillar"))
	b.numHeaders(s, gr, 2, 3, 4)
	gaps := b.topGaps(5)
	if len(gaps) == 0 {
		b.str(s, 1, gr+1, i18n.T(l, "No target is set above the current score."), st.note)
	}
	for i, g := range gaps {
		r := gr + 1 + i
		b.str(s, 1, r, g.name, st.textWrap)
		b.num(s, 2, r, g.score*pct100, st.score)
		b.num(s, 3, r, g.target*pct100, st.score)
		b.num(s, 4, r, g.gap*pct100, st.score)
		if g.year > 0 {
			b.num(s, 5, r, float64(g.year), st.year)
		}
		b.str(s, 6, r, g.kind+" "+g.id, st.id)
	}
	b.fitRows(s)
	b.check(b.f.SetRowHeight(s, noteRow, lineHeight(wrapLines(note, 44+17+16+17+3*5.0/7))))
	b.page(s, paperA4)
	b.breakBefore(s, 7) // the chart prints on a page of its own

}

// radar adds the chart of pillar scores (rows first+1..last of the pillar table), with the
// targets as a second series when any pillar has one.
func (b *book) radar(head, last int, withTargets bool) {
	s := b.sh.summary
	if last <= head {
		return
	}
	cats := ref(s, fmt.Sprintf("$A$%d:$A$%d", head+1, last))
	series := []excelize.ChartSeries{{
		Name: ref(s, fmt.Sprintf("$B$%d", head)), Categories: cats,
		Values: ref(s, fmt.Sprintf("$B$%d:$B$%d", head+1, last)),
		Line:   excelize.LineOptions{Width: 2.25},
		Marker: excelize.ChartMarker{Symbol: "circle", Size: 5},
	}}
	if withTargets {
		series = append(series, excelize.ChartSeries{
			Name: ref(s, fmt.Sprintf("$C$%d", head)), Categories: cats,
			Values: ref(s, fmt.Sprintf("$C$%d:$C$%d", head+1, last)),
			Line:   excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash},
			Marker: excelize.ChartMarker{Symbol: "diamond", Size: 7},
		})
	}
	lo, hi := 0.0, 100.0
	b.check(b.f.AddChart(s, "G3", &excelize.Chart{
		Type:         excelize.Radar,
		Series:       series,
		Dimension:    excelize.ChartDimension{Width: 760, Height: 460},
		Format:       excelize.GraphicOptions{AltText: i18n.T(b.lang, "Radar chart of pillar scores 0–100"), OffsetX: 10},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: i18n.T(b.lang, "Pillar scores (0–100)"), Font: &excelize.Font{Bold: true, Size: 12}}}},
		YAxis:        excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 25, MajorGridLines: true, Font: excelize.Font{Size: 7, Color: "7F7F7F"}},
		XAxis:        excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: "262626"}},
		ShowBlanksAs: "gap",
	}))
}

// topGaps returns the n largest positive gaps to indicator and pillar targets.
func (b *book) topGaps(n int) []gap {
	sc := b.m.Score
	var out []gap
	for _, ps := range sc.Pillars {
		if ps.Gap != nil && *ps.Gap > 1e-9 {
			out = append(out, gap{kind: i18n.T(b.lang, "pillar"), id: ps.Pillar.ID, name: ps.Pillar.Name.In(b.lang),
				score: *ps.Score, target: *ps.Target.Score, gap: *ps.Gap, year: ps.Target.Year})
		}
	}
	for _, is := range sc.Indicators {
		if is.Gap != nil && *is.Gap > 1e-9 {
			out = append(out, gap{kind: i18n.T(b.lang, "indicator"), id: is.Indicator.ID, name: is.Indicator.Question.In(b.lang),
				score: *is.Score, target: *is.TargetScore, gap: *is.Gap, year: is.Target.Year})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if math.Abs(out[i].gap-out[j].gap) > 1e-9 {
			return out[i].gap > out[j].gap
		}
		return out[i].id < out[j].id
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
