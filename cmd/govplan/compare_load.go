package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
)

// compareInputs expands the arguments: files as given, folders to their *.yaml files (not
// recursive, hidden files skipped), in name order; a path named twice is read once.
func compareInputs(args []string, lang string) ([]string, yamlx.Errors) {
	var out []string
	var errs yamlx.Errors
	seen := map[string]bool{}
	add := func(p string) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, &yamlx.Error{File: arg, Msg: i18n.F(lang, "cannot open: %s", plainErr(err))})
			continue
		}
		if !st.IsDir() {
			add(arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			errs = append(errs, &yamlx.Error{File: arg, Msg: i18n.F(lang, "cannot read the folder: %s", plainErr(err))})
			continue
		}
		n := 0
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || strings.HasPrefix(name, ".") || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
				continue
			}
			if !listedRegular(filepath.Join(arg, name), e) {
				// A FIFO or a device in the folder is never opened (it could block or never end).
				errs = append(errs, &yamlx.Error{File: filepath.Join(arg, name), Msg: i18n.T(lang, "is not a regular file (a pipe, a device or a socket); refused without reading")})
				continue
			}
			add(filepath.Join(arg, name))
			n++
		}
		if n == 0 {
			errs = append(errs, &yamlx.Error{File: arg, Msg: i18n.T(lang, "the folder holds no .yaml country files")})
		}
	}
	return out, errs
}

// loadCompared reads every file and sample and checks each against its framework. It reads
// them all before it fails, so that every bad file is reported (each problem on one line).
func (a *app) loadCompared(args []string, o compareOptions) ([]*countries.Doc, []*assess.Framework, yamlx.Errors, error) {
	paths, errs := compareInputs(args, a.lang)
	type result struct {
		doc  *countries.Doc
		fw   *assess.Framework
		errs yamlx.Errors
	}
	n := len(paths) + len(o.samples)
	results := make([]result, n)
	load := func(i int) {
		var doc *countries.Doc
		var err error
		if i < len(paths) {
			doc, err = countries.Load(paths[i])
		} else {
			doc, err = countries.Sample(o.samples[i-len(paths)])
		}
		if err == nil {
			var fw *assess.Framework
			if fw, err = doc.Framework(o.framework); err == nil {
				if err = doc.Check(fw); err == nil {
					results[i] = result{doc: doc, fw: fw}
					return
				}
			}
		}
		results[i].errs = yamlx.AsErrors(err)
	}
	// Files are parsed in parallel; the results keep the order given.
	bar := a.progress(i18n.T(a.lang, "Reading country files"), n)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/16))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				load(i)
				bar.Add(1)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	bar.Done()

	var docs []*countries.Doc
	var fws []*assess.Framework
	var warns yamlx.Errors
	argErrs := len(errs)
	bad := argErrs
	for _, r := range results {
		if r.errs != nil {
			bad++
			errs = append(errs, r.errs...)
			continue
		}
		docs = append(docs, r.doc)
		fws = append(fws, r.fw)
		warns = append(warns, r.doc.Warnings...)
	}
	if len(errs) > 0 {
		a.printError(errs)
		if total := n + argErrs; total > 1 {
			fmt.Fprintln(a.errOut, i18n.N(a.lang, "%d of %d files cannot be compared; fix them or leave them out", bad, total))
		}
		return nil, nil, nil, &exitError{code: exitInput, err: errReported}
	}
	return docs, fws, warns, nil
}

// planCompared matches and plans the ranked assessments that record needs, for the block and
// funding views; the others (published index tables, say) are left out of those views.
func (a *app) planCompared(cmp *assess.Comparison, docs []*countries.Doc, fws []*assess.Framework) ([]*countries.Model, error) {
	ranked := map[string]bool{}
	for _, r := range cmp.Rows {
		ranked[r.Entry.File] = true
	}
	var cat *catalog.Catalog
	var models []*countries.Model
	for i, d := range docs {
		if !ranked[d.Name] || (len(d.File.UseCases) == 0 && len(d.File.Services) == 0) {
			continue
		}
		if cat == nil {
			var err error
			if cat, err = a.catalog(); err != nil {
				return nil, err
			}
		}
		if countries.CheckGates(fws[i], cat) != nil || d.CheckCatalog(cat) != nil {
			continue
		}
		m := countries.Build(d, fws[i], cat, a.lang)
		if m.Replan(countries.PlanOptions{}) != nil {
			m.Plan = nil
		}
		models = append(models, m)
	}
	return models, nil
}

// listedRegular reports whether a folder entry is a regular file, or a link to one.
func listedRegular(path string, e os.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
