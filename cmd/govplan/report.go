package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/diagram"
	"github.com/govplan/govplan/output/export"
	"github.com/govplan/govplan/output/pdf"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// reportOptions are the flags of `govplan report`.
type reportOptions struct {
	country countryFlags
	format  string
	output  string
}

func (a *app) reportCmd() *cobra.Command {
	var o reportOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "report " + i18n.T(lang, "[FILE] --format html|pdf|md -o OUT"),
		Short: i18n.T(lang, "Write the report people present: HTML, PDF or Markdown"),
		Long:  localHelp(i18n.T(lang, "report writes the country's report: an executive page first, then scores, gates, architecture, roadmap, KPIs, budget, funding, methodology and assumptions. HTML is one self-contained file that prints on A4. PDF is that page printed by a Chrome, Chromium or Edge installed on this machine (or the browser GOVPLAN_BROWSER names). Markdown links its diagrams, which are written beside it as SVG.")),
		Example: `  govplan report --sample bakana --format html -o bakana.html
  govplan report country.yaml --format pdf -o country.pdf --lang fr
  govplan report country.yaml --format md -o annex/country.md`,
		Args: a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runReport(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.format, "format", "html", i18n.T(lang, "output format: html, pdf or md"))
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write (replaced atomically); default: standard output"))
	return c
}

func (a *app) runReport(args []string, o reportOptions) error {
	if err := a.formatFlag(o.format, "html", "pdf", "md"); err != nil {
		return err
	}
	if err := a.checkOut("report", "-o", o.output, outFile, "report."+o.format); err != nil {
		return err
	}
	if o.output == "" && o.format == "pdf" {
		return inputMsg(i18n.T(a.lang, "a PDF would garble the terminal: give -o FILE.pdf"))
	}
	if o.format == "pdf" {
		// Say what to install before any work is done.
		if _, err := pdf.FindBrowser(); err != nil {
			return err
		}
	}
	m, err := a.loadPlan(args, o.country)
	if err != nil {
		return err
	}
	a.warn(m.Doc.Warnings)
	if o.output != "" {
		if err := os.MkdirAll(filepath.Dir(o.output), 0o755); err != nil {
			return err
		}
	}
	// Without Graphviz (default build) the diagrams stay DOT: the HTML and PDF show a
	// placeholder for each, Markdown gets the DOT files beside it.
	var svgs map[string][]byte
	drawn := diagram.CanDraw()
	if drawn {
		if svgs, err = export.SVGs(m, a.lang); err != nil {
			return err
		}
	} else {
		defer a.note(diagram.NoRendererHint(a.lang))
	}
	opt := report.HTMLOptions{Diagrams: svgs, Generated: time.Now(), Version: buildinfo.Version()}
	var out bytes.Buffer
	switch o.format {
	case "html":
		out.Write(report.HTML(m, a.lang, opt))
	case "pdf":
		if err := export.PDF(m, a.lang, opt, &out); err != nil {
			if errors.Is(err, pdf.ErrNoBrowser) {
				return err
			}
			return fmt.Errorf("%s: %w", i18n.T(a.lang, "printing the PDF"), err)
		}
	case "md":
		prefix := ""
		if o.output != "" {
			prefix = strings.TrimSuffix(filepath.Base(o.output), filepath.Ext(o.output)) + "-"
			names := map[string]bool{}
			for name, svg := range svgs {
				p := filepath.Join(filepath.Dir(o.output), prefix+name+".svg")
				if err := atomicfile.Write(p, svg, 0o644); err != nil {
					return fmt.Errorf("%s: %w", i18n.T(a.lang, "writing the report"), err)
				}
				names[name] = true
				a.note(i18n.F(a.lang, "wrote %s", p))
			}
			if !drawn {
				for _, d := range export.Diagrams(m, a.lang) {
					p := filepath.Join(filepath.Dir(o.output), prefix+d.Name+".dot")
					if err := atomicfile.Write(p, d.DOT, 0o644); err != nil {
						return fmt.Errorf("%s: %w", i18n.T(a.lang, "writing the report"), err)
					}
					a.note(i18n.F(a.lang, "wrote %s", p))
				}
			}
			out.Write(report.MarkdownWith(m, a.lang, report.MarkdownOptions{DiagramPrefix: prefix, Diagrams: names}))
		} else {
			out.Write(report.Markdown(m, a.lang))
		}
	}
	if o.output == "" {
		_, err = a.out.Write(out.Bytes())
		return err
	}
	if err := atomicfile.Write(o.output, out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", i18n.T(a.lang, "writing the report"), err)
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}
