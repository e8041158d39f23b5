package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/comparison"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// compareOptions are the flags of `govplan compare`.
type compareOptions struct {
	samples   []string
	framework string
	relative  bool
	allRounds bool
	format    string
	output    string // comparison workbook (.xlsx)
	chart     string // ranking chart (.svg)
}

func (a *app) compareCmd() *cobra.Command {
	var o compareOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "compare " + i18n.T(lang, "FILE|DIR... [--sample NAME]... [--relative] [--format json]"),
		Short: i18n.T(lang, "Compare countries side by side, and one country's rounds over time"),
		Long: localHelp(
			i18n.T(lang, "compare ranks the assessments given (files, every *.yaml in each folder named, and embedded samples), counts them per band, shows each pillar's scores across the countries and their spread, and, for a country assessed on several dates (same ISO code), what changed from round to round: what improved, what fell back and which targets of an earlier round a later one met."),
			i18n.T(lang, "All files must use one framework. When they name different versions of it, the indicators common to all are compared and the others are listed as left out. The ranking shows each country's latest round unless --all-rounds is given. Ranks are competition ranks (1, 2, 2, 4); assessments without an overall score are unranked and listed last."),
			i18n.T(lang, "--relative normalises each indicator across the compared set as the UN EGDI does (z-score, then rescaled to 0..1), so scores say where a country stands among the others, not against fixed goalposts; they are labelled relative wherever shown. Rounds always use absolute scores."),
		),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCompare(args, o)
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.samples, "sample", nil, i18n.T(lang, "add an embedded sample country (repeat for several; see govplan catalog samples)"))
	f.StringVar(&o.framework, "framework", "", i18n.T(lang, "framework to score every file with: an embedded id[@version] or a template file path"))
	f.BoolVar(&o.relative, "relative", false, i18n.T(lang, "normalise each indicator across the compared set (z-score rescaled to 0..1, as the EGDI does)"))
	f.BoolVar(&o.allRounds, "all-rounds", false, i18n.T(lang, "rank every round of a country, not only its latest"))
	f.StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text, json or html (the portfolio page, written to -o)"))
	f.StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write: the comparison workbook (.xlsx) with ranking, heat map, charts, rounds, blocks and funding; with --format html, the portfolio page"))
	f.StringVar(&o.chart, "chart", "", i18n.T(lang, "file to write the ranking into, as an SVG chart"))
	return c
}

func (a *app) runCompare(args []string, o compareOptions) error {
	if err := a.formatFlag(o.format, "text", "json", "html"); err != nil {
		return err
	}
	page := "comparison.xlsx"
	if o.format == "html" {
		page = "portfolio.html"
	}
	if err := a.checkOut("compare", "-o", o.output, outFile, page); err != nil {
		return err
	}
	if err := a.checkOut("compare", "--chart", o.chart, outFile, "ranking.svg"); err != nil {
		return err
	}
	if len(args) == 0 && len(o.samples) == 0 {
		return inputMsg(i18n.F(a.lang, "name country files or folders to compare (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	}
	files, warns, err := a.loadCompared(args, o)
	if err != nil {
		return err
	}
	entries := make([]*assess.CompareEntry, len(files))
	for i, f := range files {
		entries[i] = f.entry
	}
	cmp, err := assess.Compare(entries, assess.CompareOptions{Relative: o.relative, AllRounds: o.allRounds})
	if err != nil {
		return inputError(err)
	}
	port, err := a.planCompared(cmp, files)
	if err != nil {
		return err
	}
	if o.format == "html" {
		// The portfolio page for donors: to -o, else to standard output.
		return a.writePortfolioPage(cmp, port, o)
	}
	if err := a.writeCompareFiles(cmp, port, o); err != nil {
		return err
	}
	if o.format == "json" {
		return report.WriteCompare(a.out, cmp, warns, port, a.lang)
	}
	a.warnCapped(warns, 10)
	for _, w := range cmp.Warnings {
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "warning: %s", w.In(a.lang)))
	}
	cmpPrintComparison(a.out, cmp, a.lang)
	if port != nil {
		printPortfolio(a.out, port, a.lang)
	}
	return nil
}

// warnCapped prints at most limit warnings and says how many more there were.
func (a *app) warnCapped(ws yamlx.Errors, limit int) {
	if len(ws) <= limit {
		a.warn(ws)
		return
	}
	a.warn(ws[:limit])
	fmt.Fprintln(a.errOut, i18n.F(a.lang, "... and %d more warnings (govplan validate FILE shows a file's own)", len(ws)-limit))
}

// writePortfolioPage writes the self-contained HTML portfolio page (and the ranking chart
// when asked).
func (a *app) writePortfolioPage(cmp *assess.Comparison, port *countries.Portfolio, o compareOptions) error {
	if o.chart != "" {
		if err := atomicfile.Write(o.chart, comparison.RankingSVG(cmp, a.lang, 60), 0o644); err != nil {
			return err
		}
		a.note(i18n.F(a.lang, "wrote %s", o.chart))
	}
	page := comparison.HTML(cmp, port, a.lang, comparison.HTMLOptions{Generated: time.Now(), Version: buildinfo.Version()})
	if o.output == "" {
		_, err := a.out.Write(page)
		return err
	}
	if err := atomicfile.Write(o.output, page, 0o644); err != nil {
		return err
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}

// writeCompareFiles writes the comparison workbook and the ranking chart when asked.
func (a *app) writeCompareFiles(cmp *assess.Comparison, port *countries.Portfolio, o compareOptions) error {
	if o.chart != "" {
		if err := atomicfile.Write(o.chart, comparison.RankingSVG(cmp, a.lang, 60), 0o644); err != nil {
			return err
		}
		a.note(i18n.F(a.lang, "wrote %s", o.chart))
	}
	if o.output == "" {
		return nil
	}
	if err := comparison.WriteFile(o.output, cmp, port, a.lang); err != nil {
		return err
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}
