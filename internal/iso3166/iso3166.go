// Package iso3166 is a built-in table of ISO 3166-1 countries. It validates
// alpha-3 codes and maps country names as written in published tables (for
// example the UN E-Government Survey) to alpha-3 codes.
package iso3166

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is one ISO 3166-1 entry.
type Country struct {
	Alpha3 string // "KEN"
	Alpha2 string // "KE"
	Name   string // short English name, e.g. "Kenya"
}

var (
	byAlpha3 map[string]Country
	byName   map[string]string // normalised name -> alpha-3
)

func init() {
	byAlpha3 = make(map[string]Country, len(countries))
	for _, c := range countries {
		byAlpha3[c.Alpha3] = c
	}
	byName, _ = buildNameIndex()
}

// buildNameIndex indexes the table names and the alternative names by their
// normalised form. The table names win over alternative names; the error lists
// keys that are empty, clash or are redundant, or that point to unknown codes.
func buildNameIndex() (map[string]string, error) {
	idx := make(map[string]string, len(countries)+len(altNames))
	var problems []string
	for _, c := range countries {
		k := normalize(c.Name)
		if k == "" {
			problems = append(problems, fmt.Sprintf("name %q of %s normalises to nothing", c.Name, c.Alpha3))
			continue
		}
		if prev, ok := idx[k]; ok {
			problems = append(problems, fmt.Sprintf("name %q of %s clashes with %s", c.Name, c.Alpha3, prev))
			continue
		}
		idx[k] = c.Alpha3
	}
	for name, code := range altNames {
		k := normalize(name)
		switch prev, ok := idx[k]; {
		case k == "":
			problems = append(problems, fmt.Sprintf("alternative name %q normalises to nothing", name))
		case byAlpha3[code].Alpha3 != code:
			problems = append(problems, fmt.Sprintf("alternative name %q points to unknown code %s", name, code))
		case ok && prev != code:
			problems = append(problems, fmt.Sprintf("alternative name %q (%s) clashes with %s", name, code, prev))
		case ok:
			problems = append(problems, fmt.Sprintf("alternative name %q (%s) is redundant", name, code))
		default:
			idx[k] = code
		}
	}
	if len(problems) > 0 {
		return idx, fmt.Errorf("iso3166 name index: %s", strings.Join(problems, "; "))
	}
	return idx, nil
}

// Countries returns every officially assigned ISO 3166-1 country (all 249), sorted by Alpha3.
func Countries() []Country {
	out := make([]Country, len(countries))
	copy(out, countries)
	return out
}

// ByAlpha3 returns the country with the code (any case) and whether it exists.
func ByAlpha3(code string) (Country, bool) {
	c, ok := byAlpha3[strings.ToUpper(code)]
	return c, ok
}

// UserAssigned reports whether an alpha-3 code is in the user-assigned ranges that ISO 3166
// leaves free for private use: AAA–AAZ, QMA–QZZ, XAA–XZZ and ZZA–ZZZ (any case).
func UserAssigned(code string) bool {
	if !threeLetters(code) {
		return false
	}
	c := strings.ToUpper(code)
	switch c[0] {
	case 'A':
		return c[1] == 'A'
	case 'Q':
		return c[1] >= 'M'
	case 'X':
		return true
	case 'Z':
		return c[1] == 'Z'
	}
	return false
}

// Valid reports whether code is three letters and either assigned or user-assigned.
func Valid(code string) bool {
	if !threeLetters(code) {
		return false
	}
	_, ok := ByAlpha3(code)
	return ok || UserAssigned(code)
}

// threeLetters reports whether s is exactly three ASCII letters.
func threeLetters(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		b := s[i] | 0x20 // ASCII lower case
		if b < 'a' || b > 'z' {
			return false
		}
	}
	return true
}

// Lookup maps a country name as written in published tables to its alpha-3 code. It ignores
// case, surrounding spaces, accents (Türkiye = Turkiye), punctuation and the words "the", and
// knows the usual alternative and older names (e.g. "Viet Nam", "Vietnam"; "Côte d'Ivoire",
// "Ivory Coast"; "Bolivia (Plurinational State of)"; "Iran (Islamic Republic of)";
// "Republic of Korea" = KOR; "Democratic People's Republic of Korea" = PRK; "Lao People's
// Democratic Republic"; "United Republic of Tanzania"; "Türkiye"/"Turkey"; "Czechia"/"Czech
// Republic"; "Eswatini"/"Swaziland"; "North Macedonia"; "Republic of Moldova"; "Micronesia
// (Federated States of)"; "State of Palestine"; "Congo" = COG; "Democratic Republic of the
// Congo" = COD; "United Kingdom of Great Britain and Northern Ireland"; "United States of
// America"; "Venezuela (Bolivarian Republic of)"; "Syrian Arab Republic"; "Cabo Verde"/"Cape
// Verde"; "Russian Federation"; "Brunei Darussalam"; "Kyrgyzstan"; "Netherlands (Kingdom of the)"
// and so on). It returns false when it does not know the name; it never guesses by similarity.
func Lookup(name string) (string, bool) {
	k := normalize(name)
	if k == "" {
		return "", false
	}
	code, ok := byName[k]
	return code, ok
}

// normalize reduces a name to a matching key: lower case, accents removed,
// "&" read as "and", "st" read as "saint", the word "the" dropped, and every
// other non-alphanumeric character treated as a word break. The words are
// then joined without separators, so "Côte d'Ivoire", "Cote d’Ivoire" and
// "COTE D IVOIRE" share the key "cotedivoire".
func normalize(s string) string {
	var key, word strings.Builder
	flush := func() {
		w := word.String()
		word.Reset()
		switch w {
		case "", "the":
			return
		case "st":
			w = "saint"
		}
		key.WriteString(w)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			// Combining accent of a decomposed letter.
		case r == '&':
			flush()
			word.WriteString("and")
			flush()
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word.WriteRune(r)
		case foldings[r] != "":
			word.WriteString(foldings[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return key.String()
}

// foldings maps accented and special lower-case Latin letters to plain ASCII.
var foldings = func() map[rune]string {
	m := make(map[rune]string)
	for _, f := range []struct{ from, to string }{
		{"àáâãäåāăąǎ", "a"}, {"æǽ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
		{"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįıǐ", "i"},
		{"ĳ", "ij"}, {"ĵ", "j"}, {"ķ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉ", "n"},
		{"òóôõöøōŏőǒ", "o"}, {"œ", "oe"}, {"ŕŗř", "r"}, {"śŝşšș", "s"},
		{"ß", "ss"}, {"ţťŧț", "t"}, {"þ", "th"}, {"ùúûüũūŭůűųǔ", "u"},
		{"ŵ", "w"}, {"ýÿŷ", "y"}, {"źżž", "z"},
	} {
		for _, r := range f.from {
			m[r] = f.to
		}
	}
	return m
}()

// byLocalName indexes the CLDR display names of every country in English, French and Spanish
// ("Maroc", "Cameroun", "Côte d’Ivoire", "Marruecos"), built on first use.
var byLocalName = sync.OnceValue(func() map[string]string {
	idx := map[string]string{}
	namers := []display.Namer{display.English.Regions(), display.French.Regions(), display.Spanish.Regions()}
	for _, c := range countries {
		region, err := language.ParseRegion(c.Alpha2)
		if err != nil {
			continue
		}
		for _, n := range namers {
			if k := normalize(n.Name(region)); k != "" {
				if _, taken := idx[k]; !taken {
					idx[k] = c.Alpha3
				}
			}
		}
	}
	// Then the ISO 3166-1 names and official names in the three languages, also in natural
	// order ("Korea, Republic of" = "Republic of Korea", "Corée, République de" =
	// "République de Corée").
	for code, names := range officialNames {
		if _, ok := byAlpha3[code]; !ok {
			continue
		}
		for _, n := range names {
			for _, form := range []string{n, uninvert(n)} {
				if k := normalize(form); k != "" {
					if _, taken := idx[k]; !taken {
						idx[k] = code
					}
				}
			}
		}
	}
	return idx
})

// uninvert turns an inverted ISO name into natural order: "Korea, Republic of" gives
// "Republic of Korea"; a name without a comma comes back as it is.
func uninvert(name string) string {
	i := strings.LastIndex(name, ", ")
	if i < 0 {
		return name
	}
	return name[i+2:] + " " + name[:i]
}

// LookupLocal maps a country name as written in English, French or Spanish (the CLDR names
// and the ISO 3166-1 names and official names, accents and case ignored) to its alpha-3
// code. Lookup, with the UN and ISO forms, comes first; this is for tables written in French
// or Spanish, or with official names ("Kingdom of Morocco", "République du Cameroun").
func LookupLocal(name string) (string, bool) {
	k := normalize(name)
	if k == "" {
		return "", false
	}
	code, ok := byLocalName()[k]
	return code, ok
}
