package main

import (
	"fmt"

	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// versionOptions are the flags of `govplan version`.
type versionOptions struct {
	format string
}

func (a *app) versionCmd() *cobra.Command {
	var o versionOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "version",
		Short: i18n.T(lang, "Show govplan's version, commit and build date"),
		Example: `  govplan version
  govplan --version
  govplan version --format json`,
		Args: a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runVersion(o)
		},
	}
	c.Flags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json"))
	return c
}

func (a *app) runVersion(o versionOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	v := buildinfo.Read()
	if o.format == "json" {
		return a.writeJSON(report.Version(v))
	}
	fmt.Fprintln(a.out, v.String())
	return nil
}
