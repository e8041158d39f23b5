package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
)

// The Building blocks sheet puts a compact matrix (use cases × blocks, narrow columns) above
// the block table; the table's fields span several of the narrow columns each.
const (
	bbLabelWidth  = 46
	bbNarrowWidth = 5
)

// bbField is one column of the block table and how many narrow columns it spans.
type bbField struct {
	title string
	span  int
	value func(rb *catalog.RequiredBlock) string
}

func (b *book) blocks() {
	const s = SheetBlocks
	st := &b.st
	mt := b.m.Match
	fields := []bbField{
		{"Category", 3, func(rb *catalog.RequiredBlock) string { return rb.Block.Category }},
		{"Status", 2, func(rb *catalog.RequiredBlock) string { return rb.Status }},
		{"Existing system", 5, existingSystem},
		{"Needed by", 4, func(rb *catalog.RequiredBlock) string { return strings.Join(rb.NeededBy, ", ") }},
		{"Gates (indicator ≥ level: state)", 7, gates},
		{"Top product", 5, topProduct},
		{"Licence", 3, func(rb *catalog.RequiredBlock) string { return productLicence(top(rb)) }},
		{"Evidence", 4, func(rb *catalog.RequiredBlock) string { return productEvidence(top(rb)) }},
		{"Why it is needed", 12, b.whyNeeded},
	}
	span := 0
	for _, fd := range fields {
		span += fd.span
	}
	b.width(s, 1, 1, bbLabelWidth)
	b.width(s, 2, 1+max(span, len(mt.Blocks)), bbNarrowWidth)

	b.str(s, 1, 1, "Use cases × required blocks", st.title)
	b.str(s, 1, 2, "● a step of the use case uses the block · ○ needed through another block's dependency", st.subtitle)

	// Matrix.
	hr := 4
	b.str(s, 1, hr, "Use case", st.header)
	b.str(s, 1, hr+1, "Status of the block", st.label)
	for j, rb := range mt.Blocks {
		b.str(s, 2+j, hr, rb.Block.ID, st.headerRotated)
		b.str(s, 2+j, hr+1, rb.Status, st.statusUp[rb.Status])
	}
	for i, u := range mt.UseCases {
		r := hr + 2 + i
		name := u.UseCase.ID + " · " + u.UseCase.Name.In(b.lang)
		if u.UseCase.Custom {
			name += " (custom)"
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
		b.str(s, 1, hr+2, "No needed use cases: add services or use_cases to the country file.", st.note)
	}

	// Block table.
	tr := hr + 2 + max(len(mt.UseCases), 1) + 3
	b.str(s, 1, tr-1, "Required blocks", st.label)
	b.str(s, 1, tr, "Block", st.header)
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
		label := rb.Block.Name.In(b.lang) + "\n" + rb.Block.ID
		b.str(s, 1, r, label, st.textMerged)
		lines := wrapLines(label, bbLabelWidth)
		col := 2
		for _, fd := range fields {
			v := fd.value(rb)
			style := st.textMerged
			if fd.title == "Status" {
				style = st.status[rb.Status]
			}
			b.str(s, col, r, v, style)
			b.style(s, cell(col, r), cell(col+fd.span-1, r), style)
			b.check(b.f.MergeCell(s, cell(col, r), cell(col+fd.span-1, r)))
			lines = max(lines, wrapLines(v, mergedWidth(fd.span)))
			col += fd.span
		}
		heights[r] = lines
	}
	b.fitRows(s)
	// Merged cells do not grow with their text; size their rows here.
	for r, n := range heights {
		b.check(b.f.SetRowHeight(s, r, lineHeight(n)))
	}
	b.check(b.f.SetRowHeight(s, tr, 20))
	b.check(b.f.SetRowHeight(s, hr, 130))
	b.check(b.f.SetRowHeight(s, hr+1, 62))
	b.freeze(s, 1, 0)
	b.page(s, paperA4)
}

// mergedWidth is the width in characters of span narrow columns merged, counted low: the
// applications differ in how much cell padding they add.
func mergedWidth(span int) float64 { return float64(span) * bbNarrowWidth * 0.85 }

// whyNeeded says which steps of which needed use cases use the block, and which blocks depend
// on it.
func (b *book) whyNeeded(rb *catalog.RequiredBlock) string {
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
			out = append(out, u.UseCase.ID+" step "+steps[0])
		default:
			out = append(out, u.UseCase.ID+" steps "+strings.Join(steps, ", "))
		}
	}
	for _, r := range rb.Reasons {
		if strings.HasPrefix(r, "needed by ") {
			out = append(out, r)
		}
	}
	return strings.Join(out, "\n")
}

func existingSystem(rb *catalog.RequiredBlock) string {
	it := rb.Inventory
	if it == nil {
		return ""
	}
	var parts []string
	if it.System != "" {
		parts = append(parts, it.System)
	}
	meta := it.Status
	if it.Owner != "" {
		meta += ", owner " + it.Owner
	}
	parts = append(parts, "("+meta+")")
	if it.Notes != "" {
		parts = append(parts, it.Notes)
	}
	return strings.Join(parts, "\n")
}

func gates(rb *catalog.RequiredBlock) string {
	var out []string
	for _, g := range rb.GatedBy {
		line := fmt.Sprintf("%s ≥ %d: %s", g.Indicator, g.Min, g.State)
		if g.Current != nil && g.State != assess.GateMet {
			line += " (now " + trimNum(*g.Current) + ")"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// top is the block's best-ranked product that breaks no constraint, or nil.
func top(rb *catalog.RequiredBlock) *catalog.Product {
	for _, p := range rb.Products {
		if p.Rank == 1 && !p.Excluded {
			return p.Product
		}
	}
	return nil
}

func topProduct(rb *catalog.RequiredBlock) string {
	p := top(rb)
	if p == nil {
		if len(rb.Products) > 0 {
			return fmt.Sprintf("none fits: all %d candidates break a constraint", len(rb.Products))
		}
		return "no candidate in the catalog"
	}
	s := p.Name
	if !p.BlocksVerified {
		s += "\n(covers this block: unverified)"
	}
	return s
}

func productLicence(p *catalog.Product) string {
	if p == nil {
		return ""
	}
	l := p.Licence
	if l == "" {
		l = "unknown"
	}
	if p.OpenSource {
		l += ", open source"
	}
	if !p.LicenceVerified {
		l += " (unverified)"
	}
	return l
}

func productEvidence(p *catalog.Product) string {
	if p == nil {
		return ""
	}
	e := p.Evidence
	if e == "" {
		e = catalog.EvidenceNone
	}
	if e != catalog.EvidenceNone && !p.EvidenceVerified {
		e += " (unverified)"
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
