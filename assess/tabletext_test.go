package assess

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeTable(t *testing.T) {
	text := "Pays;Score\nCôte d’Ivoire;0,5\nMaroc;0,75\n"
	w1252, _ := charmap.Windows1252.NewEncoder().String(text)
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	u16raw, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	for _, tc := range []struct{ in, enc string }{
		{text, EncUTF8}, {"\ufeff" + text, EncUTF8BOM}, {w1252, EncWindows1252},
		{u16le, EncUTF16LE}, {u16be, EncUTF16BE}, {u16raw, EncUTF16LE},
	} {
		got, enc := DecodeTable([]byte(tc.in))
		if got != text || enc != tc.enc {
			t.Errorf("%s: read as %s: %q", tc.enc, enc, got)
		}
	}
}

func TestSniffDelimiterAndDecimalComma(t *testing.T) {
	for in, want := range map[string]rune{"a,b,c\n1;2": ',', "a;b;c\n": ';', "a\tb\tc\n": '\t', `"a;b",c` + "\n": ',', "one\n": ','} {
		if got := SniffDelimiter(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"0,45721": "0.45721", "-3,5": "-3.5", "1.234,5": "1234.5", "1 234,5": "1234.5", "0.5": "0.5", "abc": "abc", "1,2,3": "1,2,3"} {
		if got := commaNumber(in); got != want {
			t.Errorf("commaNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLevelMap(t *testing.T) {
	m, err := ParseLevelMap("1-4")
	if err != nil {
		t.Fatal(err)
	}
	for from, want := range map[float64]int{1: 0, 2: 1, 3: 3, 4: 4} {
		if got, ok := m.level(from, 0, 4); !ok || got != want {
			t.Errorf("DGRA %g → %d, want %d", from, got, want)
		}
	}
	if _, ok := m.level(5, 0, 4); ok {
		t.Error("5 is outside 1-4")
	}
	m, err = ParseLevelMap("1=0, 2=2, 3=3, 4=4")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := m.level(2, 0, 4); !ok || got != 2 {
		t.Errorf("explicit 2 → %d", got)
	}
	for _, bad := range []string{"4-1", "a-b", "1=x", "1"} {
		if _, err := ParseLevelMap(bad); err == nil || !strings.Contains(err.Error(), "--levels") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
