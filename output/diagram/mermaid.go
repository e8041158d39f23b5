package diagram

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	gwords "github.com/govplan/govplan/output/words"
)

// Mermaid versions of the diagrams, for tools that import Mermaid (GitLab, GitHub, Notion,
// draw.io …). They draw the same model as the DOT writers with Mermaid's own means: flowcharts
// with subgraphs for the architecture, the dependencies and a use case, and a gantt chart for
// the roadmap, its dates from the schedule. Node ids come from model ids; every text from the
// data is escaped (see mtext and gtext), so no label can end a statement, open a comment or a
// directive, or inject markup.

// A mermaid accumulates Mermaid text and the ids it gave.
type mermaid struct {
	b     bytes.Buffer
	ids   map[string]string // prefix+"\x00"+model id → Mermaid id
	used  map[string]bool
	edges int // links written so far, for linkStyle
	class map[string][]string
}

func newMermaid(title, header string) *mermaid {
	w := &mermaid{ids: map[string]string{}, used: map[string]bool{}, class: map[string][]string{}}
	if title != "" {
		// Front matter is YAML; a JSON string is a YAML string, with every special escaped.
		// '%' is written \u0025, so no "%%" that could open a directive is ever in the text.
		t, _ := json.Marshal(clean(strings.ReplaceAll(title, "\n", " ")))
		fmt.Fprintf(&w.b, "---\ntitle: %s\n---\n", strings.ReplaceAll(string(t), "%", `\u0025`))
	}
	w.b.WriteString(header + "\n")
	return w
}

func (w *mermaid) line(format string, args ...any) {
	w.b.WriteString("  ")
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

var mermaidSafeID = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

// id is the Mermaid node id of a model id: prefix_ and the id with '-' as '_' and '.' as '__'
// (bb_information_mediator). An id outside the id rule, or one that would collide, gets a
// numbered id instead. Prefixes never start with o or x, which Mermaid would read as an
// arrow head after "--".
func (w *mermaid) id(prefix, id string) string {
	key := prefix + "\x00" + id
	if v, ok := w.ids[key]; ok {
		return v
	}
	v := ""
	if mermaidSafeID.MatchString(id) {
		v = prefix + "_" + idReplacer.Replace(id)
	}
	for n := len(w.used) + 1; v == "" || w.used[v]; n++ {
		v = fmt.Sprintf("%s_n%d", prefix, n)
	}
	w.ids[key], w.used[v] = v, true
	return v
}

// node writes a node with a label made of lines; shape is "[]" (box), "([])" (stadium) or
// "[()]" (cylinder)… given as its opening and closing brackets.
func (w *mermaid) node(id, open, close string, lines ...string) {
	w.line("%s%s\"%s\"%s", id, open, mlines(lines...), close)
}

// edge writes a link; arrow is -->, -.->, ==> or ~~~; label may be "".
func (w *mermaid) edge(from, arrow, to, label string) int {
	if label != "" {
		w.line("%s %s|\"%s\"| %s", from, arrow, mtext(label), to)
	} else {
		w.line("%s %s %s", from, arrow, to)
	}
	w.edges++
	return w.edges - 1
}

func (w *mermaid) open(id, title string) { w.line("subgraph %s[\"%s\"]", id, mtext(title)) }
func (w *mermaid) close()                { w.line("end") }

// classes writes the class definitions for block statuses and activity kinds, and the class
// of every node given one.
func (w *mermaid) finish(defs map[string]string) []byte {
	for _, name := range sortedKeys(w.class) {
		if def, ok := defs[name]; ok {
			w.line("classDef %s %s", name, def)
		}
		w.line("class %s %s", strings.Join(w.class[name], ","), name)
	}
	return w.b.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// mermaidClasses style blocks by status (fill and border, as in the DOT) and activities.
var mermaidClasses = map[string]string{
	catalog.Reuse:   "fill:" + colReuse + ",stroke:" + colInk + ",stroke-width:1px",
	catalog.Upgrade: "fill:" + colUpgrade + ",stroke:" + colInk + ",stroke-width:2px,stroke-dasharray:6 3",
	catalog.Build:   "fill:" + colBuild + ",stroke:" + colInk + ",stroke-width:3px",
	"usecase":       "fill:" + colUseCase + ",stroke:" + colInk,
	"option":        "fill:#ffffff,stroke:" + colOption + ",color:" + colOption + ",stroke-dasharray:4 3",
	"indicator":     "fill:#ffffff,stroke:" + colInk,
	"unassessed":    "fill:#ffffff,stroke:" + colGrey + ",stroke-dasharray:2 2",
	"step":          "fill:" + colUseCase + ",stroke:" + colInk,
	"note":          "fill:#ffffff,stroke:" + colGrey,
}

// mtext escapes text for a double-quoted Mermaid flowchart label. Mermaid reads #name; and
// #123; as character entities, so every character that could end the string ("), start an
// entity (#), a comment or a directive (%), markup (< > &), a markdown string (`) or end a
// statement (;) is written as an entity; newlines become <br>.
func mtext(s string) string {
	s = clean(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case ';':
			b.WriteString("#59;")
		case '%':
			b.WriteString("#37;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '`':
			b.WriteString("#96;")
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mlines escapes each non-empty line and joins them with line breaks.
func mlines(ss ...string) string {
	var parts []string
	for _, s := range ss {
		if s != "" {
			parts = append(parts, mtext(s))
		}
	}
	return strings.Join(parts, "<br>")
}

// ganttKeyword matches the starts of a line the gantt grammar reads as a statement or a
// comment rather than as a task's name.
var ganttKeyword = regexp.MustCompile(`(?i)^(gantt\b|dateformat\s|inclusiveenddates\b|topaxis\b|axisformat\s|tickinterval\s|includes\s|excludes\s|todaymarker\s|weekday\s|weekend\s|\d\d\d\d-\d\d-\d\d\b|title\s|accdescription\s|acctitle\s*:|accdescr\s*[:{]|section\s|href\s|call\s|click\s|%|["()}])`)

// ganttLookAlikes replaces what the gantt grammar would read as syntax (see gtext).
var ganttLookAlikes = strings.NewReplacer(":", "∶", ";", "；", "%%", "%\u2060%")

// gtext makes text safe as a gantt task name, section or title: one line; the gantt grammar
// has no escapes, so ':' (which ends a task's name) and ';' (which would close an entity)
// become look-alikes ∶ and ；, "%%" cannot open a directive, and a name the grammar would
// read as a keyword starts with an invisible word joiner.
func gtext(s string) string {
	s = strings.Join(words(clean(s)), " ")
	s = ganttLookAlikes.Replace(s)
	for strings.Contains(s, "%%") {
		s = strings.ReplaceAll(s, "%%", "%\u2060%")
	}
	if ganttKeyword.MatchString(s) {
		s = "\u2060" + s
	}
	if s == "" {
		s = "\u2060"
	}
	return s
}

// ArchitectureMermaid draws the architecture of Architecture as a Mermaid flowchart: the use
// cases on top, the Information Mediator, the block groups as subgraphs, hosting at the
// bottom, and the recommended options.
func ArchitectureMermaid(m *countries.Model, lang string) []byte {
	f := m.Doc.File
	w := newMermaid(i18n.F(lang, "%s — target architecture", f.Country.Name)+" · "+archSummary(m, lang), "flowchart TB")
	ucs := orderedUseCases(m)
	hidden := 0
	if len(ucs) > MaxUseCases {
		ucs, hidden = ucs[:MaxUseCases], len(ucs)-MaxUseCases
	}
	w.open("needs", i18n.T(lang, "Priority services and the use cases they need"))
	var ucIDs []string
	for _, u := range ucs {
		id := w.id("uc", u.UseCase.ID)
		ucIDs = append(ucIDs, id)
		lines := []string{u.UseCase.Name.In(lang), u.UseCase.ID + " · " + useCaseKind(u.UseCase, lang)}
		for _, s := range m.Match.Services {
			if s.Service.UseCase == u.UseCase.ID {
				lines = append(lines, i18n.F(lang, "#%d %s · priority %s", s.Rank, s.Service.Name.In(lang), i18n.Number(lang, s.Priority, 1)))
			}
		}
		w.node(id, "(", ")", lines...)
		w.class["usecase"] = append(w.class["usecase"], id)
	}
	if hidden > 0 {
		w.node("uc_more", "(", ")", i18n.F(lang, "… and %d more use cases (not drawn; see the workbook and the report)", hidden))
		ucIDs = append(ucIDs, "uc_more")
		w.class["note"] = append(w.class["note"], "uc_more")
	}
	w.close()

	bus := "bus"
	busLines := []string{blockName(m, mediatorID, lang) + i18n.T(lang, " — the data-exchange bus between services and building blocks")}
	if rb := m.Match.Block(mediatorID); rb != nil {
		bus = w.id("bb", mediatorID)
		busLines = append(busLines, mermaidBlockLines(rb, lang)[1:]...)
		w.class[rb.Status] = append(w.class[rb.Status], bus)
	} else {
		busLines = append(busLines, i18n.T(lang, "not required by these use cases"))
		w.class["note"] = append(w.class["note"], bus)
	}
	w.node(bus, "[", "]", busLines...)
	for _, id := range ucIDs {
		w.edge(id, "-->", bus, "")
	}

	groups, cloud := blockGroups(m, lang)
	for _, g := range groups {
		gid := "group_" + g.category
		w.open(gid, g.title)
		for _, rb := range g.blocks {
			id := w.id("bb", rb.Block.ID)
			w.node(id, "[", "]", mermaidBlockLines(rb, lang)...)
			w.class[rb.Status] = append(w.class[rb.Status], id)
		}
		w.close()
		w.edge(bus, "-->", gid, "")
	}

	w.open("hosting_layer", i18n.T(lang, "Hosting"))
	host := []string{hostingHead(m, lang)}
	if cloud != nil {
		id := w.id("bb", cloudID)
		w.node(id, "[", "]", mermaidBlockLines(cloud, lang)...)
		w.class[cloud.Status] = append(w.class[cloud.Status], id)
	} else if it, ok := f.Inventory[cloudID]; ok {
		host = append(host, cloudText(it.Status, it.System, lang)+" · "+statusMark(lang, blockStatus(m, cloudID)))
	} else {
		host = append(host, i18n.T(lang, "No shared cloud infrastructure recorded in the inventory"))
	}
	w.node("hosting", "[", "]", host...)
	w.class["note"] = append(w.class["note"], "hosting")
	w.close()
	for _, g := range groups {
		w.edge("group_"+g.category, "~~~", "hosting_layer", "")
	}
	if len(groups) == 0 {
		w.edge(bus, "~~~", "hosting_layer", "")
	}
	mermaidOptions(w, m, lang)
	return w.finish(mermaidClasses)
}

// hostingHead is the country's hosting constraint, as in the DOT's hosting layer.
func hostingHead(m *countries.Model, lang string) string {
	switch m.Doc.File.Constraints.Hosting {
	case "on-premise":
		return i18n.T(lang, "On premises: every product must run in government data centres (country constraint)")
	case "cloud":
		return i18n.T(lang, "Cloud: products must be offered in the cloud or as a service (country constraint)")
	}
	return i18n.T(lang, "Hosting not constrained: on premises or cloud")
}

// mermaidBlockLines are a required block's label lines: name, status, system in place,
// product and open gates.
func mermaidBlockLines(rb *catalog.RequiredBlock, lang string) []string {
	lines := []string{rb.Block.Name.In(lang), statusMark(lang, rb.Status)}
	if rb.Inventory != nil && rb.Inventory.System != "" && rb.Status != catalog.Build {
		lines = append(lines, i18n.F(lang, "in place: %s", rb.Inventory.System))
	}
	if p := product(rb, lang); p != "" {
		lines = append(lines, i18n.F(lang, "product: %s", p))
	} else {
		lines = append(lines, i18n.T(lang, "no ranked product in the catalog"))
	}
	for _, g := range rb.GatedBy {
		switch g.State {
		case assess.GateUnmet:
			cond := fmt.Sprintf("%s ≥ %d", g.Indicator, g.Min)
			if g.Current != nil {
				cond = i18n.F(lang, "%s ≥ %d (now %s)", g.Indicator, g.Min, level(lang, *g.Current))
			}
			lines = append(lines, i18n.T(lang, "⚠ gated until")+" "+cond)
		case assess.GateUnknown:
			lines = append(lines, i18n.T(lang, "? gate not assessed")+" "+fmt.Sprintf("%s ≥ %d", g.Indicator, g.Min))
		}
	}
	return lines
}

// mermaidOptions draws the recommended, not required, blocks (Match.Options) in a subgraph,
// each with a dotted link from the block that recommends it.
func mermaidOptions(w *mermaid, m *countries.Model, lang string) {
	opts := m.Match.Options()
	if len(opts) == 0 {
		return
	}
	w.open("options", i18n.T(lang, "Options: recommended, not required"))
	drawn := map[string]bool{}
	for _, o := range opts {
		if !drawn[o.Block] {
			drawn[o.Block] = true
			id := w.id("rec", o.Block)
			w.node(id, "(", ")", blockName(m, o.Block, lang), i18n.T(lang, "option"))
			w.class["option"] = append(w.class["option"], id)
		}
	}
	w.close()
	for _, o := range opts {
		w.edge(w.id("bb", o.For), "-.->", w.id("rec", o.Block), "")
	}
}

// DependenciesMermaid draws the dependencies of Dependencies as a Mermaid flowchart: the
// indicators that gate blocks in a subgraph, the required blocks, an arrow from a block to
// what it cannot work without, and a labelled link per gate (red and thick when not met).
func DependenciesMermaid(m *countries.Model, lang string) []byte {
	w := newMermaid(i18n.F(lang, "%s — building-block dependencies and readiness gates", m.Doc.File.Country.Name), "flowchart LR")
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
	inds := sortedKeys(byInd)
	if len(inds) > 0 {
		w.open("gates", i18n.T(lang, "Readiness gates (framework indicators)"))
		for _, id := range inds {
			g := byInd[id][0].g
			now := i18n.T(lang, "not assessed")
			cls := "unassessed"
			if g.Current != nil {
				now, cls = i18n.F(lang, "now level %s", level(lang, *g.Current)), "indicator"
			}
			lines := []string{id}
			if ind := m.Framework.Indicator(id); ind != nil {
				lines = append(lines, truncate(ind.Question.In(lang), 110))
			}
			nid := w.id("ind", id)
			w.node(nid, "(", ")", append(lines, now)...)
			w.class[cls] = append(w.class[cls], nid)
		}
		w.close()
	}
	for _, g := range []struct{ cat, title string }{
		{catalog.Foundational, i18n.T(lang, "Foundational building blocks")},
		{catalog.Feature, i18n.T(lang, "Feature building blocks")},
		{catalog.Other, i18n.T(lang, "Other building blocks")},
	} {
		var in []*catalog.RequiredBlock
		for i := range m.Match.Blocks {
			rb := &m.Match.Blocks[i]
			cat := rb.Block.Category
			if cat != catalog.Foundational && cat != catalog.Feature {
				cat = catalog.Other
			}
			if cat == g.cat {
				in = append(in, rb)
			}
		}
		if len(in) == 0 {
			continue
		}
		w.open("group_"+g.cat, g.title)
		for _, rb := range in {
			id := w.id("bb", rb.Block.ID)
			w.node(id, "[", "]", rb.Block.Name.In(lang), statusCategory(lang, rb.Status, rb.Block.Category),
				i18n.N(lang, "needed by %d use cases", len(rb.NeededBy)))
			w.class[rb.Status] = append(w.class[rb.Status], id)
		}
		w.close()
	}
	for _, rb := range m.Match.Blocks {
		for _, d := range rb.Block.Requires() {
			if m.Match.Block(d.Block) != nil {
				w.edge(w.id("bb", rb.Block.ID), "-->", w.id("bb", d.Block), "")
			}
		}
	}
	for _, rb := range m.Match.Blocks {
		for _, o := range rb.Recommends {
			if o.InArchitecture {
				w.edge(w.id("bb", o.For), "-.->", w.id("bb", o.Block), i18n.T(lang, "recommended by the spec, not required"))
			}
		}
	}
	mermaidOptions(w, m, lang)
	styles := map[string][]string{}
	for _, id := range inds {
		for _, g := range byInd[id] {
			arrow := "-->"
			switch g.g.State {
			case assess.GateUnmet:
				arrow = "==>"
			case assess.GateUnknown:
				arrow = "-.->"
			}
			n := w.edge(w.id("ind", id), arrow, w.id("bb", g.block), fmt.Sprintf("≥ %d %s", g.g.Min, gateMark(lang, g.g.State)))
			styles[g.g.State] = append(styles[g.g.State], fmt.Sprint(n))
		}
	}
	for _, st := range sortedKeys(styles) {
		colour := colGrey
		switch st {
		case assess.GateUnmet:
			colour = colUnmet
		case assess.GateMet:
			colour = colMet
		}
		w.line("linkStyle %s stroke:%s,color:%s", strings.Join(styles[st], ","), colour, colour)
	}
	return w.finish(mermaidClasses)
}

// UseCaseMermaid draws one use case as a Mermaid flowchart: its steps in order in one
// subgraph, the blocks they use in another, the blocks needed through dependencies in a third.
// An unknown id is the same error as UseCase's.
func UseCaseMermaid(m *countries.Model, id string, lang string) ([]byte, error) {
	u, need := findUseCase(m, id)
	if u == nil {
		_, err := UseCase(m, id, lang)
		return nil, err
	}
	w := newMermaid(u.ID+" · "+u.Name.In(lang)+" · "+useCaseSubtitle(m, u, need, lang), "flowchart LR")
	w.open("steps", i18n.T(lang, "Steps, in order"))
	w.line("direction TB")
	for i, s := range u.Steps {
		num := fmt.Sprint(i + 1)
		if s.Label != "" && s.Label != num {
			num += " (" + s.Label + ")"
		}
		sid := fmt.Sprintf("step_%d", i+1)
		w.node(sid, "[", "]", num+". "+s.Name.In(lang))
		w.class["step"] = append(w.class["step"], sid)
	}
	for i := 1; i < len(u.Steps); i++ {
		w.edge(fmt.Sprintf("step_%d", i), "~~~", fmt.Sprintf("step_%d", i+1), "")
	}
	w.close()
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
	cluster := func(name, title string, ids []string) {
		w.open(name, title)
		for _, b := range ids {
			st := blockStatus(m, b)
			lines := []string{blockName(m, b, lang), statusMark(lang, st)}
			if rb := m.Match.Block(b); rb != nil {
				lines = mermaidBlockLines(rb, lang)
				lines[0] = blockName(m, b, lang)
			}
			nid := w.id("bb", b)
			w.node(nid, "[", "]", lines...)
			w.class[st] = append(w.class[st], nid)
		}
		w.close()
	}
	cluster("blocks", i18n.T(lang, "Building blocks the steps use"), direct)
	if len(indirect) > 0 {
		cluster("deps", i18n.T(lang, "Needed through dependencies"), indirect)
	}
	for i, s := range u.Steps {
		seen := map[string]bool{}
		for _, b := range s.Blocks {
			if !seen[b] {
				seen[b] = true
				w.edge(fmt.Sprintf("step_%d", i+1), "-->", w.id("bb", b), "")
			}
		}
	}
	inClosure := map[string]bool{}
	for _, b := range indirect {
		inClosure[b] = true
	}
	for _, b := range append(append([]string(nil), direct...), indirect...) {
		if blk := m.Catalog.Block(b); blk != nil {
			for _, d := range blk.Requires() {
				if inClosure[d.Block] {
					w.edge(w.id("bb", b), "-.->", w.id("bb", d.Block), i18n.T(lang, "depends on"))
				}
			}
		}
	}
	return w.finish(mermaidClasses), nil
}

// RoadmapMermaid draws the plan as a Mermaid gantt chart: one section per phase, one task per
// activity with its scheduled months (from the first day of its first month to the first day
// of the month after its last), critical activities marked crit, done ones done and those in
// progress active. Beyond MaxRoadmapActivities the same activities as in Roadmap are drawn.
func RoadmapMermaid(m *countries.Model, lang string) []byte {
	p := m.Plan
	title := i18n.F(lang, "%s — roadmap", m.Doc.File.Country.Name)
	var b bytes.Buffer
	b.WriteString("gantt\n")
	if p == nil {
		fmt.Fprintf(&b, "  title %s\n", gtext(title+" · "+i18n.T(lang, "no plan")))
		return b.Bytes()
	}
	fmt.Fprintf(&b, "  title %s\n", gtext(title+" · "+i18n.F(lang, "%d activities · %d months from %s to %s · %s",
		len(p.Activities), p.Duration, i18n.Month(lang, p.Month(0)), i18n.Month(lang, p.Month(max(p.Duration-1, 0))), money(lang, p.TotalCost, p.Currency))))
	b.WriteString("  dateFormat YYYY-MM-DD\n  axisFormat %Y-%m\n")
	critical := map[string]bool{}
	for _, id := range p.Critical {
		critical[id] = true
	}
	drawn := roadmapDrawn(p)
	w := &mermaid{ids: map[string]string{}, used: map[string]bool{}}
	phase := -1
	for i := range p.Activities {
		act := &p.Activities[i]
		if drawn != nil && !drawn[act.ID] {
			continue
		}
		if act.Phase != phase {
			phase = act.Phase
			fmt.Fprintf(&b, "  section %s\n", gtext(gwords.Phase(lang, p, phase)))
		}
		var tags []string
		switch act.Status {
		case "done":
			tags = append(tags, "done")
		case "in-progress":
			tags = append(tags, "active")
		}
		if critical[act.ID] {
			tags = append(tags, "crit")
		}
		end := max(act.End, act.Start+1)
		tags = append(tags, w.id("act", act.ID), p.Month(act.Start).Format("2006-01-02"), p.Month(end).Format("2006-01-02"))
		fmt.Fprintf(&b, "  %s :%s\n", gtext(kindWord(lang, act.Kind)+" · "+act.Name), strings.Join(tags, ", "))
	}
	return b.Bytes()
}

// MermaidOf draws a diagram kind ("architecture", "usecase", "dependencies", "roadmap") as
// Mermaid.
func MermaidOf(m *countries.Model, kind, useCase, lang string) ([]byte, error) {
	switch kind {
	case "usecase":
		return UseCaseMermaid(m, useCase, lang)
	case "dependencies":
		return DependenciesMermaid(m, lang), nil
	case "roadmap":
		return RoadmapMermaid(m, lang), nil
	}
	return ArchitectureMermaid(m, lang), nil
}
