package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// architecture shows the inventory per block and the match: statuses, gates, products.
type architecture struct {
	c    *shared
	sel  int
	form *form
	k    struct{ status, edit, up, down key.Binding }

	// Product choice and constraints (products.go).
	ek        archKeys
	pick      *pickList
	pickBlock string
	formKind  string // "constraints", or "" for the inventory form
}

func newArchitectureScreen(c *shared) *architecture {
	a := &architecture{c: c}
	a.relang()
	return a
}

func (a *architecture) relang() {
	lang := a.c.lang
	a.ek = newArchKeys(lang)
	a.k.status = key.NewBinding(key.WithKeys("s", "space"), key.WithHelp("s", i18n.T(lang, "inventory status")))
	a.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "system/owner")))
	a.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	a.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
}

func (a *architecture) capturing() bool { return a.form != nil || a.pick != nil }

func (a *architecture) keys() []key.Binding {
	if a.form != nil || a.pick != nil {
		return nil
	}
	return []key.Binding{a.k.status, a.k.edit, a.ek.product, a.ek.constraints, a.k.down}
}

func (a *architecture) allKeys() []key.Binding {
	return []key.Binding{a.k.up, a.k.down, a.k.status, a.k.edit, a.ek.product, a.ek.constraints}
}

// blocks lists the GovStack blocks (not the legacy-only ones), required ones first.
func (a *architecture) blocks() []*catalog.Block {
	var req, rest []*catalog.Block
	m := a.c.sess.model.Match
	for _, b := range a.c.sess.cat.Blocks {
		if b.Category == catalog.Other {
			continue
		}
		if m.Block(b.ID) != nil {
			req = append(req, b)
		} else {
			rest = append(rest, b)
		}
	}
	return append(req, rest...)
}

var statusCycle = []string{"", catalog.StatusNone, catalog.StatusPartial, catalog.StatusOperational}

func (a *architecture) update(msg tea.Msg) tea.Cmd {
	if a.form != nil {
		res, cmd := a.form.update(a.c.lang, msg)
		switch res {
		case formCancelled:
			a.form, a.formKind = nil, ""
		case formDone:
			if a.formKind == "constraints" {
				a.saveConstraints()
			} else {
				a.saveForm()
			}
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if a.pick != nil {
		a.updatePicker(km)
		return nil
	}
	bs := a.blocks()
	switch {
	case key.Matches(km, a.ek.product):
		a.productPicker(bs[a.sel])
	case key.Matches(km, a.ek.constraints):
		return a.constraintsForm()
	case key.Matches(km, a.k.up):
		a.sel = max(0, a.sel-1)
	case key.Matches(km, a.k.down):
		a.sel = min(len(bs)-1, a.sel+1)
	case key.Matches(km, a.k.status):
		b := bs[a.sel]
		it, has := a.c.sess.doc.File.Inventory[b.ID]
		cur := ""
		if has {
			cur = it.Status
		}
		next := statusCycle[0]
		for i, s := range statusCycle {
			if s == cur {
				next = statusCycle[(i+1)%len(statusCycle)]
			}
		}
		var err error
		if next == "" {
			err = a.c.sess.change(func(d *countries.Doc) error { return d.Delete([]any{"inventory", b.ID}) })
		} else {
			it.Status = next
			node, nerr := countries.FlowNode(it)
			if nerr != nil {
				return nil
			}
			err = a.c.sess.change(func(d *countries.Doc) error { return d.Set([]any{"inventory", b.ID}, node) })
		}
		if err != nil {
			a.c.sayErr(err)
			return nil
		}
		a.c.say(false, i18n.F(a.c.lang, "saved · %s inventory: %s", b.Name.In(a.c.lang), orDash(words.Inventory(a.c.lang, next))))
		a.keepSelection(b.ID)
	case key.Matches(km, a.k.edit):
		b := bs[a.sel]
		it := a.c.sess.doc.File.Inventory[b.ID]
		var owners []string
		owners = append(owners, "")
		owners = append(owners, a.c.sess.ministryIDs()...)
		sel := 0
		for i, o := range owners {
			if o == it.Owner {
				sel = i
			}
		}
		lang := a.c.lang
		st := []string{catalog.StatusNone, catalog.StatusPartial, catalog.StatusOperational}
		ss := 0
		var stNames []string
		for i, s := range st {
			if s == it.Status {
				ss = i
			}
			stNames = append(stNames, words.Inventory(lang, s))
		}
		status := choiceField(i18n.T(lang, "Status"), stNames, ss)
		status.values = st
		a.form = newForm(i18n.F(lang, "%s: what exists today", b.Name.In(lang)),
			status,
			textField(i18n.T(lang, "System"), it.System, i18n.T(lang, "e.g. National ID system"), nil),
			choiceField(i18n.T(lang, "Owner"), owners, sel),
			textField(i18n.T(lang, "Notes"), it.Notes, "", nil),
		)
		return a.form.setFocus(0)
	}
	return nil
}

// keepSelection keeps the same block selected after the list reorders.
func (a *architecture) keepSelection(id string) {
	for i, b := range a.blocks() {
		if b.ID == id {
			a.sel = i
		}
	}
}

func (a *architecture) saveForm() {
	b := a.blocks()[a.sel]
	f := a.form
	it := a.c.sess.doc.File.Inventory[b.ID]
	it.Status, it.System, it.Owner, it.Notes = f.value(0), f.value(1), f.value(2), f.value(3)
	node, err := countries.FlowNode(it)
	if err == nil {
		err = a.c.sess.change(func(d *countries.Doc) error { return d.Set([]any{"inventory", b.ID}, node) })
	}
	if err != nil {
		f.err = err.Error()
		return
	}
	a.form = nil
	a.c.say(false, i18n.F(a.c.lang, "saved · %s inventory", b.Name.In(a.c.lang)))
	a.keepSelection(b.ID)
}

func (a *architecture) view(w, h int) string {
	st, lang := a.c.st, a.c.lang
	if a.form != nil {
		return panel(st, stepTitle(lang, stepArchitecture), a.form.lines(st, lang, w-4), w, h)
	}
	if a.pick != nil {
		return panel(st, stepTitle(lang, stepArchitecture), a.pick.lines(st, lang, w-4, h), w, h)
	}
	m := a.c.sess.model.Match
	inv := a.c.sess.doc.File.Inventory
	bs := a.blocks()
	// The plan column fits its longest word in this language ("↑ mettre à niveau ⚠"); the
	// panel grows by what the words add (up to half the screen).
	planW := 0
	for _, s := range []string{catalog.Reuse, catalog.Upgrade, catalog.Build} {
		planW = max(planW, width(words.BlockStatus(lang, s))+4)
	}
	leftW := min(52+max(0, planW-12), w/2+4)
	// Narrow: the plan column keeps its mark only (✓ ↑ +) and a legend says what they mean.
	compact := leftW-2-planW-10 < 18
	if compact {
		planW = max(3, width(i18n.T(lang, "Plan")))
	}
	nameW := max(12, min(22, leftW-2-planW-10))
	var foot []string
	if m.ReuseFactor != nil {
		foot = append(foot, wrap(i18n.N(lang, "Reuse factor %s across %d use cases", i18n.Number(lang, *m.ReuseFactor, 2), len(m.UseCases)), leftW-2)...)
	}
	legend := i18n.T(lang, "⚠ = a readiness gate is not met yet")
	if compact {
		// No-break spaces keep each mark with its word when the legend wraps.
		legend = "✓\u00a0" + words.BlockStatus(lang, catalog.Reuse) + " · ↑\u00a0" + words.BlockStatus(lang, catalog.Upgrade) + " · +\u00a0" + words.BlockStatus(lang, catalog.Build) +
			" · " + strings.Replace(i18n.T(lang, "⚠ gate not met"), " ", "\u00a0", 1)
	}
	for _, l := range wrap(legend, leftW-2) {
		foot = append(foot, st.Faint.Render(l))
	}
	var body []string
	head := pad(i18n.T(lang, "Block"), nameW) + " " + pad(i18n.T(lang, "Plan"), planW) + " " + i18n.T(lang, "Today")
	body = append(body, st.Bold.Render(head))
	from, to := window(a.sel, len(bs), max(1, h-5-len(foot)))
	for i := from; i < to; i++ {
		b := bs[i]
		plan := "–"
		if rb := m.Block(b.ID); rb != nil {
			plan = map[string]string{catalog.Reuse: "✓", catalog.Upgrade: "↑", catalog.Build: "+"}[rb.Status]
			if !compact {
				plan += " " + words.BlockStatus(lang, rb.Status)
			}
			for _, g := range rb.GatedBy {
				if g.State != assess.GateMet {
					plan += " ⚠"
					break
				}
			}
		}
		today := "–"
		if it, ok := inv[b.ID]; ok {
			today = words.Inventory(lang, it.Status)
			if it.System != "" {
				today = i18n.F(lang, "%s: %s", today, it.System)
			}
		}
		line := pad(b.Name.In(lang), nameW) + " " + pad(plan, planW) + " " + today
		if i == a.sel {
			line = st.Selected.Render(pad(line, leftW-2))
		}
		body = append(body, line)
	}
	body = append(body, "")
	body = append(body, foot...)
	left := panel(st, i18n.F(lang, "Building blocks · %d required", len(m.Blocks)), body, leftW, h)
	return joinColumns(left, a.detail(bs[a.sel], w-leftW, h))
}

func (a *architecture) detail(b *catalog.Block, w, h int) string {
	st, lang := a.c.st, a.c.lang
	inner := w - 2
	rb := a.c.sess.model.Match.Block(b.ID)
	var body []string
	body = append(body, st.Faint.Render(i18n.F(lang, "%s · spec %s", words.Category(lang, b.Category), orDash(b.SpecVersion))))
	body = append(body, wrap(b.Purpose.In(lang), inner)...)
	body = append(body, "")
	if rb == nil {
		body = append(body, i18n.T(lang, "Not required by the country's use cases."))
		return panel(st, b.Name.In(lang), body, w, h)
	}
	plan := st.Bold.Render(i18n.F(lang, "Plan: %s", strings.ToUpper(words.BlockStatus(lang, rb.Status))))
	body = append(body, wrapStyled(plan, i18n.F(lang, "needed by %s", strings.Join(rb.NeededBy, ", ")), inner)...)
	body = append(body, wrap(chosenLine(rb, lang), inner)...)
	for _, r := range words.ReasonList(lang, rb.Summary()) {
		for i, l := range wrap(r, inner-2) {
			if i == 0 {
				body = append(body, "· "+l)
			} else {
				body = append(body, "  "+l)
			}
		}
	}
	for _, o := range rb.Recommends {
		line := i18n.F(lang, "option: %s, recommended, not required [%s]", o.Block, o.Source)
		if o.InArchitecture {
			line = i18n.F(lang, "also recommends %s, in the architecture anyway [%s]", o.Block, o.Source)
		}
		for i, l := range wrap(line, inner-2) {
			if i == 0 {
				l = "◇ " + l
			} else {
				l = "  " + l
			}
			body = append(body, st.Faint.Render(l))
		}
	}
	if len(rb.GatedBy) > 0 {
		body = append(body, "", st.Bold.Render(i18n.T(lang, "Readiness gates")))
		for _, g := range rb.GatedBy {
			cur := i18n.T(lang, "not assessed")
			if g.Current != nil {
				cur = i18n.F(lang, "now %s", i18n.Number(lang, *g.Current, 1))
			}
			line := fmt.Sprintf("%s\u00a0≥\u00a0%d (%s) %s\u00a0%s", g.Indicator, g.Min, cur, gateMark(g.State), words.Gate(lang, g.State))
			for i, l := range wrap(line, inner-2) {
				if i > 0 {
					l = "  " + l
				}
				if g.State != assess.GateMet {
					l = st.Warn.Render(l)
				}
				body = append(body, l)
			}
			for _, l := range wrap(words.GateBasis(lang, g.Gate), inner-2) {
				body = append(body, st.Faint.Render("  "+l))
			}
		}
	}
	if len(rb.Products) > 0 {
		body = append(body, "", st.Bold.Render(i18n.T(lang, "Candidate products")))
		for _, p := range rb.Products {
			rank := fmt.Sprintf("#%d", p.Rank)
			if p.Excluded {
				rank = i18n.T(lang, "excluded")
			}
			pr := p.Product
			ev := words.Evidence(lang, pr.Evidence)
			if pr.Evidence == catalog.EvidenceNone {
				ev = i18n.T(lang, "none: no GovStack evidence")
			} else if !pr.EvidenceVerified {
				ev += " " + i18n.T(lang, "(unverified)")
			}
			lic := pr.Licence
			if !pr.LicenceVerified {
				lic += " " + i18n.T(lang, "(unverified)")
			}
			name := pr.Name
			if pr.ID == rb.Chosen {
				name = "★ " + name
			}
			line := fmt.Sprintf("%-8s %s — %s", rank, name, i18n.F(lang, "evidence %s, licence %s", ev, lic))
			if p.Excluded && len(p.Why) > 0 {
				line += " · " + words.Reasons(lang, p.Why, "; ")
			}
			if p.OutOfScope {
				line += " · " + words.MaybeReason(lang, p.Scope)
			}
			if l := words.LifecycleLine(lang, pr); l != "" {
				line += " · " + l
			}
			for _, l := range wrap(line, inner) {
				if p.Excluded {
					l = st.Faint.Render(l)
				}
				body = append(body, l)
			}
		}
	}
	return panel(st, b.Name.In(lang), body, w, h)
}

// wrapStyled puts a styled lead and plain text on one line when they fit, else the text
// folded on the lines below the lead.
func wrapStyled(lead, text string, w int) []string {
	if width(lead)+2+width(text) <= w {
		return []string{lead + "  " + text}
	}
	return append([]string{lead}, wrap(text, w)...)
}
