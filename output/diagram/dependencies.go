package diagram

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// Gate edge styles by state: colour and line (and words, gateMark), so they read in grey.
var gateStyles = map[string]struct {
	style, colour string
	penwidth      float64
}{
	assess.GateMet:     {"solid", colMet, 1},
	assess.GateUnmet:   {"bold", colUnmet, 2.5},
	assess.GateUnknown: {"dotted", colGrey, 1.5},
}

// Dependencies draws the required blocks with the blocks they depend on (an arrow from a
// block to what it cannot be deployed without, the reason as tooltip) and the readiness
// gates on them: one node per indicator, an edge to each block it gates, drawn by state (met,
// not met, not assessed). Every text is in lang.
func Dependencies(m *countries.Model, lang string) []byte {
	w := &writer{}
	header(w, "dependencies", "", a("rankdir", "LR"), a("nodesep", "0.25"), a("ranksep", "1.1"))
	count := map[string]int{}
	for _, rb := range m.Match.Blocks {
		for _, g := range rb.GatedBy {
			count[g.State]++
		}
	}
	graphTitle(w, i18n.F(lang, "%s — building-block dependencies and readiness gates", m.Doc.File.Country.Name),
		i18n.N(lang, "%d required blocks · gates: %d not met, %d not assessed, %d met · an arrow points to what a block cannot work without",
			len(m.Match.Blocks), count[assess.GateUnmet], count[assess.GateUnknown], count[assess.GateMet]))

	// Indicators that gate a required block, on top.
	type gate struct {
		block string
		g     assess.GateState
	}
	byInd := map[string][]gate{}
	for _, rb := range m.Match.Blocks {
		for _, g := range rb.GatedBy {
			byInd[g.Indicator] = append(byInd[g.Indicator], gate{rb.Block.ID, g})
		}
	}
	inds := make([]string, 0, len(byInd))
	for id := range byInd {
		inds = append(inds, id)
	}
	sort.Strings(inds)
	if len(inds) > 0 {
		w.open("subgraph cluster_gates")
		w.attrs(a("label", i18n.T(lang, "Readiness gates (framework indicators)")), a("style", "rounded,filled"),
			a("fillcolor", "#f7fbff"), a("color", colGrey), a("fontsize", "14"))
		var ids []string
		for _, id := range inds {
			ids = append(ids, nodeID("ind", id))
			w.node(nodeID("ind", id), indicatorAttrs(m, id, byInd[id][0].g, lang)...)
		}
		w.line("{rank=same; %s;}", strings.Join(ids, "; "))
		w.close()
	}

	// Blocks, by category then name, so the foundational ones sit together.
	blocks := make([]*catalog.RequiredBlock, 0, len(m.Match.Blocks))
	for i := range m.Match.Blocks {
		blocks = append(blocks, &m.Match.Blocks[i])
	}
	catOrder := map[string]int{catalog.Feature: 0, catalog.Foundational: 1, catalog.Other: 2}
	sort.SliceStable(blocks, func(i, j int) bool {
		ci, cj := catOrder[blocks[i].Block.Category], catOrder[blocks[j].Block.Category]
		if ci != cj {
			return ci < cj
		}
		return blocks[i].Block.Name.In(lang) < blocks[j].Block.Name.In(lang)
	})
	for _, rb := range blocks {
		rows := []html{bold(lines(wrap(rb.Block.Name.In(lang), 28))), esc(statusCategory(lang, rb.Status, rb.Block.Category)),
			small(lines(wrap(i18n.N(lang, "needed by %d use cases", len(rb.NeededBy)), 34)))}
		w.node(nodeID("bb", rb.Block.ID), append(blockAttrs(rb.Status), af("width", 2.2),
			ah("label", table(rows...)), tip(blockTooltip(m, rb, lang)))...)
	}
	for _, rb := range blocks {
		for _, d := range rb.Block.Requires() {
			if m.Match.Block(d.Block) == nil {
				continue
			}
			w.edge(nodeID("bb", rb.Block.ID), nodeID("bb", d.Block), af("penwidth", 1.6), a("color", colInk),
				tip(truncate(i18n.F(lang, "%s depends on %s: %s", rb.Block.Name.In(lang), blockName(m, d.Block, lang), d.Reason.In(lang))+" ["+d.Source+"]", 400)))
		}
	}
	recommendedEdges(w, m, lang)
	options(w, m, lang)
	for _, id := range inds {
		for _, g := range byInd[id] {
			st := gateStyles[g.g.State]
			w.edge(nodeID("ind", id), nodeID("bb", g.block), a("style", st.style), a("color", st.colour),
				af("penwidth", st.penwidth), a("fontcolor", st.colour), a("arrowhead", "empty"),
				a("label", fmt.Sprintf("≥ %d %s", g.g.Min, gateMark(lang, g.g.State))),
				tip(gateTooltip(lang, blockName(m, g.block, lang), id, g.g)))
		}
	}
	legend(w, lang, "legend", 1, append(statusLegend(lang),
		legendRow{swatch: esc("A → B"), text: i18n.T(lang, "A cannot be deployed without B")},
		optionLegend(lang),
		legendRow{swatch: coloured(colUnmet, bold(esc("━ "+gateMark(lang, assess.GateUnmet)))), text: i18n.T(lang, "gate not met: raise the indicator first")},
		legendRow{swatch: esc("┈ " + gateMark(lang, assess.GateUnknown)), text: i18n.T(lang, "gate not assessed: assess the indicator first")},
		legendRow{swatch: coloured(colMet, esc("— "+gateMark(lang, assess.GateMet))), text: i18n.T(lang, "gate met")},
	))
	w.close()
	return w.b.Bytes()
}

// indicatorAttrs draws an indicator: its id, question and current level; dotted when not
// assessed.
func indicatorAttrs(m *countries.Model, id string, g assess.GateState, lang string) []attr {
	now := i18n.T(lang, "not assessed")
	if g.Current != nil {
		now = i18n.F(lang, "now level %s", level(lang, *g.Current))
	}
	rows := []html{bold(esc(id))}
	if ind := m.Framework.Indicator(id); ind != nil {
		if q := ind.Question.In(lang); q != "" {
			rows = append(rows, small(lines(wrap(truncate(q, 110), 36))))
		}
	}
	rows = append(rows, esc(now))
	style := "rounded,filled"
	if g.Current == nil {
		style = "rounded,filled,dotted"
	}
	return []attr{a("style", style), a("fillcolor", "white"), af("penwidth", 1.5), ah("label", table(rows...)),
		tip(strings.TrimSpace(id + " — " + now))}
}

// statusCategory is a block's status mark and its category: "✓ REUSE · foundational".
func statusCategory(lang, status, category string) string {
	mark := statusMark(lang, status)
	switch category {
	case catalog.Foundational:
		return i18n.F(lang, "%s · foundational", mark)
	case catalog.Feature:
		return i18n.F(lang, "%s · feature", mark)
	case catalog.Other:
		return i18n.F(lang, "%s · other", mark)
	}
	return mark + " · " + category
}

// gateTooltip says what a gate asks of an indicator for a block, and whether it is met.
func gateTooltip(lang, block, indicator string, g assess.GateState) string {
	switch g.State {
	case assess.GateMet:
		return i18n.F(lang, "%s needs %s at level %d or more: met", block, indicator, g.Min)
	case assess.GateUnmet:
		return i18n.F(lang, "%s needs %s at level %d or more: unmet", block, indicator, g.Min)
	}
	return i18n.F(lang, "%s needs %s at level %d or more: unknown", block, indicator, g.Min)
}
