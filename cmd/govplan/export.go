package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/export"
	"github.com/spf13/cobra"
)

func (a *app) exportCmd() *cobra.Command {
	var cf countryFlags
	var dir string
	var png bool
	c := &cobra.Command{
		Use:   "export [FILE] -o DIR",
		Short: "Write the workbook, diagrams (SVG and DOT), report and JSON into a folder",
		Long: `export writes everything people present for one country into DIR, as
<country>-workbook.xlsx, <country>-architecture.svg/.dot (and the other diagrams),
<country>-report.md and <country>-model.json, printing each path. Existing files are
replaced atomically; nothing is written outside DIR.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return inputErrorf("name the folder to write into with -o DIR")
			}
			m, err := a.loadPlan(args, cf)
			if err != nil {
				return err
			}
			a.warn(m.Doc.Warnings)
			parts := export.AllParts
			if png {
				parts = append(parts, export.PNG)
			}
			return a.export(m, dir, parts)
		},
	}
	cf.register(c)
	c.Flags().StringVarP(&dir, "output", "o", "", "folder to write into (created if missing)")
	c.Flags().BoolVar(&png, "png", false, "also write PNG diagrams (needs Graphviz dot or rsvg-convert)")
	return c
}

// export writes the parts and prints each path as it is written.
func (a *app) export(m *countries.Model, dir string, parts []string) error {
	start := time.Now()
	n := 0
	err := export.Write(m, dir, a.lang, parts, func(p string) {
		n++
		fmt.Fprintln(a.out, p)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.errOut, "wrote %d files to %s in %s\n", n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}

func (a *app) demoCmd() *cobra.Command {
	var dir, sample string
	c := &cobra.Command{
		Use:   "demo [-o DIR]",
		Short: "Run the whole pipeline on a sample country and write every output",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := a.loadPlan(nil, countryFlags{sample: sample})
			if err != nil {
				return err
			}
			f := m.Doc.File
			sc := m.Score.Overall
			fmt.Fprintf(a.out, "govplan demo on the fictional sample %s (%s)\n\n", f.Country.Name, sample)
			fmt.Fprintf(a.out, "Readiness   %s/100, %d of %d indicators answered\n", pct(sc.Score), sc.Answered, sc.Applicable)
			counts := map[string]int{}
			for _, b := range m.Match.Blocks {
				counts[b.Status]++
			}
			fmt.Fprintf(a.out, "Architecture %d use cases, %d blocks: %d reuse, %d upgrade, %d build\n", len(m.Match.UseCases), len(m.Match.Blocks), counts["reuse"], counts["upgrade"], counts["build"])
			fmt.Fprintf(a.out, "Roadmap     %d activities over %d months, %s one-off\n\n", len(m.Plan.Activities), m.Plan.Duration, money(m.Plan.TotalCost, m.Plan.Currency))
			if err := a.export(m, dir, export.AllParts); err != nil {
				return err
			}
			slug := export.Slug(m)
			fmt.Fprintf(a.out, "\nWhere to look:\n")
			fmt.Fprintf(a.out, "  %s   the workbook (open in Excel or LibreOffice: Roadmap sheet for the Gantt)\n", filepath.Join(dir, slug+"-workbook.xlsx"))
			fmt.Fprintf(a.out, "  %s   the architecture (open in a browser)\n", filepath.Join(dir, slug+"-architecture.svg"))
			fmt.Fprintf(a.out, "  %s   the report to paste into a strategy document\n", filepath.Join(dir, slug+"-report.md"))
			fmt.Fprintf(a.out, "Next: govplan assess %s.yaml after copying a sample (or govplan to start), govplan --help for all commands.\n", sample)
			return nil
		},
	}
	c.Flags().StringVarP(&dir, "output", "o", "govplan-demo", "folder to write into")
	c.Flags().StringVar(&sample, "sample", "bakana", "sample country ("+strings.Join(countries.SampleNames(), ", ")+")")
	return c
}
