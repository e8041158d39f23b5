package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/diagram"
	"github.com/spf13/cobra"
)

// diagramKinds are the values of diagram --kind, in the order help lists them.
var diagramKinds = []string{"architecture", "usecase", "dependencies", "roadmap"}

// diagramOptions are the flags of `govplan diagram`.
type diagramOptions struct {
	country countryFlags
	kind    string
	kindSet bool // --kind was given
	useCase string
	format  string
	output  string
}

func (a *app) diagramCmd() *cobra.Command {
	var o diagramOptions
	lang := a.lang
	kinds := [][2]string{
		{"architecture", i18n.T(lang, "services and use cases → Information Mediator → building blocks → hosting")},
		{"usecase", i18n.T(lang, "one use case's steps and the blocks each uses (--usecase ID: any catalog use case or one of the country's custom ones)")},
		{"dependencies", i18n.T(lang, "the required blocks, what each depends on, and the readiness gates on them")},
		{"roadmap", i18n.T(lang, "the activities by phase (plan year) with their dependencies, gates and the critical path")},
	}
	var kindList strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&kindList, "\n  %-12s  %s", k[0], wrap(k[1], 76, strings.Repeat(" ", 16)))
	}
	c := &cobra.Command{
		Use:   "diagram " + i18n.T(lang, "[FILE]"),
		Short: i18n.T(lang, "Draw the architecture, a use case, the block dependencies or the roadmap as DOT, SVG, PNG or Mermaid"),
		Long: i18n.T(lang, "diagram draws one diagram of a country:") + "\n" + kindList.String() + "\n\n" +
			localHelp(i18n.T(lang, "SVG and PNG are drawn by Graphviz's dot (found on PATH, in its usual install folder, or named by GOVPLAN_DOT); without it the DOT is written instead (a govplan built with -tags wasmgraphviz draws SVG itself). DOT is the Graphviz source, for your own styling; mermaid is Mermaid source (flowcharts, and a gantt chart for the roadmap) for tools that import Mermaid. Without -o the diagram goes to standard output.")),
		Example: `  govplan diagram --sample bakana -o bakana.svg
  govplan diagram country.yaml --kind usecase --usecase inst-1 --format png -o inst-1.png
  govplan diagram --sample bakana --kind roadmap --format mermaid -o roadmap.mmd`,
		Args: a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.kindSet = cmd.Flags().Changed("kind")
			return a.runDiagram(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.kind, "kind", "architecture", i18n.F(lang, "what to draw: %s", strings.Join(diagramKinds, ", ")))
	c.Flags().StringVar(&o.useCase, "usecase", "", i18n.T(lang, "the use case to draw (implies --kind usecase)"))
	c.Flags().StringVar(&o.format, "format", "svg", i18n.T(lang, "output format: svg, png, dot or mermaid"))
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write (replaced atomically); default: standard output"))
	return c
}

func (a *app) runDiagram(args []string, o diagramOptions) error {
	if err := a.formatFlag(o.format, "svg", "png", "dot", "mermaid"); err != nil {
		return err
	}
	if err := a.checkOut("diagram", "-o", o.output, outFile, "architecture."+strings.Replace(o.format, "mermaid", "mmd", 1)); err != nil {
		return err
	}
	if o.useCase != "" && !o.kindSet {
		o.kind = "usecase"
	}
	if err := checkDiagramKind(a.lang, o.kind, o.useCase); err != nil {
		return err
	}
	if o.format == "png" && o.output == "" && isTerminal(a.raw()) {
		return inputMsg(i18n.T(a.lang, "a PNG would garble the terminal: give -o FILE.png or redirect the output"))
	}
	load := a.loadModel
	if o.kind == "roadmap" {
		load = a.loadPlan
	}
	m, err := load(args, o.country)
	if err != nil {
		return err
	}
	a.warn(m.Doc.Warnings)
	var dot []byte
	if o.format == "mermaid" {
		dot, err = diagram.MermaidOf(m, o.kind, o.useCase, a.lang)
	} else {
		dot, err = buildDiagram(m, o.kind, o.useCase, a.lang)
	}
	if err != nil {
		return inputError(err)
	}
	if o.format == "svg" && !diagram.CanDraw() {
		// Nothing here draws SVG (no Graphviz, default build): write the DOT, which any
		// Graphviz turns into the picture, where the SVG would have gone.
		o.format = "dot"
		if o.output != "" {
			o.output = strings.TrimSuffix(o.output, filepath.Ext(o.output)) + ".dot"
		}
		defer a.note(diagram.NoRendererHint(a.lang))
	}
	var out bytes.Buffer
	switch o.format {
	case "dot", "mermaid":
		out.Write(dot)
	case "svg":
		err = diagram.SVG(dot, &out)
	case "png":
		err = diagram.PNG(dot, &out)
	}
	if err != nil {
		return err
	}
	if o.output == "" {
		w := a.out
		if o.format == "png" {
			w = a.raw()
		}
		_, err = w.Write(out.Bytes())
		return err
	}
	if err := atomicfile.Write(o.output, out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", i18n.T(a.lang, "writing the diagram"), err)
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}

func checkDiagramKind(lang, kind, useCase string) error {
	known := false
	for _, k := range diagramKinds {
		known = known || k == kind
	}
	switch {
	case !known:
		return inputMsg(i18n.F(lang, "--kind %q is not one of %s", kind, strings.Join(diagramKinds, ", ")))
	case kind == "usecase" && useCase == "":
		return inputMsg(i18n.T(lang, "--kind usecase needs --usecase ID (a catalog use case or one of the country's own)"))
	case kind != "usecase" && useCase != "":
		return inputMsg(i18n.F(lang, "--usecase goes with --kind usecase, not --kind %s", kind))
	}
	return nil
}

func buildDiagram(m *countries.Model, kind, useCase, lang string) ([]byte, error) {
	switch kind {
	case "usecase":
		return diagram.UseCase(m, useCase, lang)
	case "dependencies":
		return diagram.Dependencies(m, lang), nil
	case "roadmap":
		return diagram.Roadmap(m, lang), nil
	}
	return diagram.Architecture(m, lang), nil
}

// isTerminal reports whether w is a terminal (not a file, pipe or /dev/null).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
