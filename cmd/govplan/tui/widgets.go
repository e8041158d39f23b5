package tui

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// width is the display width of s (ANSI-aware).
func width(s string) int { return lipgloss.Width(s) }

// truncate cuts plain text to w cells, ending in "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// pad pads plain text with spaces to w cells (truncating when longer).
func pad(s string, w int) string {
	s = truncate(s, w)
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// wrap folds plain text into lines of at most w cells. It breaks at plain spaces only: a
// no-break space (the French "1 234 567", "question ?") keeps its neighbours together.
func wrap(text string, w int) []string {
	if w < 4 {
		w = 4
	}
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' }) {
			for ansi.StringWidth(word) > w {
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				cut := ansi.Truncate(word, w, "")
				lines = append(lines, cut)
				word = word[len(cut):]
			}
			switch {
			case line == "":
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// bar draws a 0..1 score in w cells; dots when there is no score.
func bar(s *float64, w int) string {
	if s == nil {
		return strings.Repeat("·", w)
	}
	n := int(math.Round(*s * float64(w)))
	n = max(0, min(w, n))
	return strings.Repeat("█", n) + strings.Repeat("░", w-n)
}

// pct shows a 0..1 score as 0–100.
func pct(s *float64) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f", math.Round(*s*100))
}

// panel draws a bordered box of exactly w×h cells with a title line and body lines (cut or
// padded to fit).
func panel(st Styles, title string, body []string, w, h int) string {
	inner := max(1, w-2)
	rows := max(0, h-2)
	var lines []string
	if title != "" {
		lines = append(lines, st.PanelHead.Render(pad(title, inner)))
	}
	for _, l := range body {
		if len(lines) == rows {
			break
		}
		lines = append(lines, fit(l, inner))
	}
	for len(lines) < rows {
		lines = append(lines, strings.Repeat(" ", inner))
	}
	// The border is drawn here rather than by lipgloss: the lines already fit, and measuring
	// them again is most of a frame's time on big screens.
	bd := st.Panel.GetBorderStyle()
	paint := lipgloss.NewStyle().Foreground(st.Panel.GetBorderTopForeground())
	left, right := paint.Render(bd.Left), paint.Render(bd.Right)
	var b strings.Builder
	b.Grow((w + 16) * (rows + 2))
	b.WriteString(paint.Render(bd.TopLeft + strings.Repeat(bd.Top, inner) + bd.TopRight))
	for _, l := range lines {
		b.WriteByte('\n')
		b.WriteString(left)
		b.WriteString(l)
		b.WriteString(right)
	}
	b.WriteByte('\n')
	b.WriteString(paint.Render(bd.BottomLeft + strings.Repeat(bd.Bottom, inner) + bd.BottomRight))
	return b.String()
}

// fit makes a (possibly styled) line exactly w cells wide.
func fit(l string, w int) string {
	if lw := width(l); lw > w {
		return ansi.Truncate(l, w, "")
	} else if lw < w {
		return l + strings.Repeat(" ", w-lw)
	}
	return l
}

// window returns the slice of n rows of a list of total rows that keeps sel visible.
func window(sel, total, n int) (from, to int) {
	if total <= n {
		return 0, total
	}
	from = max(0, sel-n/2)
	if from+n > total {
		from = total - n
	}
	return from, from + n
}

// expandHome turns a leading "~" or "~/" into the home folder, as a shell would (a folder
// typed as "~/out" must not create a folder named "~").
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, p[1:])
}

// mark returns a check box.
func mark(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}

// picker is a short list to choose one item from: ↑/↓ (or j/k) move, a digit picks that
// item, enter chooses, esc cancels. It scrolls when the list is taller than its room.
type picker struct {
	title  string
	labels []string
	values []string
	sel    int
}

// pickResult is what a key did to a picker.
type pickResult int

const (
	pickOpen pickResult = iota
	pickChosen
	pickCancelled
)

func newPicker(title string, labels, values []string, sel int) *picker {
	return &picker{title: title, labels: labels, values: values, sel: max(0, min(sel, len(labels)-1))}
}

// value is the chosen item's value.
func (p *picker) value() string { return p.values[p.sel] }

func (p *picker) update(km tea.KeyPressMsg) pickResult {
	switch km.String() {
	case "esc":
		return pickCancelled
	case "enter":
		return pickChosen
	case "up", "k", "shift+tab":
		p.sel = (p.sel + len(p.labels) - 1) % len(p.labels)
	case "down", "j", "tab":
		p.sel = (p.sel + 1) % len(p.labels)
	case "home":
		p.sel = 0
	case "end":
		p.sel = len(p.labels) - 1
	default:
		if t := km.Text; len(t) == 1 && t[0] >= '1' && t[0] <= '9' && int(t[0]-'1') < len(p.labels) {
			p.sel = int(t[0] - '1')
			return pickChosen
		}
	}
	return pickOpen
}

// lines draws the list in at most h lines of w cells, the selected item always visible.
func (p *picker) lines(st Styles, w, h int) []string {
	out := []string{st.Input.Render(p.title)}
	from, to := window(p.sel, len(p.labels), max(1, h-1))
	for i := from; i < to; i++ {
		n := "  "
		if i < 9 {
			n = fmt.Sprintf("%d ", i+1)
		}
		l := n + p.labels[i]
		if i == p.sel {
			l = st.Selected.Render(pad("▸ "+l, w))
		} else {
			l = "  " + l
		}
		out = append(out, truncate(l, w))
	}
	return out
}
