package main

import (
	"fmt"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/xlsx"
	"github.com/spf13/cobra"
)

// importWorkbookCmd reads what planners edited in a workbook back into the country file.
func (a *app) importWorkbookCmd() *cobra.Command {
	lang := a.lang
	return &cobra.Command{
		Use:   "workbook " + i18n.T(lang, "FILE.xlsx COUNTRY.yaml"),
		Short: i18n.T(lang, "Read the status and owner columns planners edited in a workbook back into the country file"),
		Long: localHelp(
			i18n.T(lang, "import workbook reads the Roadmap sheet of a workbook govplan wrote (and planners edited in Excel or LibreOffice): each row's ID, Status and Owner columns, found by their headers. A status or owner that differs from the plan is written into the country file's plan: section (plan.status.<id>, plan.change.<id>.owner), so the next export shows it; comments and every other line of the file stay as they are."),
			i18n.T(lang, "A row whose id is not an activity of the plan, whose status is not one of not-started, in-progress, done, blocked, or whose owner is not an id is reported and left alone, never guessed. A workbook of another country (its Summary sheet names another ISO code) is refused."),
		),
		Args: a.exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImportWorkbook(args[0], args[1])
		},
	}
}

func (a *app) runImportWorkbook(book, country string) error {
	edits, err := xlsx.ReadEditsIn(book, a.lang)
	if err != nil {
		return inputError(err)
	}
	m, err := a.loadPlan([]string{country}, countryFlags{})
	if err != nil {
		return err
	}
	if iso := m.Doc.File.Country.ISO3; edits.ISO3 != "" && edits.ISO3 != iso {
		return inputMsg(i18n.F(a.lang, "%s is a workbook of %s, but %s is %s; nothing changed", book, edits.ISO3, country, m.Doc.File.Title()))
	}
	a.warn(m.Doc.Warnings)
	res, err := xlsx.ApplyRoadmapEdits(m, edits.Rows)
	if err != nil {
		return err
	}
	for _, p := range res.Problems {
		a.problemLine(fmt.Sprintf("%s: %s", book, p))
	}
	if len(res.Changes) == 0 {
		a.note(i18n.T(a.lang, "no changes"))
		return nil
	}
	// The edited file must still plan before it is saved.
	if err := m.Replan(a.planOpts); err != nil {
		return inputError(fmt.Errorf("%s: %w", i18n.T(a.lang, "with the workbook's changes the plan does not build, so nothing was saved"), err))
	}
	if err := m.Doc.Save(); err != nil {
		return err
	}
	for _, c := range res.Changes {
		fmt.Fprintln(a.out, c)
	}
	a.note(i18n.F(a.lang, "saved %s: %d change(s) under plan:", country, len(res.Changes)))
	return nil
}
