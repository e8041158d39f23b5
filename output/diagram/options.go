package diagram

import (
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// colOption is the grey of a recommended block that the architecture does not include.
const colOption = "#9e9e9e"

// options draws the blocks that required blocks' specifications recommend but do not require
// (Match.Options) as dashed grey nodes, each with a dotted edge from the block that recommends
// it, in a cluster of their own. Nothing is drawn when there are none.
func options(w *writer, m *countries.Model, lang string) {
	opts := m.Match.Options()
	if len(opts) == 0 {
		return
	}
	w.open("subgraph cluster_options")
	w.attrs(a("label", i18n.T(lang, "Options: recommended, not required")), a("style", "rounded,dashed"),
		a("color", colOption), a("fontcolor", colOption), a("fontsize", "14"))
	drawn := map[string]bool{}
	for _, o := range opts {
		if drawn[o.Block] {
			continue
		}
		drawn[o.Block] = true
		w.node(nodeID("opt", o.Block), a("shape", "box"), a("style", "rounded,dashed"), a("color", colOption),
			a("fontcolor", colOption), af("width", blockWidth),
			ah("label", table(bold(esc(blockName(m, o.Block, lang))), small(esc(i18n.T(lang, "option"))))),
			tip(truncate(i18n.F(lang, "%s is recommended, not required; not in this architecture.", blockName(m, o.Block, lang)), 300)))
	}
	w.close()
	for _, o := range opts {
		w.edge(nodeID("bb", o.For), nodeID("opt", o.Block), a("style", "dotted"), a("color", colOption),
			a("arrowhead", "empty"), tip(optionTooltip(m, o, lang)))
	}
}

// recommendedEdges draws a dotted edge for every recommended dependency between two blocks
// that are both in the architecture.
func recommendedEdges(w *writer, m *countries.Model, lang string) {
	for _, rb := range m.Match.Blocks {
		for _, o := range rb.Recommends {
			if o.InArchitecture {
				w.edge(nodeID("bb", o.For), nodeID("bb", o.Block), a("style", "dotted"), a("color", colOption),
					a("arrowhead", "empty"), tip(optionTooltip(m, o, lang)))
			}
		}
	}
}

func optionTooltip(m *countries.Model, o catalog.Option, lang string) string {
	return truncate(i18n.F(lang, "%s recommends %s: %s [%s]", blockName(m, o.For, lang), blockName(m, o.Block, lang), o.Reason.In(lang), o.Source), 400)
}

// optionLegend is the legend row for recommended dependencies.
func optionLegend(lang string) legendRow {
	return legendRow{swatch: coloured(colOption, esc("┈ ▷")), text: i18n.T(lang, "recommended by the spec, not required")}
}
