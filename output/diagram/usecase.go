package diagram

import (
	"errors"
	"fmt"
	"strings"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
)

// UseCase draws one use case: its steps in order, top to bottom, each with an edge to every
// block it uses, and the blocks those need through dependencies. id is a use case the country
// needs (catalog or custom) or any catalog use case; an unknown id is an error listing both.
// Blocks show the country's status for them. Every text, the error's too, is in lang.
func UseCase(m *countries.Model, id string, lang string) ([]byte, error) {
	u, need := findUseCase(m, id)
	if u == nil {
		own, other := validUseCases(m, lang)
		if own == "" {
			return nil, errors.New(i18n.F(lang, "unknown use case %q; this country's use cases: none; other catalog use cases: %s", id, other))
		}
		return nil, errors.New(i18n.F(lang, "unknown use case %q; this country's use cases: %s; other catalog use cases: %s", id, own, other))
	}
	w := &writer{}
	header(w, "usecase", "", a("rankdir", "LR"), a("nodesep", "0.25"), a("ranksep", "1.4"))
	graphTitle(w, u.ID+" · "+u.Name.In(lang), useCaseSubtitle(m, u, need, lang))

	// Steps: one table, a row per step in order, each row a port the step's edges leave from
	// (Graphviz does not keep the order of separate nodes in a column reliably).
	w.node("steps", a("shape", "plain"), ah("label", stepsTable(u, len(u.Blocks()), lang)))

	// Blocks the steps use, then blocks needed only through dependencies.
	direct := u.Blocks()
	isDirect := map[string]bool{}
	for _, b := range direct {
		isDirect[b] = true
	}
	var indirect []string
	for _, b := range m.Catalog.Closure(direct) {
		if !isDirect[b] {
			indirect = append(indirect, b)
		}
	}
	blockCluster(w, m, "cluster_blocks", i18n.T(lang, "Building blocks the steps use"), direct, false, lang)
	if len(indirect) > 0 {
		blockCluster(w, m, "cluster_deps", i18n.T(lang, "Needed through dependencies"), indirect, true, lang)
	}
	for i, s := range u.Steps {
		seen := map[string]bool{}
		for _, b := range s.Blocks {
			if seen[b] {
				continue
			}
			seen[b] = true
			w.edge(fmt.Sprintf("steps:s%d:e", i+1), nodeID("bb", b))
		}
	}
	inClosure := map[string]bool{}
	for _, b := range indirect {
		inClosure[b] = true
	}
	for _, b := range append(append([]string(nil), direct...), indirect...) {
		blk := m.Catalog.Block(b)
		if blk == nil {
			continue
		}
		for _, d := range blk.Requires() {
			if inClosure[d.Block] {
				w.edge(nodeID("bb", b), nodeID("bb", d.Block), a("style", "dashed"), a("label", i18n.T(lang, "depends on")),
					tip(truncate(d.Reason.In(lang)+" ["+d.Source+"]", 300)))
			}
		}
	}
	legend(w, lang, "legend", 1, append(statusLegend(lang),
		legendRow{swatch: esc(i18n.T(lang, "step → block")), text: i18n.T(lang, "the step uses the block")},
		legendRow{swatch: esc("- - →"), text: i18n.T(lang, "a block needs another to work")},
	))
	if len(direct) > 0 {
		w.line("{rank=same; legend; %s;}", nodeID("bb", direct[0])) // beside the blocks, not left of the steps
	}
	w.close()
	return w.b.Bytes(), nil
}

// stepsTable lists the steps, one row (and port s1, s2, …) each, the rows about as tall
// together as the column of blocks beside them, so the edges fan out less.
func stepsTable(u *catalog.UseCase, blocks int, lang string) html {
	rowHeight := 0
	if len(u.Steps) > 0 {
		rowHeight = min(max(80*blocks/len(u.Steps), 30), 90)
	}
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="1" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" COLOR="` + colInk + `" BGCOLOR="` + colUseCase + `">`)
	b.WriteString(`<TR><TD COLSPAN="2" BGCOLOR="white"><B>` + string(esc(i18n.T(lang, "Steps, in order"))) + `</B></TD></TR>`)
	for i, s := range u.Steps {
		num := fmt.Sprint(i + 1)
		if s.Label != "" && s.Label != num {
			num += "<BR/>" + string(small(esc("("+s.Label+")")))
		}
		fmt.Fprintf(&b, `<TR><TD HEIGHT="%d"><B>%s</B></TD><TD PORT="s%d" ALIGN="LEFT" WIDTH="200">%s</TD></TR>`, rowHeight, num, i+1,
			strings.ReplaceAll(string(lines(wrap(s.Name.In(lang), 34))), "<BR/>", `<BR ALIGN="LEFT"/>`)+`<BR ALIGN="LEFT"/>`)
	}
	b.WriteString(`</TABLE>`)
	return html(b.String())
}

// blockCluster draws blocks as one column in a cluster, with the country's status.
func blockCluster(w *writer, m *countries.Model, name, title string, ids []string, dashed bool, lang string) {
	w.open("subgraph %s", name)
	style := "rounded,filled"
	if dashed {
		style = "rounded,filled,dashed"
	}
	w.attrs(a("label", title), a("style", style), a("fillcolor", "#fafafa"), a("color", colGrey), a("fontsize", "14"))
	var nodes []string
	for _, id := range ids {
		st := blockStatus(m, id)
		rows := []html{bold(lines(wrap(blockName(m, id, lang), 28))), esc(statusMark(lang, st))}
		as := blockAttrs(st)
		if rb := m.Match.Block(id); rb != nil {
			if p := product(rb, lang); p != "" {
				rows = append(rows, small(lines(wrap(i18n.F(lang, "product: %s", p), 34))))
			}
			rows = append(rows, gateLines(rb, lang)...)
			as = append(as, tip(blockTooltip(m, rb, lang)))
		}
		nid := nodeID("bb", id)
		nodes = append(nodes, nid)
		w.node(nid, append(as, af("width", 2.4), ah("label", table(rows...)))...)
	}
	w.line("{rank=same; %s;}", strings.Join(nodes, "; "))
	w.close()
}

// findUseCase looks a use case up among the country's needs (custom ones included), then in
// the catalog. need is the country's entry for it, nil when the country does not need it.
func findUseCase(m *countries.Model, id string) (*catalog.UseCase, *catalog.NeededUseCase) {
	id = ident.Norm(id)
	for i := range m.Match.UseCases {
		if n := &m.Match.UseCases[i]; n.UseCase.ID == id {
			return n.UseCase, n
		}
	}
	for _, r := range m.Doc.File.UseCases {
		if r.Custom != nil && r.Custom.ID == id {
			return r.Custom, nil
		}
	}
	return m.Catalog.UseCase(id), nil
}

// validUseCases lists the ids UseCase accepts: the country's ("" when it needs none), and
// the catalog's others.
func validUseCases(m *countries.Model, lang string) (own, other string) {
	var mine, others []string
	isMine := map[string]bool{}
	for _, n := range m.Match.UseCases {
		mine = append(mine, n.UseCase.ID)
		isMine[n.UseCase.ID] = true
	}
	for _, u := range m.Catalog.UseCases {
		if !isMine[u.ID] {
			others = append(others, u.ID)
		}
	}
	if len(others) == 0 {
		return strings.Join(mine, ", "), i18n.T(lang, "none")
	}
	return strings.Join(mine, ", "), strings.Join(others, ", ")
}

func useCaseSubtitle(m *countries.Model, u *catalog.UseCase, need *catalog.NeededUseCase, lang string) string {
	parts := []string{
		i18n.N(lang, "%s · %d steps × %d building blocks", useCaseKind(u, lang), len(u.Steps), len(u.Blocks())),
		m.Doc.File.Country.Name,
	}
	if need == nil {
		parts = append(parts, i18n.T(lang, "not among the country's needs"))
	} else {
		// The services mapped to the use case, best ranked first, named in lang.
		var svc []string
		seen := map[string]bool{}
		for _, s := range m.Match.Services {
			if name := s.Service.Name.In(lang); s.Service.UseCase == u.ID && !seen[name] {
				seen[name] = true
				svc = append(svc, name)
			}
		}
		if len(svc) > 0 {
			parts = append(parts, i18n.F(lang, "for %s", strings.Join(svc, ", ")))
		}
	}
	return strings.Join(parts, " · ")
}
