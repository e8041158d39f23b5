package diagram

import (
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// sampleModel builds the model of an embedded sample country with its roadmap.
func sampleModel(t testing.TB, name string) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	return buildModel(t, doc)
}

func buildModel(t testing.TB, doc *countries.Doc) *countries.Model {
	t.Helper()
	return buildModelIn(t, doc, "en")
}

// buildModelIn builds the model with its match and plan written in lang.
func buildModelIn(t testing.TB, doc *countries.Doc, lang string) *countries.Model {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, lang)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// needRenderer skips a test that draws SVG where nothing can: Graphviz's dot is not
// installed and the test binary was built without -tags wasmgraphviz.
func needRenderer(t testing.TB) {
	t.Helper()
	if !CanDraw() {
		t.Skip("Graphviz's dot is not installed and this is not a wasmgraphviz build: nothing draws SVG")
	}
}
