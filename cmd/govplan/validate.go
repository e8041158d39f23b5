package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/spf13/cobra"
)

func (a *app) validateCmd() *cobra.Command {
	var framework, format string
	lang := a.lang
	c := &cobra.Command{
		Use:   "validate " + i18n.T(lang, "FILE..."),
		Short: i18n.T(lang, "Check framework templates and country files, reporting every problem with its line"),
		Long:  localHelp(i18n.T(lang, "validate reads each file, works out whether it is a framework template or a country file, and reports every problem it finds (not just the first) as file:line:column: message. A country file is also checked against its framework. Exit code 2 when any file has errors.")),
		Args:  a.minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.formatFlag(format, "text", "json"); err != nil {
				return err
			}
			bad := 0
			var report []validateJSON
			for _, path := range args {
				errs, warns, kind := a.validateFile(path, framework)
				if len(errs) > 0 {
					bad++
				}
				if format == "json" {
					report = append(report, validateJSON{Path: path, Kind: kind, OK: len(errs) == 0,
						Errors: problemsJSON(errs, a.lang), Warnings: problemsJSON(warns, a.lang)})
					continue
				}
				if len(errs) > 0 {
					// Errors first: in a flood they are what must be seen.
					a.printError(errs)
					a.warn(warns)
					continue
				}
				a.warn(warns)
				fmt.Fprintln(a.out, i18n.F(a.lang, "%s: ok (%s)", path, kind))
			}
			if format == "json" {
				if err := a.writeJSON(struct {
					Files []validateJSON `json:"files"`
				}{report}); err != nil {
					return err
				}
			}
			if bad > 0 {
				if len(args) > 1 && format != "json" {
					fmt.Fprintln(a.errOut, i18n.F(a.lang, "%d of %d files have errors", bad, len(args)))
				}
				return &exitError{code: exitInput, err: errReported}
			}
			return nil
		},
	}
	c.Flags().StringVar(&framework, "framework", "", i18n.T(lang, "check country files against this framework (id[@version] or template path)"))
	c.Flags().StringVar(&format, "format", "text", i18n.T(lang, "output format: text or json (json lists every problem, however many)"))
	return c
}

// validateJSON is the result of validate for one file, with every problem.
type validateJSON struct {
	Path     string        `json:"path"`
	Kind     string        `json:"kind,omitempty"`
	OK       bool          `json:"ok"`
	Errors   []problemJSON `json:"errors"`
	Warnings []problemJSON `json:"warnings"`
}

// problemJSON is one positioned problem (line and column 0 when the file has no position).
type problemJSON struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func problemsJSON(es yamlx.Errors, lang string) []problemJSON {
	out := make([]problemJSON, 0, len(es))
	for _, e := range es {
		msg := e.Msg
		if e.Format != "" {
			msg = yamlx.Message{Format: e.Format, Args: e.Args}.In(lang)
		}
		out = append(out, problemJSON{File: e.File, Line: e.Line, Column: e.Col, Message: msg})
	}
	return out
}

// validateFile checks one file and says what kind of file it was.
func (a *app) validateFile(path, framework string) (errs, warns yamlx.Errors, kind string) {
	data, err := yamlx.ReadFile(path)
	if err != nil {
		return yamlx.AsErrors(err), nil, ""
	}
	if looksLikeFramework(data) {
		fw, err := assess.ParseFramework(path, data)
		if err != nil {
			return yamlx.AsErrors(err), nil, "framework template"
		}
		cat, err := a.catalog()
		if err != nil {
			return yamlx.AsErrors(err), fw.Warnings, "framework template"
		}
		if err := fw.CheckGateBlocks(func(id string) bool { return cat.Block(id) != nil }, strings.Join(cat.BlockIDs(), ", ")); err != nil {
			return yamlx.AsErrors(err), fw.Warnings, "framework template"
		}
		return nil, fw.Warnings, i18n.F(a.lang, "framework template %s, %d pillars, %d indicators", fw.Ref(), len(fw.Pillars), len(fw.Indicators()))
	}
	doc, err := countries.Parse(path, data)
	if err != nil {
		return yamlx.AsErrors(err), nil, "country file"
	}
	fw, err := doc.Framework(framework)
	if err != nil {
		return yamlx.AsErrors(err), doc.Warnings, "country file"
	}
	if err = doc.Check(fw); err != nil {
		return yamlx.AsErrors(err), doc.Warnings, "country file"
	}
	cat, err := a.catalog()
	if err != nil {
		return yamlx.AsErrors(err), doc.Warnings, "country file"
	}
	if err = doc.CheckCatalog(cat); err != nil {
		return yamlx.AsErrors(err), doc.Warnings, "country file"
	}
	// validate refuses whatever roadmap and export would refuse: plan the file too (a cycle in
	// plan edits, a dependency on an unknown activity, a currency without a rate).
	if err = countries.Build(doc, fw, cat, a.lang).Replan(countries.PlanOptions{}); err != nil {
		return yamlx.AsErrors(err), doc.Warnings, "country file"
	}
	f := doc.File
	return nil, doc.Warnings, i18n.F(a.lang, "country file for %s, %s, %d of %d indicators answered",
		f.Title(), fw.Ref(), len(fw.Indicators())-len(f.Unanswered(fw)), len(fw.Indicators()))
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
