package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
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

// comparedFile is what a compare keeps of one file once it is read and checked: what the
// comparison scores (answers and targets, a few KB) and, only for a file that records needs
// (use cases or services), the document itself for the block and funding views. The parsed
// YAML and source text of the others are dropped as soon as the file is read, so memory grows
// with what is compared, not with the files' size.
type comparedFile struct {
	entry *assess.CompareEntry
	fw    *assess.Framework
	doc   *countries.Doc // nil unless the file records needs
}

// loadCompared reads every file and sample and checks each against its framework. It reads
// them all before it fails, so that every bad file is reported (each problem on one line).
func (a *app) loadCompared(args []string, o compareOptions) ([]comparedFile, yamlx.Errors, error) {
	paths, errs := compareInputs(args, a.lang)
	type result struct {
		comparedFile
		warns yamlx.Errors
		errs  yamlx.Errors
	}
	n := len(paths) + len(o.samples)
	roomForFiles(n)
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
					f := doc.File
					r := result{warns: doc.Warnings}
					r.fw = fw
					r.entry = &assess.CompareEntry{
						File: doc.Name, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
						FrameworkRef: f.Assessment.Framework, Framework: fw, Answers: f.Answers, Targets: &f.Targets,
					}
					if len(f.UseCases) > 0 || len(f.Services) > 0 {
						r.doc = doc
					}
					results[i] = r
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

	files := make([]comparedFile, 0, len(results))
	var warns yamlx.Errors
	argErrs := len(errs)
	bad := argErrs
	for _, r := range results {
		if r.errs != nil {
			bad++
			errs = append(errs, r.errs...)
			continue
		}
		files = append(files, r.comparedFile)
		warns = append(warns, r.warns...)
	}
	if len(errs) > 0 {
		a.printError(errs)
		if total := n + argErrs; total > 1 {
			fmt.Fprintln(a.errOut, i18n.N(a.lang, "%d of %d files cannot be compared; fix them or leave them out", bad, total))
		}
		return nil, nil, &exitError{code: exitInput, err: errReported}
	}
	return files, warns, nil
}

// planCompared matches and plans the ranked assessments that record needs, for the block and
// funding views; the others (published index tables, say) are left out of those views.
func (a *app) planCompared(cmp *assess.Comparison, files []comparedFile) ([]*countries.Model, error) {
	ranked := map[string]bool{}
	for _, r := range cmp.Rows {
		ranked[r.Entry.File] = true
	}
	var cat *catalog.Catalog
	var models []*countries.Model
	for _, f := range files {
		d := f.doc
		if d == nil || !ranked[d.Name] {
			continue
		}
		if cat == nil {
			var err error
			if cat, err = a.catalog(); err != nil {
				return nil, err
			}
		}
		if countries.CheckGates(f.fw, cat) != nil || d.CheckCatalog(cat) != nil {
			continue
		}
		m := countries.Build(d, f.fw, cat, a.lang)
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

// perFileRoom is how much the garbage collector's soft memory limit grows per compared file:
// about twice what a compare keeps of a file (its answers, targets and scores, 20-30 KB).
const perFileRoom = 48 << 10

// roomForFiles raises the soft memory limit main sets against hostile input (400 MB) by
// perFileRoom per compared file. What a compare keeps grows with the number of files; under a
// fixed limit the room left for everything else shrinks as it grows, so the collector runs
// ever more often over an ever larger heap: 10,000 files took 2.4 times the CPU time they
// take with room to spare, and time grew faster than the number of files. A limit given in
// GOMEMLIMIT, or none at all (tests), is left as it is.
func roomForFiles(n int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	cur := debug.SetMemoryLimit(-1)
	if cur == math.MaxInt64 {
		return
	}
	debug.SetMemoryLimit(cur + int64(n)*perFileRoom)
}
