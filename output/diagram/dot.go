// Package diagram draws a country's model as Graphviz DOT (design §7): the layered
// architecture, one use case's steps × blocks, the block dependencies with their readiness
// gates, and the roadmap network. The DOT is plain text built from the model: node ids are
// derived from model ids, every label is escaped, and the same model always gives the same
// bytes. SVG and PNG rendering live in render.go.
package diagram

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/roadmap"
)

// Fonts and sizes shared by every diagram. Arial, because go-graphviz (which has no font
// files) sizes text with built-in Arial metrics for it, but with Times metrics for a font list
// or a generic name, which makes sans-serif text overflow its boxes; native dot and SVG
// viewers use Arial or a metric-compatible font such as Liberation Sans.
const (
	fontName  = "Arial"
	fontSize  = 12
	smallSize = 10
	titleSize = 20
)

// Colours. Fills are light and differ in grey value; every meaning carried by a colour is
// also carried by a border style and by words in the label, so grey print loses nothing.
const (
	colReuse     = "#d9ead3" // light green
	colUpgrade   = "#ffe599" // yellow
	colBuild     = "#f4cccc" // light red
	colUseCase   = "#dae8fc" // light blue
	colBus       = "#cfe2f3"
	colHosting   = "#eeeeee"
	colReadiness = "#e1d5e7" // lilac
	colPilot     = "#d5e8d4"
	colCustom    = "#f5f5f5"
	colInk       = "#222222"
	colGrey      = "#777777"
	colUnmet     = "#b00020"
	colMet       = "#38761d"
)

// A writer accumulates DOT text.
type writer struct {
	b      bytes.Buffer
	indent int
}

func (w *writer) line(format string, args ...any) {
	w.b.WriteString(strings.Repeat("  ", w.indent))
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// open starts a block such as "digraph x {" or "subgraph cluster_y {".
func (w *writer) open(format string, args ...any) {
	w.line(format+" {", args...)
	w.indent++
}

func (w *writer) close() {
	w.indent--
	w.line("}")
}

// node writes one node statement.
func (w *writer) node(id string, as ...attr) { w.line("%s%s;", id, attrList(as)) }

// edge writes one edge statement.
func (w *writer) edge(from, to string, as ...attr) { w.line("%s -> %s%s;", from, to, attrList(as)) }

// attrs writes graph-level attributes, one statement each ("rankdir=LR;").
func (w *writer) attrs(as ...attr) {
	for _, a := range as {
		w.line("%s;", a.String())
	}
}

// defaults writes "node [...]" or "edge [...]" or "graph [...]".
func (w *writer) defaults(kind string, as ...attr) { w.line("%s%s;", kind, attrList(as)) }

// An attr is one DOT attribute. Plain values are quoted and escaped; HTML values are markup
// built by this package from escaped parts and are written between < and >.
type attr struct {
	key, val string
	html     bool
}

func a(key, val string) attr { return attr{key: key, val: val} }
func af(key string, v float64) attr {
	return attr{key: key, val: strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")}
}

// tip is a tooltip attribute. Graphviz expands escapes in tooltips twice (a "\\N" shows the
// node's name), so backslashes are doubled here and again by quote.
func tip(s string) attr { return attr{key: "tooltip", val: strings.ReplaceAll(clean(s), `\`, `\\`)} }

func ai(key string, v int) attr  { return attr{key: key, val: fmt.Sprint(v)} }
func ah(key string, h html) attr { return attr{key: key, val: string(h), html: true} }

func (x attr) String() string {
	if x.html {
		return x.key + "=<" + x.val + ">"
	}
	return x.key + "=" + quote(x.val)
}

func attrList(as []attr) string {
	if len(as) == 0 {
		return ""
	}
	parts := make([]string, 0, len(as))
	for _, x := range as {
		parts = append(parts, x.String())
	}
	return " [" + strings.Join(parts, ", ") + "]"
}

// clean makes user text safe to embed: valid UTF-8, no control characters but newlines
// (tabs become spaces, CR LF and CR become LF).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return -1
		}
		return r
	}, s)
}

// quote returns s as a DOT double-quoted string whose label shows exactly s: backslashes
// and quotes are escaped (so no escString such as \N or \l is ever formed), and newlines
// become centred line breaks.
func quote(s string) string {
	s = clean(s)
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// html is Graphviz HTML-like label markup.
type html string

// esc escapes text for an HTML-like label: the XML specials become entities, newlines become
// line breaks, and a backslash is doubled, because Graphviz expands \N, \G and the like in
// HTML labels too (even when written &#92;N), so <, >, &, quotes, braces, bars and
// backslashes are all shown as written.
func esc(s string) html {
	s = clean(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\n':
			b.WriteString(`<BR/>`)
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	// Graphviz drops spaces at the ends of a text run ("<B>a</B> b" shows "ab"): keep them.
	h := b.String()
	if strings.HasPrefix(h, " ") {
		h = "&#160;" + h[1:]
	}
	if strings.HasSuffix(h, " ") {
		h = h[:len(h)-1] + "&#160;"
	}
	return html(h)
}

// lines escapes each line of wrapped text and joins them with line breaks.
func lines(ss []string) html {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(esc(s))
	}
	return html(strings.Join(parts, "<BR/>"))
}

// bold, small and font wrap markup.
func bold(h html) html { return "<B>" + h + "</B>" }
func small(h html) html {
	return html(fmt.Sprintf(`<FONT POINT-SIZE="%d">`, smallSize)) + h + "</FONT>"
}
func coloured(colour string, h html) html {
	return html(fmt.Sprintf(`<FONT COLOR="%s">`, colour)) + h + "</FONT>"
}

// table builds a one-column borderless table, one row per non-empty entry.
func table(rows ...html) html {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">`)
	for _, r := range rows {
		if r == "" {
			continue
		}
		b.WriteString("<TR><TD>")
		b.WriteString(string(r))
		b.WriteString("</TD></TR>")
	}
	b.WriteString("</TABLE>")
	return html(b.String())
}

var validID = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

// idReplacer turns a model id into the tail of a node id (built once: a Replacer builds its
// tables on first use, which cost more than the replacing when made per call).
var idReplacer = strings.NewReplacer(".", "__", "-", "_")

// nodeID derives a stable DOT node id from a model id: "bb" + "information-mediator" gives
// bb_information_mediator, "ind" + "identity.pki" gives ind_identity__pki ('.' doubles the
// underscore so "a.b" and "a-b" never meet). An id outside the id rule is quoted instead.
func nodeID(prefix, id string) string {
	if validID.MatchString(id) {
		return prefix + "_" + idReplacer.Replace(id)
	}
	return quote(prefix + ":" + id)
}

// words splits s at spaces, but not at no-break spaces (the French thousands separator
// "1 400 000" and the space before a colon stay inside their word).
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' })
}

// wrap breaks s into lines of at most width runes at spaces (a longer word keeps its line).
// Newlines in s are kept.
func wrap(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(clean(s), "\n") {
		var cur []string
		n := 0
		for _, word := range words(para) {
			wl := utf8.RuneCountInString(word)
			if n > 0 && n+1+wl > width {
				out = append(out, strings.Join(cur, " "))
				cur, n = nil, 0
			}
			if n > 0 {
				n++
			}
			cur = append(cur, word)
			n += wl
		}
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// truncate shortens s to at most n runes, ending with "…".
func truncate(s string, n int) string {
	s = strings.Join(words(clean(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// money formats a whole amount the language's way: 1,400,000 USD (en), 1 400 000 USD (fr).
func money(lang string, v float64, currency string) string {
	s := i18n.Int(lang, v)
	if currency != "" {
		s += " " + currency
	}
	return s
}

// level shows an indicator level: 1, 2.5 (2,5 in French).
func level(lang string, v float64) string {
	if v == math.Trunc(v) {
		return i18n.Number(lang, v, 0)
	}
	return i18n.Number(lang, v, 1)
}

// header starts a digraph with the shared defaults and a title.
func header(w *writer, name, title string, as ...attr) {
	w.open("digraph %s", name)
	w.defaults("graph", append([]attr{
		a("fontname", fontName), ai("fontsize", fontSize), a("label", title), a("labelloc", "t"),
		a("labeljust", "l"), a("newrank", "true"), a("pad", "0.3"), a("bgcolor", "white"),
	}, as...)...)
	w.defaults("node", a("fontname", fontName), ai("fontsize", fontSize), a("shape", "box"),
		a("color", colInk), a("fontcolor", colInk), a("margin", "0.12,0.06"))
	w.defaults("edge", a("fontname", fontName), ai("fontsize", smallSize), a("color", colGrey),
		a("fontcolor", colInk), a("arrowsize", "0.7"))
}

// titleLabel is the graph title as HTML: a large first line and a smaller subtitle.
func titleLabel(title, subtitle string) html {
	h := html(fmt.Sprintf(`<FONT POINT-SIZE="%d">`, titleSize)) + bold(esc(title)) + "</FONT>"
	if subtitle != "" {
		h += "<BR/>" + esc(subtitle)
	}
	return h + "<BR/> "
}

// graphTitle writes the graph's title attribute (HTML, so it can have two sizes).
func graphTitle(w *writer, title, subtitle string) {
	w.attrs(ah("label", titleLabel(title, subtitle)))
}

// statusStyle is how a block status is drawn: colour and border (and words, statusMark), so
// it reads in grey.
type statusStyle struct {
	fill, style string
	penwidth    float64
	peripheries int
}

var statusStyles = map[string]statusStyle{
	catalog.Reuse:   {fill: colReuse, style: "rounded,filled", penwidth: 1, peripheries: 1},
	catalog.Upgrade: {fill: colUpgrade, style: "filled,dashed", penwidth: 2, peripheries: 1},
	catalog.Build:   {fill: colBuild, style: "filled,bold", penwidth: 2, peripheries: 2},
}

// statusMark is the words a block in a status shows: "✓ REUSE", "↑ UPGRADE", "+ BUILD" (any
// other status is drawn as build).
func statusMark(lang, status string) string {
	switch status {
	case catalog.Reuse:
		return i18n.T(lang, "✓ REUSE")
	case catalog.Upgrade:
		return i18n.T(lang, "↑ UPGRADE")
	}
	return i18n.T(lang, "+ BUILD")
}

// gateMark is the words a readiness gate in a state shows: "✓ met", "✗ not met", "? not assessed".
func gateMark(lang, state string) string {
	switch state {
	case assess.GateMet:
		return i18n.T(lang, "✓ met")
	case assess.GateUnmet:
		return i18n.T(lang, "✗ not met")
	}
	return i18n.T(lang, "? not assessed")
}

// kindWord is the word an activity of a kind shows: PROCURE, BUILD, UPGRADE, READINESS, ASSESS,
// PILOT, ROLL-OUT, ADDED.
func kindWord(lang, kind string) string {
	switch kind {
	case roadmap.KindBuild:
		return i18n.T(lang, "BUILD")
	case roadmap.KindUpgrade:
		return i18n.T(lang, "UPGRADE")
	case roadmap.KindReadiness:
		return i18n.T(lang, "READINESS")
	case roadmap.KindPilot:
		return i18n.T(lang, "PILOT")
	case roadmap.KindProcure:
		return i18n.T(lang, "PROCURE")
	case roadmap.KindAssess:
		return i18n.T(lang, "ASSESS")
	case roadmap.KindScale:
		return i18n.T(lang, "ROLL-OUT")
	}
	return i18n.T(lang, "ADDED")
}

func styleOf(status string) statusStyle {
	if s, ok := statusStyles[status]; ok {
		return s
	}
	return statusStyles[catalog.Build]
}

// blockAttrs returns the node attributes for a block in the given status.
func blockAttrs(status string) []attr {
	s := styleOf(status)
	return []attr{a("style", s.style), a("fillcolor", s.fill), af("penwidth", s.penwidth), ai("peripheries", s.peripheries)}
}

// blockStatus is the block's status in the model: from the match when the block is required,
// else from the inventory the way the matcher reads it (operational → reuse, partial → upgrade,
// anything else → build).
func blockStatus(m *countries.Model, id string) string {
	if rb := m.Match.Block(id); rb != nil {
		return rb.Status
	}
	if it, ok := m.Doc.File.Inventory[id]; ok {
		switch it.Status {
		case catalog.StatusOperational:
			return catalog.Reuse
		case catalog.StatusPartial:
			return catalog.Upgrade
		}
	}
	return catalog.Build
}

// blockName is the block's name from the catalog in lang, or its id.
func blockName(m *countries.Model, id, lang string) string {
	if b := m.Catalog.Block(id); b != nil && b.Name.In(lang) != "" {
		return b.Name.In(lang)
	}
	return id
}

// legendRow is one entry of a legend: a swatch drawn like the thing and its meaning.
type legendRow struct {
	swatch html // cell content of the sample
	attrs  string
	text   string
}

// legend draws a legend node: a borderless table of sample cells and their meanings, with
// cols entries side by side per row (1 for a tall legend, 3 for a wide strip).
func legend(w *writer, lang, id string, cols int, rows []legendRow) {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="1" COLOR="` + colGrey + `" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">`)
	fmt.Fprintf(&b, `<TR><TD COLSPAN="%d" ALIGN="LEFT"><B>%s</B></TD></TR>`, 2*cols, esc(i18n.T(lang, "Legend")))
	for i := 0; i < len(rows); i += cols {
		b.WriteString("<TR>")
		for j := i; j < i+cols; j++ {
			if j >= len(rows) {
				b.WriteString(`<TD></TD><TD></TD>`)
				continue
			}
			r := rows[j]
			text := string(esc(r.text))
			if strings.Contains(text, "<BR/>") {
				// Every line left-aligned, the last one too (its break is after it).
				text = strings.ReplaceAll(text, "<BR/>", `<BR ALIGN="LEFT"/>`) + `<BR ALIGN="LEFT"/>`
			}
			b.WriteString(`<TD ` + r.attrs + `>` + string(r.swatch) + `</TD><TD ALIGN="LEFT">` + text + `</TD>`)
		}
		b.WriteString("</TR>")
	}
	b.WriteString(`</TABLE>`)
	w.node(id, a("shape", "plain"), ah("label", html(b.String())))
}

// statusLegend returns the legend rows for the three block statuses.
func statusLegend(lang string) []legendRow {
	return []legendRow{
		{swatch: esc(statusMark(lang, catalog.Reuse)), attrs: `BGCOLOR="` + colReuse + `" BORDER="1" STYLE="ROUNDED"`,
			text: i18n.T(lang, "reuse: in operation (thin rounded border)")},
		{swatch: esc(statusMark(lang, catalog.Upgrade)), attrs: `BGCOLOR="` + colUpgrade + `" BORDER="1" STYLE="DASHED"`,
			text: i18n.T(lang, "upgrade: partly in place (dashed border)")},
		{swatch: html(`<TABLE BORDER="2" CELLBORDER="0" CELLPADDING="1" BGCOLOR="`+colBuild+`"><TR><TD>`) + esc(statusMark(lang, catalog.Build)) + "</TD></TR></TABLE>",
			attrs: `BORDER="1" CELLPADDING="1"`, text: i18n.T(lang, "build: nothing in place (double border)")},
	}
}
