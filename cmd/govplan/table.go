package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// table lines up tab-terminated cells in columns, as text/tabwriter does (padding 2, a column
// block being the consecutive lines that have the cell), but by display width: tabwriter
// counts runes, so a country or product name in Chinese, Japanese or Korean (two columns a
// character on a terminal) or with combining accents would push its row out of line.
type table struct {
	w   io.Writer
	buf bytes.Buffer
}

// tablePadding is the space between columns.
const tablePadding = 2

// newTable returns a table that writes to w on Flush.
func newTable(w io.Writer) *table { return &table{w: w} }

func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the lines held so far, aligned.
func (t *table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	trailingNewline := strings.HasSuffix(text, "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	// cells[i] are line i's tab-terminated cells; last[i] what follows the last tab.
	cells := make([][]string, len(lines))
	last := make([]string, len(lines))
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		cells[i], last[i] = parts[:len(parts)-1], parts[len(parts)-1]
	}
	// width[i][c] is the width of column c in line i's block.
	width := make([][]int, len(lines))
	for i := range lines {
		width[i] = make([]int, len(cells[i]))
	}
	for c := 0; ; c++ {
		found := false
		for i := 0; i < len(lines); {
			if len(cells[i]) <= c {
				i++
				continue
			}
			found = true
			j, w := i, 0
			for ; j < len(lines) && len(cells[j]) > c; j++ {
				w = max(w, ansi.StringWidth(cells[j][c]))
			}
			for k := i; k < j; k++ {
				width[k][c] = w
			}
			i = j
		}
		if !found {
			break
		}
	}
	var out strings.Builder
	for i := range lines {
		for c, cell := range cells[i] {
			out.WriteString(cell)
			out.WriteString(strings.Repeat(" ", width[i][c]-ansi.StringWidth(cell)+tablePadding))
		}
		out.WriteString(last[i])
		if i < len(lines)-1 || trailingNewline {
			out.WriteByte('\n')
		}
	}
	_, err := io.WriteString(t.w, out.String())
	return err
}

// displayWidth is how many terminal columns s takes (a wide character two, a combining mark
// none).
func displayWidth(s string) int { return ansi.StringWidth(s) }

// padRight pads s with spaces to n columns of display width.
func padRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-displayWidth(s)))
}
