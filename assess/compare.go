package assess

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/govplan/govplan/internal/yamlx"
)

// Tie is how close two scores must be to count as equal when ranking, and how large a change
// between rounds must be to count as an improvement or a fall.
const Tie = 1e-9

// CompareEntry is one assessment to compare: one country file, one round.
type CompareEntry struct {
	// File names the assessment in messages and output: its path, or "sample:NAME".
	File string
	Name string
	ISO3 string
	// Date is the assessment date, YYYY-MM-DD.
	Date string
	// FrameworkRef is the framework the file names ("id@version"); empty means Framework's.
	FrameworkRef string
	// Framework is the framework the file is scored with.
	Framework *Framework
	// Answers are scored by Compare unless Summary holds the scores already; they may be nil
	// then, as long as every entry names one framework version (see Summary).
	Answers map[string]Answers
	// Summary, when set, is the assessment already scored with Framework (Summarise), so that
	// the answers need not be kept. Compare uses it when every entry is scored with one
	// framework; when the entries name different versions, it scores the answers with the
	// indicators common to all, and an entry holding a summary but no answers is an error.
	Summary *Summary
	Targets *Targets
}

// Summary is what a comparison keeps of one assessment once scored: its absolute scores and
// the ids it answers that the framework lacks, without the answers or the per-indicator
// detail of a Scorecard (about 1.5 KB for 73 indicators, against 35 KB for answers and card).
type Summary struct {
	// Framework is the framework the scores are of.
	Framework    *Framework
	Overall      *float64
	Completeness *float64
	// Pillars holds one score per pillar, Indicators one per indicator (in
	// Framework.Indicators() order); nil means no score.
	Pillars    []*float64
	Indicators []*float64
	// Unknown lists the ids with an answer given that the framework does not have.
	Unknown []string
}

// Summarise scores answers against the framework and keeps only what a comparison shows.
func Summarise(fw *Framework, answers map[string]Answers) *Summary {
	sc := Score(fw, answers, nil)
	// The scores live in one block rather than one small allocation each.
	vals := make([]float64, 0, 2+len(sc.Pillars)+len(sc.Indicators))
	keep := func(p *float64) *float64 {
		if p == nil {
			return nil
		}
		vals = append(vals, *p)
		return &vals[len(vals)-1]
	}
	s := &Summary{Framework: fw, Overall: keep(sc.Overall.Score), Completeness: keep(sc.Overall.Completeness)}
	s.Pillars = make([]*float64, len(sc.Pillars))
	for i := range sc.Pillars {
		s.Pillars[i] = keep(sc.Pillars[i].Score)
	}
	s.Indicators = make([]*float64, len(sc.Indicators))
	for i := range sc.Indicators {
		s.Indicators[i] = keep(sc.Indicators[i].Score)
	}
	for _, id := range sc.Unknown {
		if len(answers[id].Given()) > 0 || givenAnyCase(answers, id) {
			s.Unknown = append(s.Unknown, id)
		}
	}
	return s
}

// CompareOptions choose what a comparison shows.
type CompareOptions struct {
	// Relative normalises every indicator across the compared set (z-score, then min–max
	// rescaled to 0..1, as the UN EGDI does) and recomputes pillars and overall from that.
	Relative bool
	// AllRounds ranks every round of a country; otherwise only its latest.
	AllRounds bool
}

// Comparison is many assessments side by side: a ranking, band counts, the spread per pillar
// and, for countries assessed more than once, their rounds over time. Scores are fractions
// 0..1; nil means "no score".
type Comparison struct {
	// Framework is the framework compared; when the files name different versions it holds
	// only the indicators common to all of them.
	Framework *Framework
	Relative  bool
	// Rows are the ranked assessments, sorted by rank (unranked last), then name.
	Rows []*CompareRow
	// All holds every assessment given, in input order, scored absolutely.
	All []*CompareRow
	// Bands counts the rows per band, in the framework's band order.
	Bands []BandCount
	// Unbanded counts the rows without an overall score.
	Unbanded int
	// Spread is the spread of the rows' scores per pillar, in framework order.
	Spread []Spread
	// IndicatorSpread is the same per indicator, in framework order.
	IndicatorSpread []Spread
	// Rounds are the countries with two or more assessments on different dates.
	Rounds []Round
	// LeftOut lists indicator ids answered or defined somewhere that the comparison does not
	// score, because not every file's framework has them.
	LeftOut []string
	// Warnings are things the reader of the comparison should know, as messages shown in the
	// reader's language.
	Warnings []yamlx.Message
}

// CompareRow is one assessment in a comparison. Overall, Band, Pillars and Indicators are the
// scores shown: relative ones in a relative comparison (for ranked rows), absolute otherwise.
// The rows of All, and so of Rounds, always hold absolute scores.
type CompareRow struct {
	Entry *CompareEntry
	// Rank is the competition rank (1, 2, 2, 4); 0 when the row has no overall score.
	Rank         int
	Overall      *float64
	Band         *Band
	Completeness *float64
	// Pillars holds one score per pillar of the compared framework, in framework order.
	Pillars []*float64
	// Indicators holds one score per indicator, in Framework.Indicators() order.
	Indicators []*float64
}

// BandCount is how many rows fall in a band.
type BandCount struct {
	Band  *Band
	Count int
}

// Spread describes how one pillar's (or indicator's) scores are spread over the rows. Min, Max,
// Mean and SD (the population standard deviation) are nil when no row has a score; MinRow and
// MaxRow are the first rows, in ranking order, holding the minimum and the maximum.
type Spread struct {
	ID             string
	Name           Text
	N              int
	Min, Max       *float64
	Mean, SD       *float64
	MinRow, MaxRow *CompareRow
}

// Round is one country assessed on two or more dates.
type Round struct {
	ISO3 string
	// Name is the country's name in its latest round.
	Name string
	// Series holds the rounds, oldest first.
	Series []*CompareRow
	// Steps are the consecutive pairs of rounds; RoundStep.Changes says what changed.
	Steps []RoundStep
	// Overall, Pillars and Indicators are the changes from the first round to the last.
	Overall    Change
	Pillars    []Change
	Indicators []Change
	// Improved and FellBack list the pillars, then the indicators, whose score rose or fell
	// (by more than Tie) from the first round to the last.
	Improved, FellBack []Change
	// TargetsMet lists the targets set in one round that a later round reached.
	TargetsMet []TargetMet
}

// RoundStep is one round and the next. What changed between them is computed when asked
// (Changes): only the JSON document shows it, and holding it for every step of every country
// took more memory than the rows themselves.
type RoundStep struct {
	From, To *CompareRow
}

// Changes returns how the overall, each pillar's and each indicator's score moved from the
// step's first round to its second; fw is the framework compared (Comparison.Framework).
func (st RoundStep) Changes(fw *Framework) (overall Change, pillars, indicators []Change) {
	return changes(fw, st.From, st.To)
}

// Change kinds.
const (
	ChangeOverall   = "overall"
	ChangePillar    = "pillar"
	ChangeIndicator = "indicator"
)

// Change is how one score moved between two rounds. Delta is nil unless both scores exist.
type Change struct {
	Kind     string
	ID       string
	From, To *float64
	Delta    *float64
}

// TargetMet is a target of an earlier round that a later round reached: the later score is at
// least the target score.
type TargetMet struct {
	Kind string // ChangeOverall, ChangePillar or ChangeIndicator
	ID   string
	// Target is the target as a 0..1 score; Year is the year it was set for (0 when none).
	Target *float64
	Year   int
	// Written is the target as the file gives it (a level or a value for an indicator).
	Written *Target
	// SetIn is the first round that set the target; MetIn the first later round reaching it.
	SetIn, MetIn *CompareRow
	// Score is MetIn's score.
	Score *float64
}

// ErrNothingToCompare is returned by Compare when it is given no assessments.
var ErrNothingToCompare = errors.New("nothing to compare: name country files, folders or samples")

// Compare ranks and compares assessments of one framework. All entries must use the same
// framework id (otherwise the error names the files of each); when they name different
// versions, the indicators common to all are compared and the others are listed in LeftOut.
func Compare(entries []*CompareEntry, opts CompareOptions) (*Comparison, error) {
	if len(entries) == 0 {
		return nil, ErrNothingToCompare
	}
	fw, mixed, leftOut, warnings, err := commonFramework(entries)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Framework: fw, Relative: opts.Relative, Warnings: warnings}

	// Score every assessment absolutely, or take the scores it holds.
	inds := fw.Indicators()
	unknown := map[string]bool{}
	for _, id := range leftOut {
		unknown[id] = true
	}
	c.All = make([]*CompareRow, len(entries))
	for i, e := range entries {
		// A summary holds the scores compared unless fw is the indicators common to several
		// versions.
		s := e.Summary
		if s == nil || mixed || s.Framework.Ref() != fw.Ref() {
			if e.Answers == nil && e.Summary != nil {
				return nil, fmt.Errorf("%s: scored with %s only, without its answers: they are needed to compare it with %s", e.File, e.Summary.Framework.Ref(), fw.Ref())
			}
			s = Summarise(fw, e.Answers)
		}
		for _, id := range s.Unknown {
			unknown[id] = true
		}
		c.All[i] = absoluteRow(e, s, fw)
	}
	for id := range unknown {
		c.LeftOut = append(c.LeftOut, id)
	}
	sort.Strings(c.LeftOut)
	if len(c.LeftOut) > 0 {
		c.Warnings = append(c.Warnings, yamlx.Msgf("left out of the comparison (not in %s): %s", fw.Ref(), strings.Join(c.LeftOut, ", ")))
	}

	// Group the rounds of each country; rank the latest round of each (or every round).
	groups, order := groupRounds(c.All)
	for _, key := range order {
		g := groups[key]
		series := dedupeDates(g, &c.Warnings)
		if len(series) >= 2 {
			c.Rounds = append(c.Rounds, buildRound(fw, series))
		}
		if opts.AllRounds {
			c.Rows = append(c.Rows, g...)
		} else {
			c.Rows = append(c.Rows, g[len(g)-1])
		}
	}
	sort.SliceStable(c.Rounds, func(i, j int) bool {
		a, b := c.Rounds[i], c.Rounds[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ISO3 < b.ISO3
	})

	if opts.Relative {
		// The ranked rows get their own copies so that rounds keep absolute scores.
		for i, r := range c.Rows {
			cp := *r
			c.Rows[i] = &cp
		}
		relativise(fw, c.Rows)
	}
	rank(c.Rows)

	c.Bands = make([]BandCount, len(fw.Bands))
	for i := range fw.Bands {
		c.Bands[i].Band = &fw.Bands[i]
	}
	for _, r := range c.Rows {
		if bi := bandIndex(fw, r.Overall); bi >= 0 {
			c.Bands[bi].Count++
		} else {
			c.Unbanded++
		}
	}
	c.Spread = make([]Spread, len(fw.Pillars))
	for pi := range fw.Pillars {
		c.Spread[pi] = spread(fw.Pillars[pi].ID, fw.Pillars[pi].Name, c.Rows, func(r *CompareRow) *float64 { return r.Pillars[pi] })
	}
	c.IndicatorSpread = make([]Spread, len(inds))
	for k, ind := range inds {
		c.IndicatorSpread[k] = spread(ind.ID, ind.Question, c.Rows, func(r *CompareRow) *float64 { return r.Indicators[k] })
	}
	return c, nil
}

func givenAnyCase(answers map[string]Answers, id string) bool {
	for k, as := range answers {
		if strings.EqualFold(strings.TrimSpace(k), id) && len(as.Given()) > 0 {
			return true
		}
	}
	return false
}

// entryRef returns the framework id and version an entry names.
func entryRef(e *CompareEntry) (id, version string) {
	if e.FrameworkRef != "" {
		id, version = SplitRef(e.FrameworkRef)
	}
	if id == "" && e.Framework != nil {
		id = e.Framework.ID
	}
	if version == "" && e.Framework != nil {
		version = e.Framework.Version
	}
	return id, version
}

// listFiles names up to max files, then how many more there are.
func listFiles(files []string, max int) string {
	if len(files) <= max {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s (and %d more)", strings.Join(files[:max], ", "), len(files)-max)
}

// groupBy returns the keys in first-seen order and the files of each.
func groupBy(entries []*CompareEntry, key func(*CompareEntry) string) ([]string, map[string][]string) {
	var order []string
	files := map[string][]string{}
	for _, e := range entries {
		k := key(e)
		if _, ok := files[k]; !ok {
			order = append(order, k)
		}
		files[k] = append(files[k], e.File)
	}
	return order, files
}

// commonFramework checks that every entry uses one framework id and returns the framework to
// compare with: the entries' framework, or (mixed) the indicators common to all when the
// entries are scored with different versions of it.
func commonFramework(entries []*CompareEntry) (fw *Framework, mixed bool, dropped []string, warnings []yamlx.Message, err error) {
	for _, e := range entries {
		if e.Framework == nil {
			return nil, false, nil, nil, fmt.Errorf("%s: no framework to score it with", e.File)
		}
	}
	ids, idFiles := groupBy(entries, func(e *CompareEntry) string { id, _ := entryRef(e); return id })
	if len(ids) > 1 {
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf("%s in %s", id, listFiles(idFiles[id], 5)))
		}
		return nil, false, nil, nil, fmt.Errorf("the files use different frameworks and cannot be compared: %s; compare files of one framework (see govplan catalog frameworks)", strings.Join(parts, "; "))
	}
	versions, vFiles := groupBy(entries, func(e *CompareEntry) string { _, v := entryRef(e); return v })

	// The distinct frameworks used, by reference.
	var fws []*Framework
	seen := map[string]bool{}
	for _, e := range entries {
		if !seen[e.Framework.Ref()] {
			seen[e.Framework.Ref()] = true
			fws = append(fws, e.Framework)
		}
	}
	fw = fws[0]
	mixed = len(fws) > 1
	if mixed {
		fw, dropped = intersect(fws)
	}
	if len(versions) > 1 || len(fws) > 1 {
		var parts []string
		for _, v := range versions {
			parts = append(parts, fmt.Sprintf("%s (%s)", v, listFiles(vFiles[v], 3)))
		}
		warnings = append(warnings, yamlx.Msgf("the files name %s at different versions: %s; compared the %d indicators common to all",
			fw.ID, strings.Join(parts, ", "), len(fw.Indicators())))
	}
	return fw, mixed, dropped, warnings, nil
}

// intersect returns a copy of the first framework holding only the indicators every framework
// has (pillars left empty are dropped), and the ids left out.
func intersect(fws []*Framework) (*Framework, []string) {
	count := map[string]int{}
	for _, f := range fws {
		for _, ind := range f.Indicators() {
			count[ind.ID]++
		}
	}
	var dropped []string
	for id, n := range count {
		if n < len(fws) {
			dropped = append(dropped, id)
		}
	}
	sort.Strings(dropped)
	base := fws[0]
	out := *base
	out.Pillars = nil
	for _, p := range base.Pillars {
		np := p
		np.Indicators = nil
		for _, ind := range p.Indicators {
			if count[ind.ID] == len(fws) {
				np.Indicators = append(np.Indicators, ind)
			}
		}
		if len(np.Indicators) > 0 {
			out.Pillars = append(out.Pillars, np)
		}
	}
	out.doc = nil
	out.index()
	return &out, dropped
}

func absoluteRow(e *CompareEntry, s *Summary, fw *Framework) *CompareRow {
	r := &CompareRow{Entry: e, Overall: s.Overall, Completeness: s.Completeness, Pillars: s.Pillars, Indicators: s.Indicators}
	if s.Overall != nil {
		r.Band = fw.BandFor(*s.Overall)
	}
	return r
}

// groupRounds groups rows by country (ISO code; the file when there is none), each group
// sorted by date, then file. order is the groups' first-seen order.
func groupRounds(rows []*CompareRow) (map[string][]*CompareRow, []string) {
	groups := map[string][]*CompareRow{}
	var order []string
	for _, r := range rows {
		key := strings.ToUpper(strings.TrimSpace(r.Entry.ISO3))
		if key == "" {
			key = "file:" + r.Entry.File
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], r)
	}
	for _, g := range groups {
		sort.SliceStable(g, func(i, j int) bool {
			a, b := g[i].Entry, g[j].Entry
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			return a.File < b.File
		})
	}
	return groups, order
}

// dedupeDates keeps one round per date (the last by file name) and warns about the others.
func dedupeDates(g []*CompareRow, warnings *[]yamlx.Message) []*CompareRow {
	var out []*CompareRow
	for i := 0; i < len(g); {
		j := i
		for j+1 < len(g) && g[j+1].Entry.Date == g[i].Entry.Date {
			j++
		}
		if j > i {
			var files []string
			for _, r := range g[i : j+1] {
				files = append(files, r.Entry.File)
			}
			// The files are listed with commas: the list goes into every language unchanged.
			*warnings = append(*warnings, yamlx.Msgf("%s assess %s on the same date %s; the rounds use %s",
				strings.Join(files, ", "), g[j].Entry.ISO3, g[j].Entry.Date, g[j].Entry.File))
		}
		out = append(out, g[j])
		i = j + 1
	}
	return out
}

func change(kind, id string, from, to *float64) Change {
	c := Change{Kind: kind, ID: id, From: from, To: to}
	if from != nil && to != nil {
		c.Delta = ptr(*to - *from)
	}
	return c
}

func changes(fw *Framework, a, b *CompareRow) (overall Change, pillars, inds []Change) {
	overall = change(ChangeOverall, "", a.Overall, b.Overall)
	pillars = make([]Change, len(fw.Pillars))
	for i := range fw.Pillars {
		pillars[i] = change(ChangePillar, fw.Pillars[i].ID, a.Pillars[i], b.Pillars[i])
	}
	all := fw.Indicators()
	inds = make([]Change, len(all))
	for i, ind := range all {
		inds[i] = change(ChangeIndicator, ind.ID, a.Indicators[i], b.Indicators[i])
	}
	return overall, pillars, inds
}

// buildRound compares the rounds of one country; its rows hold absolute scores.
func buildRound(fw *Framework, series []*CompareRow) Round {
	last := series[len(series)-1]
	rd := Round{ISO3: last.Entry.ISO3, Name: last.Entry.Name, Series: series}
	for i := 1; i < len(series); i++ {
		rd.Steps = append(rd.Steps, RoundStep{From: series[i-1], To: series[i]})
	}
	rd.Overall, rd.Pillars, rd.Indicators = changes(fw, series[0], last)
	for _, list := range [][]Change{rd.Pillars, rd.Indicators} {
		for _, ch := range list {
			switch {
			case ch.Delta == nil:
			case *ch.Delta > Tie:
				rd.Improved = append(rd.Improved, ch)
			case *ch.Delta < -Tie:
				rd.FellBack = append(rd.FellBack, ch)
			}
		}
	}
	rd.TargetsMet = targetsMet(fw, series)
	return rd
}

// targetsMet finds, for every target set in a round, the first later round whose score reaches
// it. A target repeated in later files is reported once, from the round that first set it.
// Targets are taken in framework order: overall, pillars, then indicators.
func targetsMet(fw *Framework, series []*CompareRow) []TargetMet {
	var out []TargetMet
	done := map[string]bool{}
	try := func(i int, kind, id string, written Target, target *float64, later func(r *CompareRow) *float64) {
		if target == nil {
			return
		}
		key := fmt.Sprintf("%s|%s|%.12g|%d", kind, id, *target, written.Year)
		if done[key] {
			return
		}
		for j := i + 1; j < len(series); j++ {
			if s := later(series[j]); s != nil && *target <= *s+Tie {
				done[key] = true
				out = append(out, TargetMet{Kind: kind, ID: id, Target: target, Year: written.Year, Written: &written, SetIn: series[i], MetIn: series[j], Score: s})
				return
			}
		}
	}
	inds := fw.Indicators()
	for i, r := range series {
		t := r.Entry.Targets
		if t == nil {
			continue
		}
		if t.Overall != nil {
			try(i, ChangeOverall, "", *t.Overall, t.Overall.Score, func(x *CompareRow) *float64 { return x.Overall })
		}
		for pi := range fw.Pillars {
			if tg, ok := t.Pillars[fw.Pillars[pi].ID]; ok {
				try(i, ChangePillar, fw.Pillars[pi].ID, tg, tg.Score, func(x *CompareRow) *float64 { return x.Pillars[pi] })
			}
		}
		for ii, ind := range inds {
			if tg, ok := t.Indicators[ind.ID]; ok {
				score := fw.answerScore(ind, Answer{Level: tg.Level, Value: tg.Value})
				try(i, ChangeIndicator, ind.ID, tg, score, func(x *CompareRow) *float64 { return x.Indicators[ii] })
			}
		}
	}
	return out
}

// relativise replaces the rows' scores by the relative view: per indicator, z-scores across the
// rows that have a score, min–max rescaled to 0..1 (all 0.5 when the scores do not vary); then
// pillars and overall recomputed with the framework's weights.
func relativise(fw *Framework, rows []*CompareRow) {
	inds := fw.Indicators()
	rel := make([][]*float64, len(rows))
	for i := range rows {
		rel[i] = make([]*float64, len(inds))
	}
	vals := make([]float64, 0, len(rows))
	for k := range inds {
		vals = vals[:0]
		for _, r := range rows {
			if s := r.Indicators[k]; s != nil {
				vals = append(vals, *s)
			}
		}
		if len(vals) == 0 {
			continue
		}
		mean, sd := meanSD(vals)
		if sd < 1e-12 {
			for i, r := range rows {
				if r.Indicators[k] != nil {
					rel[i][k] = ptr(0.5)
				}
			}
			continue
		}
		zmin, zmax := math.Inf(1), math.Inf(-1)
		for _, v := range vals {
			z := (v - mean) / sd
			zmin, zmax = math.Min(zmin, z), math.Max(zmax, z)
		}
		for i, r := range rows {
			if s := r.Indicators[k]; s != nil {
				z := (*s - mean) / sd
				rel[i][k] = ptr(clamp01((z - zmin) / (zmax - zmin)))
			}
		}
	}
	for i, r := range rows {
		r.Indicators = rel[i]
		r.Pillars = make([]*float64, len(fw.Pillars))
		var tw, tws float64
		k := 0
		for pi := range fw.Pillars {
			pl := &fw.Pillars[pi]
			var w, ws float64
			for ii := range pl.Indicators {
				if s := rel[i][k]; s != nil {
					w += pl.Indicators[ii].Weight
					ws += pl.Indicators[ii].Weight * *s
				}
				k++
			}
			if w > 0 {
				r.Pillars[pi] = ptr(ws / w)
				tw += pl.Weight
				tws += pl.Weight * ws / w
			}
		}
		r.Overall, r.Band = nil, nil
		if tw > 0 {
			r.Overall = ptr(tws / tw)
			r.Band = fw.BandFor(*r.Overall)
		}
	}
}

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)))
}

// rank sorts rows by overall score and gives competition ranks (1, 2, 2, 4): rows whose scores
// are within Tie of the first row of their group share its rank. Rows without a score get rank
// 0 and go last. Rows of one rank are sorted by name, ISO code, date and file.
func rank(rows []*CompareRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Overall, rows[j].Overall
		switch {
		case a == nil || b == nil:
			return a != nil && b == nil
		case *a != *b:
			return *a > *b
		}
		return less(rows[i], rows[j])
	})
	leader := -1
	for i, r := range rows {
		if r.Overall == nil {
			r.Rank = 0
			continue
		}
		if leader < 0 || *rows[leader].Overall-*r.Overall > Tie {
			leader = i
		}
		r.Rank = leader + 1
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Rank, rows[j].Rank
		if a != b {
			return a != 0 && (b == 0 || a < b)
		}
		return less(rows[i], rows[j])
	})
}

func less(a, b *CompareRow) bool {
	x, y := a.Entry, b.Entry
	switch {
	case x.Name != y.Name:
		return x.Name < y.Name
	case x.ISO3 != y.ISO3:
		return x.ISO3 < y.ISO3
	case x.Date != y.Date:
		return x.Date < y.Date
	}
	return x.File < y.File
}

// bandIndex returns the index of the band a score falls in; -1 for no score.
func bandIndex(fw *Framework, s *float64) int {
	if s == nil {
		return -1
	}
	bi := -1
	for i := range fw.Bands {
		if fw.Bands[i].Min <= *s+1e-12 {
			bi = i
		}
	}
	return bi
}

func spread(id string, name Text, rows []*CompareRow, get func(*CompareRow) *float64) Spread {
	sp := Spread{ID: id, Name: name}
	var vals []float64
	for _, r := range rows {
		s := get(r)
		if s == nil {
			continue
		}
		vals = append(vals, *s)
		if sp.MinRow == nil || *s < *get(sp.MinRow) {
			sp.MinRow = r
		}
		if sp.MaxRow == nil || *s > *get(sp.MaxRow) {
			sp.MaxRow = r
		}
	}
	sp.N = len(vals)
	if sp.N == 0 {
		return sp
	}
	mean, sd := meanSD(vals)
	sp.Min, sp.Max = get(sp.MinRow), get(sp.MaxRow)
	sp.Mean, sp.SD = ptr(mean), ptr(sd)
	return sp
}
