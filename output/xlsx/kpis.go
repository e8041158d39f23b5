package xlsx

import (
	"fmt"
	"sort"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

// kpiYear0 is the KPI sheet's first year column.
const kpiYear0 = 12

// kpis writes the KPI timetable: one row per KPI, one column per milestone year. Values are in
// the KPI's unit where it has one (a whole level, a percentage...), else scores 0–100; each year
// is the schedule's projection, and Met says whether the target is met, late or never met.
func (b *book) kpis() {
	s, l := b.sh.kpis, b.lang
	st := &b.st
	p := b.m.Plan
	years := kpiYears(p.KPIs)
	b.widths(s, 34, 11, 50, 20, 13, 10, 11, 11, 10, 8, 60)
	if len(years) > 0 {
		b.width(s, kpiYear0, kpiYear0-1+len(years), 8)
	}
	baseline := i18n.T(l, "Baseline")
	if len(p.KPIs) > 0 {
		baseline = i18n.F(l, "Baseline (%d)", p.KPIs[0].BaselineYear)
	}
	head := []string{i18n.T(l, "KPI"), i18n.T(l, "Kind"), i18n.T(l, "Name"), i18n.T(l, "Unit"), baseline, i18n.T(l, "Target"),
		i18n.T(l, "Due year"), i18n.T(l, "Met"), i18n.T(l, "Reached"), i18n.T(l, "Late (months)"), i18n.T(l, "What would meet it")}
	for _, y := range years {
		head = append(head, fmt.Sprint(y))
	}
	b.header(s, 1, head...)
	b.numHeaders(s, 1, 5, 6)
	for i, y := range years {
		// Year headers as numbers, so they sort and filter as years.
		b.num(s, kpiYear0+i, 1, float64(y), st.headerNum)
	}
	if len(p.KPIs) == 0 {
		b.str(s, 1, 2, i18n.T(l, "No targets are set in the country file, so there are no KPIs."), st.note)
	}
	for i, k := range p.KPIs {
		r := i + 2
		b.str(s, 1, r, k.ID, st.id)
		b.str(s, 2, r, kpiKindText(l, k.Kind), st.text)
		b.str(s, 3, r, k.Name, st.textWrap)
		unit := k.Unit
		useValues := k.BaselineVal != nil && k.TargetVal != nil || (k.Baseline == nil && k.TargetVal != nil)
		if !useValues {
			unit = i18n.T(l, "score 0–100")
		} else if unit == "level" {
			unit = i18n.T(l, "level")
		} else if unit == "yes/no" {
			unit = i18n.T(l, "yes (1) / no (0)")
		} else if k.UnitName != "" {
			unit = k.UnitName
		}
		b.str(s, 4, r, unit, st.textWrap)
		if useValues && (k.Unit == "level" || k.Unit == "yes/no") {
			// Whole levels (yes/no as 1/0), never a fraction of a level.
			b.opt(s, 5, r, k.BaselineVal, 1, st.int)
			b.opt(s, 6, r, k.TargetVal, 1, st.int)
		} else if useValues {
			b.opt(s, 5, r, k.BaselineVal, 1, st.dec1)
			b.opt(s, 6, r, k.TargetVal, 1, st.dec1)
		} else {
			b.opt(s, 5, r, k.Baseline, pct100, st.dec1)
			b.num(s, 6, r, k.Target*pct100, st.dec1)
		}
		b.num(s, 7, r, float64(k.DueYear), st.year)
		// Met: met, late or never, from the schedule's projection.
		b.str(s, 8, r, words.TargetWord(l, k.Status), st.center)
		if k.Reached != "" {
			b.str(s, 9, r, k.Reached, st.center)
		} else {
			b.str(s, 9, r, "–", st.center)
		}
		if k.Status == roadmap.StatusLate {
			b.num(s, 10, r, float64(k.LateMonths), st.int)
		} else {
			b.style(s, cell(10, r), cell(10, r), st.int)
		}
		b.str(s, 11, r, words.TargetFix(l, &k), st.textWrap)
		ms := map[int]roadmap.Milestone{}
		for _, m := range k.Milestones {
			ms[m.Year] = m
		}
		for j, y := range years {
			m, ok := ms[y]
			switch {
			case !ok:
				b.style(s, cell(kpiYear0+j, r), cell(kpiYear0+j, r), st.dec1)
			case useValues && m.Value != nil && (k.Unit == "level" || k.Unit == "yes/no"):
				b.num(s, kpiYear0+j, r, *m.Value, st.int)
			case useValues && m.Value != nil:
				b.num(s, kpiYear0+j, r, *m.Value, st.dec1)
			default:
				b.num(s, kpiYear0+j, r, m.Score*pct100, st.dec1)
			}
		}
	}
	last := max(len(p.KPIs)+1, 2)
	b.check(b.f.AutoFilter(s, fmt.Sprintf("A1:%s%d", colName(kpiYear0-1+len(years)), last), nil))
	b.freeze(s, 1, 1)
	b.fitRows(s)
	b.page(s, paperA4)
	b.printTitles(s, "", "$1:$1")
}

func kpiYears(ks []roadmap.KPI) []int {
	set := map[int]bool{}
	for _, k := range ks {
		for _, m := range k.Milestones {
			set[m.Year] = true
		}
	}
	ys := make([]int, 0, len(set))
	for y := range set {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// kpiKindText names what a KPI measures: the overall score, a pillar or an indicator.
func kpiKindText(lang, kind string) string {
	switch kind {
	case "overall":
		return i18n.T(lang, "overall")
	case "pillar":
		return i18n.T(lang, "pillar")
	case "indicator":
		return i18n.T(lang, "indicator")
	}
	return kind
}
