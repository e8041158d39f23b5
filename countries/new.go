package countries

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"go.yaml.in/yaml/v3"
)

// New writes the text of a new country file for fw: the country, the assessment, and every
// indicator of the framework listed as not answered ("id: {}"), grouped by pillar.
func New(fw *assess.Framework, c Country, date time.Time) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# govplan country file: one country, one assessment round (%s).\n", fw.Ref())
	b.WriteString("# Answers: {level: N} for level indicators, {value: true|false} for yes/no, {value: N} for\n")
	b.WriteString("# numbers; add by, evidence, notes, confidence (low|medium|high); {na: true} where it does not\n")
	b.WriteString("# apply; {} means not answered yet. `govplan assess FILE` fills this in with a guided screen.\n")
	fmt.Fprintf(&b, "schema: %d\n", SchemaVersion)
	country, err := flowLine(c)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "country: %s\n", country)
	assessment, err := flowLine(Assessment{Framework: fw.Ref(), Date: date.Format(DateLayout)})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "assessment: %s\n", assessment)
	b.WriteString("ministries: []\n")
	b.WriteString("answers:\n")
	for _, p := range fw.Pillars {
		fmt.Fprintf(&b, "  # %s\n", p.Name.String())
		for _, ind := range p.Indicators {
			fmt.Fprintf(&b, "  %s: {}\n", ind.ID)
		}
	}
	out := []byte(b.String())
	if _, err := Parse("new file", out); err != nil {
		return nil, err
	}
	return out, nil
}

func flowLine(v any) (string, error) {
	n, err := flowNode(v)
	if err != nil {
		return "", err
	}
	out, err := yaml.Marshal(n)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Slug turns a country name into a file-name part: lower-case letters, digits and single
// hyphens, never starting with '.' or '-'; fallback when nothing is left (for example the
// ISO code).
func Slug(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldAccents(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		if fallback == "" {
			return "country"
		}
		return Slug(fallback, "country")
	}
	return shorten(b.String())
}

// MaxSlug is the longest slug: file names stay far below the 255-byte limit of file systems
// with a part name and an extension added ("-workbook.xlsx"). The full name stays inside the
// files.
const MaxSlug = 60

// FileID is an id as it appears in a file name (a use-case diagram's): the id itself, or when
// longer than MaxSlug its head and a short hash, so that no id makes a file name too long.
func FileID(id string) string { return shorten(id) }

// shorten cuts a long slug at a dash and adds a short hash of the whole, so two long names
// that share their start still get different file names.
func shorten(s string) string {
	if len(s) <= MaxSlug {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	tag := hex.EncodeToString(sum[:3])
	cut := s[:MaxSlug-len(tag)-1]
	if i := strings.LastIndexByte(cut, '-'); i >= MaxSlug/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-") + "-" + tag
}

var accentFold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ç", "c", "é", "e", "è", "e",
	"ê", "e", "ë", "e", "í", "i", "ì", "i", "î", "i", "ï", "i", "ñ", "n", "ó", "o", "ò", "o",
	"ô", "o", "ö", "o", "õ", "o", "ø", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u", "ý", "y",
	"ÿ", "y", "Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ç", "C", "Ñ", "N", "Ü", "U",
	"Ö", "O", "Ä", "A", "ß", "ss", "æ", "ae", "œ", "oe",
)

func foldAccents(s string) string { return accentFold.Replace(s) }
