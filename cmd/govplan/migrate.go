package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/spf13/cobra"
)

func (a *app) migrateCmd() *cobra.Command {
	var to, output string
	var dryRun bool
	lang := a.lang
	c := &cobra.Command{
		Use:   "migrate " + i18n.T(lang, "FILE --to ID@VERSION"),
		Short: i18n.T(lang, "Move a country file to a newer version of its framework, keeping every answer"),
		Long:  localHelp(i18n.T(lang, "migrate sets the file's framework to the version given with --to and adds that version's new indicators, unanswered. Every answer, comment and blank line stays byte for byte; answers to indicators the new version does not have are kept. The file is rewritten in place (atomically) unless -o names another file or --dry-run prints the result.")),
		Example: `  govplan migrate bakana.yaml --to govstack-readiness@1.1.0
  govplan migrate bakana.yaml --to govstack-readiness@1.1.0 --dry-run | diff bakana.yaml -
  govplan migrate old.yaml --to govstack-readiness@1.1.0 -o new.yaml`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(to) == "" {
				return inputMsg(i18n.T(a.lang, "--to is required: the framework version to move to, such as govstack-readiness@1.1.0"))
			}
			fw, mismatch, err := assess.Resolve(to)
			if err != nil {
				return inputError(err)
			}
			if mismatch {
				return inputMsg(i18n.F(a.lang, "framework %s is not built in; the nearest built-in version is %s", to, fw.Ref()))
			}
			doc, err := countries.Load(args[0])
			if err != nil {
				return inputError(err)
			}
			from := doc.File.Assessment.Framework
			added, err := doc.Migrate(fw)
			if err != nil {
				return inputError(fmt.Errorf("%s: %w", args[0], err))
			}
			switch {
			case dryRun:
				_, err := a.out.Write(doc.Src())
				return err
			case len(added) == 0 && output == "":
				fmt.Fprintln(a.errOut, i18n.F(a.lang, "%s is already on %s: nothing to do", args[0], fw.Ref()))
				return nil
			case output != "" && output != args[0]:
				if _, err := os.Stat(output); err == nil {
					return inputMsg(i18n.F(a.lang, "%s already exists; choose another -o", output))
				}
				if err := doc.SaveAs(output, false); err != nil {
					return err
				}
			default:
				if err := doc.Save(); err != nil {
					return err
				}
			}
			dest := args[0]
			if output != "" {
				dest = output
			}
			fmt.Fprintln(a.errOut, i18n.F(a.lang, "%s: %s → %s; new indicators to answer: %d (%s)", dest, from, fw.Ref(), len(added), strings.Join(added, ", ")))
			return nil
		},
	}
	c.Flags().StringVar(&to, "to", "", i18n.T(lang, "framework id@version to move to"))
	c.Flags().StringVarP(&output, "output", "o", "", i18n.T(lang, "write the migrated file here instead of rewriting FILE"))
	c.Flags().BoolVar(&dryRun, "dry-run", false, i18n.T(lang, "print the migrated file on stdout and change nothing"))
	return c
}
