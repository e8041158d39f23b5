package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/words"
	"github.com/spf13/cobra"
)

// scoreOptions are the flags of `govplan score`.
type scoreOptions struct {
	country countryFlags
	format  string
}

func (a *app) scoreCmd() *cobra.Command {
	var o scoreOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "score " + i18n.T(lang, "[FILE]"),
		Short: i18n.T(lang, "Score a country's readiness: overall, per pillar and per indicator"),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runScore(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json"))
	return c
}

func (a *app) runScore(args []string, o scoreOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	prefetchCatalog() // block names of the gates
	doc, fw, err := a.loadCountry(args, o.country)
	if err != nil {
		return err
	}
	sc := doc.Score(fw)
	if o.format == "json" {
		return a.writeJSON(report.Score(doc, sc, a.lang))
	}
	a.warn(doc.Warnings)
	a.printScorecard(doc, sc)
	return nil
}

func (a *app) printScorecard(doc *countries.Doc, sc *assess.Scorecard) {
	fw, f, lang := sc.Framework, doc.File, a.lang
	w := a.out
	fmt.Fprintf(w, "%s\n\n", i18n.F(lang, "%s · %s · assessed %s", f.Title(), fw.Ref(), dateText(lang, f.Assessment.Date)))
	o := sc.Overall
	band := "–"
	if o.Band != nil {
		band = o.Band.Name.In(lang)
	}
	fmt.Fprintln(w, i18n.F(lang, "Overall  %s/100  %s  %s  %d of %d indicators answered (%s)", pct(o.Score), band, bar(o.Score, 20), o.Answered, o.Applicable, percent(lang, o.Completeness)))
	if o.Target != nil && o.Target.Score != nil {
		fmt.Fprintln(w, i18n.F(lang, "Target   %s/100 by %d (gap %s)", pct(o.Target.Score), o.Target.Year, signedPct(o.Gap)))
	}
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintln(tw, strings.Join([]string{i18n.T(lang, "Pillar"), i18n.T(lang, "Score"), "", i18n.T(lang, "Band"), i18n.T(lang, "Answered"), i18n.T(lang, "Target"), i18n.T(lang, "Gap")}, "\t"))
	for _, p := range sc.Pillars {
		pb := "–"
		if p.Band != nil {
			pb = p.Band.Name.In(lang)
		}
		target := "–"
		if p.Target != nil && p.Target.Score != nil {
			target = i18n.F(lang, "%s by %d", pct(p.Target.Score), p.Target.Year)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", p.Pillar.Name.In(lang), pct(p.Score), bar(p.Score, 10), pb, p.Answered, p.Applicable, target, signedPct(p.Gap))
	}
	tw.Flush()
	if len(o.Unscored) > 0 {
		var names []string
		for _, id := range o.Unscored {
			names = append(names, pillarName(fw, id, lang))
		}
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Unscored pillars (no answers yet): %s", strings.Join(names, ", ")))
	}
	var disputed []string
	for _, is := range sc.Indicators {
		if is.Disputed {
			var parts []string
			for _, ans := range is.Answers.Given() {
				parts = append(parts, fmt.Sprintf("%s %s", orDash(ans.By), answerText(lang, fw, is.Indicator, ans)))
			}
			disputed = append(disputed, fmt.Sprintf("  %s: %s", is.Indicator.ID, strings.Join(parts, " · ")))
		}
	}
	if len(disputed) > 0 {
		fmt.Fprintf(w, "\n%s\n%s\n", i18n.T(lang, "Disputed answers (ministries 2+ levels apart):"), strings.Join(disputed, "\n"))
	}
	// Blocks are shown by name where the catalog loads (it is not needed for the score).
	blockName := func(id string) string { return id }
	if cat, err := a.catalog(); err == nil {
		blockName = func(id string) string {
			if b := cat.Block(id); b != nil {
				return b.Name.In(lang)
			}
			return id
		}
	}
	var unmet [][2]string // block, what it needs
	for _, g := range sc.Gates() {
		if g.State != assess.GateMet {
			state := i18n.T(lang, "unanswered")
			if g.Current != nil {
				state = i18n.F(lang, "now %s, %s", i18n.Number(lang, *g.Current, 1), words.Gate(lang, g.State))
			}
			unmet = append(unmet, [2]string{blockName(g.BB), i18n.F(lang, "needs %s ≥ %d (%s)", g.Indicator, g.Min, state)})
		}
	}
	if len(unmet) > 0 {
		sort.Slice(unmet, func(i, j int) bool {
			if unmet[i][0] != unmet[j][0] {
				return unmet[i][0] < unmet[j][0]
			}
			return unmet[i][1] < unmet[j][1]
		})
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Readiness gates not met (a building block needs this first):"))
		tw := newTable(w)
		for _, u := range unmet {
			fmt.Fprintf(tw, "  %s\t%s\n", u[0], u[1])
		}
		tw.Flush()
	}
	var gaps []assess.IndicatorScore
	for _, is := range sc.Indicators {
		if is.Gap != nil && *is.Gap > 1e-9 {
			gaps = append(gaps, is)
		}
	}
	if len(gaps) > 0 {
		sort.SliceStable(gaps, func(i, j int) bool { return *gaps[i].Gap > *gaps[j].Gap })
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Largest gaps to targets:"))
		tw := newTable(w)
		for i, is := range gaps {
			if i == 5 {
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\n", is.Indicator.ID, i18n.F(lang, "%s → %s by %d (gap %s)", pct(is.Score), pct(is.TargetScore), is.Target.Year, signedPct(is.Gap)))
		}
		tw.Flush()
	}
	if len(sc.Unknown) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Answers kept but not scored (not in %s): %s", fw.Ref(), strings.Join(sc.Unknown, ", ")))
	}
}

// pillarName is the name of a pillar of fw in lang (its id when fw has no such pillar).
func pillarName(fw *assess.Framework, id, lang string) string {
	for _, p := range fw.Pillars {
		if p.ID == id {
			return p.Name.In(lang)
		}
	}
	return id
}

// answerText shows one answer as it reads in a summary.
func answerText(lang string, fw *assess.Framework, ind *assess.Indicator, a assess.Answer) string {
	switch {
	case a.NA:
		return i18n.T(lang, "n/a")
	case a.Level != nil:
		return fmt.Sprintf("%d %s", *a.Level, fw.LevelName(*a.Level, lang))
	case a.Value != nil && a.Value.IsBool:
		return words.YesNo(lang, a.Value.Bool)
	case a.Value != nil:
		if len(ind.Unit) > 0 {
			return numText(lang, a.Value.Num) + " " + ind.Unit.In(lang)
		}
		return numText(lang, a.Value.Num)
	}
	return i18n.T(lang, "not answered")
}
