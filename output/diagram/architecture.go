package diagram

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// Block ids the architecture places outside the block clusters.
const (
	mediatorID = "information-mediator"
	cloudID    = "cloud-infrastructure"
)

// Layout sizes of the architecture, in inches.
const (
	blockWidth = 2.5
	maxCols    = 4 // blocks per row in a cluster
)

// Architecture draws the layered target architecture (design §7): the priority services and
// the use cases they need on top, the Information Mediator as the bus below them, the required
// building blocks grouped foundational / feature / other with their status (colour, border
// and words), chosen product and open readiness gates, and the hosting layer at the bottom,
// with a legend. lang picks the language of framework texts (gate questions in tooltips).
func Architecture(m *countries.Model, lang string) []byte {
	w := &writer{}
	f := m.Doc.File
	header(w, "architecture", "", a("rankdir", "TB"), a("compound", "true"), a("nodesep", "0.3"), a("ranksep", "0.45"))
	graphTitle(w, f.Country.Name+" — target architecture", archSummary(m))

	// Layer 1: use cases with the services that need them, most urgent first.
	ucs := orderedUseCases(m)
	w.open("subgraph cluster_needs")
	w.attrs(a("label", "Priority services and the use cases they need"), a("style", "rounded,filled"),
		a("fillcolor", "#f7fbff"), a("color", colGrey), a("fontsize", "14"))
	var ucIDs []string
	for _, u := range ucs {
		id := nodeID("uc", u.UseCase.ID)
		ucIDs = append(ucIDs, id)
		w.node(id, a("style", "rounded,filled"), a("fillcolor", colUseCase), af("width", blockWidth),
			ah("label", useCaseLabel(m, u)), tip(useCaseTooltip(u, m.Lang)))
	}
	w.close()

	// Layer 2: the Information Mediator as a bus as wide as the block layer.
	groups, cloud := blockGroups(m)
	cols := 0
	for _, g := range groups {
		cols += min(len(g.blocks), maxCols)
	}
	grid(w, ucIDs, max(cols, maxCols+1))
	busWidth := float64(max(cols, 2))*(blockWidth+0.35) + float64(max(len(groups)-1, 0))*0.4
	bus := "bus"
	busAttrs := []attr{af("width", busWidth), ah("label", busLabel(m))}
	if rb := m.Match.Block(mediatorID); rb != nil {
		bus = nodeID("bb", mediatorID)
		busAttrs = append(busAttrs, blockAttrs(rb.Status)...)
		busAttrs = append(busAttrs, tip(blockTooltip(m, rb, lang)))
	} else {
		busAttrs = append(busAttrs, a("style", "filled,dashed"), a("fillcolor", colBus))
	}
	w.node(bus, busAttrs...)
	for _, id := range ucIDs {
		w.edge(id, bus, af("penwidth", 1.2))
	}

	// Layer 3: the blocks, in clusters.
	var lastRows [][]string
	for _, g := range groups {
		w.open("subgraph cluster_%s", g.category)
		w.attrs(a("label", g.title), a("style", "rounded,filled"), a("fillcolor", "#fafafa"),
			a("color", colGrey), a("fontsize", "14"))
		var ids []string
		for _, rb := range g.blocks {
			id := nodeID("bb", rb.Block.ID)
			ids = append(ids, id)
			w.node(id, append(blockAttrs(rb.Status), af("width", blockWidth),
				ah("label", blockLabel(rb, lang)), tip(blockTooltip(m, rb, lang)))...)
		}
		rows := grid(w, ids, maxCols)
		w.close()
		for _, id := range rows[0] {
			w.edge(bus, id, a("style", "invis"))
		}
		w.edge(bus, rows[0][0], a("lhead", "cluster_"+g.category), af("penwidth", 2), a("color", colInk))
		lastRows = append(lastRows, rows[len(rows)-1])
	}

	// Layer 4: hosting, with the legend beside it.
	w.open("subgraph cluster_hosting")
	w.attrs(a("label", "Hosting"), a("style", "rounded,filled"), a("fillcolor", colHosting), a("color", colGrey), a("fontsize", "14"))
	hostWidth := busWidth
	if cloud != nil {
		hostWidth -= blockWidth + 0.4
	}
	w.node("hosting", a("shape", "box"), a("style", "filled"), a("fillcolor", "white"), af("width", max(hostWidth, blockWidth)),
		ah("label", hostingLabel(m, cloud != nil)))
	if cloud != nil {
		w.node(nodeID("bb", cloudID), append(blockAttrs(cloud.Status), af("width", blockWidth),
			ah("label", blockLabel(cloud, lang)), tip(blockTooltip(m, cloud, lang)))...)
	}
	w.close()
	for _, row := range lastRows {
		for _, id := range row {
			w.edge(id, "hosting", a("style", "invis"))
		}
	}
	if len(lastRows) == 0 {
		w.edge(bus, "hosting", a("style", "invis"))
	}
	legend(w, "legend", 3, append(statusLegend(),
		legendRow{swatch: coloured(colUnmet, esc("⚠ gated")), text: "a readiness gate is not met yet"},
		legendRow{swatch: esc("? gate"), text: "a readiness gate is not assessed yet"},
		legendRow{swatch: esc("→"), text: "uses / talks through"},
	))
	w.edge("hosting", "legend", a("style", "invis"))
	w.close()
	return w.b.Bytes()
}

func archSummary(m *countries.Model) string {
	count := map[string]int{}
	for _, rb := range m.Match.Blocks {
		count[rb.Status]++
	}
	parts := []string{
		fmt.Sprintf("%d use case(s)", len(m.Match.UseCases)),
		fmt.Sprintf("%d building block(s): %d reuse, %d upgrade, %d build", len(m.Match.Blocks), count[catalog.Reuse], count[catalog.Upgrade], count[catalog.Build]),
	}
	if m.Match.ReuseFactor != nil {
		parts = append(parts, fmt.Sprintf("reuse factor %.2f", *m.Match.ReuseFactor))
	}
	return strings.Join(parts, " · ")
}

// orderedUseCases puts the use cases of the best-ranked services first, then the others by id.
func orderedUseCases(m *countries.Model) []catalog.NeededUseCase {
	best := map[string]int{}
	for _, s := range m.Match.Services {
		if r, ok := best[s.Service.UseCase]; !ok || s.Rank < r {
			best[s.Service.UseCase] = s.Rank
		}
	}
	out := append([]catalog.NeededUseCase(nil), m.Match.UseCases...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, oki := best[out[i].UseCase.ID]
		rj, okj := best[out[j].UseCase.ID]
		if oki != okj {
			return oki
		}
		if ri != rj {
			return ri < rj
		}
		return out[i].UseCase.ID < out[j].UseCase.ID
	})
	return out
}

func useCaseLabel(m *countries.Model, u catalog.NeededUseCase) html {
	kind := "catalog use case"
	if u.UseCase.Custom {
		kind = "custom use case"
	}
	rows := []html{bold(lines(wrap(u.UseCase.Name.In(m.Lang), 30))), small(esc(u.UseCase.ID + " · " + kind))}
	for _, s := range m.Match.Services {
		if s.Service.UseCase == u.UseCase.ID {
			rows = append(rows, small(lines(wrap(fmt.Sprintf("#%d %s · priority %.1f", s.Rank, s.Service.Name, s.Priority), 38))))
		}
	}
	return table(rows...)
}

func useCaseTooltip(u catalog.NeededUseCase, lang string) string {
	t := u.UseCase.Name.In(lang)
	if u.UseCase.Summary.In(lang) != "" {
		t += ": " + u.UseCase.Summary.In(lang)
	}
	return truncate(t+" Blocks: "+strings.Join(u.Blocks, ", "), 400)
}

type blockGroup struct {
	category, title string
	blocks          []*catalog.RequiredBlock
}

// blockGroups splits the required blocks (without the mediator and the cloud block, drawn in
// their own layers) into foundational, feature and other, each by name.
func blockGroups(m *countries.Model) ([]blockGroup, *catalog.RequiredBlock) {
	groups := []blockGroup{
		{category: catalog.Foundational, title: "Foundational building blocks"},
		{category: catalog.Feature, title: "Feature building blocks"},
		{category: catalog.Other, title: "Other building blocks"},
	}
	var cloud *catalog.RequiredBlock
	for i := range m.Match.Blocks {
		rb := &m.Match.Blocks[i]
		switch rb.Block.ID {
		case mediatorID:
			continue
		case cloudID:
			cloud = rb
			continue
		}
		gi := 2
		switch rb.Block.Category {
		case catalog.Foundational:
			gi = 0
		case catalog.Feature:
			gi = 1
		}
		groups[gi].blocks = append(groups[gi].blocks, rb)
	}
	var out []blockGroup
	for _, g := range groups {
		if len(g.blocks) > 0 {
			sort.SliceStable(g.blocks, func(i, j int) bool { return g.blocks[i].Block.Name.In(m.Lang) < g.blocks[j].Block.Name.In(m.Lang) })
			out = append(out, g)
		}
	}
	return out, cloud
}

// grid lays nodes out in rows of at most cols, keeping their order, and returns the rows.
func grid(w *writer, ids []string, cols int) [][]string {
	var rows [][]string
	for i := 0; i < len(ids); i += cols {
		rows = append(rows, ids[i:min(i+cols, len(ids))])
	}
	if len(rows) == 0 {
		return [][]string{nil}
	}
	for r, row := range rows {
		w.line("{rank=same; %s;}", strings.Join(row, "; "))
		for j := 0; j+1 < len(row); j++ {
			w.edge(row[j], row[j+1], a("style", "invis"))
		}
		if r > 0 {
			for j, id := range row {
				w.edge(rows[r-1][j], id, a("style", "invis"))
			}
		}
	}
	return rows
}

// product is the rank-1 product of a block, or "".
func product(rb *catalog.RequiredBlock) string {
	for _, p := range rb.Products {
		if p.Rank == 1 {
			return p.Product.Name
		}
	}
	return ""
}

// gateLines are the unmet and unassessed gates of a block, one line each.
func gateLines(rb *catalog.RequiredBlock) []html {
	var out []html
	for _, g := range rb.GatedBy {
		switch g.State {
		case assess.GateUnmet:
			now := ""
			if g.Current != nil {
				now = " (now " + level(*g.Current) + ")"
			}
			out = append(out, small(coloured(colUnmet, bold(lines([]string{"⚠ gated until", fmt.Sprintf("%s ≥ %d%s", g.Indicator, g.Min, now)})))))
		case assess.GateUnknown:
			out = append(out, small(lines([]string{"? gate not assessed", fmt.Sprintf("%s ≥ %d", g.Indicator, g.Min)})))
		}
	}
	return out
}

func blockLabel(rb *catalog.RequiredBlock, lang string) html {
	st := styleOf(rb.Status)
	rows := []html{bold(lines(wrap(rb.Block.Name.In(lang), 30))), esc(st.mark)}
	if rb.Inventory != nil && rb.Inventory.System != "" && rb.Status != catalog.Build {
		rows = append(rows, small(lines(wrap("in place: "+rb.Inventory.System, 36))))
	}
	if p := product(rb); p != "" {
		rows = append(rows, small(lines(wrap("product: "+p, 36))))
	} else {
		rows = append(rows, small(esc("no ranked product in the catalog")))
	}
	return table(append(rows, gateLines(rb)...)...)
}

// blockTooltip says why a block is needed and what gates it, with the gates' questions in
// lang: the detail a reader of the SVG gets by pointing at the block.
func blockTooltip(m *countries.Model, rb *catalog.RequiredBlock, lang string) string {
	t := fmt.Sprintf("%s (%s): needed by %s.", rb.Block.Name, rb.Status, strings.Join(rb.NeededBy, ", "))
	for _, g := range rb.GatedBy {
		t += fmt.Sprintf(" Gate %s ≥ %d: %s", g.Indicator, g.Min, g.State)
		if ind := m.Framework.Indicator(g.Indicator); ind != nil {
			if q := ind.Question.In(lang); q != "" {
				t += " (" + q + ")"
			}
		}
		t += "."
	}
	if len(rb.Reasons) > 0 {
		t += " Why: " + strings.Join(rb.Reasons, "; ")
	}
	return truncate(t, 800)
}

func busLabel(m *countries.Model) html {
	title := bold(esc("Information Mediator")) + esc(" — the data-exchange bus between services and building blocks")
	rb := m.Match.Block(mediatorID)
	if rb == nil {
		return table(title, small(esc("not required by these use cases")))
	}
	st := styleOf(rb.Status)
	detail := st.mark
	if rb.Inventory != nil && rb.Inventory.System != "" && rb.Status != catalog.Build {
		detail += " · in place: " + rb.Inventory.System
	}
	if p := product(rb); p != "" {
		detail += " · product: " + p
	}
	var gates []string
	for _, h := range gateLines(rb) {
		gates = append(gates, string(h))
	}
	return table(title, esc(detail), html(strings.Join(gates, " ")))
}

// hostingLabel describes the hosting layer: the country's hosting constraint and what the
// inventory says about shared cloud infrastructure (unless that block is drawn beside it).
func hostingLabel(m *countries.Model, cloudDrawn bool) html {
	f := m.Doc.File
	var head string
	switch f.Constraints.Hosting {
	case "on-premise":
		head = "On premises: every product must run in government data centres (country constraint)"
	case "cloud":
		head = "Cloud: products must be offered in the cloud or as a service (country constraint)"
	default:
		head = "Hosting not constrained: on premises or cloud"
	}
	rows := []html{bold(lines(wrap(head, 90)))}
	if !cloudDrawn {
		if it, ok := f.Inventory[cloudID]; ok {
			st := styleOf(blockStatus(m, cloudID))
			text := "Cloud infrastructure: " + it.Status
			if it.System != "" {
				text = "Cloud infrastructure: " + it.System + " (" + it.Status + ")"
			}
			rows = append(rows, esc(text+" · "+st.mark))
		} else {
			rows = append(rows, esc("No shared cloud infrastructure recorded in the inventory"))
		}
	}
	return table(rows...)
}
