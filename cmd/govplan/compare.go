package main

import (
	"time"

	"fmt"
	"github.com/govplan/govplan/internal/buildinfo"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/comparison"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/words"
	"github.com/spf13/cobra"
)

// compareOptions are the flags of `govplan compare`.
type compareOptions struct {
	samples   []string
	framework string
	relative  bool
	allRounds bool
	format    string
	output    string // comparison workbook (.xlsx)
	chart     string // ranking chart (.svg)
}

func (a *app) compareCmd() *cobra.Command {
	var o compareOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "compare " + i18n.T(lang, "FILE|DIR... [--sample NAME]... [--relative] [--format json]"),
		Short: i18n.T(lang, "Compare countries side by side, and one country's rounds over time"),
		Long: localHelp(
			i18n.T(lang, "compare ranks the assessments given (files, every *.yaml in each folder named, and embedded samples), counts them per band, shows each pillar's scores across the countries and their spread, and, for a country assessed on several dates (same ISO code), what changed from round to round: what improved, what fell back and which targets of an earlier round a later one met."),
			i18n.T(lang, "All files must use one framework. When they name different versions of it, the indicators common to all are compared and the others are listed as left out. The ranking shows each country's latest round unless --all-rounds is given. Ranks are competition ranks (1, 2, 2, 4); assessments without an overall score are unranked and listed last."),
			i18n.T(lang, "--relative normalises each indicator across the compared set as the UN EGDI does (z-score, then rescaled to 0..1), so scores say where a country stands among the others, not against fixed goalposts; they are labelled relative wherever shown. Rounds always use absolute scores."),
		),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCompare(args, o)
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.samples, "sample", nil, i18n.T(lang, "add an embedded sample country (repeat for several; see govplan catalog samples)"))
	f.StringVar(&o.framework, "framework", "", i18n.T(lang, "framework to score every file with: an embedded id[@version] or a template file path"))
	f.BoolVar(&o.relative, "relative", false, i18n.T(lang, "normalise each indicator across the compared set (z-score rescaled to 0..1, as the EGDI does)"))
	f.BoolVar(&o.allRounds, "all-rounds", false, i18n.T(lang, "rank every round of a country, not only its latest"))
	f.StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text, json or html (the portfolio page, written to -o)"))
	f.StringVarP(&o.output, "output", "o", "", i18n.T(lang, "file to write: the comparison workbook (.xlsx) with ranking, heat map, charts, rounds, blocks and funding; with --format html, the portfolio page"))
	f.StringVar(&o.chart, "chart", "", i18n.T(lang, "file to write the ranking into, as an SVG chart"))
	return c
}

func (a *app) runCompare(args []string, o compareOptions) error {
	if err := a.formatFlag(o.format, "text", "json", "html"); err != nil {
		return err
	}
	page := "comparison.xlsx"
	if o.format == "html" {
		page = "portfolio.html"
	}
	if err := a.checkOut("compare", "-o", o.output, outFile, page); err != nil {
		return err
	}
	if err := a.checkOut("compare", "--chart", o.chart, outFile, "ranking.svg"); err != nil {
		return err
	}
	if len(args) == 0 && len(o.samples) == 0 {
		return inputMsg(i18n.F(a.lang, "name country files or folders to compare (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	}
	docs, fws, warns, err := a.loadCompared(args, o)
	if err != nil {
		return err
	}
	entries := make([]*assess.CompareEntry, len(docs))
	for i, d := range docs {
		f := d.File
		entries[i] = &assess.CompareEntry{
			File: d.Name, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
			FrameworkRef: f.Assessment.Framework, Framework: fws[i], Answers: f.Answers, Targets: &f.Targets,
		}
	}
	cmp, err := assess.Compare(entries, assess.CompareOptions{Relative: o.relative, AllRounds: o.allRounds})
	if err != nil {
		return inputError(err)
	}
	models, err := a.planCompared(cmp, docs, fws)
	if err != nil {
		return err
	}
	if o.format == "html" {
		// The portfolio page for donors: to -o, else to standard output.
		return a.writePortfolioPage(cmp, models, o)
	}
	if err := a.writeCompareFiles(cmp, models, o); err != nil {
		return err
	}
	var port *countries.Portfolio
	if len(models) > 0 {
		port = countries.NewPortfolio(models)
	}
	if o.format == "json" {
		doc := compareDocument(cmp, warns, a.lang)
		doc.Portfolio = portfolioDocument(port)
		return a.writeJSON(doc)
	}
	a.warnCapped(warns, 10)
	for _, w := range cmp.Warnings {
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "warning: %s", w.In(a.lang)))
	}
	cmpPrintComparison(a.out, cmp, a.lang)
	if port != nil {
		printPortfolio(a.out, port, a.lang)
	}
	return nil
}

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
	workers := min(runtime.GOMAXPROCS(0), max(1, n/16))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				load(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()

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

// warnCapped prints at most limit warnings and says how many more there were.
func (a *app) warnCapped(ws yamlx.Errors, limit int) {
	if len(ws) <= limit {
		a.warn(ws)
		return
	}
	a.warn(ws[:limit])
	fmt.Fprintln(a.errOut, i18n.F(a.lang, "... and %d more warnings (govplan validate FILE shows a file's own)", len(ws)-limit))
}

// ---- JSON -------------------------------------------------------------------------------------

type compareJSON struct {
	Framework struct {
		ID      string `json:"id"`
		Version string `json:"version"`
	} `json:"framework"`
	Relative bool `json:"relative"`
	// Scores says what the scores are: "absolute", or the relative label.
	Scores    string                `json:"scores"`
	Countries []compareCountryJSON  `json:"countries"`
	Bands     map[string]int        `json:"bands"`
	Unbanded  int                   `json:"unbanded"`
	Spread    map[string]spreadJSON `json:"spread"`
	Rounds    []roundJSON           `json:"rounds"`
	LeftOut   []string              `json:"left_out"`
	Warnings  []string              `json:"warnings"`
	// Portfolio is the block and funding view; null when no file records needs.
	Portfolio *portfolioJSON `json:"portfolio"`
}

type compareCountryJSON struct {
	File    string `json:"file"`
	Name    string `json:"name"`
	ISO3    string `json:"iso3"`
	Date    string `json:"date"`
	Overall struct {
		Score        *float64 `json:"score"`
		Band         *string  `json:"band"`
		BandName     *string  `json:"band_name"`
		Rank         *int     `json:"rank"`
		Completeness *float64 `json:"completeness"`
	} `json:"overall"`
	Pillars map[string]*float64 `json:"pillars"`
}

type spreadJSON struct {
	N          int      `json:"n"`
	Min        *float64 `json:"min"`
	Max        *float64 `json:"max"`
	Mean       *float64 `json:"mean"`
	SD         *float64 `json:"sd"`
	MinCountry *string  `json:"min_country"`
	MaxCountry *string  `json:"max_country"`
}

type changeJSON struct {
	From   *float64 `json:"from"`
	To     *float64 `json:"to"`
	Change *float64 `json:"change"`
}

type changeItemJSON struct {
	Kind   string   `json:"kind"`
	ID     string   `json:"id"`
	From   *float64 `json:"from"`
	To     *float64 `json:"to"`
	Change *float64 `json:"change"`
}

type changesJSON struct {
	Overall    changeJSON            `json:"overall"`
	Pillars    map[string]changeJSON `json:"pillars"`
	Indicators map[string]changeJSON `json:"indicators"`
}

type roundJSON struct {
	ISO3   string `json:"iso3"`
	Name   string `json:"name"`
	Series []struct {
		File    string              `json:"file"`
		Date    string              `json:"date"`
		Overall *float64            `json:"overall"`
		Pillars map[string]*float64 `json:"pillars"`
	} `json:"series"`
	Steps []struct {
		From string `json:"from"`
		To   string `json:"to"`
		changesJSON
	} `json:"steps"`
	Changes    changesJSON      `json:"changes"`
	Improved   []changeItemJSON `json:"improved"`
	FellBack   []changeItemJSON `json:"fell_back"`
	TargetsMet []targetMetJSON  `json:"targets_met"`
}

type targetMetJSON struct {
	Kind   string   `json:"kind"`
	ID     string   `json:"id"`
	Target *float64 `json:"target"`
	Year   *int     `json:"year"`
	SetIn  string   `json:"set_in"`
	MetIn  string   `json:"met_in"`
	Score  *float64 `json:"score"`
}

func cmpPillarMap(fw *assess.Framework, scores []*float64) map[string]*float64 {
	m := make(map[string]*float64, len(scores))
	for i, s := range scores {
		m[fw.Pillars[i].ID] = s
	}
	return m
}

func cmpChangesDoc(overall assess.Change, pillars, inds []assess.Change) changesJSON {
	out := changesJSON{
		Overall:    changeJSON{overall.From, overall.To, overall.Delta},
		Pillars:    map[string]changeJSON{},
		Indicators: map[string]changeJSON{},
	}
	for _, c := range pillars {
		out.Pillars[c.ID] = changeJSON{c.From, c.To, c.Delta}
	}
	for _, c := range inds {
		out.Indicators[c.ID] = changeJSON{c.From, c.To, c.Delta}
	}
	return out
}

func cmpChangeItems(list []assess.Change) []changeItemJSON {
	out := []changeItemJSON{}
	for _, c := range list {
		out = append(out, changeItemJSON{c.Kind, c.ID, c.From, c.To, c.Delta})
	}
	return out
}

// compareDocument builds the JSON document of `govplan compare --format json`.
func compareDocument(c *assess.Comparison, fileWarnings yamlx.Errors, lang string) compareJSON {
	fw := c.Framework
	var out compareJSON
	out.Framework.ID, out.Framework.Version = fw.ID, fw.Version
	out.Relative = c.Relative
	out.Scores = "absolute"
	if c.Relative {
		out.Scores = words.RelativeLabel("en", c) // JSON keeps it English, as before
	}
	out.Countries = []compareCountryJSON{}
	for _, r := range c.Rows {
		var cj compareCountryJSON
		e := r.Entry
		cj.File, cj.Name, cj.ISO3, cj.Date = e.File, e.Name, e.ISO3, e.Date
		cj.Overall.Score, cj.Overall.Completeness = r.Overall, r.Completeness
		cj.Overall.Band, cj.Overall.BandName = report.BandID(r.Band), report.BandName(r.Band, lang)
		if r.Rank > 0 {
			rank := r.Rank
			cj.Overall.Rank = &rank
		}
		cj.Pillars = cmpPillarMap(fw, r.Pillars)
		out.Countries = append(out.Countries, cj)
	}
	// Bands are counted under their ids (the names as the framework file writes them), the
	// same in every language, like the countries' band.
	out.Bands = map[string]int{}
	for _, b := range c.Bands {
		out.Bands[b.Band.Name.String()] = b.Count
	}
	out.Unbanded = c.Unbanded
	out.Spread = map[string]spreadJSON{}
	for _, s := range c.Spread {
		sj := spreadJSON{N: s.N, Min: s.Min, Max: s.Max, Mean: s.Mean, SD: s.SD}
		if s.MinRow != nil {
			sj.MinCountry, sj.MaxCountry = &s.MinRow.Entry.Name, &s.MaxRow.Entry.Name
		}
		out.Spread[s.ID] = sj
	}
	out.Rounds = []roundJSON{}
	for _, rd := range c.Rounds {
		rj := roundJSON{ISO3: rd.ISO3, Name: rd.Name}
		for _, r := range rd.Series {
			rj.Series = append(rj.Series, struct {
				File    string              `json:"file"`
				Date    string              `json:"date"`
				Overall *float64            `json:"overall"`
				Pillars map[string]*float64 `json:"pillars"`
			}{r.Entry.File, r.Entry.Date, r.Card.Overall.Score, cmpPillarMap(fw, r.Pillars)})
		}
		for _, st := range rd.Steps {
			rj.Steps = append(rj.Steps, struct {
				From string `json:"from"`
				To   string `json:"to"`
				changesJSON
			}{st.From.Entry.Date, st.To.Entry.Date, cmpChangesDoc(st.Overall, st.Pillars, st.Indicators)})
		}
		rj.Changes = cmpChangesDoc(rd.Overall, rd.Pillars, rd.Indicators)
		rj.Improved, rj.FellBack = cmpChangeItems(rd.Improved), cmpChangeItems(rd.FellBack)
		rj.TargetsMet = []targetMetJSON{}
		for _, t := range rd.TargetsMet {
			tj := targetMetJSON{Kind: t.Kind, ID: t.ID, Target: t.Target, SetIn: t.SetIn.Entry.Date, MetIn: t.MetIn.Entry.Date, Score: t.Score}
			if t.Year != 0 {
				y := t.Year
				tj.Year = &y
			}
			rj.TargetsMet = append(rj.TargetsMet, tj)
		}
		out.Rounds = append(out.Rounds, rj)
	}
	out.LeftOut = cmpNonNilStrings(c.LeftOut)
	out.Warnings = []string{}
	for _, w := range fileWarnings {
		out.Warnings = append(out.Warnings, w.Error())
	}
	for _, w := range c.Warnings {
		out.Warnings = append(out.Warnings, w.String()) // English, as the file warnings
	}
	return out
}

func cmpNonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ---- text -------------------------------------------------------------------------------------

// Layout limits of the text view.
const (
	maxLineWidth  = 120
	nameWidth     = 30 // country names longer than this are shortened with …
	labelWidth    = 40 // pillar names likewise
	heatMapHead   = 20 // with many countries, the heat map shows this many from the top…
	heatMapTail   = 20 // …and this many from the bottom
	heatMapAll    = 50 // up to this many countries it shows all
	roundsDetails = 5  // up to this many countries with rounds are shown in detail
	listLimit     = 12 // improved / fell back / targets met items shown per list
)

// cmpClip shortens s to n runes, ending in … when cut.
func cmpClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// cmpPad right-pads s to n runes (tabwriter counts bytes, so names with accents are padded here).
func cmpPad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// cmpBandMarks gives each band a shade, lowest band lightest, so a heat-map cell says its band
// without colour.
func cmpBandMarks(fw *assess.Framework, lang string) []string {
	ramp := []string{"░", "▒", "▓", "█"}
	n := len(fw.Bands)
	marks := make([]string, n)
	for i := range marks {
		switch {
		case n == 1:
			marks[i] = "█"
		case n <= len(ramp):
			marks[i] = ramp[i*(len(ramp)-1)/(n-1)]
		default:
			marks[i] = strings.ToUpper(string([]rune(fw.Bands[i].Name.In(lang))[:1]))
		}
	}
	return marks
}

func cmpBandOf(fw *assess.Framework, s *float64) int {
	if s == nil {
		return -1
	}
	b := fw.BandFor(*s)
	for i := range fw.Bands {
		if &fw.Bands[i] == b {
			return i
		}
	}
	return -1
}

// cmpCell shows a score 0–100 with its band mark: " 72▓"; " – " without a score.
func cmpCell(fw *assess.Framework, marks []string, s *float64) string {
	if s == nil {
		return "   – "
	}
	mark := " "
	if bi := cmpBandOf(fw, s); bi >= 0 {
		mark = marks[bi]
	}
	return fmt.Sprintf("%4s%s", pct(s), mark)
}

func cmpBandLegend(fw *assess.Framework, marks []string, lang string) string {
	var parts []string
	for i, b := range fw.Bands {
		rng := fmt.Sprintf("≥%.0f", b.Min*100)
		if i+1 < len(fw.Bands) {
			rng = fmt.Sprintf("%.0f–%.0f", b.Min*100, fw.Bands[i+1].Min*100-1)
		}
		if i == 0 && len(fw.Bands) > 1 {
			rng = fmt.Sprintf("<%.0f", fw.Bands[1].Min*100)
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", marks[i], b.Name.In(lang), rng))
	}
	return strings.Join(parts, " · ") + " · – " + i18n.T(lang, "no score")
}

func cmpRowLabel(r *assess.CompareRow) string { return r.Entry.Name }

// cmpPadLeft right-aligns s in n runes.
func cmpPadLeft(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return strings.Repeat(" ", n-k) + s
	}
	return s
}

// cmpWidth is the widest of min and the texts, in runes.
func cmpWidth(min int, texts ...string) int {
	for _, t := range texts {
		min = max(min, utf8.RuneCountInString(t))
	}
	return min
}

// cmpRelativeLabel says what relative scores are, in lang.
func cmpRelativeLabel(c *assess.Comparison, lang string) string {
	return i18n.F(lang, "relative (z-score rescaled across the %d countries compared)", len(c.Rows))
}

func cmpPrintComparison(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	kind := i18n.T(lang, "absolute scores 0–100")
	if c.Relative {
		kind = i18n.T(lang, "relative scores 0–100")
	}
	if len(c.Rows) == 1 {
		fmt.Fprintln(w, i18n.F(lang, "Comparison of 1 country · %s · %s", fw.Ref(), kind))
	} else {
		fmt.Fprintln(w, i18n.F(lang, "Comparison of %d countries · %s · %s", len(c.Rows), fw.Ref(), kind))
	}
	if c.Relative {
		fmt.Fprintln(w, wrap(i18n.F(lang, "Scores are %s: on each indicator the lowest country of this set scores 0 and the highest 100 (50 for all where they are equal); they say where a country stands among these, not against fixed goalposts.", cmpRelativeLabel(c, lang)), maxLineWidth, ""))
	}
	if hidden := len(c.All) - len(c.Rows); hidden > 0 {
		fmt.Fprintln(w, i18n.F(lang, "Each country is ranked on its latest round (%d earlier rounds are under Rounds; --all-rounds ranks them all).", hidden))
	}
	fmt.Fprintln(w)
	cmpPrintRanking(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintBands(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintHeatMap(w, c, lang)
	fmt.Fprintln(w)
	cmpPrintSpread(w, c, lang)
	if len(c.Rounds) > 0 {
		fmt.Fprintln(w)
		cmpPrintRounds(w, c, lang)
	}
	if len(c.LeftOut) > 0 {
		fmt.Fprintln(w)
		fmt.Fprint(w, cmpPack(i18n.T(lang, "Left out (not in every file's framework):")+" ", c.LeftOut, maxLineWidth, "  "))
	}
}

func cmpPrintRanking(w io.Writer, c *assess.Comparison, lang string) {
	head := i18n.T(lang, "Overall")
	if c.Relative {
		head = i18n.T(lang, "Relative")
	}
	hRank, hCountry, hBand, hAnswered := i18n.T(lang, "Rank"), i18n.T(lang, "Country"), i18n.T(lang, "Band"), i18n.T(lang, "Answered")
	width := cmpWidth(7, hCountry)
	for _, r := range c.Rows {
		width = max(width, utf8.RuneCountInString(cmpClip(cmpRowLabel(r), nameWidth)))
	}
	bandW := cmpWidth(12, hBand)
	for _, b := range c.Framework.Bands {
		bandW = max(bandW, utf8.RuneCountInString(cmpClip(b.Name.In(lang), 20)))
	}
	rankW, ovW, ansW := cmpWidth(4, hRank), cmpWidth(8, head), cmpWidth(8, hAnswered)
	allRounds := len(c.Rows) > 0 && cmpHasRepeatedISO(c.Rows)
	fmt.Fprintf(w, "%s  %s  %-3s  %s %-10s  %s  %s", cmpPadLeft(hRank, rankW), cmpPad(hCountry, width), "ISO", cmpPadLeft(head, ovW), "", cmpPad(hBand, bandW), cmpPadLeft(hAnswered, ansW))
	if allRounds {
		fmt.Fprint(w, "  "+i18n.T(lang, "Date"))
	}
	fmt.Fprintln(w)
	for _, r := range c.Rows {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		band := "–"
		if r.Band != nil {
			band = r.Band.Name.In(lang)
		}
		fmt.Fprintf(w, "%s  %s  %-3s  %s %s  %s  %s", cmpPadLeft(rank, rankW), cmpPad(cmpClip(cmpRowLabel(r), nameWidth), width), r.Entry.ISO3,
			cmpPadLeft(pct(r.Overall), ovW), bar(r.Overall, 10), cmpPad(cmpClip(band, bandW), bandW), cmpPadLeft(percent(lang, r.Completeness), ansW))
		if allRounds {
			fmt.Fprintf(w, "  %s", r.Entry.Date)
		}
		fmt.Fprintln(w)
	}
	if n := len(c.Rows) - cmpRanked(c.Rows); n > 0 {
		fmt.Fprintln(w, i18n.F(lang, "%d without an overall score (nothing answered yet) are unranked, listed last.", n))
	}
}

func cmpRanked(rows []*assess.CompareRow) int {
	n := 0
	for _, r := range rows {
		if r.Rank > 0 {
			n++
		}
	}
	return n
}

func cmpHasRepeatedISO(rows []*assess.CompareRow) bool {
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Entry.ISO3] {
			return true
		}
		seen[r.Entry.ISO3] = true
	}
	return false
}

func cmpPrintBands(w io.Writer, c *assess.Comparison, lang string) {
	var parts []string
	for i := len(c.Bands) - 1; i >= 0; i-- {
		b := c.Bands[i]
		parts = append(parts, fmt.Sprintf("%s %d", b.Band.Name.In(lang), b.Count))
	}
	if c.Unbanded > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", i18n.T(lang, "no score"), c.Unbanded))
	}
	label := i18n.T(lang, "Bands:")
	if c.Relative {
		label = i18n.T(lang, "Bands (of relative scores):")
	}
	fmt.Fprintf(w, "%s %s\n", label, strings.Join(parts, " · "))
}

// cmpHeatSeries is what the heat map shows per country: the pillars, or the indicators when the
// framework has a single pillar.
type cmpHeatSeries struct {
	title  string
	ids    []string
	names  []string
	scores func(r *assess.CompareRow) []*float64
}

func cmpHeatOf(c *assess.Comparison, lang string) cmpHeatSeries {
	fw := c.Framework
	relative := c.Relative
	if len(fw.Pillars) == 1 {
		title := i18n.T(lang, "Indicators × countries (0–100; the framework has a single pillar)")
		if relative {
			title = i18n.T(lang, "Indicators × countries (relative, 0–100; the framework has a single pillar)")
		}
		h := cmpHeatSeries{title: title, scores: func(r *assess.CompareRow) []*float64 { return r.Indicators }}
		for _, ind := range fw.Indicators() {
			h.ids = append(h.ids, ind.ID)
			h.names = append(h.names, ind.ID)
		}
		return h
	}
	title := i18n.T(lang, "Pillars × countries (0–100)")
	if relative {
		title = i18n.T(lang, "Pillars × countries (relative, 0–100)")
	}
	h := cmpHeatSeries{title: title, scores: func(r *assess.CompareRow) []*float64 { return r.Pillars }}
	for _, p := range fw.Pillars {
		h.ids = append(h.ids, p.ID)
		h.names = append(h.names, p.Name.In(lang))
	}
	return h
}

// cmpShortLabels gives column headers: the part of each id after its last dot when all of them
// are short, else numbers (with a legend).
func cmpShortLabels(ids []string) ([]string, bool) {
	out := make([]string, len(ids))
	for i, id := range ids {
		s := id[strings.LastIndex(id, ".")+1:]
		if len(s) > 5 {
			for j := range ids {
				out[j] = fmt.Sprint(j + 1)
			}
			return out, true
		}
		out[i] = s
	}
	return out, false
}

func cmpPrintHeatMap(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	marks := cmpBandMarks(fw, lang)
	h := cmpHeatOf(c, lang)
	fmt.Fprintln(w, h.title)
	fmt.Fprintln(w, i18n.F(lang, "Marks: %s", cmpBandLegend(fw, marks, lang)))
	rows := c.Rows
	// Countries as columns when they fit; otherwise countries as rows.
	headers := make([]string, len(rows))
	colW := 5
	repeated := cmpHasRepeatedISO(rows)
	for i, r := range rows {
		headers[i] = r.Entry.ISO3
		if repeated {
			headers[i] += " " + r.Entry.Date
		}
		colW = max(colW, len(headers[i]))
	}
	label := 0
	for _, n := range h.names {
		label = max(label, utf8.RuneCountInString(cmpClip(n, labelWidth)))
	}
	if label+len(rows)*(colW+1) <= maxLineWidth {
		fmt.Fprint(w, cmpPad("", label))
		for _, hd := range headers {
			fmt.Fprintf(w, " %*s", colW, hd)
		}
		fmt.Fprintln(w)
		for k, name := range h.names {
			fmt.Fprint(w, cmpPad(cmpClip(name, labelWidth), label))
			for _, r := range rows {
				fmt.Fprintf(w, " %*s", colW, cmpCell(fw, marks, h.scores(r)[k]))
			}
			fmt.Fprintln(w)
		}
		return
	}
	labels, numbered := cmpShortLabels(h.ids)
	if numbered {
		var legend []string
		for i, n := range h.names {
			legend = append(legend, fmt.Sprintf("%d %s", i+1, n))
		}
		fmt.Fprint(w, cmpPack(i18n.T(lang, "Columns:")+" ", legend, maxLineWidth, "  "))
	}
	hRank, hCountry := i18n.T(lang, "Rank"), i18n.T(lang, "Country")
	rankW := cmpWidth(4, hRank)
	width := cmpWidth(7, hCountry)
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(cmpClip(cmpRowLabel(r), nameWidth)))
	}
	fmt.Fprintf(w, "%s  %s  %-3s", cmpPadLeft(hRank, rankW), cmpPad(hCountry, width), "ISO")
	for _, l := range labels {
		fmt.Fprintf(w, " %5s", l)
	}
	fmt.Fprintln(w)
	show := func(r *assess.CompareRow) {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		fmt.Fprintf(w, "%s  %s  %-3s", cmpPadLeft(rank, rankW), cmpPad(cmpClip(cmpRowLabel(r), nameWidth), width), r.Entry.ISO3)
		for _, s := range h.scores(r) {
			fmt.Fprintf(w, " %s", cmpCell(fw, marks, s))
		}
		fmt.Fprintln(w)
	}
	if len(rows) <= heatMapAll {
		for _, r := range rows {
			show(r)
		}
		return
	}
	for _, r := range rows[:heatMapHead] {
		show(r)
	}
	fmt.Fprintf(w, "%s  … %s\n", strings.Repeat(" ", rankW), i18n.F(lang, "%d countries in between not shown (the ranking above lists all; --format json has every score)", len(rows)-heatMapHead-heatMapTail))
	for _, r := range rows[len(rows)-heatMapTail:] {
		show(r)
	}
}

// cmpPack joins items with " · " after prefix, breaking lines between items (never inside
// one) so that no line is longer than width; continuation lines start with indent.
func cmpPack(prefix string, items []string, width int, indent string) string {
	var b strings.Builder
	line := prefix
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = " · "
		}
		if i > 0 && utf8.RuneCountInString(line+sep+it)+2 > width {
			b.WriteString(line + " ·\n")
			line, sep = indent, ""
		}
		line += sep + it
	}
	b.WriteString(line + "\n")
	return b.String()
}

func cmpPrintSpread(w io.Writer, c *assess.Comparison, lang string) {
	list := c.Spread
	single := len(c.Framework.Pillars) == 1
	var title, head string
	switch {
	case single && c.Relative:
		title = i18n.T(lang, "Spread per pillar and indicator (relative, 0–100; SD is the standard deviation across the countries)")
	case single:
		title = i18n.T(lang, "Spread per pillar and indicator (0–100; SD is the standard deviation across the countries)")
	case c.Relative:
		title = i18n.T(lang, "Spread per pillar (relative, 0–100; SD is the standard deviation across the countries)")
	default:
		title = i18n.T(lang, "Spread per pillar (0–100; SD is the standard deviation across the countries)")
	}
	head = i18n.T(lang, "Pillar")
	if single {
		list = append(append([]assess.Spread{}, c.Spread...), c.IndicatorSpread...)
		head = i18n.T(lang, "Pillar / indicator")
	}
	fmt.Fprintln(w, title)
	label := utf8.RuneCountInString(head)
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.Name.In(lang)
		if i >= len(c.Spread) { // an indicator of a single-pillar framework
			names[i] = s.ID
		}
		names[i] = cmpClip(names[i], labelWidth)
		label = max(label, utf8.RuneCountInString(names[i]))
	}
	nw := 7
	for _, s := range list {
		if s.MinRow != nil {
			nw = max(nw, utf8.RuneCountInString(s.MinRow.Entry.Name), utf8.RuneCountInString(s.MaxRow.Entry.Name))
		}
	}
	nw = min(nw, 26)
	hMin, hMax, hMean, hSD := i18n.T(lang, "Min"), i18n.T(lang, "Max"), i18n.T(lang, "Mean"), i18n.T(lang, "SD")
	minW, maxW, meanW, sdW := cmpWidth(4, hMin), cmpWidth(4, hMax), cmpWidth(4, hMean), cmpWidth(4, hSD)
	fmt.Fprintf(w, "%s  %s  %s  %s  %s  %s  %s\n", cmpPad(head, label), cmpPadLeft(hMin, minW), cmpPad("", nw), cmpPadLeft(hMax, maxW), cmpPad("", nw), cmpPadLeft(hMean, meanW), cmpPadLeft(hSD, sdW))
	for i, s := range list {
		minC, maxC := "–", "–"
		if s.MinRow != nil {
			minC, maxC = cmpClip(s.MinRow.Entry.Name, nw), cmpClip(s.MaxRow.Entry.Name, nw)
		}
		fmt.Fprintf(w, "%s  %s  %s  %s  %s  %s  %s\n", cmpPad(names[i], label), cmpPadLeft(pct(s.Min), minW), cmpPad(minC, nw), cmpPadLeft(pct(s.Max), maxW), cmpPad(maxC, nw), cmpPadLeft(pct(s.Mean), meanW), cmpPadLeft(pct(s.SD), sdW))
	}
}

func cmpPrintRounds(w io.Writer, c *assess.Comparison, lang string) {
	fw := c.Framework
	title := i18n.T(lang, "Rounds over time")
	if c.Relative {
		title = i18n.T(lang, "Rounds over time (absolute scores: the relative view applies to the ranking only)")
	}
	fmt.Fprintln(w, title)
	if len(c.Rounds) > roundsDetails {
		fmt.Fprintln(w, wrap(i18n.F(lang, "%d countries were assessed more than once (first round → last; Targets: targets of an earlier round met later). Compare one country's files for the details, or see --format json.", len(c.Rounds)), maxLineWidth, ""))
		hCountry := i18n.T(lang, "Country")
		heads := []string{i18n.T(lang, "Rounds"), i18n.T(lang, "First → last"), i18n.T(lang, "Overall"), i18n.T(lang, "Change"), i18n.T(lang, "Improved"), i18n.T(lang, "Fell back"), i18n.T(lang, "Targets")}
		widths := []int{6, 23, 9, 6, 8, 9, 7}
		for i, h := range heads {
			widths[i] = cmpWidth(widths[i], h)
		}
		width := cmpWidth(7, hCountry)
		for _, rd := range c.Rounds {
			width = max(width, utf8.RuneCountInString(cmpClip(rd.Name, nameWidth)))
		}
		cells := func(name, iso string, vals []string) {
			fmt.Fprintf(w, "%s  %-3s", cmpPad(name, width), iso)
			for i, v := range vals {
				if i == 1 || i == 2 { // periods and overall scores read left to right
					fmt.Fprintf(w, "  %s", cmpPad(v, widths[i]))
				} else {
					fmt.Fprintf(w, "  %s", cmpPadLeft(v, widths[i]))
				}
			}
			fmt.Fprintln(w)
		}
		cells(hCountry, "ISO", heads)
		for _, rd := range c.Rounds {
			first, last := rd.Series[0].Entry.Date, rd.Series[len(rd.Series)-1].Entry.Date
			cells(cmpClip(rd.Name, nameWidth), rd.ISO3, []string{fmt.Sprint(len(rd.Series)), first + " → " + last,
				fmt.Sprintf("%s → %s", pct(rd.Overall.From), pct(rd.Overall.To)), cmpDelta(lang, rd.Overall.Delta),
				fmt.Sprint(len(rd.Improved)), fmt.Sprint(len(rd.FellBack)), fmt.Sprint(len(rd.TargetsMet))})
		}
		return
	}
	hOverall, hFirstLast := i18n.T(lang, "Overall"), i18n.T(lang, "First→last")
	for i, rd := range c.Rounds {
		if i > 0 {
			fmt.Fprintln(w)
		}
		var dates []string
		for _, r := range rd.Series {
			dates = append(dates, r.Entry.Date)
		}
		fmt.Fprintln(w, i18n.F(lang, "%s (%s): %d rounds, %s", rd.Name, rd.ISO3, len(rd.Series), strings.Join(dates, " → ")))
		label := utf8.RuneCountInString(hOverall)
		for _, p := range fw.Pillars {
			label = max(label, utf8.RuneCountInString(cmpClip(p.Name.In(lang), labelWidth)))
		}
		deltaW := cmpWidth(11, hFirstLast)
		fmt.Fprintf(w, "  %s", cmpPad("", label))
		for _, d := range dates {
			fmt.Fprintf(w, "  %10s", d)
		}
		fmt.Fprintf(w, "  %s\n", cmpPadLeft(hFirstLast, deltaW))
		line := func(name string, get func(r *assess.CompareRow) *float64, delta *float64) {
			fmt.Fprintf(w, "  %s", cmpPad(cmpClip(name, labelWidth), label))
			for _, r := range rd.Series {
				fmt.Fprintf(w, "  %10s", pct(get(r)))
			}
			fmt.Fprintf(w, "  %s\n", cmpPadLeft(cmpDelta(lang, delta), deltaW))
		}
		line(hOverall, func(r *assess.CompareRow) *float64 { return r.Card.Overall.Score }, rd.Overall.Delta)
		for pi, p := range fw.Pillars {
			line(p.Name.In(lang), func(r *assess.CompareRow) *float64 { return r.Card.Pillars[pi].Score }, rd.Pillars[pi].Delta)
		}
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Improved (%d):", len(rd.Improved))+" ", cmpChangeList(lang, rd.Improved), maxLineWidth, "    "))
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Fell back (%d):", len(rd.FellBack))+" ", cmpChangeList(lang, rd.FellBack), maxLineWidth, "    "))
		var met []string
		for _, t := range rd.TargetsMet {
			met = append(met, cmpTargetMet(lang, t))
		}
		fmt.Fprint(w, cmpPack("  "+i18n.F(lang, "Targets met (%d):", len(met))+" ", cmpLimitList(lang, met, listLimit), maxLineWidth, "    "))
	}
}

// cmpTargetMet says which target was met when: pillar and overall targets as scores 0–100,
// indicator targets as written in the file (a level or a value).
func cmpTargetMet(lang string, t assess.TargetMet) string {
	set, on := t.SetIn.Entry.Date, t.MetIn.Entry.Date
	switch t.Kind {
	case assess.ChangeOverall:
		if t.Year != 0 {
			return i18n.F(lang, "overall %s by %d (set %s): %s on %s", pct(t.Target), t.Year, set, pct(t.Score), on)
		}
		return i18n.F(lang, "overall %s (set %s): %s on %s", pct(t.Target), set, pct(t.Score), on)
	case assess.ChangePillar:
		if t.Year != 0 {
			return i18n.F(lang, "pillar %s %s by %d (set %s): %s on %s", t.ID, pct(t.Target), t.Year, set, pct(t.Score), on)
		}
		return i18n.F(lang, "pillar %s %s (set %s): %s on %s", t.ID, pct(t.Target), set, pct(t.Score), on)
	}
	what := pct(t.Target)
	if is := t.SetIn.Card.Indicator(t.ID); is != nil && is.Target != nil {
		switch {
		case is.Target.Level != nil:
			what = i18n.F(lang, "level %d", *is.Target.Level)
		case is.Target.Value != nil && is.Target.Value.IsBool:
			what = words.YesNo(lang, is.Target.Value.Bool)
		case is.Target.Value != nil:
			what = i18n.F(lang, "value %s", numText(lang, is.Target.Value.Num))
		}
	}
	if t.Year != 0 {
		return i18n.F(lang, "%s %s by %d (set %s): met on %s", t.ID, what, t.Year, set, on)
	}
	return i18n.F(lang, "%s %s (set %s): met on %s", t.ID, what, set, on)
}

// cmpDelta shows a change of a 0..1 score on the 0–100 scale with one decimal, so that a
// change between two equal-looking rounded scores is still visible.
func cmpDelta(lang string, d *float64) string {
	if d == nil {
		return "–"
	}
	v := *d * 100
	if math.Abs(v) < 0.05 {
		return "0"
	}
	if v > 0 {
		return "+" + i18n.Number(lang, v, 1)
	}
	return i18n.Number(lang, v, 1)
}

func cmpChangeList(lang string, list []assess.Change) []string {
	items := make([]string, len(list))
	for i, ch := range list {
		items[i] = fmt.Sprintf("%s %s", ch.ID, cmpDelta(lang, ch.Delta))
	}
	if len(items) > listLimit {
		items = append(items[:listLimit], i18n.F(lang, "… and %d more (--format json lists all)", len(list)-listLimit))
	}
	if len(items) == 0 {
		items = []string{"–"}
	}
	return items
}

func cmpLimitList(lang string, items []string, limit int) []string {
	switch {
	case len(items) == 0:
		return []string{"–"}
	case len(items) > limit:
		return append(items[:limit:limit], i18n.F(lang, "… and %d more (--format json lists all)", len(items)-limit))
	}
	return items
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

// writePortfolioPage writes the self-contained HTML portfolio page (and the ranking chart
// when asked).
func (a *app) writePortfolioPage(cmp *assess.Comparison, models []*countries.Model, o compareOptions) error {
	if o.chart != "" {
		if err := atomicfile.Write(o.chart, comparison.RankingSVG(cmp, a.lang, 60), 0o644); err != nil {
			return err
		}
		a.note(i18n.F(a.lang, "wrote %s", o.chart))
	}
	page := comparison.HTML(cmp, models, a.lang, comparison.HTMLOptions{Generated: time.Now(), Version: buildinfo.Version()})
	if o.output == "" {
		_, err := a.out.Write(page)
		return err
	}
	if err := atomicfile.Write(o.output, page, 0o644); err != nil {
		return err
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}

// writeCompareFiles writes the comparison workbook and the ranking chart when asked.
func (a *app) writeCompareFiles(cmp *assess.Comparison, models []*countries.Model, o compareOptions) error {
	if o.chart != "" {
		if err := atomicfile.Write(o.chart, comparison.RankingSVG(cmp, a.lang, 60), 0o644); err != nil {
			return err
		}
		a.note(i18n.F(a.lang, "wrote %s", o.chart))
	}
	if o.output == "" {
		return nil
	}
	if err := comparison.WriteFile(o.output, cmp, models, a.lang); err != nil {
		return err
	}
	a.note(i18n.F(a.lang, "wrote %s", o.output))
	return nil
}

// portfolioJSON is the block and funding view across the compared countries.
type portfolioJSON struct {
	Blocks     map[string]map[string]string `json:"blocks"` // ISO code → block → reuse|upgrade|build
	CommonGaps []commonGapJSON              `json:"common_gaps"`
	Funding    []countryFundingJSON         `json:"funding"`
	Funders    []funderJSON                 `json:"funders"`
}

type commonGapJSON struct {
	Block     string   `json:"block"`
	Countries int      `json:"countries"`
	Build     []string `json:"build"`
	Upgrade   []string `json:"upgrade"`
}

type countryFundingJSON struct {
	ISO3       string   `json:"iso3"`
	Currency   string   `json:"currency"`
	Cost       float64  `json:"cost"`
	Funded     float64  `json:"funded"`
	Unfunded   float64  `json:"unfunded"`
	Duplicates []string `json:"duplicate_funding"`
	Unneeded   int      `json:"unneeded_pledges"`
}

type funderJSON struct {
	Funder    string             `json:"funder"`
	Countries []string           `json:"countries"`
	Blocks    []string           `json:"blocks"`
	Amounts   map[string]float64 `json:"amounts"`
}

func portfolioDocument(p *countries.Portfolio) *portfolioJSON {
	if p == nil {
		return nil
	}
	out := &portfolioJSON{Blocks: map[string]map[string]string{}, CommonGaps: []commonGapJSON{}, Funding: []countryFundingJSON{}, Funders: []funderJSON{}}
	for _, c := range p.Countries {
		iso := c.Model.Doc.File.Country.ISO3
		out.Blocks[iso] = c.Statuses
		out.Funding = append(out.Funding, countryFundingJSON{iso, c.Currency, math.Round(c.Cost), math.Round(c.Funded), math.Round(c.Gap), nonNilStrings(c.Duplicates), c.Unneeded})
	}
	for _, g := range p.CommonGaps {
		out.CommonGaps = append(out.CommonGaps, commonGapJSON{g.Block, g.Countries, nonNilStrings(g.Build), nonNilStrings(g.Upgrade)})
	}
	for _, f := range p.Funders {
		out.Funders = append(out.Funders, funderJSON{f.Funder, f.Countries, nonNilStrings(f.Blocks), f.Amounts})
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// printPortfolio shows the blocks missing in several countries and the funding per country.
func printPortfolio(w io.Writer, p *countries.Portfolio, lang string) {
	if len(p.CommonGaps) > 0 {
		fmt.Fprintln(w, "\n"+i18n.T(lang, "Blocks missing in several countries (candidates for a shared regional investment)"))
		tw := newTable(w)
		fmt.Fprintln(tw, "  "+i18n.T(lang, "Block")+"\t"+i18n.T(lang, "Countries")+"\t"+i18n.T(lang, "To build")+"\t"+i18n.T(lang, "To upgrade"))
		for _, g := range p.CommonGaps {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", g.Block, g.Countries, orDash(strings.Join(g.Build, ", ")), orDash(strings.Join(g.Upgrade, ", ")))
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\n"+i18n.T(lang, "Funding per country"))
	tw := newTable(w)
	fmt.Fprintln(tw, "  "+i18n.T(lang, "Country")+"\t"+i18n.T(lang, "One-off cost")+"\t"+i18n.T(lang, "Funded")+"\t"+i18n.T(lang, "Unfunded")+"\t"+i18n.T(lang, "Possible duplicate funding"))
	for _, c := range p.Countries {
		fmt.Fprintf(tw, "  %s\t%s %s\t%s\t%s\t%s\n", c.Model.Doc.File.Country.ISO3, i18n.Int(lang, c.Cost), c.Currency, i18n.Int(lang, c.Funded), i18n.Int(lang, c.Gap), orDash(strings.Join(c.Duplicates, ", ")))
	}
	tw.Flush()
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
