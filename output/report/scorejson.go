// Package report renders a country's model as documents people paste and programs read:
// Markdown for strategy documents, JSON for tools.
package report

import (
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

// ScoreJSON is the JSON document of `govplan score --format json`. Scores are fractions 0..1;
// null where there is none.
type ScoreJSON struct {
	Country    CountryJSON     `json:"country"`
	Framework  FrameworkJSON   `json:"framework"`
	Date       string          `json:"date"`
	Overall    OverallJSON     `json:"overall"`
	Pillars    []PillarJSON    `json:"pillars"`
	Indicators []IndicatorJSON `json:"indicators"`
	Gates      []GateJSON      `json:"gates"`
	Unknown    []string        `json:"unknown_answers"`
	Warnings   []string        `json:"warnings"`
}

// CountryJSON names the country.
type CountryJSON struct {
	Name string `json:"name"`
	ISO3 string `json:"iso3"`
}

// FrameworkJSON names the framework.
type FrameworkJSON struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// OverallJSON is the overall result.
type OverallJSON struct {
	Score           *float64 `json:"score"`
	Band            *string  `json:"band"`      // the band's name as the framework file writes it (an id)
	BandName        *string  `json:"band_name"` // the band's name in the language asked for
	Completeness    *float64 `json:"completeness"`
	Answered        int      `json:"answered"`
	Applicable      int      `json:"applicable"`
	UnscoredPillars []string `json:"unscored_pillars"`
	Target          *float64 `json:"target"`
	Gap             *float64 `json:"gap"`
}

// PillarJSON is one pillar's result.
type PillarJSON struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Weight       float64  `json:"weight"`
	Score        *float64 `json:"score"`
	Band         *string  `json:"band"`
	BandName     *string  `json:"band_name"`
	Completeness *float64 `json:"completeness"`
	Answered     int      `json:"answered"`
	Applicable   int      `json:"applicable"`
	Target       *float64 `json:"target"`
	TargetYear   *int     `json:"target_year"`
	Gap          *float64 `json:"gap"`
}

// IndicatorJSON is one indicator's result.
type IndicatorJSON struct {
	ID         string         `json:"id"`
	Pillar     string         `json:"pillar"`
	Kind       string         `json:"kind"`
	Weight     float64        `json:"weight"`
	Score      *float64       `json:"score"`
	Level      *float64       `json:"level"`
	Status     string         `json:"status"`
	Disputed   bool           `json:"disputed"`
	Target     *float64       `json:"target"`
	TargetYear *int           `json:"target_year"`
	Gap        *float64       `json:"gap"`
	Answers    assess.Answers `json:"answers"`
}

// GateJSON is one readiness gate.
type GateJSON struct {
	Indicator string   `json:"indicator"`
	BB        string   `json:"bb"`
	Min       int      `json:"min"`
	Current   *float64 `json:"current"`
	State     string   `json:"state"`
	// Basis is spec (source cites the spec) or heuristic (why says why); "" when the framework
	// does not say.
	Basis  string `json:"basis"`
	Source string `json:"source,omitempty"`
	Why    string `json:"why,omitempty"`
	// UseCases / ExceptUseCases limit the gate to some use cases' go-live.
	UseCases       []string `json:"use_cases"`
	ExceptUseCases []string `json:"except_use_cases"`
}

// gateJSON builds the JSON of one gate state, its texts in lang.
func gateJSON(g assess.GateState, lang string) GateJSON {
	return GateJSON{Indicator: g.Indicator, BB: g.BB, Min: g.Min, Current: g.Current, State: g.State,
		Basis: g.Gate.Basis, Source: g.Gate.Source, Why: g.Gate.Why.In(lang),
		UseCases: nonNil(g.Gate.UseCases), ExceptUseCases: nonNil(g.Gate.ExceptUseCases)}
}

// Score builds the score document of a country file.
func Score(doc *countries.Doc, sc *assess.Scorecard, lang string) ScoreJSON {
	fw := sc.Framework
	out := ScoreJSON{
		Country:    CountryJSON{Name: doc.File.Country.Name, ISO3: doc.File.Country.ISO3},
		Framework:  FrameworkJSON{ID: fw.ID, Version: fw.Version},
		Date:       doc.File.Assessment.Date,
		Unknown:    nonNil(sc.Unknown),
		Pillars:    []PillarJSON{},
		Indicators: []IndicatorJSON{},
		Gates:      []GateJSON{},
		Warnings:   []string{},
	}
	out.Overall = OverallJSON{
		Score:           sc.Overall.Score,
		Band:            BandID(sc.Overall.Band),
		BandName:        BandName(sc.Overall.Band, lang),
		Completeness:    sc.Overall.Completeness,
		Answered:        sc.Overall.Answered,
		Applicable:      sc.Overall.Applicable,
		UnscoredPillars: nonNil(sc.Overall.Unscored),
		Gap:             sc.Overall.Gap,
	}
	if t := sc.Overall.Target; t != nil {
		out.Overall.Target = t.Score
	}
	for _, p := range sc.Pillars {
		pj := PillarJSON{
			ID: p.Pillar.ID, Name: p.Pillar.Name.In(lang), Weight: p.Pillar.Weight,
			Score: p.Score, Band: BandID(p.Band), BandName: BandName(p.Band, lang), Completeness: p.Completeness,
			Answered: p.Answered, Applicable: p.Applicable, Gap: p.Gap,
		}
		if p.Target != nil {
			pj.Target = p.Target.Score
			pj.TargetYear = year(p.Target.Year)
		}
		out.Pillars = append(out.Pillars, pj)
	}
	for _, is := range sc.Indicators {
		ij := IndicatorJSON{
			ID: is.Indicator.ID, Pillar: is.Pillar, Kind: string(is.Indicator.Kind), Weight: is.Indicator.Weight,
			Score: is.Score, Level: is.Level, Status: is.Status, Disputed: is.Disputed,
			Target: is.TargetScore, Gap: is.Gap, Answers: is.Answers.Given(),
		}
		if ij.Answers == nil {
			ij.Answers = assess.Answers{}
		}
		if is.Target != nil {
			ij.TargetYear = year(is.Target.Year)
		}
		out.Indicators = append(out.Indicators, ij)
	}
	for _, g := range sc.Gates() {
		out.Gates = append(out.Gates, gateJSON(g, lang))
	}
	for _, w := range doc.Warnings {
		out.Warnings = append(out.Warnings, w.Error())
	}
	return out
}

// BandID is a band as a machine value: its name as the framework file writes it (the
// source-language text), the same whatever --lang asks for; nil without a band.
func BandID(b *assess.Band) *string {
	if b == nil {
		return nil
	}
	s := b.Name.String()
	return &s
}

// BandName is a band's name in lang, for people; nil without a band.
func BandName(b *assess.Band, lang string) *string {
	if b == nil {
		return nil
	}
	s := b.Name.In(lang)
	return &s
}

func year(y int) *int {
	if y == 0 {
		return nil
	}
	return &y
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
