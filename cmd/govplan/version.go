package main

import (
	"fmt"

	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

func (a *app) versionCmd() *cobra.Command {
	var format string
	lang := a.lang
	c := &cobra.Command{
		Use:   "version",
		Short: i18n.T(lang, "Show govplan's version, commit and build date"),
		Example: `  govplan version
  govplan --version
  govplan version --format json`,
		Args: a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.formatFlag(format, "text", "json"); err != nil {
				return err
			}
			v := buildinfo.Read()
			if format == "json" {
				return a.writeJSON(report.Version(v))
			}
			fmt.Fprintln(a.out, v.String())
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "text", i18n.T(lang, "output format: text or json"))
	return c
}
