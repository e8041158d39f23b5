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

// migrateOptions are the flags of `govplan migrate`.
type migrateOptions struct {
	to     string
	output string
	dryRun bool
}

func (a *app) migrateCmd() *cobra.Command {
	var o migrateOptions
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
			return a.runMigrate(args[0], o)
		},
	}
	c.Flags().StringVar(&o.to, "to", "", i18n.T(lang, "framework id@version to move to"))
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write the migrated country file to, instead of rewriting FILE"))
	c.Flags().BoolVar(&o.dryRun, "dry-run", false, i18n.T(lang, "print the migrated file on stdout and change nothing"))
	return c
}

func (a *app) runMigrate(path string, o migrateOptions) error {
	if err := a.checkOut("migrate", "-o", o.output, outFile, "migrated.yaml"); err != nil {
		return err
	}
	if strings.TrimSpace(o.to) == "" {
		return inputMsg(i18n.T(a.lang, "--to is required: the framework version to move to, such as govstack-readiness@1.1.0"))
	}
	fw, mismatch, err := assess.Resolve(o.to)
	if err != nil {
		return inputError(err)
	}
	if mismatch {
		return inputMsg(i18n.F(a.lang, "framework %s is not built in; the nearest built-in version is %s", o.to, fw.Ref()))
	}
	doc, err := countries.Load(path)
	if err != nil {
		return inputError(err)
	}
	from := doc.File.Assessment.Framework
	added, err := doc.Migrate(fw)
	if err != nil {
		return inputError(fmt.Errorf("%s: %w", path, err))
	}
	switch {
	case o.dryRun:
		_, err := a.out.Write(doc.Src())
		return err
	case len(added) == 0 && o.output == "":
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "%s is already on %s: nothing to do", path, fw.Ref()))
		return nil
	case o.output != "" && o.output != path:
		if _, err := os.Stat(o.output); err == nil {
			return inputMsg(i18n.F(a.lang, "%s already exists; choose another -o", o.output))
		}
		if err := doc.SaveAs(o.output, false); err != nil {
			return err
		}
	default:
		if err := doc.Save(); err != nil {
			return err
		}
	}
	dest := path
	if o.output != "" {
		dest = o.output
	}
	fmt.Fprintln(a.errOut, i18n.F(a.lang, "%s: %s → %s; new indicators to answer: %d (%s)", dest, from, fw.Ref(), len(added), strings.Join(added, ", ")))
	return nil
}
