package assess

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Table encodings DecodeTable recognises.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16LE"
	EncUTF16BE     = "UTF-16BE"
	EncWindows1252 = "Windows-1252"
)

// DecodeTable turns the bytes of a text table into UTF-8, recognising the encodings the
// tables planners have come in: UTF-8 (with or without a byte-order mark), UTF-16 (Excel's
// "Unicode text", with a BOM or recognised by its zero bytes) and Windows-1252 (Excel's "CSV"
// on Western-locale Windows: any file that is not valid UTF-8). It returns the text and the
// encoding's name.
func DecodeTable(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), EncUTF8BOM
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, EncUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, EncUTF16BE)
	}
	if le, be := zeroBytes(data); le || be {
		if le {
			return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data, EncUTF16LE)
		}
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data, EncUTF16BE)
	}
	if utf8.Valid(data) {
		return string(data), EncUTF8
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), EncUTF8
	}
	return string(out), EncWindows1252
}

func decodeWith(enc encoding.Encoding, data []byte, name string) (string, string) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), EncUTF8
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), name
}

// zeroBytes recognises UTF-16 without a byte-order mark: text in Latin scripts has a zero in
// every other byte (odd positions for little-endian, even for big-endian).
func zeroBytes(data []byte) (le, be bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var odd, even int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return odd > half*3/4 && even == 0, even > half*3/4 && odd == 0
}

// SniffDelimiter finds the column delimiter of a table from its header line: the one of
// , ; and tab that occurs most often outside quotes (a comma when there is none).
func SniffDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	counts := map[rune]int{}
	inQuote := false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// decimalComma matches a number written with a decimal comma ("0,45721", "-3,5", "1 234,5",
// "1.234,5").
var decimalComma = regexp.MustCompile(`^[+-]?\d{1,3}([ .\x{00a0}\x{202f}]?\d{3})*,\d+$|^[+-]?\d+,\d+$`)

// commaNumber rewrites a number with a decimal comma as Go reads it ("1.234,5" → "1234.5");
// other text is returned as it is.
func commaNumber(cell string) string {
	if !decimalComma.MatchString(cell) {
		return cell
	}
	cell = strings.NewReplacer(".", "", " ", "", "\u00a0", "", "\u202f", "").Replace(cell)
	return strings.Replace(cell, ",", ".", 1)
}
