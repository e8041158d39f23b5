package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/diagram"
	"github.com/govplan/govplan/output/export"
	"github.com/govplan/govplan/output/pdf"
	"github.com/spf13/cobra"
)

// exportOptions are the flags of `govplan export`.
type exportOptions struct {
	country countryFlags
	output  string // the folder
	pdf     bool
	png     bool
}

func (a *app) exportCmd() *cobra.Command {
	var o exportOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "export " + i18n.T(lang, "[FILE] -o DIR"),
		Short: i18n.T(lang, "Write the workbook, diagrams (SVG, DOT and Mermaid), report and JSON into a folder"),
		Long:  localHelp(i18n.T(lang, "export writes everything people present for one country into DIR, as <country>-workbook.xlsx, <country>-architecture.svg/.dot/.mmd (and the other diagrams), <country>-report.md, <country>-report.html and <country>-model.json, printing each path. Existing files are replaced atomically; nothing is written outside DIR.")),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExport(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "folder to write into (created if missing)"))
	c.Flags().BoolVar(&o.pdf, "pdf", false, i18n.T(lang, "also write the PDF report (needs Chrome, Chromium or Edge installed)"))
	c.Flags().BoolVar(&o.png, "png", false, i18n.T(lang, "also write PNG diagrams (needs Graphviz dot or rsvg-convert)"))
	return c
}

func (a *app) runExport(args []string, o exportOptions) error {
	if o.output == "" {
		return inputMsg(i18n.T(a.lang, "name the folder to write into with -o DIR"))
	}
	if err := a.checkOut("export", "-o", o.output, outFolder, ""); err != nil {
		return err
	}
	m, err := a.loadPlan(args, o.country)
	if err != nil {
		return err
	}
	a.warn(m.Doc.Warnings)
	parts := export.AllParts
	if o.png {
		parts = append(parts, export.PNG)
	}
	if o.pdf {
		if _, err := pdf.FindBrowser(); err != nil {
			return err
		}
		parts = append(parts, export.PDFReport)
	}
	return a.export(m, o.output, parts)
}

// export writes the parts and prints each path as it is written.
func (a *app) export(m *countries.Model, dir string, parts []string) error {
	start := time.Now()
	var paths []string
	bar := a.progress(i18n.T(a.lang, "Exporting files"), 0)
	err := export.Write(m, dir, a.lang, parts, func(p string) { paths = append(paths, p); bar.Add(1) })
	bar.Done()
	if err != nil {
		return err
	}
	// Said once every file is in place (a failed export writes none).
	for _, p := range paths {
		a.note(p)
	}
	a.note(i18n.F(a.lang, "wrote %d files to %s in %s", len(paths), dir, secondsText(a.lang, time.Since(start))))
	if !diagram.CanDraw() {
		a.note(diagram.NoRendererHint(a.lang))
	}
	if k := export.SkippedUseCaseDiagrams(m); k > 0 {
		a.note(i18n.F(a.lang, "use-case diagrams were drawn for the first %d use cases, not for %d more (govplan diagram --kind usecase --usecase ID draws one)", export.MaxUseCaseDiagrams, k))
	}
	return nil
}

// demoOptions are the flags of `govplan demo`.
type demoOptions struct {
	output string // the folder
	sample string
}

func (a *app) demoCmd() *cobra.Command {
	var o demoOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "demo " + i18n.T(lang, "[-o DIR]"),
		Short: i18n.T(lang, "Run the whole pipeline on a sample country and write every output"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDemo(o)
		},
	}
	c.Flags().StringVarP(&o.output, "output", "o", "govplan-demo", i18n.T(lang, "folder to write into (created if missing)"))
	c.Flags().StringVar(&o.sample, "sample", "bakana", i18n.F(lang, "sample country (%s)", strings.Join(countries.SampleNames(), ", ")))
	return c
}

func (a *app) runDemo(o demoOptions) error {
	if err := a.checkOut("demo", "-o", o.output, outFolder, ""); err != nil {
		return err
	}
	m, err := a.loadPlan(nil, countryFlags{sample: o.sample})
	if err != nil {
		return err
	}
	f := m.Doc.File
	sc := m.Score.Overall
	lang := a.lang
	fmt.Fprintf(a.out, "%s\n\n", i18n.F(lang, "govplan demo on the fictional sample %s (%s)", f.Country.Name, o.sample))
	counts := map[string]int{}
	for _, b := range m.Match.Blocks {
		counts[b.Status]++
	}
	rows := [][2]string{
		{i18n.T(lang, "Readiness"), i18n.F(lang, "%s/100, %d of %d indicators answered", pct(sc.Score), sc.Answered, sc.Applicable)},
		{i18n.T(lang, "Architecture"), i18n.F(lang, "%d use cases, %d blocks: %d reuse, %d upgrade, %d build", len(m.Match.UseCases), len(m.Match.Blocks), counts["reuse"], counts["upgrade"], counts["build"])},
		{i18n.T(lang, "Roadmap"), i18n.F(lang, "%d activities over %d months, %s one-off", len(m.Plan.Activities), m.Plan.Duration, money(lang, m.Plan.TotalCost, m.Plan.Currency))},
	}
	tw := newTable(a.out)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	tw.Flush()
	fmt.Fprintln(a.out)
	if err := a.export(m, o.output, export.AllParts); err != nil {
		return err
	}
	slug := export.Slug(m)
	fmt.Fprintf(a.out, "\n%s\n", i18n.T(lang, "Where to look:"))
	fmt.Fprintf(a.out, "  %s   %s\n", filepath.Join(o.output, slug+"-workbook.xlsx"), i18n.T(lang, "the workbook (open in Excel or LibreOffice: Roadmap sheet for the Gantt)"))
	fmt.Fprintf(a.out, "  %s   %s\n", filepath.Join(o.output, slug+"-report.html"), i18n.T(lang, "the report to open in a browser or print to PDF"))
	// The architecture is drawn only where Graphviz is installed; otherwise its DOT is there.
	if arch := filepath.Join(o.output, slug+"-architecture.svg"); fileExists(arch) {
		fmt.Fprintf(a.out, "  %s   %s\n", arch, i18n.T(lang, "the architecture (open in a browser)"))
	} else {
		fmt.Fprintf(a.out, "  %s   %s\n", filepath.Join(o.output, slug+"-architecture.dot"), i18n.T(lang, "the architecture as Graphviz DOT (not drawn: Graphviz is not installed)"))
	}
	fmt.Fprintf(a.out, "  %s   %s\n", filepath.Join(o.output, slug+"-report.md"), i18n.T(lang, "the report to paste into a strategy document"))
	fmt.Fprintln(a.out, i18n.F(lang, "Next: govplan assess %s.yaml after copying a sample (or govplan to start), govplan --help for all commands.", o.sample))
	return nil
}

// fileExists reports whether path names a regular file.
func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
