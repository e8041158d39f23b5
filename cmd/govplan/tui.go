package main

import (
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/govplan/govplan/cmd/govplan/tui"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/export"
	"github.com/spf13/cobra"
)

// assessOptions are the flags of `govplan assess`.
type assessOptions struct {
	sample     string
	accessible bool
}

func (a *app) assessCmd() *cobra.Command {
	var o assessOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "assess " + i18n.T(lang, "FILE | --sample NAME"),
		Short: i18n.T(lang, "Open a country file in the workshop screens, at its first unanswered indicator"),
		Long: localHelp(
			i18n.T(lang, "assess opens the terminal UI on a country file. Every answer is saved to the file at once (atomically), so closing the laptop or a power cut loses nothing shown as saved. With --accessible it asks the open questions one per line, for screen readers."),
			i18n.T(lang, "In the screens, ctrl+l (or F2) switches the language of texts live (English, français, español); answers and the file do not change."),
		),
		Example: `  govplan assess x.yaml
  govplan assess x.yaml --accessible
  govplan assess --sample bakana      # a copy of the sample, bakana.yaml, in this folder`,
		Args: a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAssess(args, o)
		},
	}
	c.Flags().BoolVar(&o.accessible, "accessible", false, i18n.T(lang, "plain line-by-line prompts for screen readers"))
	c.Flags().StringVar(&o.sample, "sample", "", i18n.T(lang, "work on a copy of an embedded sample, NAME.yaml in this folder (kept if it exists)"))
	return c
}

func (a *app) runAssess(args []string, o assessOptions) error {
	switch {
	case o.sample != "" && len(args) > 0:
		return inputMsg(i18n.T(a.lang, "give a country file or --sample, not both"))
	case o.sample != "":
		path, err := a.copySample(o.sample)
		if err != nil {
			return err
		}
		args = []string{path}
	case len(args) == 0:
		return inputMsg(i18n.F(a.lang, "name a country file (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	}
	if o.accessible {
		return inputError(tui.RunAccessible(args[0], a.catalogDir, a.lang, a.in, a.raw()))
	}
	return a.runTUI(args[0])
}

// copySample writes an embedded sample to NAME.yaml here so it can be assessed and saved;
// an existing NAME.yaml is opened as it is (it is the planner's copy from an earlier run).
func (a *app) copySample(name string) (string, error) {
	data, err := countries.SampleSource(name)
	if err != nil {
		return "", inputError(err)
	}
	path := strings.ToLower(strings.TrimSpace(name)) + ".yaml"
	if _, err := os.Stat(path); err == nil {
		a.note(i18n.F(a.lang, "%s exists; opening it (delete it to start again from the sample)", path))
		return path, nil
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return "", err
	}
	a.note(i18n.F(a.lang, "wrote %s, a copy of the sample %s", path, name))
	return path, nil
}

// runTUI opens the terminal UI, on a file or on the start screen.
func (a *app) runTUI(path string) error {
	in, inOK := a.in.(*os.File)
	out, outOK := a.raw().(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return inputMsg(i18n.T(a.lang, "the workshop screens need a terminal; in scripts use the commands (govplan --help)"))
	}
	m, err := tui.New(tui.Options{
		Path: path, Dir: ".", Lang: a.lang, CatalogDir: a.catalogDir, Color: os.Getenv("NO_COLOR") == "",
		// The outputs are written in the language chosen on screen (the model's).
		Export: func(m *countries.Model, dir string, parts []string, wrote func(string)) error {
			return export.Write(m, dir, m.Lang, parts, wrote)
		},
		ExportParts: []tui.ExportPart{
			{ID: export.Workbook, Default: true, Label: func(l string) string {
				return i18n.T(l, "Workbook (.xlsx): scores, blocks, roadmap with Gantt, KPIs, budget")
			}},
			{ID: export.DiagramFiles, Default: true, Label: func(l string) string {
				return i18n.T(l, "Diagrams as SVG and DOT: architecture, dependencies, roadmap, use cases")
			}},
			{ID: export.PNG, Label: func(l string) string { return i18n.T(l, "Diagrams as PNG too (needs Graphviz or rsvg-convert)") }},
			{ID: export.Report, Default: true, Label: func(l string) string {
				return i18n.T(l, "Report (Markdown) to paste into a strategy document")
			}},
			{ID: export.JSON, Default: true, Label: func(l string) string { return i18n.T(l, "The whole model as JSON") }},
		},
	})
	if err != nil {
		return inputError(err)
	}
	_, err = tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out)).Run()
	m.Close() // an export abandoned by quitting leaves no half-written folder
	if err != nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}
