package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
)

// TestTableLikeTabwriter: on text whose runes are one column each, the table lays out
// exactly as text/tabwriter did (padding 2, column blocks of consecutive lines).
func TestTableLikeTabwriter(t *testing.T) {
	text := "ID\tName\tScore\n" +
		"a\tÉthiopie\t12\n" +
		"longer-id\tx\t\t3\n" +
		"no tabs here\n" +
		"b\tc\n" +
		"\t\tlast"
	var want, got bytes.Buffer
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, text)
	tw.Flush()
	tb := newTable(&got)
	fmt.Fprint(tb, text)
	if err := tb.Flush(); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("table:\n%s\ntabwriter:\n%s", got.String(), want.String())
	}
}

// TestTableWideCharacters: a name in Chinese takes two columns a character, and the next
// column still starts at one place on every line (tabwriter put it two columns early).
func TestTableWideCharacters(t *testing.T) {
	var out bytes.Buffer
	tb := newTable(&out)
	fmt.Fprintln(tb, "Country\tScore")
	fmt.Fprintln(tb, "中华人民共和国\t71")
	fmt.Fprintln(tb, "Bakana\t48")
	tb.Flush()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	col := -1
	for _, l := range lines {
		i := strings.LastIndex(l, "  ")
		if i < 0 {
			t.Fatalf("no gap in %q", l)
		}
		c := displayWidth(l[:i+2])
		if col >= 0 && c != col {
			t.Errorf("second column at %d, want %d:\n%s", c, col, out.String())
		}
		col = c
	}
	if col != 14+tablePadding {
		t.Errorf("second column at %d, want %d (7 wide characters + padding)", col, 14+tablePadding)
	}
}
