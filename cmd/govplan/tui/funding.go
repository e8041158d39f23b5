package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/roadmap"
)

// fundingPage is one of the funding step's lists.
type fundingPage int

const (
	pagePledges fundingPage = iota
	pageRates
	pageCosts
	fundingPages
)

// funding is the money step: the funders' pledges, the exchange rates to the plan currency,
// and the country's own costs per block beside the illustrative defaults.
type funding struct {
	c     *shared
	page  fundingPage
	lists [fundingPages]rowList
	formHost
	formKind string
	editing  int    // pledge being edited (-1 new)
	editKey  string // rate or block being edited ("" new)
	nav      listKeys
	k        struct{ page, add, edit, remove, currency key.Binding }
}

func newFundingScreen(c *shared) *funding {
	f := &funding{c: c}
	f.relang()
	return f
}

func (f *funding) relang() {
	lang := f.c.lang
	f.nav = newListKeys(lang)
	f.k.page = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", i18n.T(lang, "pledges/rates/costs")))
	f.k.add = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "add")))
	f.k.edit = key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", i18n.T(lang, "edit")))
	f.k.remove = key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", i18n.T(lang, "delete")))
	f.k.currency = key.NewBinding(key.WithKeys("u"), key.WithHelp("u", i18n.T(lang, "plan currency")))
}

func (f *funding) capturing() bool { return f.form != nil }

func (f *funding) keys() []key.Binding {
	switch {
	case f.form != nil:
		return nil
	case f.page == pageCosts:
		return []key.Binding{f.k.edit, f.k.remove, f.k.currency, f.k.page, f.nav.down}
	}
	return []key.Binding{f.k.add, f.k.edit, f.k.remove, f.k.page, f.nav.down}
}

func (f *funding) allKeys() []key.Binding {
	return append(f.nav.all(), f.k.page, f.k.add, f.k.edit, f.k.remove, f.k.currency)
}

// planCurrency is the currency of the plan (costs.currency, else the cost model's).
func (f *funding) planCurrency() string {
	if p := f.c.sess.model.Plan; p != nil && p.Currency != "" {
		return p.Currency
	}
	if c := f.c.sess.doc.File.Costs.Currency; c != "" {
		return c
	}
	if m, err := roadmap.DefaultCostModel(); err == nil && m.Currency != "" {
		return m.Currency
	}
	return "USD"
}

func (f *funding) count() int {
	file := f.c.sess.doc.File
	switch f.page {
	case pagePledges:
		return len(file.Investments)
	case pageRates:
		return len(file.ExchangeRates)
	}
	return len(f.costBlocks())
}

func (f *funding) update(msg tea.Msg) tea.Cmd {
	if f.form != nil {
		return f.updateForm(f.c, msg, f.save)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := f.count()
	sel := &f.lists[f.page].sel
	switch {
	case f.lists[f.page].move(f.nav, km, n, max(1, f.c.h-12)):
	case key.Matches(km, f.k.page):
		f.page = (f.page + 1) % fundingPages
	case key.Matches(km, f.k.currency):
		return f.currencyForm()
	case key.Matches(km, f.k.add) && f.page == pagePledges:
		return f.pledgeForm(-1)
	case key.Matches(km, f.k.add) && f.page == pageRates:
		return f.rateForm("")
	case n == 0:
		return nil
	case key.Matches(km, f.k.edit):
		*sel = min(*sel, n-1)
		switch f.page {
		case pagePledges:
			return f.pledgeForm(*sel)
		case pageRates:
			return f.rateForm(yamlx.SortedKeys(f.c.sess.doc.File.ExchangeRates)[*sel])
		default:
			return f.costForm(f.costBlocks()[*sel])
		}
	case key.Matches(km, f.k.remove):
		*sel = min(*sel, n-1)
		f.remove(*sel)
	}
	return nil
}

// remove asks, then deletes the selected pledge, rate or block cost.
func (f *funding) remove(i int) {
	s, lang := f.c.sess, f.c.lang
	file := s.doc.File
	var text string
	var path []any
	switch f.page {
	case pagePledges:
		inv := file.Investments[i]
		text = i18n.F(lang, "Delete the pledge of %s (%s %s)?", inv.Funder, money(lang, inv.Amount), orDash(inv.Currency))
		path = []any{"investments", i}
	case pageRates:
		code := yamlx.SortedKeys(file.ExchangeRates)[i]
		text = i18n.F(lang, "Delete the exchange rate for %s?", code)
		path = []any{"exchange_rates", code}
	default:
		b := f.costBlocks()[i]
		if _, ok := file.Costs.Blocks[b]; !ok {
			f.c.say(true, i18n.F(lang, "%s uses the default costs; there is nothing of yours to delete", b))
			return
		}
		text = i18n.F(lang, "Delete your costs for %s (back to the defaults)?", b)
		path = []any{"costs", "blocks", b}
	}
	f.c.ask(text, func() tea.Cmd {
		if err := s.changePlan(func(d *countries.Doc) error { return d.Delete(path) }); err != nil {
			f.c.sayErr(err)
			return nil
		}
		f.lists[f.page].sel = max(0, min(f.lists[f.page].sel, f.count()-1))
		f.c.say(false, i18n.T(lang, "saved · deleted"))
		return nil
	})
}

// targets are what a pledge can fund: the plan's blocks, then its activities.
func (f *funding) targets() (shown, values []string) {
	s := f.c.sess
	seen := map[string]bool{}
	if m := s.model.Match; m != nil {
		for _, rb := range m.Blocks {
			v := "block:" + rb.Block.ID
			if !seen[v] {
				seen[v] = true
				shown = append(shown, rb.Block.ID+" ("+i18n.T(f.c.lang, "block")+")")
				values = append(values, v)
			}
		}
	}
	if p := s.model.Plan; p != nil {
		for _, a := range p.Activities {
			shown = append(shown, a.ID)
			values = append(values, "activity:"+a.ID)
		}
	}
	return shown, values
}

func (f *funding) pledgeForm(i int) tea.Cmd {
	lang := f.c.lang
	var inv roadmap.Investment
	if i >= 0 {
		inv = f.c.sess.doc.File.Investments[i]
	}
	shown, values := f.targets()
	cur := ""
	switch {
	case inv.Block != "":
		cur = "block:" + inv.Block
	case inv.Activity != "":
		cur = "activity:" + inv.Activity
	}
	if cur != "" && !slices.Contains(values, cur) {
		shown, values = append(shown, strings.TrimPrefix(strings.TrimPrefix(cur, "block:"), "activity:")), append(values, cur)
	}
	sel := max(0, slices.Index(values, cur))
	target := choiceField(i18n.T(lang, "For"), shown, sel)
	target.values = values
	if len(values) == 0 {
		f.c.say(true, i18n.T(lang, "the plan has no blocks or activities to fund yet"))
		return nil
	}
	years := make([]string, len(inv.Years))
	for j, y := range inv.Years {
		years[j] = strconv.Itoa(y)
	}
	amount := ""
	if inv.Amount > 0 {
		amount = numInput(lang, inv.Amount)
	}
	cur3 := inv.Currency
	if cur3 == "" {
		cur3 = f.planCurrency()
	}
	f.formKind, f.editing = "pledge", i
	title := i18n.T(lang, "Add a pledge")
	if i >= 0 {
		title = i18n.F(lang, "Edit the pledge of %s", inv.Funder)
	}
	f.form = newForm(title,
		textField(i18n.T(lang, "Funder"), inv.Funder, i18n.T(lang, "Development Bank"), nonEmpty(lang)),
		target,
		numField(i18n.T(lang, "Amount"), amount, "2000000", checkAmount(lang, true, false)),
		textField(i18n.T(lang, "Currency"), cur3, "USD", f.checkRateKnown),
		textField(i18n.T(lang, "Years"), strings.Join(years, ", "), "2027, 2028", checkYears(lang)),
		textField(i18n.T(lang, "Notes"), inv.Notes, "", nil),
	)
	return f.form.setFocus(0)
}

// checkRateKnown accepts the plan currency or one with an exchange rate.
func (f *funding) checkRateKnown(v string) string {
	lang := f.c.lang
	if p := checkCurrency(lang)(v); p != "" {
		return p
	}
	v = strings.ToUpper(v)
	if v == "" || v == f.planCurrency() {
		return ""
	}
	if _, ok := f.c.sess.doc.File.ExchangeRates[v]; !ok {
		return i18n.F(lang, "no exchange rate from %s to %s yet: add it on the rates page (v)", v, f.planCurrency())
	}
	return ""
}

func (f *funding) rateForm(code string) tea.Cmd {
	lang := f.c.lang
	v := ""
	if code != "" {
		v = numInput(lang, f.c.sess.doc.File.ExchangeRates[code])
	}
	f.formKind, f.editKey = "rate", code
	codeField := textField(i18n.T(lang, "Currency"), code, "EUR", func(v string) string {
		if v == "" {
			return i18n.T(lang, "required")
		}
		if p := checkCurrency(lang)(v); p != "" {
			return p
		}
		if strings.ToUpper(v) == f.planCurrency() {
			return i18n.T(lang, "that is the plan currency")
		}
		return ""
	})
	f.form = newForm(i18n.F(lang, "Exchange rate: what one unit is worth in %s", f.planCurrency()),
		codeField,
		numField(i18n.F(lang, "In %s", f.planCurrency()), v, "1.08", checkAmount(lang, true, false)),
	)
	return f.form.setFocus(0)
}

func (f *funding) currencyForm() tea.Cmd {
	lang := f.c.lang
	f.formKind = "currency"
	f.form = newForm(i18n.T(lang, "Plan currency (costs and budget are shown in it)"),
		textField(i18n.T(lang, "Currency"), f.planCurrency(), "USD", func(v string) string {
			if v == "" {
				return i18n.T(lang, "required")
			}
			return checkCurrency(lang)(v)
		}))
	return f.form.setFocus(0)
}

// costBlocks are the blocks whose costs matter: the plan's blocks and any with costs of the
// country's own.
func (f *funding) costBlocks() []string {
	s := f.c.sess
	var ids []string
	seen := map[string]bool{}
	if m := s.model.Match; m != nil {
		for _, rb := range m.Blocks {
			if !seen[rb.Block.ID] {
				seen[rb.Block.ID] = true
				ids = append(ids, rb.Block.ID)
			}
		}
	}
	for _, id := range yamlx.SortedKeys(s.doc.File.Costs.Blocks) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// defaultCost is the illustrative default for a block (the model's entry or its default).
func defaultCost(id string) (roadmap.BlockCost, string) {
	m, err := roadmap.DefaultCostModel()
	if err != nil || m == nil {
		return roadmap.BlockCost{}, ""
	}
	if b, ok := m.Blocks[id]; ok {
		return b, m.Currency
	}
	return m.DefaultBlock, m.Currency
}

func intText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func (f *funding) amountText(p *float64) string {
	if p == nil {
		return ""
	}
	return numInput(f.c.lang, *p)
}

func (f *funding) costForm(id string) tea.Cmd {
	lang := f.c.lang
	own := f.c.sess.doc.File.Costs.Blocks[id]
	def, cur := defaultCost(id)
	hint := func(p any) string {
		switch v := p.(type) {
		case *int:
			if v != nil {
				return i18n.F(lang, "default %d", *v)
			}
		case *float64:
			if v != nil {
				return i18n.F(lang, "default %s %s", money(lang, *v), cur)
			}
		}
		return i18n.T(lang, "default")
	}
	f.formKind, f.editKey = "cost", id
	f.form = newForm(i18n.F(lang, "Costs of %s in %s (empty: the illustrative default)", id, f.planCurrency()),
		numField(i18n.T(lang, "Build months"), intText(own.BuildMonths), hint(def.BuildMonths), checkInt(lang, 1, 240, true)),
		numField(i18n.T(lang, "Build cost"), f.amountText(own.BuildCost), hint(def.BuildCost), checkAmount(lang, false, true)),
		numField(i18n.T(lang, "Upgrade months"), intText(own.UpgradeMonths), hint(def.UpgradeMonths), checkInt(lang, 1, 240, true)),
		numField(i18n.T(lang, "Upgrade cost"), f.amountText(own.UpgradeCost), hint(def.UpgradeCost), checkAmount(lang, false, true)),
		numField(i18n.T(lang, "Running cost a year"), f.amountText(own.RunningCost), hint(def.RunningCost), checkAmount(lang, false, true)),
	)
	return f.form.setFocus(0)
}

func optInt(v string) *int {
	if v == "" {
		return nil
	}
	n, _ := strconv.Atoi(v)
	return &n
}

func optAmount(lang, v string) *float64 {
	if v == "" {
		return nil
	}
	x := amountOf(lang, v)
	return &x
}

func (f *funding) save() {
	s, lang, fm := f.c.sess, f.c.lang, f.form
	var err error
	var what string
	switch f.formKind {
	case "pledge":
		inv := roadmap.Investment{Funder: fm.value(0), Amount: amountOf(lang, fm.value(2)), Currency: strings.ToUpper(fm.value(3)), Notes: fm.value(5)}
		if f.editing >= 0 {
			inv.Notes = fm.value(5)
		}
		kind, id, _ := strings.Cut(fm.value(1), ":")
		if kind == "block" {
			inv.Block = id
		} else {
			inv.Activity = id
		}
		inv.Years, _ = parseYears(fm.value(4))
		i := f.editing
		err = s.changePlan(func(d *countries.Doc) error {
			if i >= 0 {
				return setFlow(d, []any{"investments", i}, inv)
			}
			return d.Append([]any{"investments"}, flowOf(inv))
		})
		if err == nil && i < 0 {
			f.lists[pagePledges].sel = len(s.doc.File.Investments) - 1
		}
		what = i18n.F(lang, "pledge of %s: %s %s to %s", inv.Funder, money(lang, inv.Amount), orDash(inv.Currency), id)
	case "rate":
		code := strings.ToUpper(fm.value(0))
		rate := amountOf(lang, fm.value(1))
		old := f.editKey
		err = s.changePlan(func(d *countries.Doc) error {
			if old != "" && old != code {
				if err := d.Delete([]any{"exchange_rates", old}); err != nil {
					return err
				}
			}
			return d.Set([]any{"exchange_rates", code}, rate)
		})
		if err == nil {
			f.lists[pageRates].sel = max(0, slices.Index(yamlx.SortedKeys(s.doc.File.ExchangeRates), code))
		}
		what = i18n.F(lang, "1 %s = %s %s", code, num(lang, rate), f.planCurrency())
	case "currency":
		c := strings.ToUpper(fm.value(0))
		err = s.changePlan(func(d *countries.Doc) error { return d.Set([]any{"costs", "currency"}, c) })
		what = i18n.F(lang, "plan currency %s", c)
	case "cost":
		id := f.editKey
		bc := s.doc.File.Costs.Blocks[id]
		bc.BuildMonths, bc.BuildCost = optInt(fm.value(0)), optAmount(lang, fm.value(1))
		bc.UpgradeMonths, bc.UpgradeCost = optInt(fm.value(2)), optAmount(lang, fm.value(3))
		bc.RunningCost = optAmount(lang, fm.value(4))
		empty := bc.BuildMonths == nil && bc.BuildCost == nil && bc.UpgradeMonths == nil && bc.UpgradeCost == nil && bc.RunningCost == nil && bc.Owner == ""
		err = s.changePlan(func(d *countries.Doc) error {
			if empty {
				return d.Delete([]any{"costs", "blocks", id})
			}
			return setFlow(d, []any{"costs", "blocks", id}, bc)
		})
		what = i18n.F(lang, "costs of %s", id)
	}
	if err != nil {
		fm.err = err.Error()
		return
	}
	f.form = nil
	f.c.say(false, i18n.F(lang, "saved · %s", what))
}

func (f *funding) view(w, h int) string {
	st, lang := f.c.st, f.c.lang
	inner := w - 2
	titles := [fundingPages]string{i18n.T(lang, "Funding · pledges"), i18n.T(lang, "Funding · exchange rates"), i18n.T(lang, "Funding · costs per block")}
	title := titles[f.page]
	if f.form != nil {
		return panel(st, title, f.form.lines(st, lang, inner), w, h)
	}
	var head, rows, foot []string
	s := f.c.sess
	cur := f.planCurrency()
	if p := s.model.Plan; p != nil {
		head = append(head, st.Bold.Render(truncate(i18n.F(lang, "Plan %s %s · pledged %s · unfunded %s", money(lang, p.TotalCost), cur, money(lang, p.Funding.Pledged), money(lang, p.Funding.Gap)), inner)))
	} else {
		head = append(head, st.Error.Render(truncate(i18n.F(lang, "no plan: %s", s.planErr), inner)))
	}
	file := s.doc.File
	switch f.page {
	case pagePledges:
		fw := min(28, max(12, inner/4))
		forW := min(30, max(12, inner-2-fw-14-12-4))
		head = append(head, st.Faint.Render(truncate("  "+pad(i18n.T(lang, "Funder"), fw)+" "+pad(i18n.T(lang, "For"), forW)+" "+padLeft(i18n.T(lang, "Amount"), 14)+" "+pad(i18n.T(lang, "Years"), 12)+" "+i18n.T(lang, "Notes"), inner)))
		for _, inv := range file.Investments {
			target := inv.Block
			if target == "" {
				target = inv.Activity
			}
			c := inv.Currency
			if c == "" {
				c = cur
			}
			var ys []string
			for _, y := range inv.Years {
				ys = append(ys, strconv.Itoa(y))
			}
			rows = append(rows, pad(inv.Funder, fw)+" "+pad(target, forW)+" "+padLeft(money(lang, inv.Amount)+" "+c, 14)+" "+pad(strings.Join(ys, ","), 12)+" "+inv.Notes)
		}
		if len(rows) == 0 {
			foot = wrap(i18n.T(lang, "No pledges yet: press a to add what a funder has promised (to a block or an activity)."), inner)
		}
	case pageRates:
		head = append(head, st.Faint.Render(truncate("  "+i18n.F(lang, "One unit of … is worth, in %s", cur), inner)))
		for _, code := range yamlx.SortedKeys(file.ExchangeRates) {
			rows = append(rows, pad(code, 6)+" "+num(lang, file.ExchangeRates[code]))
		}
		if len(rows) == 0 {
			foot = wrap(i18n.F(lang, "No exchange rates: pledges in a currency other than %s need one (a adds it).", cur), inner)
		}
	case pageCosts:
		// Each block's build, upgrade and running costs as used (* the country's own); the
		// selected block's illustrative defaults are under the list, so the columns fit 80.
		ids := f.costBlocks()
		cells := make([][4]string, len(ids))
		hdr := [4]string{i18n.T(lang, "Block"), i18n.T(lang, "Build"), i18n.T(lang, "Upgrade"), i18n.T(lang, "Running/year")}
		widths := make([]int, 4)
		for c, t := range hdr {
			widths[c] = width(t)
		}
		for i, id := range ids {
			own, hasOwn := file.Costs.Blocks[id]
			def, _ := defaultCost(id)
			mark := " "
			if hasOwn {
				mark = "*"
			}
			cells[i] = [4]string{mark + id, f.costCell(own.BuildMonths, own.BuildCost, def.BuildMonths, def.BuildCost),
				f.costCell(own.UpgradeMonths, own.UpgradeCost, def.UpgradeMonths, def.UpgradeCost), f.costCell(nil, own.RunningCost, nil, def.RunningCost)}
			for c, t := range cells[i] {
				widths[c] = max(widths[c], width(t))
			}
		}
		widths = fitColumns(widths, inner-2, 0, 10)
		line := func(c [4]string) string {
			return pad(c[0], widths[0]) + " " + pad(c[1], widths[1]) + " " + pad(c[2], widths[2]) + " " + padLeft(c[3], widths[3])
		}
		head = append(head, st.Faint.Render(truncate("  "+line(hdr), inner)))
		for _, c := range cells {
			rows = append(rows, line(c))
		}
		_, defCur := defaultCost("")
		if len(ids) > 0 {
			id := ids[f.lists[pageCosts].clamp(len(ids))]
			def, _ := defaultCost(id)
			foot = wrap(i18n.F(lang, "Illustrative defaults for %s (in %s): build %s · upgrade %s · running %s a year.", id, defCur,
				i18n.F(lang, "%s mo · %s", intText(def.BuildMonths), moneyOr(lang, def.BuildCost)),
				i18n.F(lang, "%s mo · %s", intText(def.UpgradeMonths), moneyOr(lang, def.UpgradeCost)), moneyOr(lang, def.RunningCost)), inner)
		}
		foot = append(foot, wrap(i18n.F(lang, "* the country's own figure (in %s); the others are the illustrative defaults (in %s), converted to the plan currency. enter edits, d goes back to the defaults.", cur, defCur), inner)...)
	}
	sel := &f.lists[f.page]
	n := max(1, h-3-len(head)-len(foot)-1)
	body := append(head, sel.lines(st, lang, len(rows), n, inner, func(i int) (string, *lipgloss.Style) { return rows[i], nil })...)
	body = append(body, "")
	body = append(body, foot...)
	return panel(st, title, body, w, h)
}

// costCell is a block's months and cost as used: the country's own (marked *) or the
// illustrative default.
func (f *funding) costCell(mo *int, c *float64, dmo *int, dc *float64) string {
	lang := f.c.lang
	cost := moneyOr(lang, dc)
	if c != nil {
		cost = money(lang, *c) + "*"
	}
	if mo == nil && dmo == nil {
		return cost
	}
	m := intText(dmo)
	if mo != nil {
		m = strconv.Itoa(*mo) + "*"
	}
	return i18n.F(lang, "%s mo · %s", orDash(m), cost)
}

// moneyOr shows an amount, or – when there is none.
func moneyOr(lang string, v *float64) string {
	if v == nil {
		return "–"
	}
	return money(lang, *v)
}

var _ = fmt.Sprint
var _ = ident.Norm

// reopen keeps the page and clamps the selections after a reload or an undo.
func (f *funding) reopen() {
	f.form = nil
	page := f.page
	for p := fundingPage(0); p < fundingPages; p++ {
		f.page = p
		f.lists[p].sel = max(0, min(f.lists[p].sel, f.count()-1))
	}
	f.page = page
}
