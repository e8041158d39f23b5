package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/questionnaire"
	"github.com/spf13/cobra"
)

// questionnaireOptions are the flags of `govplan questionnaire`.
type questionnaireOptions struct {
	country  countryFlags
	ministry string
	all      bool
	out      string
}

func (a *app) questionnaireCmd() *cobra.Command {
	var o questionnaireOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "questionnaire " + i18n.T(lang, "FILE|--sample NAME --ministry ID [--all] -o OUT.xlsx"),
		Short: i18n.T(lang, "Write a ministry's questionnaire workbook, to fill in before the workshop"),
		Long: localHelp(
			i18n.T(lang, "questionnaire writes one workbook for one ministry: a row for each indicator the framework says that ministry owns (or every indicator with --all), with drop-downs for levels, yes/no and confidence, numbers checked against their valid range, and the other ministries' current answers for reference. Send it to the ministry; read it back with govplan import answers."),
		),
		Example: `  govplan questionnaire bakana.yaml --ministry finance -o bakana-finance.xlsx
  govplan questionnaire --sample bakana --ministry health --all --lang fr -o sante.xlsx
  govplan import answers bakana-finance.xlsx bakana.yaml`,
		Args: a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runQuestionnaire(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.ministry, "ministry", "", i18n.T(lang, "the ministry answering (an id from the file's ministries)"))
	c.Flags().BoolVar(&o.all, "all", false, i18n.T(lang, "ask every indicator, not only those the ministry owns"))
	c.Flags().StringVarP(&o.out, "output", "o", "", i18n.T(lang, "file to write: the workbook (.xlsx)"))
	_ = c.MarkFlagRequired("ministry")
	_ = c.MarkFlagRequired("output")
	return c
}

func (a *app) runQuestionnaire(args []string, o questionnaireOptions) error {
	if err := a.checkOut("questionnaire", "-o", o.out, outFile, "questionnaire.xlsx"); err != nil {
		return err
	}
	doc, fw, err := a.loadCountry(args, o.country)
	if err != nil {
		return err
	}
	a.warn(doc.Warnings)
	min := ident.Norm(o.ministry)
	f := doc.File
	if len(f.Ministries) > 0 && !f.MinistryIDs()[min] {
		var ids []string
		for _, m := range f.Ministries {
			ids = append(ids, m.ID)
		}
		return inputMsg(i18n.F(a.lang, "%s has no ministry %q (ministries: %s); add it on the Context step first", doc.Name, o.ministry, strings.Join(ids, ", ")))
	}
	if !o.all && len(questionnaire.Indicators(fw, min, false)) == 0 {
		return inputMsg(i18n.F(a.lang, "no indicator of %s names %q among its owners, so its questionnaire would be empty; use --all to ask it every question", fw.Ref(), min))
	}
	if !strings.HasSuffix(strings.ToLower(o.out), ".xlsx") {
		return inputMsg(i18n.F(a.lang, "-o %s: the questionnaire is an .xlsx workbook; name the file *.xlsx", o.out))
	}
	var n int
	err = atomicfile.WriteFunc(o.out, 0o644, func(w io.Writer) error {
		var err error
		n, err = questionnaire.Write(w, doc, fw, questionnaire.Options{Ministry: min, All: o.all, Lang: a.lang})
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", o.out, err)
	}
	a.note(i18n.F(a.lang, "wrote %s: %d questions for %s (%s)", o.out, n, min, f.Title()))
	a.note(i18n.F(a.lang, "next: send it to the ministry, then govplan import answers %s %s", o.out, orSample(doc.Path, o.country.sample)))
	return nil
}

func orSample(path, sample string) string {
	if path != "" {
		return path
	}
	return "FILE.yaml"
}

// importAnswersOptions are the flags of `govplan import answers`.
type importAnswersOptions struct {
	dryRun bool
}

func (a *app) importAnswersCmd() *cobra.Command {
	var o importAnswersOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "answers " + i18n.T(lang, "WORKBOOK.xlsx FILE"),
		Short: i18n.T(lang, "Merge a filled questionnaire into the country file as that ministry's answers"),
		Long: localHelp(
			i18n.T(lang, "import answers reads a questionnaire made by govplan questionnaire and filled in by a ministry, and writes the rows the ministry changed into the country file as its answers (by: the ministry). Every other answer, comment and line stays as it is. The file may have changed since the questionnaire went out: rows the ministry left as they were do not overwrite newer answers."),
			i18n.T(lang, "Nothing is written when a cell cannot be read or a number is out of range: every such cell is listed with its reference. A workbook made for another country, framework or ministry is refused."),
		),
		Example: `  govplan import answers bakana-finance.xlsx bakana.yaml
  govplan import answers bakana-finance.xlsx bakana.yaml --dry-run`,
		Args: a.exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImportAnswers(args[0], args[1], o)
		},
	}
	c.Flags().BoolVar(&o.dryRun, "dry-run", false, i18n.T(lang, "report what would change without writing the file"))
	return c
}

func (a *app) runImportAnswers(book, path string, o importAnswersOptions) error {
	doc, fw, err := a.loadCountry([]string{path}, countryFlags{})
	if err != nil {
		return err
	}
	st, err := os.Stat(book)
	switch {
	case err != nil:
		return inputError(&yamlx.Error{File: book, Msg: i18n.F(a.lang, "cannot open: %s", plainErr(err))})
	case st.IsDir():
		return inputError(&yamlx.Error{File: book, Msg: i18n.T(a.lang, "is a folder, expected an .xlsx workbook")})
	case st.Size() > maxCSVSize:
		return inputError(&yamlx.Error{File: book, Msg: i18n.F(a.lang, "file is %s bytes, larger than the %d MiB limit for tables", i18n.Int(a.lang, float64(st.Size())), maxCSVSize>>20)})
	}
	r, err := os.Open(book)
	if err != nil {
		return inputError(&yamlx.Error{File: book, Msg: i18n.F(a.lang, "cannot open: %s", plainErr(err))})
	}
	defer r.Close()
	q, err := questionnaire.Read(r, fw, a.lang)
	if err != nil {
		if errors.Is(err, questionnaire.ErrNotQuestionnaire) {
			return inputMsg(book + ": " + i18n.T(a.lang, "not a govplan questionnaire (its hidden govplan sheet is missing); make one with govplan questionnaire"))
		}
		return inputMsg(book + ": " + err.Error())
	}
	if err := q.CheckFor(doc, fw, a.lang); err != nil {
		return inputMsg(book + ": " + err.Error())
	}
	if len(q.Problems) > 0 {
		for _, p := range q.Problems {
			kind := i18n.T(a.lang, "cannot read")
			if p.OutOfRange {
				kind = i18n.T(a.lang, "out of range")
			}
			fmt.Fprintf(a.errOut, "%s: %s: %s: %s\n", book, p.Cell, kind, p.Msg)
		}
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "govplan: %d cells of %s need fixing; nothing was written to %s", len(q.Problems), book, path))
		return &exitError{code: exitInput, err: errReported}
	}
	res, err := questionnaire.Merge(doc, fw, q, a.lang)
	if err != nil {
		return inputError(err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "warning: %s", w))
	}
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	for _, c := range res.Changes {
		switch {
		case c.Cleared:
			fmt.Fprintln(a.out, i18n.F(a.lang, "  %s: %s → cleared", c.ID, dash(c.Before)))
		case c.Detail:
			fmt.Fprintln(a.out, i18n.F(a.lang, "  %s: %s (evidence, notes or confidence updated)", c.ID, dash(c.After)))
		default:
			fmt.Fprintln(a.out, i18n.F(a.lang, "  %s: %s → %s", c.ID, dash(c.Before), dash(c.After)))
		}
	}
	for _, id := range res.NewDisputes {
		fmt.Fprintln(a.out, i18n.F(a.lang, "  new dispute: %s (answers 2 or more levels apart; settle it in the workshop)", id))
	}
	if o.dryRun {
		fmt.Fprintln(a.out, i18n.F(a.lang, "dry run: %d answers of %s would change in %s (%d rows unchanged); nothing written", len(res.Changes), res.Ministry, path, res.Untouched))
		return nil
	}
	if len(res.Changes) > 0 {
		if err := doc.Save(); err != nil {
			return err
		}
	}
	a.note(i18n.N(a.lang, "%d answers of %s merged into %s (%d rows unchanged, %d new disputes)", len(res.Changes), res.Ministry, path, res.Untouched, len(res.NewDisputes)))
	return nil
}
