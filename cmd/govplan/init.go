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

// initOptions are the flags of `govplan init`.
type initOptions struct {
	framework string
	name      string
	iso3      string
	region    string
	date      string
	output    string
	force     bool
}

func (a *app) initCmd() *cobra.Command {
	var o initOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "init " + i18n.T(lang, "--name NAME --iso3 CODE [--framework ID] [-o FILE]"),
		Short: i18n.T(lang, "Write a new country file with every indicator of the framework, unanswered"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runInit(o)
		},
	}
	c.Flags().StringVar(&o.framework, "framework", "govstack-readiness", i18n.T(lang, "framework: an embedded id or a template file path"))
	c.Flags().StringVar(&o.name, "name", "", i18n.T(lang, "the country's name, e.g. \"Republic of X\""))
	c.Flags().StringVar(&o.iso3, "iso3", "", i18n.T(lang, "ISO 3166 alpha-3 code; XAA–XZZ for fictional or sub-national units"))
	c.Flags().StringVar(&o.region, "region", "", i18n.T(lang, "region, e.g. \"East Africa\""))
	c.Flags().StringVar(&o.date, "date", "", i18n.T(lang, "assessment date YYYY-MM-DD (default today)"))
	c.Flags().StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write (default <name>.yaml here; - for standard output)"))
	c.Flags().BoolVar(&o.force, "force", false, i18n.T(lang, "replace an existing file"))
	return c
}

func (a *app) runInit(o initOptions) error {
	if err := a.checkOut("init", "-o", o.output, outFile, "country.yaml"); err != nil {
		return err
	}
	fw, mismatch, err := assess.Resolve(o.framework)
	if err != nil {
		return inputError(err)
	}
	if mismatch {
		return inputMsg(i18n.F(a.lang, "framework %s is built in at version %s only", o.framework, assess.BuiltinVersions(fw.ID)))
	}
	if strings.TrimSpace(o.name) == "" {
		return inputMsg(i18n.T(a.lang, "--name is required (the country's name)"))
	}
	code := strings.ToUpper(strings.TrimSpace(o.iso3))
	if !iso3166.Valid(code) {
		return inputMsg(i18n.F(a.lang, "--iso3 %q is not an ISO 3166 alpha-3 code (use XAA–XZZ for fictional or sub-national units)", o.iso3))
	}
	day := time.Now()
	if o.date != "" {
		if day, err = time.Parse(countries.DateLayout, o.date); err != nil {
			return inputMsg(i18n.F(a.lang, "--date %q is not a date in the form YYYY-MM-DD", o.date))
		}
	}
	text, err := countries.New(fw, countries.Country{Name: strings.TrimSpace(o.name), ISO3: code, Region: o.region}, day)
	if err != nil {
		return err
	}
	if o.output == "-" {
		_, err := a.out.Write(text)
		return err
	}
	if o.output == "" {
		o.output = countries.Slug(o.name, code) + ".yaml"
	}
	if _, err := os.Stat(o.output); err == nil && !o.force {
		return inputMsg(i18n.F(a.lang, "%s already exists; choose another -o or add --force to replace it", o.output))
	}
	if err := atomicfile.Write(o.output, text, 0o644); err != nil {
		return err
	}
	a.note(i18n.F(a.lang, "wrote %s: %s (%s), %s, %d indicators to answer", o.output, o.name, code, fw.Ref(), len(fw.Indicators())))
	a.note(i18n.F(a.lang, "next: govplan assess %s", o.output))
	return nil
}
