package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// The Building blocks table's fields span several narrow columns each, as wide as the
// Use-case matrix's block columns.
const (
	bbLabelWidth  = 46
	bbNarrowWidth = 5
)

// bbField is one column of the block table and how many narrow columns it spans.
type bbField struct {
	title  string
	span   int
	value  func(rb *catalog.RequiredBlock) string
	status bool // coloured by the block's status
	// more, when set, is the longer text that goes in the cell's note (the cell keeps a summary).
	more func(rb *catalog.RequiredBlock) string
}

// note is the field's longer text for the cell's note, or "".
func (fd bbField) note(rb *catalog.RequiredBlock) string {
	if fd.more == nil {
		return ""
	}
	return fd.more(rb)
}

func (b *book) blocks() {
	s, l := b.sh.blocks, b.lang
	st := &b.st
	mt := b.m.Match
	fields := []bbField{
		{title: i18n.T(l, "Category"), span: 3, value: func(rb *catalog.RequiredBlock) string { return words.Category(l, rb.Block.Category) }},
		{title: i18n.T(l, "Status"), span: 3, value: func(rb *catalog.RequiredBlock) string { return words.BlockStatus(l, rb.Status) }, status: true},
		{title: i18n.T(l, "Existing system"), span: 5, value: b.existingSystem},
		{title: i18n.T(l, "Needed by"), span: 4, value: func(rb *catalog.RequiredBlock) string { return strings.Join(rb.NeededBy, ", ") }},
		{title: i18n.T(l, "Gates (indicator ≥ level: state)"), span: 7, value: b.gates},
		{title: i18n.T(l, "Product (chosen or top-ranked)"), span: 5, value: b.topProduct},
		{title: i18n.T(l, "Licence"), span: 3, value: func(rb *catalog.RequiredBlock) string { return b.productLicence(top(rb)) }},
		{title: i18n.T(l, "Evidence"), span: 4, value: func(rb *catalog.RequiredBlock) string { return b.productEvidence(top(rb)) }},
		{title: i18n.T(l, "Why it is needed"), span: 12, value: b.whyNeeded, more: b.whyNeededInFull},
	}
	span := 0
	for _, fd := range fields {
		span += fd.span
	}
	b.width(s, 1, 1, bbLabelWidth)
	b.width(s, 2, 1+span, bbNarrowWidth)
	b.str(s, 1, 1, i18n.T(l, "Required blocks"), st.title)

	// Block table.
	const tr = 3
	b.str(s, 1, tr, i18n.T(l, "Block"), st.header)
	col := 2
	for _, fd := range fields {
		b.str(s, col, tr, fd.title, st.header)
		b.style(s, cell(col, tr), cell(col+fd.span-1, tr), st.header)
		b.check(b.f.MergeCell(s, cell(col, tr), cell(col+fd.span-1, tr)))
		col += fd.span
	}
	heights := map[int]int{}
	for i := range mt.Blocks {
		rb := &mt.Blocks[i]
		r := tr + 1 + i
		label := rb.Block.Name.In(l) + "\n" + rb.Block.ID
		b.str(s, 1, r, label, st.textMerged)
		lines := wrapLines(label, bbLabelWidth)
		col := 2
		for _, fd := range fields {
			v := fd.value(rb)
			style := st.textMerged
			if fd.status {
				style = st.status[rb.Status]
			}
			shown := b.fitted(s, col, r, v, fd.note(rb), mergedWidth(fd.span))
			b.str(s, col, r, shown, style)
			b.style(s, cell(col, r), cell(col+fd.span-1, r), style)
			b.check(b.f.MergeCell(s, cell(col, r), cell(col+fd.span-1, r)))
			lines = max(lines, wrapLines(shown, mergedWidth(fd.span)))
			col += fd.span
		}
		heights[r] = lines
	}
	b.fitRows(s)
	// Merged cells do not grow with their text; size their rows here.
	for r, n := range heights {
		b.check(b.f.SetRowHeight(s, r, lineHeight(n)))
	}
	// The table's header: as many lines as its longest title takes in its merged cells.
	hl := 1
	for _, fd := range fields {
		hl = max(hl, wrapLines(fd.title, mergedWidth(fd.span)*0.92-1))
	}
	b.check(b.f.SetRowHeight(s, tr, max(20, lineHeight(hl))))
	b.freeze(s, 1, tr)
	b.page(s, paperA4)
	b.printTitles(s, "$A:$A", fmt.Sprintf("$%d:$%d", tr, tr))
	b.breakBetweenFields(s, fields)
}

// matrix writes the Use-case matrix sheet: a row per needed use case, a narrow column per
// required block, marking where a step uses the block or needs it through a dependency.
// The block ids and statuses head every printed page, and the use-case names start each row.
func (b *book) matrix() {
	s, l := b.sh.matrix, b.lang
	st := &b.st
	mt := b.m.Match
	b.width(s, 1, 1, bbLabelWidth)
	if len(mt.Blocks) > 0 {
		b.width(s, 2, 1+len(mt.Blocks), bbNarrowWidth)
	}
	b.str(s, 1, 1, i18n.T(l, "Use cases × required blocks"), st.title)
	b.str(s, 1, 2, i18n.T(l, "● a step of the use case uses the block · ○ needed through another block's dependency"), st.subtitle)
	// Matrix.
	hr := 4
	b.str(s, 1, hr, i18n.T(l, "Use case"), st.header)
	b.str(s, 1, hr+1, i18n.T(l, "Status of the block"), st.label)
	for j, rb := range mt.Blocks {
		b.str(s, 2+j, hr, rb.Block.ID, st.headerRotated)
		b.str(s, 2+j, hr+1, words.BlockStatus(l, rb.Status), st.statusUp[rb.Status])
	}
	for i, u := range mt.UseCases {
		r := hr + 2 + i
		name := u.UseCase.ID + " · " + u.UseCase.Name.In(l)
		if u.UseCase.Custom {
			name = i18n.F(l, "%s (custom)", name)
		}
		b.str(s, 1, r, name, st.textWrap)
		direct := map[string]bool{}
		for _, step := range u.UseCase.Steps {
			for _, bl := range step.Blocks {
				direct[bl] = true
			}
		}
		all := map[string]bool{}
		for _, bl := range u.Blocks {
			all[bl] = true
		}
		for j, rb := range mt.Blocks {
			mark := ""
			switch {
			case direct[rb.Block.ID]:
				mark = "●"
			case all[rb.Block.ID]:
				mark = "○"
			}
			b.str(s, 2+j, r, mark, st.mark)
		}
	}
	if len(mt.UseCases) == 0 {
		b.str(s, 1, hr+2, i18n.T(l, "No needed use cases: add services or use_cases to the country file."), st.note)
	}

	b.fitRows(s)
	b.check(b.f.SetRowHeight(s, hr, 130))
	// The statuses stand upright: the row is as tall as the longest.
	longest := 0
	for _, st := range []string{catalog.Reuse, catalog.Upgrade, catalog.Build} {
		longest = max(longest, utf8.RuneCountInString(words.BlockStatus(l, st)))
	}
	b.check(b.f.SetRowHeight(s, hr+1, math.Max(62, float64(longest)*7+10)))
	b.freeze(s, 1, hr+1)
	b.page(s, paperA4)
	b.printTitles(s, "$A:$A", fmt.Sprintf("$%d:$%d", hr, hr+1))
}

// breakBetweenFields starts printed pages only between the block table's fields, never inside
// one (a field's merged cell cut at the page edge loses its words): as many whole fields go on
// a landscape A4 page, beside the repeated column A, as fit at full size.
func (b *book) breakBetweenFields(s string, fields []bbField) {
	colPx := func(w float64) float64 { return w*7.3 + 5 } // as usedWidth counts
	page := (paperPoints[paperA4][1] - 2*marginSide*72) / 0.75
	room := page - colPx(bbLabelWidth)
	col, used := 2, 0.0
	for _, fd := range fields {
		w := float64(fd.span) * colPx(bbNarrowWidth)
		if used > 0 && used+w > room {
			b.breakBefore(s, col)
			used = 0
		}
		used += w
		col += fd.span
	}
}

// mergedWidth is the width in characters of span narrow columns merged, counted low: the
// applications differ in how much cell padding they add.
func mergedWidth(span int) float64 { return float64(span) * bbNarrowWidth * 0.85 }

// whyNeeded says which steps of which needed use cases use the block, and which blocks depend
// on it; whyNeededInFull gives their reasons, for the cell's note.
func (b *book) whyNeeded(rb *catalog.RequiredBlock) string {
	// The use cases run on, one after another, so the row stays short; the note lists them one a line.
	out := []string{strings.Join(b.stepsUsing(rb), "; ")}
	if len(rb.Dependants) > 0 {
		out = append(out, i18n.F(b.lang, "needed by %s", strings.Join(rb.Dependants, ", ")))
	}
	return strings.TrimPrefix(strings.Join(out, "\n"), "\n")
}

// whyNeededInFull is whyNeeded with each dependant block's reason and the place its
// specification says so.
func (b *book) whyNeededInFull(rb *catalog.RequiredBlock) string {
	if len(rb.Dependants) == 0 {
		return ""
	}
	out := b.stepsUsing(rb)
	// After one reason per step come the blocks that depend on this one ("needed by ...").
	if len(rb.Reasons) > len(rb.Steps) {
		out = append(out, words.ReasonList(b.lang, rb.Reasons[len(rb.Steps):])...)
	}
	return strings.Join(out, "\n\n")
}

// stepsUsing lists, per needed use case, the steps that use the block.
func (b *book) stepsUsing(rb *catalog.RequiredBlock) []string {
	var out []string
	for _, u := range b.m.Match.UseCases {
		var steps []string
		for si, step := range u.UseCase.Steps {
			if slices.Contains(step.Blocks, rb.Block.ID) {
				steps = append(steps, strconv.Itoa(si+1))
			}
		}
		switch len(steps) {
		case 0:
		case 1:
			out = append(out, i18n.F(b.lang, "%s step %s", u.UseCase.ID, steps[0]))
		default:
			out = append(out, i18n.F(b.lang, "%s steps %s", u.UseCase.ID, strings.Join(steps, ", ")))
		}
	}
	return out
}

func (b *book) existingSystem(rb *catalog.RequiredBlock) string {
	it := rb.Inventory
	if it == nil {
		return ""
	}
	var parts []string
	if it.System != "" {
		parts = append(parts, it.System)
	}
	meta := words.Inventory(b.lang, it.Status)
	if it.Owner != "" {
		meta = i18n.F(b.lang, "%s, owner %s", meta, it.Owner)
	}
	parts = append(parts, "("+meta+")")
	if it.Notes != "" {
		parts = append(parts, it.Notes)
	}
	return strings.Join(parts, "\n")
}

func (b *book) gates(rb *catalog.RequiredBlock) string {
	var out []string
	for _, g := range rb.GatedBy {
		line := i18n.F(b.lang, "%s ≥ %d: %s", g.Indicator, g.Min, words.Gate(b.lang, g.State))
		if g.Current != nil && g.State != assess.GateMet {
			line = i18n.F(b.lang, "%s (now %s)", line, trimNum(*g.Current))
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// top is the product the country chose for the block, else its best-ranked product that
// breaks no constraint, or nil (none, or the country recorded "undecided").
func top(rb *catalog.RequiredBlock) *catalog.Product {
	if p, _ := rb.Pick(); p != nil {
		return p.Product
	}
	return nil
}

func (b *book) topProduct(rb *catalog.RequiredBlock) string {
	if rb.Chosen == catalog.Undecided {
		return i18n.T(b.lang, "undecided (the country has not chosen yet)")
	}
	p := top(rb)
	if _, chosen := rb.Pick(); chosen {
		s := i18n.F(b.lang, "%s (chosen)", p.Name)
		if !p.BlocksVerified {
			s += "\n" + i18n.T(b.lang, "(covers this block: unverified)")
		}
		return s
	}
	if p == nil {
		switch len(rb.Products) {
		case 0:
		case 1:
			return i18n.T(b.lang, "none fits: the only candidate breaks a constraint")
		default:
			return i18n.F(b.lang, "none fits: all %d candidates break a constraint", len(rb.Products))
		}
		return i18n.T(b.lang, "no candidate in the catalog")
	}
	s := p.Name
	if !p.BlocksVerified {
		s += "\n" + i18n.T(b.lang, "(covers this block: unverified)")
	}
	return s
}

func (b *book) productLicence(p *catalog.Product) string {
	if p == nil {
		return ""
	}
	l := p.Licence
	if l == "" {
		l = i18n.T(b.lang, "unknown")
	}
	if p.OpenSource {
		l += i18n.T(b.lang, ", open source")
	}
	if !p.LicenceVerified {
		l = i18n.F(b.lang, "%s (unverified)", l)
	}
	return l
}

func (b *book) productEvidence(p *catalog.Product) string {
	if p == nil {
		return ""
	}
	e := words.Evidence(b.lang, p.Evidence)
	if p.Evidence != "" && p.Evidence != catalog.EvidenceNone && !p.EvidenceVerified {
		e = i18n.F(b.lang, "%s (unverified)", e)
	}
	return e
}

// trimNum writes a level without a trailing .0.
func trimNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
