package report

import (
	"github.com/govplan/govplan/countries"
)

// Generator names the program in documents it writes.
const Generator = "govplan"

// ModelJSON is everything govplan derives from one country file, as one JSON document: the
// country and assessment as the file gives them, and the score, match and roadmap documents
// (the same as `govplan score|match|roadmap --format json` print). Field names are snake_case
// and stable; a missing value is null, an empty list [].
type ModelJSON struct {
	Header
	Generator  string           `json:"generator"`
	Country    ModelCountryJSON `json:"country"`
	Assessment AssessmentJSON   `json:"assessment"`
	Ministries []MinistryJSON   `json:"ministries"`
	Score      ScoreJSON        `json:"score"`
	Match      MatchJSON        `json:"match"`
	Roadmap    *RoadmapJSON     `json:"roadmap"` // null when there is no plan
}

// ModelCountryJSON is the country as the file names it.
type ModelCountryJSON struct {
	Name      string  `json:"name"`
	ISO3      string  `json:"iso3"`
	Region    *string `json:"region"`
	Fictional bool    `json:"fictional"`
}

// AssessmentJSON says which framework scored the file, when the assessment took place and who
// facilitated it.
type AssessmentJSON struct {
	Framework    FrameworkJSON `json:"framework"` // the framework used, as in every other document
	Date         *string       `json:"date"`      // YYYY-MM-DD
	Facilitators []string      `json:"facilitators"`
}

// MinistryJSON is a ministry or agency taking part.
type MinistryJSON struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	FocalPoint *string `json:"focal_point"`
	Email      *string `json:"email"`
}

// Model builds the full model document. lang picks the language of the framework's texts.
func Model(m *countries.Model, lang string) ModelJSON {
	f := m.Doc.File
	country := CountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3}
	out := ModelJSON{
		Header:    NewHeader(),
		Generator: Generator,
		Country:   ModelCountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3, Region: optString(f.Country.Region), Fictional: f.Country.Fictional},
		Assessment: AssessmentJSON{
			Framework: FrameworkJSON{ID: m.Framework.ID, Version: m.Framework.Version}, Date: optString(f.Assessment.Date), Facilitators: nonNil(append([]string(nil), f.Assessment.Facilitators...)),
		},
		Ministries: []MinistryJSON{},
		Score:      Score(m.Doc, m.Score, lang),
		Match:      Match(country, m.Match, lang),
	}
	for _, mi := range f.Ministries {
		out.Ministries = append(out.Ministries, MinistryJSON{ID: mi.ID, Name: mi.Name.In(lang), FocalPoint: optString(mi.FocalPoint), Email: optString(mi.Email)})
	}
	if m.Plan != nil {
		var warns []string
		for _, w := range m.Doc.Warnings {
			warns = append(warns, w.Error())
		}
		rj := Roadmap(country, m.Plan, warns, lang)
		out.Roadmap = &rj
	}
	return out
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
