package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/internal/i18n"
)

// pickList is a list to choose from, shared by the product picker and the step's block
// checklist: one item (enter or space chooses it) or, with multi, several (space or x ticks
// one, enter saves). The list keys move (↑/↓, pgup/pgdn, home, end), esc or q cancels, and it
// scrolls. An item that cannot be chosen says why, faint.
type pickList struct {
	title string
	items []pickItem
	multi bool
	list  rowList
	nav   listKeys
}

type pickItem struct {
	label  string
	value  string
	refuse string // why this item cannot be chosen ("" when it can)
	on     bool   // ticked (multi)
}

func newPickList(lang, title string, multi bool) *pickList {
	return &pickList{title: title, multi: multi, nav: newListKeys(lang)}
}

// current is the selected item.
func (p *pickList) current() *pickItem { return &p.items[p.list.clamp(len(p.items))] }

// update moves, ticks or chooses: done when an item is chosen (one) or the ticks are to be
// saved (multi); cancelled on esc or q.
func (p *pickList) update(km tea.KeyPressMsg) (done, cancelled bool) {
	if len(p.items) == 0 {
		return false, km.String() == "esc" || km.String() == "q"
	}
	if p.list.move(p.nav, km, len(p.items), 10) {
		return false, false
	}
	switch km.String() {
	case "esc", "q":
		return false, true
	case "enter":
		return true, false
	case "space", " ", "x":
		if !p.multi {
			return km.String() != "x", false
		}
		it := p.current()
		it.on = !it.on
	}
	return false, false
}

// picked are the values ticked (multi).
func (p *pickList) picked() []string {
	out := []string{}
	for _, it := range p.items {
		if it.on {
			out = append(out, it.value)
		}
	}
	return out
}

// lines draws the list in at most h lines of w cells, the selected item always visible.
func (p *pickList) lines(st Styles, lang string, w, h int) []string {
	out := []string{st.Bold.Render(truncate(p.title, w)), ""}
	out = append(out, p.list.lines(st, lang, len(p.items), max(3, h-5), w, func(i int) (string, *lipgloss.Style) {
		it := p.items[i]
		l := it.label
		if p.multi {
			l = mark(it.on) + " " + l
		}
		if it.refuse != "" {
			return l + " — " + it.refuse, &st.Faint
		}
		return l, nil
	})...)
	help := i18n.T(lang, "↑/↓ move · enter choose · esc cancel")
	if p.multi {
		help = i18n.T(lang, "↑/↓ move · space pick/unpick · enter save · esc cancel")
	}
	return append(out, "", st.Faint.Render(truncate(help, w)))
}
