package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// architecture shows the inventory per block and the match: statuses, gates, products.
type architecture struct {
	c    *shared
	sel  int
	form *form
	k    struct{ status, edit, up, down key.Binding }
}

func newArchitectureScreen(c *shared) *architecture {
	a := &architecture{c: c}
	a.k.status = key.NewBinding(key.WithKeys("s", "space"), key.WithHelp("s", "inventory status"))
	a.k.edit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "system/owner"))
	a.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	a.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	return a
}

func (a *architecture) capturing() bool { return a.form != nil }

func (a *architecture) keys() []key.Binding {
	if a.form != nil {
		return nil
	}
	return []key.Binding{a.k.status, a.k.edit, a.k.down}
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
		res, cmd := a.form.update(msg)
		switch res {
		case formCancelled:
			a.form = nil
		case formDone:
			a.saveForm()
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	bs := a.blocks()
	switch {
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
		a.c.say(false, "saved · %s inventory: %s", b.Name, orDash(next))
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
		st := []string{catalog.StatusNone, catalog.StatusPartial, catalog.StatusOperational}
		ss := 0
		for i, s := range st {
			if s == it.Status {
				ss = i
			}
		}
		a.form = newForm(b.Name.In(a.c.lang)+": what exists today",
			choiceField("Status", st, ss),
			textField("System", it.System, "e.g. National ID system", nil),
			choiceField("Owner", owners, sel),
			textField("Notes", it.Notes, "", nil),
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
	a.c.say(false, "saved · %s inventory", b.Name)
	a.keepSelection(b.ID)
}

func (a *architecture) view(w, h int) string {
	st := a.c.st
	if a.form != nil {
		return panel(st, "Architecture", a.form.lines(st, w-4), w, h)
	}
	m := a.c.sess.model.Match
	inv := a.c.sess.doc.File.Inventory
	bs := a.blocks()
	leftW := min(52, w/2+4)
	var body []string
	head := fmt.Sprintf("%-22s %-8s %s", "Block", "Plan", "Today")
	body = append(body, st.Bold.Render(head))
	from, to := window(a.sel, len(bs), max(1, h-6))
	for i := from; i < to; i++ {
		b := bs[i]
		plan := "–"
		if rb := m.Block(b.ID); rb != nil {
			plan = map[string]string{catalog.Reuse: "✓ reuse", catalog.Upgrade: "↑ upgrade", catalog.Build: "+ build"}[rb.Status]
			for _, g := range rb.GatedBy {
				if g.State != assess.GateMet {
					plan += " ⚠"
					break
				}
			}
		}
		today := "–"
		if it, ok := inv[b.ID]; ok {
			today = it.Status
			if it.System != "" {
				today += ": " + it.System
			}
		}
		line := fmt.Sprintf("%-22s %-10s %s", truncate(b.Name.In(a.c.lang), 22), plan, today)
		if i == a.sel {
			line = st.Selected.Render(pad(line, leftW-2))
		}
		body = append(body, line)
	}
	body = append(body, "")
	if m.ReuseFactor != nil {
		body = append(body, fmt.Sprintf("Reuse factor %.2f across %d use case(s)", *m.ReuseFactor, len(m.UseCases)))
	}
	body = append(body, st.Faint.Render("⚠ = a readiness gate is not met yet"))
	left := panel(st, fmt.Sprintf("Building blocks · %d required", len(m.Blocks)), body, leftW, h)
	return joinColumns(left, a.detail(bs[a.sel], w-leftW, h))
}

func (a *architecture) detail(b *catalog.Block, w, h int) string {
	st := a.c.st
	inner := w - 2
	rb := a.c.sess.model.Match.Block(b.ID)
	var body []string
	body = append(body, st.Faint.Render(fmt.Sprintf("%s · spec %s", b.Category, orDash(b.SpecVersion))))
	for _, l := range wrap(b.Purpose.In(a.c.lang), inner) {
		body = append(body, l)
	}
	body = append(body, "")
	if rb == nil {
		body = append(body, "Not required by the country's use cases.")
		return panel(st, b.Name.In(a.c.lang), body, w, h)
	}
	body = append(body, st.Bold.Render("Plan: "+strings.ToUpper(rb.Status))+"  needed by "+strings.Join(rb.NeededBy, ", "))
	for _, r := range groupReasons(rb.Reasons) {
		for i, l := range wrap(r, inner-2) {
			if i == 0 {
				body = append(body, "· "+l)
			} else {
				body = append(body, "  "+l)
			}
		}
	}
	if len(rb.GatedBy) > 0 {
		body = append(body, "", st.Bold.Render("Readiness gates"))
		for _, g := range rb.GatedBy {
			cur := "not assessed"
			if g.Current != nil {
				cur = fmt.Sprintf("now %.1f", *g.Current)
			}
			mark := map[string]string{assess.GateMet: "✓ met", assess.GateUnmet: "✗ not met", assess.GateUnknown: "? unknown"}[g.State]
			line := fmt.Sprintf("%s ≥ %d (%s) %s", g.Indicator, g.Min, cur, mark)
			if g.State != assess.GateMet {
				line = st.Warn.Render(line)
			}
			body = append(body, line)
		}
	}
	if len(rb.Products) > 0 {
		body = append(body, "", st.Bold.Render("Candidate products"))
		for _, p := range rb.Products {
			rank := fmt.Sprintf("#%d", p.Rank)
			if p.Excluded {
				rank = "excluded"
			}
			pr := p.Product
			ev := pr.Evidence
			if pr.Evidence != catalog.EvidenceNone && !pr.EvidenceVerified {
				ev += " (unverified)"
			}
			lic := pr.Licence
			if !pr.LicenceVerified {
				lic += " (unverified)"
			}
			line := fmt.Sprintf("%-8s %s — evidence %s, licence %s", rank, pr.Name, ev, lic)
			if p.Excluded {
				line = st.Faint.Render(line + " · " + strings.TrimPrefix(p.Reasons[0], "excluded: "))
			}
			body = append(body, wrap(line, inner)...)
		}
	}
	return panel(st, b.Name.In(a.c.lang), body, w, h)
}

// groupReasons folds "uc step N (name)" lines into "uc steps 2, 3, 7".
func groupReasons(reasons []string) []string {
	var out, order []string
	steps := map[string][]string{}
	for _, r := range reasons {
		uc, rest, ok := strings.Cut(r, " step ")
		if !ok || strings.HasPrefix(r, "needed by ") {
			out = append(out, r)
			continue
		}
		n, _, _ := strings.Cut(rest, " ")
		if _, seen := steps[uc]; !seen {
			order = append(order, uc)
		}
		steps[uc] = append(steps[uc], n)
	}
	var grouped []string
	for _, uc := range order {
		word := "step"
		if len(steps[uc]) > 1 {
			word = "steps"
		}
		grouped = append(grouped, fmt.Sprintf("%s %s %s", uc, word, strings.Join(steps[uc], ", ")))
	}
	return append(grouped, out...)
}
