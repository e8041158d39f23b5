package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/govplan/govplan/countries"
)

func TestModelJSONHoldsTheThreeDocuments(t *testing.T) {
	for _, name := range countries.SampleNames() {
		t.Run(name, func(t *testing.T) {
			m := sampleModel(t, name)
			data, err := json.Marshal(Model(m, "en"))
			if err != nil {
				t.Fatal(err)
			}
			// Read it back as a program would, without the Go types.
			var doc struct {
				Generator string `json:"generator"`
				Country   struct {
					Name, ISO3 string
					Region     *string `json:"region"`
					Fictional  bool    `json:"fictional"`
				} `json:"country"`
				Assessment struct {
					Framework    FrameworkJSON `json:"framework"`
					Date         *string       `json:"date"`
					Facilitators []string      `json:"facilitators"`
				} `json:"assessment"`
				Ministries []struct {
					ID, Name   string
					FocalPoint *string `json:"focal_point"`
				} `json:"ministries"`
				Score struct {
					Indicators []struct{ ID string } `json:"indicators"`
					Pillars    []struct{ ID string } `json:"pillars"`
				} `json:"score"`
				Match struct {
					Blocks   []struct{ ID string } `json:"blocks"`
					UseCases []struct{ ID string } `json:"use_cases"`
				} `json:"match"`
				Roadmap *struct {
					Activities   []struct{ ID string } `json:"activities"`
					TotalCost    float64               `json:"total_cost"`
					Currency     string                `json:"currency"`
					CriticalPath []string              `json:"critical_path"`
				} `json:"roadmap"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			f := m.Doc.File
			if doc.Generator != "govplan" || doc.Country.Name != f.Country.Name || doc.Country.ISO3 != f.Country.ISO3 ||
				doc.Country.Region == nil || *doc.Country.Region != f.Country.Region || doc.Country.Fictional != f.Country.Fictional {
				t.Errorf("generator/country wrong: %s %+v", doc.Generator, doc.Country)
			}
			if doc.Assessment.Framework != (FrameworkJSON{ID: m.Framework.ID, Version: m.Framework.Version}) || doc.Assessment.Date == nil || *doc.Assessment.Date != f.Assessment.Date ||
				!reflect.DeepEqual(doc.Assessment.Facilitators, f.Assessment.Facilitators) {
				t.Errorf("assessment wrong: %+v", doc.Assessment)
			}
			if len(doc.Ministries) != len(f.Ministries) || doc.Ministries[0].ID != f.Ministries[0].ID || doc.Ministries[0].Name != f.Ministries[0].Name.In("en") {
				t.Errorf("ministries wrong: %+v", doc.Ministries)
			}

			var ids []string
			for _, ind := range m.Framework.Indicators() {
				ids = append(ids, ind.ID)
			}
			if got := idsOf(doc.Score.Indicators); !reflect.DeepEqual(got, ids) {
				t.Errorf("score indicators %v, want %v", got, ids)
			}
			ids = nil
			for _, p := range m.Framework.Pillars {
				ids = append(ids, p.ID)
			}
			if got := idsOf(doc.Score.Pillars); !reflect.DeepEqual(got, ids) {
				t.Errorf("score pillars %v, want %v", got, ids)
			}
			ids = nil
			for _, b := range m.Match.Blocks {
				ids = append(ids, b.Block.ID)
			}
			if got := idsOf(doc.Match.Blocks); !reflect.DeepEqual(got, ids) || len(ids) == 0 {
				t.Errorf("match blocks %v, want %v", got, ids)
			}
			ids = nil
			for _, u := range m.Match.UseCases {
				ids = append(ids, u.UseCase.ID)
			}
			if got := idsOf(doc.Match.UseCases); !reflect.DeepEqual(got, ids) {
				t.Errorf("match use cases %v, want %v", got, ids)
			}
			if doc.Roadmap == nil {
				t.Fatal("roadmap is null")
			}
			ids = nil
			for _, a := range m.Plan.Activities {
				ids = append(ids, a.ID)
			}
			if got := idsOf(doc.Roadmap.Activities); !reflect.DeepEqual(got, ids) || len(ids) == 0 {
				t.Errorf("roadmap activities %v, want %v", got, ids)
			}
			if doc.Roadmap.TotalCost != cents(m.Plan.TotalCost) || doc.Roadmap.Currency != m.Plan.Currency || !reflect.DeepEqual(doc.Roadmap.CriticalPath, m.Plan.Critical) {
				t.Errorf("roadmap totals: %v %s %v", doc.Roadmap.TotalCost, doc.Roadmap.Currency, doc.Roadmap.CriticalPath)
			}
		})
	}
}

// The document decodes into ModelJSON and encodes to the same bytes again. Answers are left
// out: assess.Value writes JSON but cannot read it back (it has no UnmarshalJSON).
func TestModelJSONRoundTrip(t *testing.T) {
	for _, name := range countries.SampleNames() {
		t.Run(name, func(t *testing.T) {
			mj := Model(sampleModel(t, name), "en")
			for i := range mj.Score.Indicators {
				mj.Score.Indicators[i].Answers = nil
			}
			data, err := json.MarshalIndent(mj, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			var back ModelJSON
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&back); err != nil {
				t.Fatal(err)
			}
			again, err := json.MarshalIndent(back, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, again) {
				t.Errorf("round trip changed the document:\n%s", firstDiff(string(data), string(again)))
			}
		})
	}
}

// Missing values are null, empty lists are [], and the keys are the documented snake_case ones.
func TestModelJSONNullsAndKeys(t *testing.T) {
	doc, err := countries.Sample("coralia")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][]any{{"country", "region"}, {"assessment", "facilitators"}} {
		if err := doc.Delete(p); err != nil {
			t.Fatal(err)
		}
	}
	m := buildModel(t, doc)
	m.Plan = nil
	data, err := json.Marshal(Model(m, "en"))
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	want := map[string]bool{"schema_version": true, "govplan_version": true, "generator": true, "country": true, "assessment": true, "ministries": true, "score": true, "match": true, "roadmap": true}
	if len(keys) != len(want) {
		t.Errorf("top-level keys %v", keys)
	}
	for _, k := range keys {
		if !want[k] {
			t.Errorf("unexpected top-level key %q", k)
		}
	}
	for _, c := range []struct{ got, want string }{
		{string(top["roadmap"]), "null"},
		{jsonField(t, top["country"], "region"), "null"},
		{jsonField(t, top["assessment"], "facilitators"), "[]"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
	var ministries []map[string]json.RawMessage
	if err := json.Unmarshal(top["ministries"], &ministries); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "name", "focal_point", "email"} {
		if _, ok := ministries[0][k]; !ok {
			t.Errorf("ministry has no %q", k)
		}
	}
}

func jsonField(t *testing.T, obj json.RawMessage, key string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		t.Fatal(err)
	}
	v, ok := m[key]
	if !ok {
		return "<absent>"
	}
	return string(v)
}

func idsOf[T interface{ ~struct{ ID string } }](list []T) []string {
	var out []string
	for _, x := range list {
		out = append(out, struct{ ID string }(x).ID)
	}
	return out
}

func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < min(len(al), len(bl)); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return fmt.Sprintf("line %d: %s ≠ %s", i+1, al[i], bl[i])
		}
	}
	return "lengths differ"
}
