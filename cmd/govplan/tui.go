package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/govplan/govplan/cmd/govplan/tui"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/export"
	"github.com/spf13/cobra"
)

func (a *app) assessCmd() *cobra.Command {
	var accessible bool
	c := &cobra.Command{
		Use:   "assess FILE",
		Short: "Open a country file in the workshop screens, at its first unanswered indicator",
		Long: `assess opens the terminal UI on a country file. Every answer is saved to the file at once
(atomically), so closing the laptop or a power cut loses nothing shown as saved. With
--accessible it asks the open questions one per line, for screen readers.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if accessible {
				return inputError(tui.RunAccessible(args[0], a.catalogDir, a.lang, a.in, a.out))
			}
			return a.runTUI(args[0])
		},
	}
	c.Flags().BoolVar(&accessible, "accessible", false, "plain line-by-line prompts for screen readers")
	return c
}

// runTUI opens the terminal UI, on a file or on the start screen.
func (a *app) runTUI(path string) error {
	in, inOK := a.in.(*os.File)
	out, outOK := a.out.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return inputErrorf("the workshop screens need a terminal; in scripts use the commands (govplan --help)")
	}
	m, err := tui.New(tui.Options{
		Path: path, Dir: ".", Lang: a.lang, CatalogDir: a.catalogDir, Color: os.Getenv("NO_COLOR") == "",
		Export: func(m *countries.Model, dir string, parts []string, wrote func(string)) error {
			return export.Write(m, dir, a.lang, parts, wrote)
		},
		ExportParts: []tui.ExportPart{
			{ID: export.Workbook, Label: "Workbook (.xlsx): scores, blocks, roadmap with Gantt, KPIs, budget", Default: true},
			{ID: export.DiagramFiles, Label: "Diagrams as SVG and DOT: architecture, dependencies, roadmap, use cases", Default: true},
			{ID: export.PNG, Label: "Diagrams as PNG too (needs Graphviz or rsvg-convert)"},
			{ID: export.Report, Label: "Report (Markdown) to paste into a strategy document", Default: true},
			{ID: export.JSON, Label: "The whole model as JSON", Default: true},
		},
	})
	if err != nil {
		return inputError(err)
	}
	if _, err := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out)).Run(); err != nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}
