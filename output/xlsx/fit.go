package xlsx

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// maxRowLines is the most lines of text a row is given: taller rows cannot be read on screen
// or on a printed page. A longer text is cut to fit, and the cell's note holds it in full.
const maxRowLines = 8

// fitted returns the text a cell of the given width shows: text itself when it takes at most
// maxRowLines lines, else its beginning and a pointer to the cell's note. The note holds the
// full text: more when given (a longer version of text), else text.
func (b *book) fitted(sheet string, col, row int, text, more string, width float64) string {
	shown := text
	if wrapLines(text, width) > maxRowLines {
		pointer := i18n.T(b.lang, "(the cell's note has the full text)")
		shown = clipLines(text, width, maxRowLines-wrapLines(pointer, width)) + "…\n" + pointer
		if more == "" {
			more = text
		}
	}
	if (more != "" && more != text) || shown != text {
		b.comment(sheet, cell(col, row), more)
	}
	return shown
}

// comment attaches a note with text to a cell, sized so that all of it shows.
func (b *book) comment(sheet, ref, text string) {
	const width = 420 // pixels: about 60 characters of the note's 9-point text
	lines := wrapLines(text, 52)
	b.check(b.f.AddComment(sheet, excelize.Comment{
		Author: "govplan", Cell: ref, Text: text,
		Width: width, Height: uint(min(900, 16*lines+24)),
	}))
}

// clipLines returns the longest beginning of s, cut at a word, that wraps into at most n lines
// of a column width characters wide.
func clipLines(s string, width float64, n int) string {
	var out strings.Builder
	for pi, para := range strings.Split(s, "\n") {
		sep := ""
		if pi > 0 {
			sep = "\n"
		}
		for wi, w := range strings.Fields(para) {
			next := out.String() + sep + w
			if wi > 0 {
				next = out.String() + " " + w
			}
			if wrapLines(next+"…", width) > n {
				return strings.TrimRight(strings.TrimRight(out.String(), " "), ",;:")
			}
			out.Reset()
			out.WriteString(next)
			sep = ""
		}
		if sep != "" { // an empty paragraph
			if wrapLines(out.String()+"\n", width) > n {
				break
			}
			out.WriteString("\n")
		}
	}
	return out.String()
}

// idWidth is the width of a column of ids (in the 10-point monospace font, a little wider a
// character than the default font): wide enough for the longest, at least least, at most 48.
func idWidth(ids []string, least float64) float64 {
	longest := 0
	for _, id := range ids {
		longest = max(longest, utf8.RuneCountInString(id))
	}
	return math.Max(least, math.Min(48, float64(longest)*1.12+2))
}
