package countries

import (
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

// Model is everything govplan derives from one country file: the scorecard and the match
// (and, with a plan, the roadmap).
type Model struct {
	Doc       *Doc
	Framework *assess.Framework
	Catalog   *catalog.Catalog
	Score     *assess.Scorecard
	Match     *catalog.Match
}

// Build scores the file and matches its needs. The file must have passed Check and
// CheckCatalog.
func Build(d *Doc, fw *assess.Framework, cat *catalog.Catalog) *Model {
	sc := d.Score(fw)
	return &Model{Doc: d, Framework: fw, Catalog: cat, Score: sc, Match: cat.Match(d.File.Needs(), sc.Gates())}
}
