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

// comparedFile is what a compare keeps of one file once it is read and checked: its scores
// (assess.Summary, about 1.5 KB) and targets, and whether it records needs (use cases or
// services). Its answers, parsed YAML and source text are dropped as soon as it is scored, so
// memory grows with what is compared, not with the files' size. The files that record needs
// and are ranked are read again for the block and funding views (planCompared); only when the
// files name different versions of their framework are the answers kept (see loadCompared).
type comparedFile struct {
	entry *assess.CompareEntry
	fw    *assess.Framework
	// needs is set when the file records needs.
	needs bool
	// path or sample reads the file again; sum is what its text was.
	path, sample string
	sum          [32]byte
}

// versionWatch notices, while files are read, whether they name more than one version of
// their framework: from then on the answers of every file read are kept.
type versionWatch struct {
	mu    sync.Mutex
	first string
	mixed bool
}

// see records a file's framework reference and reports whether answers are to be kept.
func (w *versionWatch) see(ref string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.first == "" {
		w.first = ref
	} else if ref != w.first {
		w.mixed = true
	}
	return w.mixed
}

// loadCompared reads every file and sample and checks each against its framework. It reads
// them all before it fails, so that every bad file is reported (each problem on one line).
// Each file is scored as it is read. When the files name different versions of their
// framework, they are compared on the indicators common to all, which only their answers can
// be scored on: from the first file naming another version on, answers are kept, and the files
// read before it are read again for theirs.
func (a *app) loadCompared(args []string, o compareOptions) ([]comparedFile, yamlx.Errors, error) {
	paths, errs := compareInputs(args, a.lang)
	roomForFiles(len(paths)+len(o.samples), perFileRoom)
	files, warns, err := a.readCompared(paths, errs, o)
	if err != nil || !mixedVersions(files) {
		return files, warns, err
	}
	roomForFiles(len(files), perAnswersRoom)
	var again []int
	for i, f := range files {
		if f.entry.Answers == nil {
			again = append(again, i)
		}
	}
	failed := make([]error, len(again))
	bar := a.progress(i18n.T(a.lang, "Reading files again for their answers"), len(again))
	defer bar.Done()
	inParallel(len(again), func(k int) {
		defer bar.Add(1)
		f := &files[again[k]]
		d, err := f.reread(a.lang)
		if err != nil {
			failed[k] = err
			return
		}
		f.entry.Answers, f.entry.Summary = d.File.Answers, nil
	})
	for _, err := range failed {
		if err != nil {
			return nil, nil, err
		}
	}
	return files, warns, nil
}

// inParallel runs do(0) ... do(n-1) on as many goroutines as there are processors (one for
// fewer than 32 items).
func inParallel(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/16))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// mixedVersions reports whether the files are scored with more than one framework version.
func mixedVersions(files []comparedFile) bool {
	for _, f := range files {
		if f.fw.Ref() != files[0].fw.Ref() {
			return true
		}
	}
	return false
}

// readCompared reads, checks and scores the files (paths, then the samples) in parallel; errs
// are the problems already found with the arguments. A file's answers are kept once files
// naming different framework versions have been seen (versionWatch).
func (a *app) readCompared(paths []string, errs yamlx.Errors, o compareOptions) ([]comparedFile, yamlx.Errors, error) {
	var watch versionWatch
	type result struct {
		comparedFile
		warns yamlx.Errors
		errs  yamlx.Errors
	}
	n := len(paths) + len(o.samples)
	results := make([]result, n)
	// A framework given with --framework is read once for all the files.
	var override *assess.Framework
	var mismatch bool
	var overrideErr error
	if o.framework != "" {
		override, mismatch, overrideErr = assess.Resolve(o.framework)
	}
	framework := func(doc *countries.Doc) (*assess.Framework, error) {
		switch {
		case o.framework == "":
			return doc.Framework("")
		case overrideErr != nil:
			return nil, overrideErr
		}
		return doc.FrameworkResolved(o.framework, override, mismatch)
	}
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
			if fw, err = framework(doc); err == nil {
				if err = doc.Check(fw); err == nil {
					f := doc.File
					r := result{warns: doc.Warnings}
					r.fw = fw
					// A copy of the targets, so that the entry does not hold the whole file.
					targets := f.Targets
					r.entry = &assess.CompareEntry{
						File: doc.Name, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
						FrameworkRef: f.Assessment.Framework, Framework: fw, Targets: &targets,
					}
					if watch.see(fw.Ref()) {
						r.entry.Answers = f.Answers
					} else {
						r.entry.Summary = assess.Summarise(fw, f.Answers)
					}
					r.needs = len(f.UseCases) > 0 || len(f.Services) > 0
					r.sum = doc.Sum()
					if i < len(paths) {
						r.path = paths[i]
					} else {
						r.sample = o.samples[i-len(paths)]
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
	inParallel(n, func(i int) {
		load(i)
		bar.Add(1)
	})
	bar.Done()

	files := make([]comparedFile, 0, len(results))
	var warns yamlx.Errors
	argErrs := len(errs)
	errs = append(yamlx.Errors(nil), errs...)
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
// funding views (the portfolio; nil when there are none); the others (published index tables,
// say), and those whose needs do not fit the catalog, are left out of those views. Each is read
// again (a ranked country's latest round only, unless every round is ranked), planned, added to
// the portfolio and dropped: no model is kept, only the country's line in the portfolio.
func (a *app) planCompared(cmp *assess.Comparison, files []comparedFile) (*countries.Portfolio, error) {
	ranked := map[string]bool{}
	for _, r := range cmp.Rows {
		ranked[r.Entry.File] = true
	}
	planned := 0
	for _, f := range files {
		if f.needs && ranked[f.entry.File] {
			planned++
		}
	}
	roomForFiles(planned, perModelRoom)
	var cat *catalog.Catalog
	port := countries.NewPortfolioBuilder()
	for _, f := range files {
		if !f.needs || !ranked[f.entry.File] {
			continue
		}
		if cat == nil {
			var err error
			if cat, err = a.catalog(); err != nil {
				return nil, err
			}
		}
		d, err := f.reread(a.lang)
		if err != nil {
			return nil, err
		}
		if countries.CheckGates(f.fw, cat) != nil || d.CheckCatalog(cat) != nil {
			continue
		}
		d.Settle()
		m := countries.Build(d, f.fw, cat, a.lang)
		if m.Replan(countries.PlanOptions{}) != nil {
			m.Plan = nil
		}
		port.Add(m)
	}
	if port.Len() == 0 {
		return nil, nil
	}
	return port.Portfolio(), nil
}

// reread reads a compared file again, and fails when its text is no longer what was compared.
func (f comparedFile) reread(lang string) (*countries.Doc, error) {
	var d *countries.Doc
	var err error
	if f.sample != "" {
		d, err = countries.Sample(f.sample)
	} else {
		d, err = countries.Load(f.path)
	}
	if err == nil && d.Sum() != f.sum {
		return nil, inputMsg(i18n.F(lang, "%s changed while it was being compared; run the comparison again", f.entry.File))
	}
	if err != nil {
		return nil, inputError(err)
	}
	return d, nil
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

// The garbage collector's soft memory limit grows with what a compare keeps until it ends, so
// that the room between the live heap and the limit stays at least the 400 MB main gives any
// command. Measured on the benchmark files (73 indicators, 15 rounds a country) and on copies
// of the bakana sample:
const (
	// perFileRoom covers a compared file: its scores (assess.Summary, 1.5 KB), its row and
	// entry, and its share of the round changes: 29 MB live at 10,000 files.
	perFileRoom = 4 << 10
	// perAnswersRoom covers a file's parsed answers, kept only when the files name different
	// versions of their framework (130 MB at 10,000 files).
	perAnswersRoom = 16 << 10
	// perModelRoom covers a planned country in the block and funding views. Its model is
	// dropped once it is added to the portfolio (it was kept before, 200 KB a bakana copy);
	// what stays is its line there: block statuses, pledges, cost and funding figures (0.6–2.2
	// KB a bakana copy).
	perModelRoom = 4 << 10
)

// roomForFiles raises the soft memory limit main sets against hostile input (400 MB) by room
// for each of n things kept. What a compare keeps grows with the number of files; under a
// fixed limit the room left shrinks as it grows, so the collector runs ever more often over
// an ever larger heap: 10,000 files took 2.4 times the CPU time they take with room to spare
// (21.9 s against 9.3 s), and time grew faster than the number of files. A limit given in
// GOMEMLIMIT, or none at all (tests), is left as it is.
func roomForFiles(n int, room int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	cur := debug.SetMemoryLimit(-1)
	if cur == math.MaxInt64 {
		return
	}
	debug.SetMemoryLimit(cur + int64(n)*room)
}
