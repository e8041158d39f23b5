package main

import (
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/spf13/cobra"
)

// Shell completion (govplan completion bash|zsh|fish|powershell) offers what a flag or
// argument can be: sample names, framework ids, catalog ids, kinds, formats, languages.

type completeFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// completeValues offers a fixed list, and no file names.
func completeValues(values ...string) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeSamples(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return countries.SampleNames(), cobra.ShellCompDirectiveNoFileComp
}

// completeFrameworks offers the embedded framework ids; a template path is completed as a
// file.
func completeFrameworks(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if strings.ContainsAny(toComplete, "/.") {
		return nil, cobra.ShellCompDirectiveDefault
	}
	var ids []string
	list, _ := assess.Embedded()
	for _, fw := range list {
		ids = append(ids, fw.ID)
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func completeLanguages(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return i18n.Languages(), cobra.ShellCompDirectiveNoFileComp
}

// completeCountryFiles offers YAML files for a country-file argument, one at most.
func completeCountryFiles(max int) completeFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if max > 0 && len(args) >= max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// completeCatalog offers the ids of one kind of catalog item as the only argument.
func (a *app) completeCatalog(ids func(*catalog.Catalog) []string) completeFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		cat, err := catalog.Load(a.catalogDir)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		return ids(cat), cobra.ShellCompDirectiveNoFileComp
	}
}

// formats lists each command's --format values (TestCompletion checks them against the flag's
// description).
var formats = map[string][]string{
	"score": {"text", "json"}, "match": {"text", "json"}, "roadmap": {"text", "json"},
	"validate": {"text", "json"}, "version": {"text", "json"}, "compare": {"text", "json"},
	"diagram": {"svg", "png", "dot", "mermaid"}, "report": {"html", "pdf", "md"},
	"frameworks": {"text", "json"}, "samples": {"text", "json"}, "blocks": {"text", "json"},
	"usecases": {"text", "json"}, "products": {"text", "json"}, "catalog": {"text", "json"},
}

// registerCompletions walks the commands and registers what each flag and argument can be.
func (a *app) registerCompletions(root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("lang", completeLanguages)
	_ = root.RegisterFlagCompletionFunc("catalog", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	ids := map[string]func(*catalog.Catalog) []string{
		"blocks": func(c *catalog.Catalog) []string { return c.BlockIDs() },
		"usecases": func(c *catalog.Catalog) []string {
			var out []string
			for _, u := range c.UseCases {
				out = append(out, u.ID)
			}
			return out
		},
		"products": func(c *catalog.Catalog) []string {
			var out []string
			for _, p := range c.Products {
				out = append(out, p.ID)
			}
			return out
		},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		set := func(flag string, fn completeFunc) {
			if c.LocalFlags().Lookup(flag) == nil {
				return
			}
			if _, ok := c.GetFlagCompletionFunc(flag); ok {
				return
			}
			_ = c.RegisterFlagCompletionFunc(flag, fn)
		}
		set("sample", completeSamples)
		set("framework", completeFrameworks)
		set("kind", completeValues(diagramKinds...))
		set("usecase", a.completeCatalog(ids["usecases"]))
		if f, ok := formats[c.Name()]; ok {
			set("format", completeValues(f...))
		}
		if c.Parent() != nil && c.Parent().Name() == "catalog" {
			if fn, ok := ids[c.Name()]; ok && c.ValidArgsFunction == nil {
				c.ValidArgsFunction = a.completeCatalog(fn)
			}
		}
		if c.ValidArgsFunction == nil && c.Runnable() {
			switch c.Name() {
			case "score", "match", "roadmap", "diagram", "export", "report", "assess":
				c.ValidArgsFunction = completeCountryFiles(1)
			case "validate", "compare":
				c.ValidArgsFunction = completeCountryFiles(0)
			case "csv":
				c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
					if len(args) > 0 {
						return nil, cobra.ShellCompDirectiveNoFileComp
					}
					return []string{"csv", "tsv", "txt", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
				}
			case "workbook":
				c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
					switch len(args) {
					case 0:
						return []string{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
					case 1:
						return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
					}
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
			default:
				if !c.HasSubCommands() {
					c.ValidArgsFunction = cobra.NoFileCompletions
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
