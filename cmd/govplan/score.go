package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

func (a *app) scoreCmd() *cobra.Command {
	var cf countryFlags
	var format string
	c := &cobra.Command{
		Use:   "score [FILE]",
		Short: "Score a country's readiness: overall, per pillar and per indicator",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			doc, fw, err := a.loadCountry(args, cf)
			if err != nil {
				return err
			}
			sc := doc.Score(fw)
			if format == "json" {
				return a.writeJSON(report.Score(doc, sc, a.lang))
			}
			a.warn(doc.Warnings)
			a.printScorecard(doc, sc)
			return nil
		},
	}
	cf.register(c)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return c
}

func (a *app) printScorecard(doc *countries.Doc, sc *assess.Scorecard) {
	fw, f, lang := sc.Framework, doc.File, a.lang
	w := a.out
	fmt.Fprintf(w, "%s · %s · assessed %s\n\n", f.Title(), fw.Ref(), f.Assessment.Date)
	o := sc.Overall
	band := "–"
	if o.Band != nil {
		band = o.Band.Name.In(lang)
	}
	fmt.Fprintf(w, "Overall  %s/100  %s  %s  %d of %d indicators answered (%s%%)\n", pct(o.Score), band, bar(o.Score, 20), o.Answered, o.Applicable, pct(o.Completeness))
	if o.Target != nil && o.Target.Score != nil {
		fmt.Fprintf(w, "Target   %s/100 by %d (gap %s)\n", pct(o.Target.Score), o.Target.Year, signedPct(o.Gap))
	}
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintln(tw, "Pillar\tScore\t\tBand\tAnswered\tTarget\tGap")
	for _, p := range sc.Pillars {
		pb := "–"
		if p.Band != nil {
			pb = p.Band.Name.In(lang)
		}
		target := "–"
		if p.Target != nil && p.Target.Score != nil {
			target = fmt.Sprintf("%s by %d", pct(p.Target.Score), p.Target.Year)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", p.Pillar.Name.In(lang), pct(p.Score), bar(p.Score, 10), pb, p.Answered, p.Applicable, target, signedPct(p.Gap))
	}
	tw.Flush()
	if len(o.Unscored) > 0 {
		fmt.Fprintf(w, "\nUnscored pillars (no answers yet): %s\n", strings.Join(o.Unscored, ", "))
	}
	var disputed []string
	for _, is := range sc.Indicators {
		if is.Disputed {
			var parts []string
			for _, ans := range is.Answers.Given() {
				parts = append(parts, fmt.Sprintf("%s %s", orDash(ans.By), answerText(fw, is.Indicator, ans)))
			}
			disputed = append(disputed, fmt.Sprintf("  %s: %s", is.Indicator.ID, strings.Join(parts, " · ")))
		}
	}
	if len(disputed) > 0 {
		fmt.Fprintf(w, "\nDisputed answers (ministries 2+ levels apart):\n%s\n", strings.Join(disputed, "\n"))
	}
	var unmet []string
	for _, g := range sc.Gates() {
		if g.State != assess.GateMet {
			cur := "unanswered"
			if g.Current != nil {
				cur = fmt.Sprintf("now %.1f", *g.Current)
			}
			unmet = append(unmet, fmt.Sprintf("  %-22s needs %s ≥ %d (%s, %s)", g.BB, g.Indicator, g.Min, cur, g.State))
		}
	}
	if len(unmet) > 0 {
		sort.Strings(unmet)
		fmt.Fprintf(w, "\nReadiness gates not met (a building block needs this first):\n%s\n", strings.Join(unmet, "\n"))
	}
	var gaps []assess.IndicatorScore
	for _, is := range sc.Indicators {
		if is.Gap != nil && *is.Gap > 1e-9 {
			gaps = append(gaps, is)
		}
	}
	if len(gaps) > 0 {
		sort.SliceStable(gaps, func(i, j int) bool { return *gaps[i].Gap > *gaps[j].Gap })
		fmt.Fprintln(w, "\nLargest gaps to targets:")
		for i, is := range gaps {
			if i == 5 {
				break
			}
			fmt.Fprintf(w, "  %-36s %s → %s by %d (gap %s)\n", is.Indicator.ID, pct(is.Score), pct(is.TargetScore), is.Target.Year, signedPct(is.Gap))
		}
	}
	if len(sc.Unknown) > 0 {
		fmt.Fprintf(w, "\nAnswers kept but not scored (not in %s): %s\n", fw.Ref(), strings.Join(sc.Unknown, ", "))
	}
}

// answerText shows one answer as it reads in a summary.
func answerText(fw *assess.Framework, ind *assess.Indicator, a assess.Answer) string {
	switch {
	case a.NA:
		return "n/a"
	case a.Level != nil:
		return fmt.Sprintf("%d %s", *a.Level, fw.LevelName(*a.Level, assess.DefaultLang))
	case a.Value != nil && a.Value.IsBool:
		if a.Value.Bool {
			return "yes"
		}
		return "no"
	case a.Value != nil:
		if ind.Unit != "" {
			return a.Value.String() + " " + ind.Unit
		}
		return a.Value.String()
	}
	return "not answered"
}
