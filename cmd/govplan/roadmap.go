package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/roadmap"
	"github.com/spf13/cobra"
)

func (a *app) roadmapCmd() *cobra.Command {
	var cf countryFlags
	var format, start string
	c := &cobra.Command{
		Use:   "roadmap [FILE]",
		Short: "Plan the roadmap: activities, waves, critical path, costs, KPIs, budget and funding",
		Long: `roadmap turns the assessment and the match into a plan: build or upgrade each required block,
raise the readiness indicators that gate them or miss their targets, and pilot each needed use
case after its blocks. Activities are scheduled month by month under a workstream limit;
costs come from the illustrative default cost model unless the country file's costs: section
says otherwise; investments: are tied to activities to show gaps and duplicate funding.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			if start != "" {
				t, err := time.Parse("2006-01", start)
				if err != nil {
					return inputErrorf("--start %q is not a month in the form YYYY-MM", start)
				}
				a.planOpts.Start = t
			}
			if cmd.Flags().Changed("workstreams") && a.planOpts.Workstreams < 1 {
				return inputErrorf("--workstreams must be 1 or more")
			}
			m, err := a.loadPlan(args, cf)
			if err != nil {
				return err
			}
			if format == "json" {
				f := m.Doc.File
				var warns []string
				for _, w := range m.Doc.Warnings {
					warns = append(warns, w.Error())
				}
				return a.writeJSON(report.Roadmap(report.CountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3}, m.Plan, warns))
			}
			a.warn(m.Doc.Warnings)
			printRoadmap(a.out, m)
			return nil
		},
	}
	cf.register(c)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().StringVar(&start, "start", "", "first month of the plan, YYYY-MM (default: the month after the assessment)")
	c.Flags().IntVar(&a.planOpts.Workstreams, "workstreams", 0, "how many activities can run at once (default: plan.workstreams of the file, else 3)")
	return c
}

func monthText(p *roadmap.Plan, offset int) string { return p.Month(offset).Format("2006-01") }

func printRoadmap(w io.Writer, m *countries.Model) {
	p, f := m.Plan, m.Doc.File
	cur := p.Currency
	fmt.Fprintf(w, "%s · roadmap from %s · %d workstreams\n", f.Title(), monthText(p, 0), p.Workstreams)
	var running float64
	defaults := 0
	for _, a := range p.Activities {
		running += a.RunningCost
		if a.Basis == roadmap.BasisDefault {
			defaults++
		}
	}
	fmt.Fprintf(w, "%d activities · %d months (to %s) · %s one-off · %s a year to run what is built\n",
		len(p.Activities), p.Duration, monthText(p, max(p.Duration-1, 0)), money(p.TotalCost, cur), money(running, cur))
	if defaults > 0 {
		fmt.Fprintf(w, "%d of %d activities use the illustrative default costs (marked *); put local figures under costs: in the file.\n", defaults, len(p.Activities))
	}

	waves := map[int][]roadmap.Activity{}
	maxWave := 0
	for _, a := range p.Activities {
		waves[a.Wave] = append(waves[a.Wave], a)
		maxWave = max(maxWave, a.Wave)
	}
	for wv := 1; wv <= maxWave; wv++ {
		fmt.Fprintf(w, "\nWave %d\n", wv)
		tw := newTable(w)
		for _, a := range waves[wv] {
			mark := ""
			if a.Critical {
				mark = "◆ critical"
			}
			cost := money(a.Cost, "")
			if a.Basis == roadmap.BasisDefault {
				cost += "*"
			}
			status := ""
			if a.Status != "" {
				status = "[" + a.Status + "]"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s → %s\t%d mo\t%s\t%s %s\n", a.ID, a.Name, a.Owner, monthText(p, a.Start), monthText(p, max(a.End-1, a.Start)), a.Months, cost, mark, status)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nCritical path (fixes the end date): %s\n", strings.Join(p.Critical, " → "))
	printGantt(w, p)

	if len(p.KPIs) > 0 {
		fmt.Fprintln(w, "\nKPI timetable (scores 0–100; values in the indicator's unit):")
		years := kpiYears(p.KPIs)
		tw := newTable(w)
		head := []string{"  KPI", "Baseline"}
		for _, y := range years {
			head = append(head, fmt.Sprint(y))
		}
		fmt.Fprintln(tw, strings.Join(append(head, "Due"), "\t"))
		for _, k := range p.KPIs {
			row := []string{"  " + k.ID, kpiValue(k.Baseline, k.BaselineVal, k.Unit)}
			ms := map[int]roadmap.Milestone{}
			for _, mi := range k.Milestones {
				ms[mi.Year] = mi
			}
			for _, y := range years {
				if mi, ok := ms[y]; ok {
					s := mi.Score
					row = append(row, kpiValue(&s, mi.Value, k.Unit))
				} else {
					row = append(row, "")
				}
			}
			due := fmt.Sprint(k.DueYear)
			if k.Met {
				due += " (met)"
			}
			fmt.Fprintln(tw, strings.Join(append(row, due), "\t"))
		}
		tw.Flush()
	}

	fmt.Fprintf(w, "\nBudget by year (%s):\n", cur)
	tw := newTable(w)
	fmt.Fprintln(tw, "  Year\tOne-off\tRunning\tTotal\tFunded\tUnfunded")
	for _, y := range p.Budget {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\n", y.Year, money(y.OneOff, ""), money(y.Running, ""), money(y.Total, ""), money(y.Funded, ""), money(y.Unfunded, ""))
	}
	tw.Flush()

	fd := p.Funding
	if len(fd.Pledges) > 0 {
		fmt.Fprintf(w, "\nFunding: %s pledged, %s of it meets a cost of the plan; %s of one-off cost unfunded.\n", money(fd.Pledged, cur), money(fd.Covered, cur), money(fd.Gap, cur))
	} else {
		fmt.Fprintf(w, "\nFunding: no investments recorded; all %s is unfunded.\n", money(p.TotalCost, cur))
	}
	for _, d := range fd.Duplicates {
		fmt.Fprintf(w, "  ⚠ possible duplicate funding: %s — %s pledged %s against a cost of %s\n", d.Activity, strings.Join(d.Funders, " and "), money(d.Pledged, cur), money(d.Cost, cur))
	}
	for _, u := range fd.Unneeded {
		fmt.Fprintf(w, "  ⚠ %s pledged %s to %s: %s\n", u.Funder, money(u.Amount, cur), u.Target, u.Why)
	}
	if len(fd.Gaps) > 0 && len(fd.Pledges) > 0 {
		fmt.Fprintln(w, "  Largest unfunded activities:")
		for i, g := range fd.Gaps {
			if i == 5 {
				fmt.Fprintf(w, "    … %d more (see --format json)\n", len(fd.Gaps)-5)
				break
			}
			fmt.Fprintf(w, "    %-42s %s of %s unfunded\n", g.Activity, money(g.Gap, ""), money(g.Cost, cur))
		}
	}
	s := p.Shared
	if s.Siloed > 0 {
		fmt.Fprintf(w, "\nShared vs siloed: building each block once costs %s; if every use case built its own it would be %s — %s saved",
			money(s.Shared, cur), money(s.Siloed, cur), money(s.Savings, cur))
		if s.ReuseFactor != nil {
			fmt.Fprintf(w, " (reuse factor %.2f)", *s.ReuseFactor)
		}
		fmt.Fprintln(w, ".")
	}
}

func kpiYears(ks []roadmap.KPI) []int {
	set := map[int]bool{}
	for _, k := range ks {
		for _, m := range k.Milestones {
			set[m.Year] = true
		}
	}
	var ys []int
	for y := range set {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

func kpiValue(score, value *float64, unit string) string {
	switch {
	case value != nil && unit == "level":
		return fmt.Sprintf("L%.1f", *value)
	case value != nil:
		return fmt.Sprintf("%g", *value)
	case score != nil:
		return pct(score)
	}
	return "–"
}

// printGantt draws one row per activity and one column per month (per quarter for long plans).
func printGantt(w io.Writer, p *roadmap.Plan) {
	step := 1
	if p.Duration > 60 {
		step = 3
	}
	cols := (p.Duration + step - 1) / step
	width := 0
	for _, a := range p.Activities {
		width = max(width, len([]rune(a.ID)))
	}
	width = min(width, 40)
	unit := "month"
	if step == 3 {
		unit = "quarter"
	}
	fmt.Fprintf(w, "\nTimeline (one column per %s; █ critical, ▓ other):\n", unit)
	// Year labels where each year starts (and at the first column when there is room).
	years := []rune(strings.Repeat(" ", cols+4))
	perYear := 12 / step
	for c := 0; c < cols; c++ {
		m := p.Month(c * step)
		first := m.Month() <= time.Month(step)
		if !first && (c > 0 || cols-c < 5) {
			continue
		}
		label := fmt.Sprint(m.Year())
		if perYear < 5 {
			label = "'" + label[2:]
		}
		if !first && perYear-int(m.Month()-1)/step < len([]rune(label))+1 {
			continue // not enough room before the next year's label
		}
		copy(years[c:], []rune(label))
	}
	fmt.Fprintf(w, "  %-*s  %s\n", width, "", strings.TrimRight(string(years), " "))
	for _, a := range p.Activities {
		var row strings.Builder
		for c := 0; c < cols; c++ {
			m0, m1 := c*step, c*step+step
			on := a.Start < m1 && a.End > m0 || (a.Months == 0 && a.Start >= m0 && a.Start < m1)
			switch {
			case on && a.Critical:
				row.WriteRune('█')
			case on:
				row.WriteRune('▓')
			default:
				row.WriteRune('·')
			}
		}
		id := a.ID
		if len([]rune(id)) > width {
			id = string([]rune(id)[:width-1]) + "…"
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, id, row.String())
	}
}
