package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
	"github.com/spf13/cobra"
)

// roadmapOptions are the flags of `govplan roadmap`.
type roadmapOptions struct {
	country        countryFlags
	format         string
	start          string
	workstreams    int  // with workstreamsSet; else the file's plan.workstreams, else the default
	workstreamsSet bool // --workstreams was given
	capacity       map[string]int
}

func (a *app) roadmapCmd() *cobra.Command {
	var o roadmapOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "roadmap " + i18n.T(lang, "[FILE]"),
		Short: i18n.T(lang, "Plan the roadmap: activities by phase, critical path, costs, KPIs from the schedule, budget and funding"),
		Long:  localHelp(i18n.T(lang, "roadmap turns the assessment and the match into a plan: procure then build or upgrade each required block, raise the readiness indicators that gate go-live or miss their targets (by law, institution, programme, infrastructure or policy), pilot each needed use case after its blocks and gates, then roll it out nationally. Builds hold a delivery team; raises, pilots and roll-outs hold their owner's capacity. The top-ranked service's work goes first. KPIs are projected from the schedule and each target is met, late or never; costs come from the illustrative default cost model unless the country file's costs: section says otherwise; investments: are tied to activities and their years to show gaps, duplicates and money the timing cannot use.")),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.workstreamsSet = cmd.Flags().Changed("workstreams")
			return a.runRoadmap(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json"))
	c.Flags().StringVar(&o.start, "start", "", i18n.T(lang, "first month of the plan, YYYY-MM (default: the month after the assessment)"))
	c.Flags().IntVar(&o.workstreams, "workstreams", 0, i18n.T(lang, "how many delivery teams build and upgrade at once (default: plan.workstreams of the file, else 3)"))
	c.Flags().StringToIntVar(&o.capacity, "capacity", nil, i18n.T(lang, "an owner's capacity for raises, pilots and roll-outs, as owner=N (default: plan.capacity of the file, else 2)"))
	return c
}

func (a *app) runRoadmap(args []string, o roadmapOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	plan := countries.PlanOptions{Workstreams: o.workstreams}
	if o.start != "" {
		t, ok := countries.ValidMonth(o.start)
		if !ok {
			return inputMsg(i18n.F(a.lang, "--start %q is not a month in the form YYYY-MM between %d and %d", o.start, countries.MinYear, countries.MaxYear))
		}
		plan.Start = t
	}
	if o.workstreamsSet && (o.workstreams < 1 || o.workstreams > countries.MaxWorkstreams) {
		return inputMsg(i18n.F(a.lang, "--workstreams must be 1..%d", countries.MaxWorkstreams))
	}
	for owner, n := range o.capacity {
		if n < 1 {
			return inputMsg(i18n.F(a.lang, "--capacity %s=%d: capacity must be 1 or more", owner, n))
		}
		if plan.Capacity == nil {
			plan.Capacity = map[string]int{}
		}
		plan.Capacity[strings.ToLower(owner)] = n
	}
	m, err := a.loadPlanWith(args, o.country, plan)
	if err != nil {
		return err
	}
	if o.format == "json" {
		f := m.Doc.File
		var warns []string
		for _, w := range m.Doc.Warnings {
			warns = append(warns, w.Error())
		}
		return a.writeJSON(report.Roadmap(report.CountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3}, m.Plan, warns, a.lang))
	}
	a.warn(m.Doc.Warnings)
	printRoadmap(a.out, m, a.lang)
	return nil
}

// monthText is a month of the plan in tables: 2026-04, the same in every language.
func monthText(p *roadmap.Plan, offset int) string { return p.Month(offset).Format("2006-01") }

func printRoadmap(w io.Writer, m *countries.Model, lang string) {
	p, f := m.Plan, m.Doc.File
	cur := p.Currency
	fmt.Fprintln(w, i18n.F(lang, "%s · roadmap from %s · %s", f.Title(), i18n.Month(lang, p.Month(0)), words.Resources(lang, p)))
	var running float64
	defaults := 0
	for _, a := range p.Activities {
		running += a.RunningCost
		if a.Basis == roadmap.BasisDefault {
			defaults++
		}
	}
	fmt.Fprintln(w, i18n.F(lang, "%d activities · %d months (to %s) · %s one-off · %s a year to run what is built",
		len(p.Activities), p.Duration, i18n.Month(lang, p.Month(max(p.Duration-1, 0))), money(lang, p.TotalCost, cur), money(lang, running, cur)))
	if defaults > 0 {
		fmt.Fprintln(w, i18n.F(lang, "%d of %d activities use the illustrative default costs (marked *); put local figures under costs: in the file.", defaults, len(p.Activities)))
	}
	for _, wn := range p.Warnings {
		fmt.Fprintf(w, "⚠ %s\n", wn)
	}

	for n, acts := range p.Phases() {
		if len(acts) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", words.Phase(lang, p, n+1))
		tw := newTable(w)
		for i := range acts {
			a := &acts[i]
			mark := ""
			if a.Critical {
				mark = "◆"
			}
			cost := money(lang, a.Cost, "")
			if a.Basis == roadmap.BasisDefault {
				cost += "*"
			}
			note := words.FixedHow(lang, a)
			if a.Status != "" {
				note = strings.TrimSpace("[" + words.ActivityStatus(lang, a.Status) + "] " + note)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s → %s\t%s\t%s\t%s\t%s\n", mark, a.ID, a.Name, a.Owner, monthText(p, a.Start), monthText(p, max(a.End-1, a.Start)),
				i18n.F(lang, "%d mo", a.Months), cost, words.Holds(lang, a), note)
		}
		tw.Flush()
	}
	var path []string
	for _, id := range p.Critical {
		if a := p.Activity(id); a != nil && a.FixedHow != roadmap.FixedByDependency && a.FixedHow != "" && len(path) > 0 {
			path = append(path, fmt.Sprintf("[%s] %s", words.FixedKind(lang, a), id))
		} else {
			path = append(path, id)
		}
	}
	fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Critical path (◆, fixes the end date): %s", strings.Join(path, " → ")))
	printGantt(w, p, lang)

	if len(p.KPIs) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "KPIs projected from the schedule (scores 0–100; levels and values at each year-end):"))
		years := kpiYears(p.KPIs)
		tw := newTable(w)
		head := []string{"  " + i18n.T(lang, "KPI"), i18n.T(lang, "Baseline")}
		for _, y := range years {
			head = append(head, fmt.Sprint(y))
		}
		head = append(head, i18n.T(lang, "Target"), i18n.T(lang, "Due"), i18n.T(lang, "Status"))
		fmt.Fprintln(tw, strings.Join(head, "\t"))
		for _, k := range p.KPIs {
			row := []string{"  " + k.ID, words.KPIValue(lang, k.Baseline, k.BaselineVal, k.Unit)}
			ms := map[int]roadmap.Milestone{}
			for _, mi := range k.Milestones {
				ms[mi.Year] = mi
			}
			for _, y := range years {
				if mi, ok := ms[y]; ok {
					s := mi.Score
					row = append(row, words.KPIValue(lang, &s, mi.Value, k.Unit))
				} else {
					row = append(row, "")
				}
			}
			t := k.Target
			row = append(row, words.KPIValue(lang, &t, k.TargetVal, k.Unit), fmt.Sprint(k.DueYear), words.TargetStatus(lang, &k))
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		tw.Flush()
		var open []string
		for _, k := range p.KPIs {
			if k.Status != roadmap.StatusMet {
				open = append(open, "  ⚠ "+i18n.F(lang, "%s — %s: %s.", k.ID, words.TargetStatus(lang, &k), words.TargetFix(lang, &k)))
			}
		}
		if len(open) > 0 {
			fmt.Fprintf(w, "%s\n%s\n", i18n.F(lang, "%d of %d targets are not met on time:", len(open), len(p.KPIs)), strings.Join(open, "\n"))
		} else {
			fmt.Fprintln(w, i18n.F(lang, "All %d targets are met on time.", len(p.KPIs)))
		}
	}

	fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Budget by year (%s):", cur))
	tw := newTable(w)
	fmt.Fprintln(tw, "  "+strings.Join([]string{i18n.T(lang, "Year"), i18n.T(lang, "One-off"), i18n.T(lang, "Running"), i18n.T(lang, "Total"), i18n.T(lang, "Funded"), i18n.T(lang, "Unfunded")}, "\t"))
	for _, y := range p.Budget {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\n", y.Year, money(lang, y.OneOff, ""), money(lang, y.Running, ""), money(lang, y.Total, ""), money(lang, y.Funded, ""), money(lang, y.Unfunded, ""))
	}
	tw.Flush()

	fd := p.Funding
	if len(fd.Pledges) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Funding: %s pledged, %s of it meets a cost of the plan in its years; %s of one-off cost unfunded.", money(lang, fd.Pledged, cur), money(lang, fd.Covered, cur), money(lang, fd.Gap, cur)))
	} else {
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Funding: no investments recorded; all %s is unfunded.", money(lang, p.TotalCost, cur)))
	}
	and := " " + i18n.T(lang, "and") + " "
	for _, d := range fd.Duplicates {
		fmt.Fprintf(w, "  ⚠ %s\n", i18n.F(lang, "possible duplicate funding: %s — %s pledged %s against a cost of %s", d.Activity, strings.Join(d.Funders, and), money(lang, d.Pledged, cur), money(lang, d.Cost, cur)))
	}
	for _, t := range fd.TimingUnused {
		fmt.Fprintf(w, "  ⚠ %s\n", words.TimingUnused(lang, t, money(lang, t.Amount, cur)))
	}
	for _, u := range fd.Unneeded {
		why := words.Unneeded(lang, u)
		if u.Index >= 0 && u.Index < len(f.Investments) {
			if f.Investments[u.Index].Block != "" {
				why = i18n.F(lang, "the plan builds or upgrades nothing for %s (not required by the needed use cases, or already operational)", u.Target)
			} else {
				why = i18n.F(lang, "the plan has no activity %s (dropped, or no longer needed)", u.Target)
			}
		}
		fmt.Fprintf(w, "  ⚠ %s\n", i18n.F(lang, "%s pledged %s to %s: %s", u.Funder, money(lang, u.Amount, cur), u.Target, why))
	}
	if len(fd.Gaps) > 0 && len(fd.Pledges) > 0 {
		fmt.Fprintf(w, "  %s\n", i18n.T(lang, "Largest unfunded activities:"))
		tw := newTable(w)
		for i, g := range fd.Gaps {
			if i == 5 {
				tw.Flush()
				fmt.Fprintf(w, "    … %s\n", i18n.F(lang, "%d more (see --format json)", len(fd.Gaps)-5))
				break
			}
			fmt.Fprintf(tw, "    %s\t%s\n", g.Activity, i18n.F(lang, "%s of %s unfunded", money(lang, g.Gap, ""), money(lang, g.Cost, cur)))
		}
		tw.Flush()
	}
	s := p.Shared
	if s.Siloed > 0 {
		line := i18n.F(lang, "Shared vs siloed: building each block once costs %s; if every use case built its own it would be at most %s — up to %s saved",
			money(lang, s.Shared, cur), money(lang, s.Siloed, cur), money(lang, s.Savings, cur))
		if s.ReuseFactor != nil {
			line += " " + i18n.F(lang, "(reuse factor %s)", i18n.Number(lang, *s.ReuseFactor, 2))
		}
		fmt.Fprintf(w, "\n%s.\n%s\n", line, i18n.T(lang, "  The siloed figure is an upper bound: a silo would not build every shared layer."))
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

// printGantt draws one row per activity and one column per month (per quarter for long plans).
func printGantt(w io.Writer, p *roadmap.Plan, lang string) {
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
	title := i18n.T(lang, "Timeline (one column per month; █ critical, ▓ other):")
	if step == 3 {
		title = i18n.T(lang, "Timeline (one column per quarter; █ critical, ▓ other):")
	}
	fmt.Fprintf(w, "\n%s\n", title)
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
