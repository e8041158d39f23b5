package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/words"
)

// CompareJSON is the document of `govplan compare --format json`. Scores are fractions 0..1;
// null where there is none.
type CompareJSON struct {
	Framework FrameworkJSON `json:"framework"`
	Relative  bool          `json:"relative"`
	// Scores says what the scores are: "absolute", or the relative label.
	Scores    string                `json:"scores"`
	Countries []CompareCountryJSON  `json:"countries"`
	Bands     map[string]int        `json:"bands"`
	Unbanded  int                   `json:"unbanded"`
	Spread    map[string]SpreadJSON `json:"spread"`
	Rounds    []RoundJSON           `json:"rounds"`
	LeftOut   []string              `json:"left_out"`
	Warnings  []string              `json:"warnings"`
	// Portfolio is the block and funding view; null when no file records needs.
	Portfolio *PortfolioJSON `json:"portfolio"`
}

// CompareCountryJSON is one ranked assessment.
type CompareCountryJSON struct {
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

// SpreadJSON is the spread of one pillar's or indicator's scores across the countries.
type SpreadJSON struct {
	N          int      `json:"n"`
	Min        *float64 `json:"min"`
	Max        *float64 `json:"max"`
	Mean       *float64 `json:"mean"`
	SD         *float64 `json:"sd"`
	MinCountry *string  `json:"min_country"`
	MaxCountry *string  `json:"max_country"`
}

// ChangeJSON is a score's move between two rounds.
type ChangeJSON struct {
	From   *float64 `json:"from"`
	To     *float64 `json:"to"`
	Change *float64 `json:"change"`
}

// ChangeItemJSON is one score that improved or fell back.
type ChangeItemJSON struct {
	Kind   string   `json:"kind"`
	ID     string   `json:"id"`
	From   *float64 `json:"from"`
	To     *float64 `json:"to"`
	Change *float64 `json:"change"`
}

// ChangesJSON are the moves of the overall, pillar and indicator scores between two rounds.
type ChangesJSON struct {
	Overall    ChangeJSON            `json:"overall"`
	Pillars    map[string]ChangeJSON `json:"pillars"`
	Indicators map[string]ChangeJSON `json:"indicators"`
}

// RoundJSON is one country assessed on several dates.
type RoundJSON struct {
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
		ChangesJSON
	} `json:"steps"`
	Changes    ChangesJSON      `json:"changes"`
	Improved   []ChangeItemJSON `json:"improved"`
	FellBack   []ChangeItemJSON `json:"fell_back"`
	TargetsMet []TargetMetJSON  `json:"targets_met"`
}

// TargetMetJSON is a target of an earlier round met by a later one.
type TargetMetJSON struct {
	Kind   string   `json:"kind"`
	ID     string   `json:"id"`
	Target *float64 `json:"target"`
	Year   *int     `json:"year"`
	SetIn  string   `json:"set_in"`
	MetIn  string   `json:"met_in"`
	Score  *float64 `json:"score"`
}

func pillarMap(fw *assess.Framework, scores []*float64) map[string]*float64 {
	m := make(map[string]*float64, len(scores))
	for i, s := range scores {
		m[fw.Pillars[i].ID] = s
	}
	return m
}

func changesDoc(overall assess.Change, pillars, inds []assess.Change) ChangesJSON {
	out := ChangesJSON{
		Overall:    ChangeJSON{overall.From, overall.To, overall.Delta},
		Pillars:    map[string]ChangeJSON{},
		Indicators: map[string]ChangeJSON{},
	}
	for _, c := range pillars {
		out.Pillars[c.ID] = ChangeJSON{c.From, c.To, c.Delta}
	}
	for _, c := range inds {
		out.Indicators[c.ID] = ChangeJSON{c.From, c.To, c.Delta}
	}
	return out
}

func changeItems(list []assess.Change) []ChangeItemJSON {
	out := []ChangeItemJSON{}
	for _, c := range list {
		out = append(out, ChangeItemJSON{c.Kind, c.ID, c.From, c.To, c.Delta})
	}
	return out
}

// Compare builds the JSON document of `govplan compare --format json` (WriteCompare writes the
// same document without holding it whole).
func Compare(c *assess.Comparison, fileWarnings yamlx.Errors, lang string) CompareJSON {
	out := compareSummary(c, fileWarnings, lang, true)
	out.Countries = []CompareCountryJSON{}
	for _, r := range c.Rows {
		out.Countries = append(out.Countries, compareCountry(c.Framework, r, lang))
	}
	return out
}

// compareCountry is one ranked row of the document.
func compareCountry(fw *assess.Framework, r *assess.CompareRow, lang string) CompareCountryJSON {
	var cj CompareCountryJSON
	e := r.Entry
	cj.File, cj.Name, cj.ISO3, cj.Date = e.File, e.Name, e.ISO3, e.Date
	cj.Overall.Score, cj.Overall.Completeness = r.Overall, r.Completeness
	cj.Overall.Band, cj.Overall.BandName = BandID(r.Band), BandName(r.Band, lang)
	if r.Rank > 0 {
		rank := r.Rank
		cj.Overall.Rank = &rank
	}
	cj.Pillars = pillarMap(fw, r.Pillars)
	return cj
}

// compareSummary is the document without its countries, and without its rounds unless
// withLists.
func compareSummary(c *assess.Comparison, fileWarnings yamlx.Errors, lang string, withLists bool) CompareJSON {
	fw := c.Framework
	var out CompareJSON
	out.Framework.ID, out.Framework.Version = fw.ID, fw.Version
	out.Relative = c.Relative
	out.Scores = "absolute"
	if c.Relative {
		out.Scores = words.RelativeLabel("en", c) // JSON keeps it English, as before
	}
	// Bands are counted under their ids (the names as the framework file writes them), the
	// same in every language, like the countries' band.
	out.Bands = map[string]int{}
	for _, b := range c.Bands {
		out.Bands[b.Band.Name.String()] = b.Count
	}
	out.Unbanded = c.Unbanded
	out.Spread = map[string]SpreadJSON{}
	for _, s := range c.Spread {
		sj := SpreadJSON{N: s.N, Min: s.Min, Max: s.Max, Mean: s.Mean, SD: s.SD}
		if s.MinRow != nil {
			sj.MinCountry, sj.MaxCountry = &s.MinRow.Entry.Name, &s.MaxRow.Entry.Name
		}
		out.Spread[s.ID] = sj
	}
	out.Rounds = []RoundJSON{}
	if withLists {
		for i := range c.Rounds {
			out.Rounds = append(out.Rounds, roundJSON(fw, &c.Rounds[i]))
		}
	}
	out.LeftOut = nonNil(c.LeftOut)
	out.Warnings = []string{}
	for _, w := range fileWarnings {
		out.Warnings = append(out.Warnings, w.Error())
	}
	for _, w := range c.Warnings {
		out.Warnings = append(out.Warnings, w.String()) // English, as the file warnings
	}
	return out
}

// PortfolioJSON is the block and funding view across the compared countries.
type PortfolioJSON struct {
	Blocks     map[string]map[string]string `json:"blocks"` // ISO code → block → reuse|upgrade|build
	CommonGaps []CommonGapJSON              `json:"common_gaps"`
	Funding    []CountryFundingJSON         `json:"funding"`
	Funders    []FunderJSON                 `json:"funders"`
}

// CommonGapJSON is a block several countries must build or upgrade.
type CommonGapJSON struct {
	Block     string   `json:"block"`
	Countries int      `json:"countries"`
	Build     []string `json:"build"`
	Upgrade   []string `json:"upgrade"`
}

// CountryFundingJSON is one country's cost and funding.
type CountryFundingJSON struct {
	ISO3       string   `json:"iso3"`
	Currency   string   `json:"currency"`
	Cost       float64  `json:"cost"`
	Funded     float64  `json:"funded"`
	Unfunded   float64  `json:"unfunded"`
	Duplicates []string `json:"duplicate_funding"`
	Unneeded   int      `json:"unneeded_pledges"`
}

// FunderJSON is what one funder pledged across the set.
type FunderJSON struct {
	Funder    string             `json:"funder"`
	Countries []string           `json:"countries"`
	Blocks    []string           `json:"blocks"`
	Amounts   map[string]float64 `json:"amounts"`
}

func Portfolio(p *countries.Portfolio) *PortfolioJSON {
	if p == nil {
		return nil
	}
	out := &PortfolioJSON{Blocks: map[string]map[string]string{}, CommonGaps: []CommonGapJSON{}, Funding: []CountryFundingJSON{}, Funders: []FunderJSON{}}
	for _, c := range p.Countries {
		iso := c.ISO3
		out.Blocks[iso] = c.Statuses
		out.Funding = append(out.Funding, CountryFundingJSON{iso, c.Currency, math.Round(c.Cost), math.Round(c.Funded), math.Round(c.Gap), nonNil(c.Duplicates), c.Unneeded})
	}
	for _, g := range p.CommonGaps {
		out.CommonGaps = append(out.CommonGaps, CommonGapJSON{g.Block, g.Countries, nonNil(g.Build), nonNil(g.Upgrade)})
	}
	for _, f := range p.Funders {
		out.Funders = append(out.Funders, FunderJSON{f.Funder, f.Countries, nonNil(f.Blocks), f.Amounts})
	}
	return out
}

// WriteCompare writes the document of Compare to w as indented JSON, header first, without
// building it whole: each country is encoded and written as it comes, so a comparison of
// 10,000 files never holds a 100 MB document (nor an indented copy of it). The bytes are
// those of Compare's document, header first, indented by two spaces.
func WriteCompare(w io.Writer, c *assess.Comparison, fileWarnings yamlx.Errors, p *countries.Portfolio, lang string) error {
	doc := compareSummary(c, fileWarnings, lang, false)
	doc.Portfolio = Portfolio(p)
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes v indented as a member of an object (or an item of an array) at depth.
	value := func(v any, depth int) error {
		buf.Reset()
		enc.SetIndent(strings.Repeat("  ", depth), "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimRight(buf.Bytes(), "\n"))
		return err
	}
	member := func(first bool, key string) {
		if !first {
			bw.WriteString(",")
		}
		k, _ := json.Marshal(key)
		bw.WriteString("\n  " + string(k) + ": ")
	}
	bw.WriteString("{")
	h := NewHeader()
	member(true, "schema_version")
	if err := value(h.SchemaVersion, 1); err != nil {
		return err
	}
	member(false, "govplan_version")
	if err := value(h.GovplanVersion, 1); err != nil {
		return err
	}
	// The members in CompareJSON's order, so the two stay the same document.
	t, v := reflect.TypeFor[CompareJSON](), reflect.ValueOf(doc)
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		member(false, key)
		// Countries and rounds are built and written one at a time.
		var n int
		var item func(k int) any
		switch key {
		case "countries":
			n, item = len(c.Rows), func(k int) any { return compareCountry(c.Framework, c.Rows[k], lang) }
		case "rounds":
			n, item = len(c.Rounds), func(k int) any { return roundJSON(c.Framework, &c.Rounds[k]) }
		default:
			if err := value(v.Field(i).Interface(), 1); err != nil {
				return err
			}
			continue
		}
		if n == 0 {
			bw.WriteString("[]")
			continue
		}
		bw.WriteString("[")
		for k := range n {
			if k > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			if err := value(item(k), 2); err != nil {
				return err
			}
		}
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// roundJSON is one country's rounds in the document.
func roundJSON(fw *assess.Framework, rd *assess.Round) RoundJSON {
	rj := RoundJSON{ISO3: rd.ISO3, Name: rd.Name}
	for _, r := range rd.Series {
		rj.Series = append(rj.Series, struct {
			File    string              `json:"file"`
			Date    string              `json:"date"`
			Overall *float64            `json:"overall"`
			Pillars map[string]*float64 `json:"pillars"`
		}{r.Entry.File, r.Entry.Date, r.Overall, pillarMap(fw, r.Pillars)})
	}
	for _, st := range rd.Steps {
		rj.Steps = append(rj.Steps, struct {
			From string `json:"from"`
			To   string `json:"to"`
			ChangesJSON
		}{st.From.Entry.Date, st.To.Entry.Date, changesDoc(st.Changes(fw))})
	}
	rj.Changes = changesDoc(rd.Overall, rd.Pillars, rd.Indicators)
	rj.Improved, rj.FellBack = changeItems(rd.Improved), changeItems(rd.FellBack)
	rj.TargetsMet = []TargetMetJSON{}
	for _, t := range rd.TargetsMet {
		tj := TargetMetJSON{Kind: t.Kind, ID: t.ID, Target: t.Target, SetIn: t.SetIn.Entry.Date, MetIn: t.MetIn.Entry.Date, Score: t.Score}
		if t.Year != 0 {
			y := t.Year
			tj.Year = &y
		}
		rj.TargetsMet = append(rj.TargetsMet, tj)
	}
	return rj
}
