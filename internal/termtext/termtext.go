// Package termtext keeps text from files harmless on a terminal: it removes escape sequences
// (CSI, OSC, DCS and the like, in their 7-bit and 8-bit forms) and the other control characters
// that could retitle a window, clear the screen, move the cursor or hide text. Line feeds and
// tabs are kept; a carriage return is dropped (it would let text overwrite the start of its
// line).
package termtext

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Clean returns s without escape sequences and control characters (except \n and \t).
func Clean(s string) string {
	if !needsCleaning(s) {
		return s
	}
	var f filter
	var b strings.Builder
	b.Grow(len(s))
	f.feed(&b, []byte(s))
	f.flush(&b)
	return b.String()
}

// CleanLine is Clean with line feeds and tabs turned into spaces, for one-line places (a title,
// a table cell, a status line).
func CleanLine(s string) string {
	s = Clean(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	}
	return s
}

// Safe reports whether s holds nothing Clean would remove.
func Safe(s string) bool { return !needsCleaning(s) }

func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return true
		}
		if c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			return true // a C1 control (U+0080–U+009F)
		}
		if c >= 0x80 && !utf8.FullRuneInString(s[i:]) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// Writer filters everything written through it with the rules of Clean, also when an escape
// sequence is split across writes. It remembers the first write error, so a program can exit
// non-zero when its output could not be written (a full disk, /dev/full).
type Writer struct {
	w   io.Writer
	f   filter
	buf []byte
	err error
}

// NewWriter returns a filtering writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write filters p and writes what is left. It reports len(p) written unless the underlying
// writer failed.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.buf = w.buf[:0]
	out := bytesBuilder{&w.buf}
	w.f.feed(out, p)
	if len(w.buf) > 0 {
		if _, err := w.w.Write(w.buf); err != nil {
			w.err = err
			return 0, err
		}
	}
	return len(p), nil
}

// Err returns the first error the underlying writer returned.
func (w *Writer) Err() error { return w.err }

// Raw returns the writer underneath, for bytes that are not text (an image).
func (w *Writer) Raw() io.Writer { return w.w }

type byteWriter interface {
	WriteByte(byte) error
	WriteString(string) (int, error)
}

type bytesBuilder struct{ b *[]byte }

func (b bytesBuilder) WriteByte(c byte) error { *b.b = append(*b.b, c); return nil }
func (b bytesBuilder) WriteString(s string) (int, error) {
	*b.b = append(*b.b, s...)
	return len(s), nil
}

// filter states.
const (
	stText   = iota
	stEsc    // after ESC
	stCSI    // inside a control sequence, until a final byte 0x40–0x7E
	stString // inside OSC/DCS/SOS/PM/APC, until BEL or ST
	stStrEsc // ESC inside a string: ESC \ ends it
)

// filter is the state machine shared by Clean and Writer. pending holds the bytes of a UTF-8
// character split across writes.
type filter struct {
	state   int
	pending []byte
}

func (f *filter) feed(out byteWriter, p []byte) {
	if len(f.pending) > 0 {
		p = append(f.pending, p...)
		f.pending = nil
	}
	for i := 0; i < len(p); {
		c := p[i]
		if c >= 0x80 {
			if !utf8.FullRune(p[i:]) {
				f.pending = append([]byte(nil), p[i:]...)
				return
			}
			r, size := utf8.DecodeRune(p[i:])
			i += size
			if r == utf8.RuneError && size == 1 {
				continue // not UTF-8: dropped
			}
			f.rune(out, r, p[i-size:i])
			continue
		}
		i++
		f.ascii(out, c)
	}
}

// flush ends the text: an unfinished UTF-8 character is dropped.
func (f *filter) flush(out byteWriter) { f.pending = nil }

func (f *filter) ascii(out byteWriter, c byte) {
	switch f.state {
	case stEsc:
		switch c {
		case '[':
			f.state = stCSI
		case ']', 'P', 'X', '^', '_':
			f.state = stString
		default:
			// a two-character sequence (ESC 7, ESC c, ...): drop both.
			f.state = stText
		}
		return
	case stCSI:
		if c >= 0x40 && c <= 0x7e {
			f.state = stText
		} else if c == 0x1b {
			f.state = stEsc
		}
		return
	case stString:
		switch c {
		case 0x07:
			f.state = stText
		case 0x1b:
			f.state = stStrEsc
		}
		return
	case stStrEsc:
		if c == '\\' {
			f.state = stText
		} else {
			f.state = stString
		}
		return
	}
	switch {
	case c == 0x1b:
		f.state = stEsc
	case c == '\n' || c == '\t':
		out.WriteByte(c)
	case c < 0x20 || c == 0x7f:
		// other controls (BEL, BS, CR, NUL...) are dropped
	default:
		out.WriteByte(c)
	}
}

func (f *filter) rune(out byteWriter, r rune, raw []byte) {
	switch f.state {
	case stCSI, stString, stStrEsc:
		if r == 0x9c { // ST ends a string
			f.state = stText
		}
		return // inside a sequence: dropped
	case stEsc:
		f.state = stText
	}
	switch {
	case r == 0x9b: // CSI
		f.state = stCSI
	case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // OSC DCS SOS PM APC
		f.state = stString
	case r >= 0x80 && r <= 0x9f:
		// other C1 controls are dropped
	default:
		out.WriteString(string(raw))
	}
}

// KeepStyles is Clean for text a program drew itself with colours (a TUI frame): well-formed
// SGR sequences (ESC [ digits ; : m), which only set colours and weights, are kept; every
// other escape sequence and control character is removed as Clean removes it. It is the last
// line of defence behind the cleaning of each piece of outside text: whatever slipped through
// can still not retitle the window, clear the screen or move the cursor.
func KeepStyles(s string) string {
	if !needsCleaning(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	from := 0 // start of the text not yet copied
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b || i+1 >= len(s) || s[i+1] != '[' {
			continue
		}
		j := i + 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			b.WriteString(Clean(s[from:i]))
			b.WriteString(s[i : j+1])
			from = j + 1
			i = j
		}
	}
	b.WriteString(Clean(s[from:]))
	return b.String()
}
