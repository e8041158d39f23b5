package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/internal/i18n"
)

// rowList is the selection in a scrolling list of entries to edit, shared by the screens that
// list them (funding's pledges, rates and costs; the plan's activities): the keys that move
// it, the window of rows on screen with the selected one marked, and a line saying which rows
// show when not all do. Only the rows on screen are drawn.
type rowList struct{ sel int }

// listKeys are the keys that move a rowList.
type listKeys struct{ up, down, pgUp, pgDown, home, end key.Binding }

func newListKeys(lang string) listKeys {
	return listKeys{
		up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up"))),
		down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down"))),
		pgUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", i18n.T(lang, "page up"))),
		pgDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", i18n.T(lang, "page down"))),
		home:   key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", i18n.T(lang, "first"))),
		end:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", i18n.T(lang, "last"))),
	}
}

func (k listKeys) all() []key.Binding {
	return []key.Binding{k.up, k.down, k.pgUp, k.pgDown, k.home, k.end}
}

// move handles a key that moves the selection in a list of n rows, page rows a page; it
// reports whether km was such a key.
func (l *rowList) move(k listKeys, km tea.KeyPressMsg, n, page int) bool {
	switch {
	case key.Matches(km, k.up):
		l.sel--
	case key.Matches(km, k.down):
		l.sel++
	case key.Matches(km, k.pgUp):
		l.sel -= max(1, page)
	case key.Matches(km, k.pgDown):
		l.sel += max(1, page)
	case key.Matches(km, k.home):
		l.sel = 0
	case key.Matches(km, k.end):
		l.sel = n - 1
	default:
		return false
	}
	l.clamp(n)
	return true
}

// clamp keeps the selection within n rows and returns it.
func (l *rowList) clamp(n int) int {
	l.sel = max(0, min(n-1, l.sel))
	return l.sel
}

// lines draws the list of total rows in exactly n lines inner cells wide (fewer when the
// list is shorter): row(i) is row i's text and the style it has when not selected (nil:
// none). The selected row is marked ▸ and highlighted; when not every row fits, the last line
// says which show.
func (l *rowList) lines(st Styles, lang string, total, n, inner int, row func(i int) (string, *lipgloss.Style)) []string {
	sel := l.clamp(total)
	rows := n
	if total > n && n >= 2 {
		rows = n - 1
	}
	from, to := window(sel, total, max(1, rows))
	out := make([]string, 0, n)
	for i := from; i < to; i++ {
		text, style := row(i)
		switch {
		case i == sel:
			out = append(out, st.Selected.Render(pad("▸ "+text, inner)))
		case style != nil:
			out = append(out, style.Render(truncate("  "+text, inner)))
		default:
			out = append(out, truncate("  "+text, inner))
		}
	}
	if to-from < total {
		out = append(out, st.Faint.Render(truncate(i18n.F(lang, "rows %d–%d of %d", from+1, to, total), inner)))
	}
	return out
}

// fitColumns fits columns of the given widths, one space apart, in inner cells: when they
// are too wide, column flex gives up cells down to least. It returns the widths.
func fitColumns(widths []int, inner, flex, least int) []int {
	total := len(widths) - 1
	for _, w := range widths {
		total += w
	}
	if over := total - inner; over > 0 {
		widths[flex] = max(least, widths[flex]-over)
	}
	return widths
}

// formHost is the form a list screen has open, if any.
type formHost struct{ form *form }

// updateForm gives msg to the open form: esc closes it, saying nothing changed, and the
// last enter calls done.
func (h *formHost) updateForm(c *shared, msg tea.Msg, done func()) tea.Cmd {
	res, cmd := h.form.update(c.lang, msg)
	switch res {
	case formCancelled:
		h.form = nil
		c.say(false, i18n.T(c.lang, "cancelled"))
	case formDone:
		done()
	}
	return cmd
}
