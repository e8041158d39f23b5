package main

import (
	"os"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/iso3166"
	"github.com/spf13/cobra"
)

func (a *app) initCmd() *cobra.Command {
	var framework, name, iso3, region, output, date string
	var force bool
	lang := a.lang
	c := &cobra.Command{
		Use:   "init " + i18n.T(lang, "--name NAME --iso3 CODE [--framework ID] [-o FILE]"),
		Short: i18n.T(lang, "Write a new country file with every indicator of the framework, unanswered"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			fw, mismatch, err := assess.Resolve(framework)
			if err != nil {
				return inputError(err)
			}
			if mismatch {
				return inputMsg(i18n.F(a.lang, "framework %s is built in at version %s only", framework, assess.BuiltinVersions(fw.ID)))
			}
			if strings.TrimSpace(name) == "" {
				return inputMsg(i18n.T(a.lang, "--name is required (the country's name)"))
			}
			code := strings.ToUpper(strings.TrimSpace(iso3))
			if !iso3166.Valid(code) {
				return inputMsg(i18n.F(a.lang, "--iso3 %q is not an ISO 3166 alpha-3 code (use XAA–XZZ for fictional or sub-national units)", iso3))
			}
			day := time.Now()
			if date != "" {
				if day, err = time.Parse(countries.DateLayout, date); err != nil {
					return inputMsg(i18n.F(a.lang, "--date %q is not a date in the form YYYY-MM-DD", date))
				}
			}
			text, err := countries.New(fw, countries.Country{Name: strings.TrimSpace(name), ISO3: code, Region: region}, day)
			if err != nil {
				return err
			}
			if output == "-" {
				_, err := a.out.Write(text)
				return err
			}
			if output == "" {
				output = countries.Slug(name, code) + ".yaml"
			}
			if _, err := os.Stat(output); err == nil && !force {
				return inputMsg(i18n.F(a.lang, "%s already exists; choose another -o or add --force to replace it", output))
			}
			if err := atomicfile.Write(output, text, 0o644); err != nil {
				return err
			}
			a.note(i18n.F(a.lang, "wrote %s: %s (%s), %s, %d indicators to answer", output, name, code, fw.Ref(), len(fw.Indicators())))
			a.note(i18n.F(a.lang, "next: govplan assess %s", output))
			return nil
		},
	}
	c.Flags().StringVar(&framework, "framework", "govstack-readiness", i18n.T(lang, "framework: an embedded id or a template file path"))
	c.Flags().StringVar(&name, "name", "", i18n.T(lang, "the country's name, e.g. \"Republic of X\""))
	c.Flags().StringVar(&iso3, "iso3", "", i18n.T(lang, "ISO 3166 alpha-3 code; XAA–XZZ for fictional or sub-national units"))
	c.Flags().StringVar(&region, "region", "", i18n.T(lang, "region, e.g. \"East Africa\""))
	c.Flags().StringVar(&date, "date", "", i18n.T(lang, "assessment date YYYY-MM-DD (default today)"))
	c.Flags().StringVarP(&output, "output", "o", "", i18n.T(lang, "file to write (default <name>.yaml here; - for standard output)"))
	c.Flags().BoolVar(&force, "force", false, i18n.T(lang, "replace an existing file"))
	return c
}
