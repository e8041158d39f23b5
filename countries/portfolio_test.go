package countries

import (
	"reflect"
	"sort"
	"testing"

	"github.com/govplan/govplan/catalog"
)

// plannedSamples plans every sample (each a fresh model).
func plannedSamples(t *testing.T) []*Model {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	var models []*Model
	for _, n := range SampleNames() {
		d, err := Sample(n)
		if err != nil {
			t.Fatal(err)
		}
		fw, err := d.Framework("")
		if err != nil {
			t.Fatal(err)
		}
		m := Build(d, fw, cat, "en")
		if err := m.Replan(PlanOptions{}); err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	return models
}

// TestPortfolioBuilder: a portfolio built one model at a time, each model dropped once added,
// is the one built from all the models at once; each country's line names it and holds its
// block statuses, and the portfolio names the blocks as the catalog does, so that nothing
// needs the models afterwards. A funder's countries and blocks are listed once each, sorted.
func TestPortfolioBuilder(t *testing.T) {
	models := plannedSamples(t)
	whole := NewPortfolio(models)
	b := NewPortfolioBuilder()
	for _, m := range plannedSamples(t) {
		b.Add(m)
	}
	if b.Len() != len(models) {
		t.Fatalf("Len %d, want %d", b.Len(), len(models))
	}
	streamed := b.Portfolio()
	if !reflect.DeepEqual(whole, streamed) {
		t.Errorf("built one at a time:\n%+v\nall at once:\n%+v", streamed, whole)
	}
	p := streamed
	for i, m := range models {
		pc := p.Countries[i]
		if pc.Name != m.Doc.File.Country.Name || pc.ISO3 != m.Doc.File.Country.ISO3 {
			t.Errorf("country %d: %q %q", i, pc.Name, pc.ISO3)
		}
		if len(pc.Statuses) != len(m.Match.Blocks) {
			t.Errorf("%s: %d statuses for %d blocks", pc.ISO3, len(pc.Statuses), len(m.Match.Blocks))
		}
	}
	if len(p.Blocks) == 0 || len(p.Pledges) == 0 || len(p.Funders) == 0 {
		t.Fatalf("blocks %d, pledges %d, funders %d", len(p.Blocks), len(p.Pledges), len(p.Funders))
	}
	for _, id := range p.Blocks {
		want := models[0].Catalog.Block(id).Name.In("fr")
		if got := p.BlockName(id, "fr"); got != want || got == id {
			t.Errorf("block %s named %q, want %q", id, got, want)
		}
	}
	if got := p.BlockName("no-such-block", "en"); got != "no-such-block" {
		t.Errorf("a block the catalog does not know is named %q, want its id", got)
	}
	for _, f := range p.Funders {
		for _, list := range [][]string{f.Countries, f.Blocks} {
			if !sort.StringsAreSorted(list) || len(dedupe(list)) != len(list) {
				t.Errorf("%s: %v not sorted or repeated", f.Funder, list)
			}
		}
	}
}

func dedupe(list []string) map[string]bool {
	set := map[string]bool{}
	for _, s := range list {
		set[s] = true
	}
	return set
}
