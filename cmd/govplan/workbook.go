package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/xlsx"
	"github.com/spf13/cobra"
)

// importWorkbookCmd reads what planners edited in a workbook back into the country file.
func (a *app) importWorkbookCmd() *cobra.Command {
	lang := a.lang
	var o importWorkbookOptions
	c := &cobra.Command{
		Use:   "workbook " + i18n.T(lang, "FILE.xlsx COUNTRY.yaml | FILE.xlsx --sample NAME -o COUNTRY.yaml"),
		Short: i18n.T(lang, "Read the status and owner columns planners edited in a workbook back into the country file"),
		Long: localHelp(
			i18n.T(lang, "import workbook reads the Roadmap sheet of a workbook govplan wrote (and planners edited in Excel or LibreOffice): each row's ID, Status and Owner columns, found by their headers. A status or owner that differs from the plan is written into the country file's plan: section (plan.status.<id>, plan.change.<id>.owner), so the next export shows it; comments and every other line of the file stay as they are."),
			i18n.T(lang, "A row whose id is not an activity of the plan, whose status is not one of not-started, in-progress, done, blocked, or whose owner is not an id is reported and left alone, never guessed. A workbook of another country (its Summary sheet names another ISO code) is refused."),
		),
		Example: `  govplan import workbook annex/x-workbook.xlsx x.yaml
  govplan import workbook bakana-workbook.xlsx --sample bakana -o bakana.yaml`,
		Args: a.minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return inputMsg(i18n.N(a.lang, "%s takes at most %d arguments, got %d: %s", subcommand(cmd), 2, len(args), strings.Join(args, " ")))
			}
			return a.runImportWorkbook(args[0], args[1:], o)
		},
	}
	c.Flags().StringVar(&o.sample, "sample", "", i18n.T(lang, "apply the workbook to an embedded sample; the result is written to -o"))
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write with --sample: the country file (default NAME.yaml here)"))
	c.Flags().BoolVar(&o.force, "force", false, i18n.T(lang, "replace an existing -o file"))
	return c
}

// importWorkbookOptions are the flags of `govplan import workbook`.
type importWorkbookOptions struct {
	sample, output string
	force          bool
}

func (a *app) runImportWorkbook(book string, args []string, o importWorkbookOptions) error {
	if err := a.checkOut("import workbook", "-o", o.output, outFile, "country.yaml"); err != nil {
		return err
	}
	// Steps: read the workbook, load the country, apply the edits, plan again, save.
	bar := a.progress(i18n.T(a.lang, "Importing the workbook"), 5)
	defer bar.Done()
	edits, err := xlsx.ReadEditsIn(book, a.lang)
	if err != nil {
		return inputError(err)
	}
	bar.Add(1)
	country := ""
	switch {
	case o.sample != "" && len(args) > 0:
		return inputMsg(i18n.T(a.lang, "give a country file or --sample, not both"))
	case o.sample != "":
		if o.output == "" {
			o.output = strings.ToLower(strings.TrimSpace(o.sample)) + ".yaml"
		}
		if _, err := os.Stat(o.output); err == nil && !o.force {
			return inputMsg(i18n.F(a.lang, "%s already exists; choose another -o or add --force to replace it", o.output))
		}
		country = o.output
	case len(args) == 0:
		return inputMsg(i18n.F(a.lang, "name a country file (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	default:
		country = args[0]
	}
	m, err := a.loadPlan(args, countryFlags{sample: o.sample})
	if err != nil {
		return err
	}
	bar.Add(1)
	if iso := m.Doc.File.Country.ISO3; edits.ISO3 != "" && edits.ISO3 != iso {
		return inputMsg(i18n.F(a.lang, "%s is a workbook of %s, but %s is %s; nothing changed", book, edits.ISO3, country, m.Doc.File.Title()))
	}
	a.warn(m.Doc.Warnings)
	res, err := xlsx.ApplyRoadmapEdits(m, edits.Rows)
	if err != nil {
		return err
	}
	bar.Add(1)
	bar.Done() // before the problems and notes are printed
	for _, p := range res.Problems {
		a.problemLine(fmt.Sprintf("%s: %s", book, p))
	}
	if len(res.Changes) == 0 {
		a.note(i18n.T(a.lang, "no changes"))
		return nil
	}
	// The edited file must still plan before it is saved.
	if err := m.Replan(countries.PlanOptions{}); err != nil {
		return inputError(fmt.Errorf("%s: %w", i18n.T(a.lang, "with the workbook's changes the plan does not build, so nothing was saved"), err))
	}
	if o.sample != "" {
		err = m.Doc.SaveAs(country, true)
	} else {
		err = m.Doc.Save()
	}
	if err != nil {
		return err
	}
	for _, c := range res.Changes {
		fmt.Fprintln(a.out, c)
	}
	a.note(i18n.N(a.lang, "saved %s: %d changes under plan:", country, len(res.Changes)))
	return nil
}
