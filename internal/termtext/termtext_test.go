package termtext

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var cases = []struct{ name, in, want string }{
	{"plain", "Republic of X", "Republic of X"},
	{"accents and CJK kept", "Côte d'Ivoire · 日本", "Côte d'Ivoire · 日本"},
	{"newline and tab kept", "a\n\tb", "a\n\tb"},
	{"OSC title with BEL", "X\x1b]0;PWNED\x07Y", "XY"},
	{"OSC title with ST", "X\x1b]2;PWNED\x1b\\Y", "XY"},
	{"OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
	{"clear screen", "a\x1b[2Jb\x1b[H", "ab"},
	{"colour", "\x1b[1;31mred\x1b[0m", "red"},
	{"two-char escape", "a\x1bcb", "ab"},
	{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
	{"8-bit CSI", "a\u009b2Jb", "ab"},
	{"8-bit OSC", "a\u009d0;t\u009cb", "ab"},
	{"other C1", "a\u0085b", "ab"},
	{"carriage return", "safe\rEVIL", "safeEVIL"},
	{"backspace and bell", "a\bb\x07c", "abc"},
	{"NUL and DEL", "a\x00b\x7fc", "abc"},
	{"invalid UTF-8", "a\xffb", "ab"},
	{"unterminated escape", "a\x1b[31", "a"},
}

func TestClean(t *testing.T) {
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	if got := CleanLine("a\nb\tc\x1b[2J"); got != "a b c" {
		t.Errorf("CleanLine = %q", got)
	}
}

// TestWriterSplit writes every case cut at every byte: the result is the same as Clean's.
func TestWriterSplit(t *testing.T) {
	for _, c := range cases {
		for cut := 0; cut <= len(c.in); cut++ {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			w.Write([]byte(c.in[:cut]))
			w.Write([]byte(c.in[cut:]))
			if buf.String() != c.want {
				t.Errorf("%s cut at %d: wrote %q, want %q", c.name, cut, buf.String(), c.want)
			}
		}
	}
}

type failing struct{}

func (failing) Write(p []byte) (int, error) { return 0, errors.New("no space left on device") }

func TestWriterKeepsError(t *testing.T) {
	w := NewWriter(failing{})
	if _, err := w.Write([]byte("x")); err == nil {
		t.Fatal("no error from a failing writer")
	}
	if w.Err() == nil || !strings.Contains(w.Err().Error(), "no space") {
		t.Fatalf("Err() = %v", w.Err())
	}
}

func FuzzClean(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in, uint8(len(c.in)/2))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		got := Clean(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Clean(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
				t.Fatalf("Clean(%q) = %q keeps control U+%04X", s, got, r)
			}
		}
		if !Safe(got) {
			t.Fatalf("Clean(%q) = %q is not Safe", s, got)
		}
		k := int(cut) % (len(s) + 1)
		var buf bytes.Buffer
		w := NewWriter(&buf)
		w.Write([]byte(s[:k]))
		w.Write([]byte(s[k:]))
		if buf.String() != got {
			t.Fatalf("Writer split at %d of %q = %q, Clean = %q", k, s, buf.String(), got)
		}
	})
}

func TestKeepStyles(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[1;38;2;10;20;30mBold\x1b[0m":                "\x1b[1;38;2;10;20;30mBold\x1b[0m",
		"a\x1b]0;PWNED\x07b\x1b[2Jc\x1b[31md\x1b[m":       "abc\x1b[31md\x1b[m",
		"x\x1b[?1049hy\x1b[10;10Hz\r\u009b2J":             "xyz",
		"name\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\": "namelink",
		"plain ▸ text\n":                                  "plain ▸ text\n",
		"\x1b[31":                                         "",
	} {
		if got := KeepStyles(in); got != want {
			t.Errorf("KeepStyles(%q) = %q, want %q", in, got, want)
		}
	}
}
