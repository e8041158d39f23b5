package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// validateOptions are the flags of `govplan validate`.
type validateOptions struct {
	framework string
	sample    string
	format    string
}

func (a *app) validateCmd() *cobra.Command {
	var o validateOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "validate " + i18n.T(lang, "FILE..."),
		Short: i18n.T(lang, "Check framework templates and country files, reporting every problem with its line"),
		Long:  localHelp(i18n.T(lang, "validate reads each file, works out whether it is a framework template or a country file, and reports every problem it finds (not just the first) as file:line:column: message. A country file is also checked against its framework. Exit code 2 when any file has errors.")),
		Example: `  govplan validate x.yaml
  govplan validate countries/*.yaml templates/my-framework.yaml
  govplan validate --sample bakana
  cat x.yaml | govplan validate -
  govplan validate x.yaml --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runValidate(args, o)
		},
	}
	c.Flags().StringVar(&o.framework, "framework", "", i18n.T(lang, "check country files against this framework (id[@version] or template path)"))
	c.Flags().StringVar(&o.sample, "sample", "", i18n.T(lang, "use an embedded sample country instead of a file (see govplan catalog samples)"))
	c.Flags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json (json lists every problem, however many)"))
	return c
}

func (a *app) runValidate(args []string, o validateOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	if o.sample != "" {
		args = append(args, "sample:"+o.sample)
	}
	if len(args) == 0 {
		return inputMsg(i18n.F(a.lang, "name a country file (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	}
	if o.format == "json" {
		return a.validateJSON(args, o.framework)
	}
	bad := 0
	for _, path := range args {
		v := a.validateFile(path, o.framework)
		if len(v.errs) > 0 {
			bad++
			// Errors first: in a flood they are what must be seen.
			a.printError(v.errs)
			a.warn(v.warns)
			continue
		}
		a.warn(v.warns)
		fmt.Fprintln(a.out, i18n.F(a.lang, "%s: ok (%s)", v.name, v.summary(a.lang)))
	}
	if bad > 0 {
		if len(args) > 1 {
			fmt.Fprintln(a.errOut, i18n.N(a.lang, "%d of %d files have errors", bad, len(args)))
		}
		return &exitError{code: exitInput, err: errReported}
	}
	return nil
}

// validated is what validate found in one file.
type validated struct {
	name   string       // the file as named in messages
	kind   string       // "framework" or "country"; "" when unreadable
	errs   yamlx.Errors // errors (empty: the file is ok)
	warns  yamlx.Errors
	fw     *assess.Framework
	doc    *countries.Doc // a country file that parsed
	answer int            // indicators answered
}

// summary says in the language of texts what a good file is.
func (v validated) summary(lang string) string {
	if v.kind == "framework" {
		return i18n.F(lang, "framework template %s, %d pillars, %d indicators", v.fw.Ref(), len(v.fw.Pillars), len(v.fw.Indicators()))
	}
	return i18n.F(lang, "country file for %s, %s, %d of %d indicators answered",
		v.doc.File.Title(), v.fw.Ref(), v.answer, len(v.fw.Indicators()))
}

// validateFile checks one file ("-" is standard input, "sample:NAME" an embedded sample).
func (a *app) validateFile(path, framework string) (v validated) {
	v.name = path
	fail := func(err error) validated {
		v.errs = yamlx.AsErrors(err)
		if v.doc != nil {
			v.warns = v.doc.Warnings // checks add warnings as they go
		}
		return v
	}
	var data []byte
	var err error
	switch {
	case path == "-":
		v.name = stdinName
		data, err = a.readStdin()
	case strings.HasPrefix(path, "sample:"):
		data, err = countries.SampleSource(strings.TrimPrefix(path, "sample:"))
	default:
		data, err = yamlx.ReadFile(path)
	}
	if err != nil {
		return fail(err)
	}
	cat, err := a.catalog()
	if err != nil {
		return fail(err)
	}
	if looksLikeFramework(data) {
		v.kind = "framework"
		if v.fw, err = assess.ParseFramework(v.name, data); err != nil {
			return fail(err)
		}
		v.warns = v.fw.Warnings
		if err := v.fw.CheckGateBlocks(func(id string) bool { return cat.Block(id) != nil }, strings.Join(cat.BlockIDs(), ", ")); err != nil {
			return fail(err)
		}
		return v
	}
	v.kind = "country"
	if v.doc, err = countries.Parse(v.name, data); err != nil {
		return fail(err)
	}
	v.warns = v.doc.Warnings
	if v.fw, err = v.doc.Framework(framework); err != nil {
		return fail(err)
	}
	if err = v.doc.Check(v.fw); err != nil {
		return fail(err)
	}
	if err = v.doc.CheckCatalog(cat); err != nil {
		return fail(err)
	}
	// validate refuses whatever roadmap and export would refuse: plan the file too (a cycle in
	// plan edits, a dependency on an unknown activity, a currency without a rate).
	if err = countries.Build(v.doc, v.fw, cat, a.lang).Replan(countries.PlanOptions{}); err != nil {
		return fail(err)
	}
	v.warns = v.doc.Warnings
	v.answer = len(v.fw.Indicators()) - len(v.doc.File.Unanswered(v.fw))
	return v
}

// validateJSON prints one document for every file: its kind, and its errors and warnings
// with their positions. The exit code is 2 when any file has errors, as in text.
func (a *app) validateJSON(args []string, framework string) error {
	out := report.ValidateJSON{Header: report.NewHeader(), Files: []report.ValidatedFileJSON{}}
	for _, path := range args {
		v := a.validateFile(path, framework)
		f := report.ValidatedFileJSON{File: v.name, Kind: v.kind, OK: len(v.errs) == 0,
			Errors: report.Problems(v.errs, a.lang), Warnings: report.Problems(v.warns, a.lang)}
		if f.OK {
			f.Summary = v.summary(a.lang)
			if v.fw != nil {
				f.Framework = &report.FrameworkJSON{ID: v.fw.ID, Version: v.fw.Version}
			}
			if v.doc != nil {
				f.Country = &report.CountryJSON{Name: v.doc.File.Country.Name, ISO3: v.doc.File.Country.ISO3}
				f.Answered, f.Indicators = &v.answer, len(v.fw.Indicators())
			}
		} else {
			out.Invalid++
		}
		out.Files = append(out.Files, f)
	}
	if err := a.writeJSON(out); err != nil {
		return err
	}
	if out.Invalid > 0 {
		return &exitError{code: exitInput, err: errReported}
	}
	return nil
}

// looksLikeFramework tells a template from a country file by its top-level keys.
func looksLikeFramework(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "pillars:") || strings.HasPrefix(line, "scale:") {
			return true
		}
		if strings.HasPrefix(line, "schema:") || strings.HasPrefix(line, "country:") {
			return false
		}
	}
	return false
}
