package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// archKeys are the architecture step's editing keys (products and constraints).
type archKeys struct{ product, constraints key.Binding }

func newArchKeys(lang string) archKeys {
	return archKeys{
		product:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", i18n.T(lang, "choose product"))),
		constraints: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", i18n.T(lang, "constraints"))),
	}
}

// productPicker opens the list of the block's ranked products, with "undecided" and "no
// choice recorded".
func (a *architecture) productPicker(b *catalog.Block) {
	lang := a.c.lang
	rb := a.c.sess.model.Match.Block(b.ID)
	if rb == nil {
		a.c.say(true, i18n.F(lang, "%s is not required by the country's use cases; no product to choose", b.Name.In(lang)))
		return
	}
	p := newPickList(lang, i18n.F(lang, "Product for %s (ranked; saved under products: in the file)", b.Name.In(lang)), false)
	for _, rp := range rb.Products {
		label := i18n.F(lang, "#%d %s", rp.Rank, rp.Product.Name)
		it := pickItem{label: label + " · " + orDash(rp.Product.Licence) + " · " + words.Evidence(lang, rp.Product.Evidence), value: rp.Product.ID}
		if rp.Excluded {
			it.label = i18n.F(lang, "excluded %s", rp.Product.Name)
			it.refuse = words.Reasons(lang, rp.Why, "; ")
		}
		p.items = append(p.items, it)
	}
	p.items = append(p.items,
		pickItem{label: i18n.T(lang, "undecided (looked at, no choice yet)"), value: catalog.Undecided},
		pickItem{label: i18n.T(lang, "no choice recorded (outputs show the top-ranked product)"), value: ""})
	for i, it := range p.items {
		if it.value == rb.Chosen {
			p.list.sel = i
		}
	}
	a.pick, a.pickBlock = p, b.ID
}

// updatePicker handles a key while the product list is open.
func (a *architecture) updatePicker(km tea.KeyPressMsg) {
	done, cancelled := a.pick.update(km)
	lang := a.c.lang
	it := a.pick.current()
	switch {
	case cancelled:
		a.pick = nil
		a.c.say(false, i18n.T(lang, "cancelled"))
	case !done:
	case it.refuse != "":
		a.c.say(true, i18n.F(lang, "that product breaks a constraint (%s); change the constraints (c) first", it.refuse))
	default:
		id, v := a.pickBlock, it.value
		err := a.c.sess.change(func(d *countries.Doc) error {
			if v == "" {
				return d.Delete([]any{"products", id})
			}
			return d.Set([]any{"products", id}, v)
		})
		if err != nil {
			a.c.sayErr(err)
			return
		}
		a.pick = nil
		a.keepSelection(id)
		a.c.say(false, i18n.F(lang, "saved · product for %s: %s", id, orDash(it.label)))
	}
}

// chosenLine says what the country chose for the block.
func chosenLine(rb *catalog.RequiredBlock, lang string) string {
	switch p := rb.ChosenProduct(); {
	case rb.Chosen == catalog.Undecided:
		return i18n.T(lang, "Product: undecided (p chooses)")
	case p != nil:
		return i18n.F(lang, "Product: %s, chosen (p changes)", p.Name)
	case rb.Chosen != "":
		return i18n.F(lang, "Product: %s (not in the catalog)", rb.Chosen)
	}
	return i18n.T(lang, "Product: not chosen yet (p chooses)")
}

// constraintsForm edits what products must respect: open source only, licences to avoid,
// hosting.
func (a *architecture) constraintsForm() tea.Cmd {
	lang := a.c.lang
	c := a.c.sess.doc.File.Constraints
	oss := choiceField(i18n.T(lang, "Open source only"), []string{words.YesNo(lang, false), words.YesNo(lang, true)}, 0)
	oss.values = []string{"false", "true"}
	if c.OpenSourceOnly {
		oss.choice = 1
	}
	hostVals := []string{"", "on-premise", "cloud", "any"}
	hostShown := []string{i18n.T(lang, "(not said)"), i18n.T(lang, "on-premise"), i18n.T(lang, "cloud"), i18n.T(lang, "any")}
	host := choiceField(i18n.T(lang, "Hosting"), hostShown, 0)
	host.values = hostVals
	for i, v := range hostVals {
		if v == c.Hosting {
			host.choice = i
		}
	}
	a.form = newForm(i18n.T(lang, "Constraints on products"),
		oss,
		textField(i18n.T(lang, "Licences to avoid"), strings.Join(c.AvoidLicences, ", "), i18n.T(lang, "SPDX ids, e.g. AGPL-3.0, separated by commas"), nil),
		host)
	a.formKind = "constraints"
	return a.form.setFocus(0)
}

func (a *architecture) saveConstraints() {
	f := a.form
	c := catalog.Constraints{OpenSourceOnly: f.value(0) == "true", AvoidLicences: splitList(f.value(1)), Hosting: f.value(2)}
	err := a.c.sess.change(func(d *countries.Doc) error { return setFlow(d, []any{"constraints"}, c) })
	if err != nil {
		f.err = err.Error()
		return
	}
	a.form, a.formKind = nil, ""
	a.c.say(false, i18n.T(a.c.lang, "saved · constraints"))
}
