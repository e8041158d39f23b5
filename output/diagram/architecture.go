package diagram

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	gwords "github.com/govplan/govplan/output/words"
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
// with a legend. Every text is in lang (data texts falling back to English).
func Architecture(m *countries.Model, lang string) []byte {
	w := &writer{}
	f := m.Doc.File
	header(w, "architecture", "", a("rankdir", "TB"), a("compound", "true"), a("nodesep", "0.3"), a("ranksep", "0.45"))
	graphTitle(w, i18n.F(lang, "%s — target architecture", f.Country.Name), archSummary(m, lang))

	// Layer 1: use cases with the services that need them, most urgent first.
	// Beyond MaxUseCases, the most urgent are drawn and the rest summed up in one node, so the
	// layout stays seconds, not minutes (400 use cases took Graphviz 104 s).
	ucs := orderedUseCases(m)
	hidden := 0
	if len(ucs) > MaxUseCases {
		ucs, hidden = ucs[:MaxUseCases], len(ucs)-MaxUseCases
	}
	w.open("subgraph cluster_needs")
	w.attrs(a("label", i18n.T(lang, "Priority services and the use cases they need")), a("style", "rounded,filled"),
		a("fillcolor", "#f7fbff"), a("color", colGrey), a("fontsize", "14"))
	var ucIDs []string
	for _, u := range ucs {
		id := nodeID("uc", u.UseCase.ID)
		ucIDs = append(ucIDs, id)
		w.node(id, a("style", "rounded,filled"), a("fillcolor", colUseCase), af("width", blockWidth),
			ah("label", useCaseLabel(m, u, lang)), tip(useCaseTooltip(u, lang)))
	}
	if hidden > 0 {
		ucIDs = append(ucIDs, "uc_more")
		w.node("uc_more", a("style", "rounded,dashed"), af("width", blockWidth),
			ah("label", esc(i18n.F(lang, "… and %d more use cases (not drawn; see the workbook and the report)", hidden))))
	}
	w.close()

	// Layer 2: the Information Mediator as a bus as wide as the block layer.
	groups, cloud := blockGroups(m, lang)
	cols := 0
	for _, g := range groups {
		cols += min(len(g.blocks), maxCols)
	}
	grid(w, ucIDs, max(cols, maxCols+1))
	busWidth := float64(max(cols, 2))*(blockWidth+0.35) + float64(max(len(groups)-1, 0))*0.4
	bus := "bus"
	busAttrs := []attr{af("width", busWidth), ah("label", busLabel(m, lang))}
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
	w.attrs(a("label", i18n.T(lang, "Hosting")), a("style", "rounded,filled"), a("fillcolor", colHosting), a("color", colGrey), a("fontsize", "14"))
	hostWidth := busWidth
	if cloud != nil {
		hostWidth -= blockWidth + 0.4
	}
	w.node("hosting", a("shape", "box"), a("style", "filled"), a("fillcolor", "white"), af("width", max(hostWidth, blockWidth)),
		ah("label", hostingLabel(m, cloud != nil, max(90, int(hostWidth*9)), lang)))
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
	options(w, m, lang)
	rows := append(statusLegend(lang),
		legendRow{swatch: coloured(colUnmet, esc(i18n.T(lang, "⚠ gated"))), text: i18n.T(lang, "a readiness gate is not met yet")},
		legendRow{swatch: esc(i18n.T(lang, "? gate")), text: i18n.T(lang, "a readiness gate is not assessed yet")},
		legendRow{swatch: esc("→"), text: i18n.T(lang, "uses / talks through")},
	)
	if len(m.Match.Options()) > 0 {
		rows = append(rows, optionLegend(lang))
	}
	legend(w, lang, "legend", 3, rows)
	w.edge("hosting", "legend", a("style", "invis"))
	w.close()
	return w.b.Bytes()
}

// MaxUseCases is how many use cases the architecture diagram draws; the others are counted in
// one node and in the subtitle.
const MaxUseCases = 30

func archSummary(m *countries.Model, lang string) string {
	count := map[string]int{}
	for _, rb := range m.Match.Blocks {
		count[rb.Status]++
	}
	uc := i18n.N(lang, "%d use cases", len(m.Match.UseCases))
	if len(m.Match.UseCases) > MaxUseCases {
		uc = i18n.F(lang, "%d use cases, the %d most urgent drawn", len(m.Match.UseCases), MaxUseCases)
	}
	parts := []string{
		uc,
		i18n.N(lang, "%d building blocks: %d reuse, %d upgrade, %d build", len(m.Match.Blocks), count[catalog.Reuse], count[catalog.Upgrade], count[catalog.Build]),
	}
	if m.Match.ReuseFactor != nil {
		parts = append(parts, i18n.F(lang, "reuse factor %s", i18n.Number(lang, *m.Match.ReuseFactor, 2)))
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

// useCaseKind says whether a use case comes from the catalog or the country file.
func useCaseKind(u *catalog.UseCase, lang string) string {
	if u.Custom {
		return i18n.T(lang, "custom use case")
	}
	return i18n.T(lang, "catalog use case")
}

func useCaseLabel(m *countries.Model, u catalog.NeededUseCase, lang string) html {
	rows := []html{bold(lines(wrap(u.UseCase.Name.In(lang), 30))), small(esc(u.UseCase.ID + " · " + useCaseKind(u.UseCase, lang)))}
	for _, s := range m.Match.Services {
		if s.Service.UseCase == u.UseCase.ID {
			rows = append(rows, small(lines(wrap(i18n.F(lang, "#%d %s · priority %s", s.Rank, s.Service.Name.In(lang), i18n.Number(lang, s.Priority, 1)), 38))))
		}
	}
	return table(rows...)
}

func useCaseTooltip(u catalog.NeededUseCase, lang string) string {
	t := u.UseCase.Name.In(lang)
	if u.UseCase.Summary.In(lang) != "" {
		t = i18n.F(lang, "%s: %s", t, u.UseCase.Summary.In(lang))
	}
	return truncate(t+" "+i18n.F(lang, "Blocks: %s", strings.Join(u.Blocks, ", ")), 400)
}

type blockGroup struct {
	category, title string
	blocks          []*catalog.RequiredBlock
}

// blockGroups splits the required blocks (without the mediator and the cloud block, drawn in
// their own layers) into foundational, feature and other, each by name.
func blockGroups(m *countries.Model, lang string) ([]blockGroup, *catalog.RequiredBlock) {
	groups := []blockGroup{
		{category: catalog.Foundational, title: i18n.T(lang, "Foundational building blocks")},
		{category: catalog.Feature, title: i18n.T(lang, "Feature building blocks")},
		{category: catalog.Other, title: i18n.T(lang, "Other building blocks")},
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
			sort.SliceStable(g.blocks, func(i, j int) bool { return g.blocks[i].Block.Name.In(lang) < g.blocks[j].Block.Name.In(lang) })
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

// product is the product the country chose for a block (marked as chosen), else its rank-1
// product, or "".
func product(rb *catalog.RequiredBlock, lang string) string {
	p, chosen := rb.Pick()
	switch {
	case rb.Chosen == catalog.Undecided:
		return i18n.T(lang, "undecided")
	case p != nil && chosen:
		return i18n.F(lang, "%s (chosen)", p.Product.Name)
	}
	for _, p := range rb.Products {
		if p.Rank == 1 {
			return p.Product.Name
		}
	}
	return ""
}

// gateLines are the unmet and unassessed gates of a block, one line each.
func gateLines(rb *catalog.RequiredBlock, lang string) []html {
	var out []html
	for _, g := range rb.GatedBy {
		switch g.State {
		case assess.GateUnmet:
			cond := fmt.Sprintf("%s ≥ %d", g.Indicator, g.Min)
			if g.Current != nil {
				cond = i18n.F(lang, "%s ≥ %d (now %s)", g.Indicator, g.Min, level(lang, *g.Current))
			}
			out = append(out, small(coloured(colUnmet, bold(lines([]string{i18n.T(lang, "⚠ gated until"), cond})))))
		case assess.GateUnknown:
			out = append(out, small(lines([]string{i18n.T(lang, "? gate not assessed"), fmt.Sprintf("%s ≥ %d", g.Indicator, g.Min)})))
		}
	}
	return out
}

func blockLabel(rb *catalog.RequiredBlock, lang string) html {
	rows := []html{bold(lines(wrap(rb.Block.Name.In(lang), 30))), esc(statusMark(lang, rb.Status))}
	if rb.Inventory != nil && rb.Inventory.System != "" && rb.Status != catalog.Build {
		rows = append(rows, small(lines(wrap(i18n.F(lang, "in place: %s", rb.Inventory.System), 36))))
	}
	if p := product(rb, lang); p != "" {
		rows = append(rows, small(lines(wrap(i18n.F(lang, "product: %s", p), 36))))
	} else {
		rows = append(rows, small(esc(i18n.T(lang, "no ranked product in the catalog"))))
	}
	return table(append(rows, gateLines(rb, lang)...)...)
}

// blockTooltip says why a block is needed and what gates it, with the gates' questions in
// lang: the detail a reader of the SVG gets by pointing at the block.
func blockTooltip(m *countries.Model, rb *catalog.RequiredBlock, lang string) string {
	name, by := rb.Block.Name.In(lang), strings.Join(rb.NeededBy, ", ")
	var parts []string
	switch rb.Status {
	case catalog.Reuse:
		parts = append(parts, i18n.F(lang, "%s (reuse): needed by %s.", name, by))
	case catalog.Upgrade:
		parts = append(parts, i18n.F(lang, "%s (upgrade): needed by %s.", name, by))
	default:
		parts = append(parts, i18n.F(lang, "%s (build): needed by %s.", name, by))
	}
	for _, g := range rb.GatedBy {
		var t string
		switch g.State {
		case assess.GateMet:
			t = i18n.F(lang, "Gate %s ≥ %d: met", g.Indicator, g.Min)
		case assess.GateUnmet:
			t = i18n.F(lang, "Gate %s ≥ %d: unmet", g.Indicator, g.Min)
		default:
			t = i18n.F(lang, "Gate %s ≥ %d: unknown", g.Indicator, g.Min)
		}
		if ind := m.Framework.Indicator(g.Indicator); ind != nil {
			if q := ind.Question.In(lang); q != "" {
				t += " (" + q + ")"
			}
		}
		parts = append(parts, t+".")
	}
	if len(rb.Reasons) > 0 {
		parts = append(parts, i18n.F(lang, "Why: %s", gwords.Reasons(lang, rb.Reasons, "; ")))
	}
	return truncate(strings.Join(parts, " "), 800)
}

func busLabel(m *countries.Model, lang string) html {
	title := bold(esc(blockName(m, mediatorID, lang))) + esc(i18n.T(lang, " — the data-exchange bus between services and building blocks"))
	rb := m.Match.Block(mediatorID)
	if rb == nil {
		return table(title, small(esc(i18n.T(lang, "not required by these use cases"))))
	}
	detail := statusMark(lang, rb.Status)
	if rb.Inventory != nil && rb.Inventory.System != "" && rb.Status != catalog.Build {
		detail += " · " + i18n.F(lang, "in place: %s", rb.Inventory.System)
	}
	if p := product(rb, lang); p != "" {
		detail += " · " + i18n.F(lang, "product: %s", p)
	}
	var gates []string
	for _, h := range gateLines(rb, lang) {
		gates = append(gates, string(h))
	}
	return table(title, esc(detail), html(strings.Join(gates, " ")))
}

// hostingLabel describes the hosting layer: the country's hosting constraint and what the
// inventory says about shared cloud infrastructure (unless that block is drawn beside it).
// The constraint wraps at width characters (about as wide as the layer).
func hostingLabel(m *countries.Model, cloudDrawn bool, width int, lang string) html {
	f := m.Doc.File
	var head string
	switch f.Constraints.Hosting {
	case "on-premise":
		head = i18n.T(lang, "On premises: every product must run in government data centres (country constraint)")
	case "cloud":
		head = i18n.T(lang, "Cloud: products must be offered in the cloud or as a service (country constraint)")
	default:
		head = i18n.T(lang, "Hosting not constrained: on premises or cloud")
	}
	rows := []html{bold(lines(wrap(head, width)))}
	if !cloudDrawn {
		if it, ok := f.Inventory[cloudID]; ok {
			rows = append(rows, esc(cloudText(it.Status, it.System, lang)+" · "+statusMark(lang, blockStatus(m, cloudID))))
		} else {
			rows = append(rows, esc(i18n.T(lang, "No shared cloud infrastructure recorded in the inventory")))
		}
	}
	return table(rows...)
}

// cloudText says what the inventory records of the shared cloud infrastructure.
func cloudText(status, system, lang string) string {
	if system == "" {
		switch status {
		case catalog.StatusNone:
			return i18n.T(lang, "Cloud infrastructure: none")
		case catalog.StatusPartial:
			return i18n.T(lang, "Cloud infrastructure: partial")
		case catalog.StatusOperational:
			return i18n.T(lang, "Cloud infrastructure: operational")
		}
		return i18n.F(lang, "Cloud infrastructure: %s", status)
	}
	switch status {
	case catalog.StatusNone:
		return i18n.F(lang, "Cloud infrastructure: %s (none)", system)
	case catalog.StatusPartial:
		return i18n.F(lang, "Cloud infrastructure: %s (partial)", system)
	case catalog.StatusOperational:
		return i18n.F(lang, "Cloud infrastructure: %s (operational)", system)
	}
	return i18n.F(lang, "Cloud infrastructure: %s (%s)", system, status)
}
