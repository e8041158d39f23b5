package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// catalogOptions are the flags of `govplan catalog`, which its subcommands share.
type catalogOptions struct {
	format string
}

func (a *app) catalogCmd() *cobra.Command {
	o := &catalogOptions{}
	lang := a.lang
	c := &cobra.Command{
		Use:   "catalog",
		Short: i18n.T(lang, "List what is built in: frameworks, sample countries, building blocks, use cases, products"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	c.PersistentFlags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json"))
	c.AddCommand(&cobra.Command{
		Use:   "frameworks",
		Short: i18n.T(lang, "List the built-in readiness frameworks"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCatalogFrameworks(*o)
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "samples",
		Short: i18n.T(lang, "List the embedded sample countries (use one with --sample NAME)"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCatalogSamples(*o)
		},
	})
	c.AddCommand(a.catalogBlocksCmd(o), a.catalogUseCasesCmd(o), a.catalogProductsCmd(o))
	return c
}

func (a *app) runCatalogFrameworks(o catalogOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	list, err := assess.Embedded()
	if err != nil {
		return err
	}
	type fwJSON struct {
		ID         string `json:"id"`
		Version    string `json:"version"`
		Name       string `json:"name"`
		Pillars    int    `json:"pillars"`
		Indicators int    `json:"indicators"`
	}
	var rows []fwJSON
	for _, fw := range list {
		rows = append(rows, fwJSON{fw.ID, fw.Version, fw.Name.In(a.lang), len(fw.Pillars), len(fw.Indicators())})
	}
	if o.format == "json" {
		return a.writeList("frameworks", rows)
	}
	tw := newTable(a.out)
	fmt.Fprintln(tw, strings.Join([]string{"ID", i18n.T(a.lang, "Version"), i18n.T(a.lang, "Pillars"), i18n.T(a.lang, "Indicators"), i18n.T(a.lang, "Name")}, "\t"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", r.ID, r.Version, r.Pillars, r.Indicators, r.Name)
	}
	return tw.Flush()
}

func (a *app) runCatalogSamples(o catalogOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	type sampleJSON struct {
		Name      string               `json:"name"`
		Country   string               `json:"country"`
		ISO3      string               `json:"iso3"`
		Framework report.FrameworkJSON `json:"framework"`
		Date      string               `json:"date"`
	}
	var rows []sampleJSON
	for _, n := range countries.SampleNames() {
		doc, err := countries.Sample(n)
		if err != nil {
			return err
		}
		f := doc.File
		id, version := assess.SplitRef(f.Assessment.Framework)
		rows = append(rows, sampleJSON{n, f.Country.Name, f.Country.ISO3, report.FrameworkJSON{ID: id, Version: version}, f.Assessment.Date})
	}
	if o.format == "json" {
		return a.writeList("samples", rows)
	}
	tw := newTable(a.out)
	fmt.Fprintln(tw, strings.Join([]string{i18n.T(a.lang, "Sample"), i18n.T(a.lang, "Country"), "ISO3", i18n.T(a.lang, "Framework"), i18n.T(a.lang, "Assessed")}, "\t"))
	for _, r := range rows {
		fw := r.Framework.ID
		if r.Framework.Version != "" {
			fw += "@" + r.Framework.Version
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Country, r.ISO3, fw, dateText(a.lang, r.Date))
	}
	tw.Flush()
	fmt.Fprintf(a.out, "\n%s\n", i18n.T(a.lang, "The samples are fictional countries for trying govplan: govplan score --sample NAME"))
	return nil
}
