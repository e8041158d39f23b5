package tui

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// Words the screens pick at run time from a set (a status, a sector, a unit): each case passes
// its English text as a literal, so the catalog test sees every one.

// langName is a language's own name, as its speakers look for it in a list.
func langName(lang string) string {
	switch lang {
	case "en":
		return "English"
	case "fr":
		return "français"
	case "es":
		return "español"
	}
	return lang
}

// nextLang is the language after lang in i18n.Languages(), wrapping.
func nextLang(lang string) string {
	langs := i18n.Languages()
	for i, l := range langs {
		if l == lang {
			return langs[(i+1)%len(langs)]
		}
	}
	return langs[0]
}

// stepTitle is a step's name on screen.
func stepTitle(lang string, s step) string {
	switch s {
	case stepStart:
		return i18n.T(lang, "Home")
	case stepContext:
		return i18n.T(lang, "Context")
	case stepReadiness:
		return i18n.T(lang, "Readiness")
	case stepNeeds:
		return i18n.T(lang, "Needs")
	case stepArchitecture:
		return i18n.T(lang, "Architecture")
	case stepRoadmap:
		return i18n.T(lang, "Roadmap")
	case stepFunding:
		return i18n.T(lang, "Funding")
	case stepExport:
		return i18n.T(lang, "Export")
	case stepCompare:
		return i18n.T(lang, "Compare")
	case stepRoom:
		return i18n.T(lang, "Room")
	}
	return ""
}

// gateMark marks a gate's state without colour: ✓ met, ✗ not met, ? unknown.
func gateMark(state string) string {
	return map[string]string{assess.GateMet: "✓", assess.GateUnmet: "✗", assess.GateUnknown: "?"}[state]
}

// unitWord is an indicator's unit in lang: as the framework writes it in lang, else, for a
// framework that writes units in English only, the catalog's translation of the usual ones.
// Units with a percent sign go through F, written "%%", so the catalog keeps no stray verb.
func unitWord(lang string, unit assess.Text) string {
	u := unit.In(lang)
	if u != unit.String() {
		return u
	}
	switch u {
	case "% of adults":
		return i18n.F(lang, "%% of adults")
	case "% of individuals":
		return i18n.F(lang, "%% of individuals")
	case "% of monthly GNI per capita":
		return i18n.F(lang, "%% of monthly GNI per capita")
	case "% of population":
		return i18n.F(lang, "%% of population")
	case "% of priority services":
		return i18n.F(lang, "%% of priority services")
	case "index 0–1":
		return i18n.T(lang, "index 0–1")
	case "subscriptions per 100 people":
		return i18n.T(lang, "subscriptions per 100 people")
	}
	return u
}

// num writes a number with the decimals it has, the language's way ("63.5", "63,5").
func num(lang string, x float64) string { return i18n.Exact(lang, x) }

// money writes an amount rounded to a whole unit with the language's thousands separator.
func money(lang string, v float64) string { return i18n.Int(lang, v) }

// dateText writes a file's YYYY-MM-DD date the language's way ("14 mars 2026"); a date that
// does not parse is shown as written.
func dateText(lang, d string) string {
	t, err := time.Parse(countries.DateLayout, d)
	if err != nil {
		return d
	}
	return i18n.Date(lang, t)
}

// numInput writes a number for editing: the language's decimal sign, no thousands separator.
func numInput(lang string, x float64) string {
	dec := strings.Trim(i18n.Number(lang, 1.5, 1), "15")
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", dec, 1)
}

// numberShape is a typed number once spaces and a unit sign are off: digits with "." or ","
// between them, no exponent, no words (NaN, Inf).
var numberShape = regexp.MustCompile(`^[+-]?([0-9]+([.,][0-9]+)*|[.,][0-9]+)$`)

// separators are lang's decimal sign and thousands separator ("." and "," in English).
func separators(lang string) (dec, group string) {
	s := i18n.Number(lang, 1234.5, 1) // "1,234.5", "1 234,5", "1.234,5"
	dec = s[len(s)-2 : len(s)-1]
	group = strings.TrimSuffix(strings.TrimPrefix(s[:len(s)-2], "1"), "234")
	return dec, group
}

// parseNumber reads a number typed in lang: "1,500" is fifteen hundred in English and one
// and a half in French; "1.500" the other way round in Spanish. Spaces (and no-break spaces)
// group thousands in every language; with both signs the last one is the decimal sign; a sign
// repeated groups thousands. A trailing "%" is allowed (checkRange sees whether the unit is a
// percentage). Exponents, words and mixed-up groups are refused with the reason.
func parseNumber(lang, v string) (float64, error) {
	s := strings.TrimSpace(v)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "", "’", "").Replace(s)
	dec, group := separators(lang)
	example := numInput(lang, 1500.5)
	if i18n.Number(lang, 1500, 0) != "1500" {
		example = i18n.Number(lang, 1500.5, 1) + " " + i18n.T(lang, "or") + " " + example
	}
	bad := errors.New(i18n.F(lang, "%q is not a number: type digits, such as %s.", strings.TrimSpace(v), example))
	if !numberShape.MatchString(s) {
		return 0, bad
	}
	dot, comma := strings.Count(s, "."), strings.Count(s, ",")
	grouped := func(sep string) (string, bool) {
		// Thousands groups: 1 to 3 digits, then groups of exactly 3.
		parts := strings.Split(strings.TrimLeft(s, "+-"), sep)
		for i, p := range parts {
			if i > 0 && len(p) != 3 || i == 0 && len(p) > 3 {
				return "", false
			}
		}
		return strings.ReplaceAll(s, sep, ""), true
	}
	switch {
	case dot > 0 && comma > 0:
		last, other := ",", "."
		if strings.LastIndex(s, ".") > strings.LastIndex(s, ",") {
			last, other = ".", ","
		}
		if strings.Count(s, last) > 1 || strings.Index(s, other) > strings.Index(s, last) {
			return 0, bad
		}
		intPart, frac, _ := strings.Cut(s, last)
		s = intPart
		g, ok := grouped(other)
		if !ok {
			return 0, bad
		}
		s = g + "." + frac
	case dot > 1 || comma > 1:
		sep := "."
		if comma > 1 {
			sep = ","
		}
		g, ok := grouped(sep)
		if !ok {
			return 0, bad
		}
		s = g
	case dot == 1 || comma == 1:
		sep := "."
		if comma == 1 {
			sep = ","
		}
		_, after, _ := strings.Cut(s, sep)
		if sep == group && sep != dec && len(after) == 3 {
			s = strings.ReplaceAll(s, sep, "") // "1,500" in English
		} else {
			s = strings.ReplaceAll(s, sep, ".")
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, bad
	}
	return f, nil
}

// checkRange refuses a number the indicator cannot take: outside its valid range, or typed
// with "%" when its unit is not a percentage. The reason is in lang.
func checkRange(lang string, ind *assess.Indicator, f float64, typed string) error {
	unit := unitWord(lang, ind.Unit)
	if strings.HasSuffix(strings.TrimSpace(typed), "%") && !strings.HasPrefix(strings.TrimSpace(ind.Unit.String()), "%") {
		return errors.New(i18n.F(lang, "this indicator is counted in %s, not in %%: type the number alone.", orDash(unit)))
	}
	if lo, hi, ok := validRange(ind); ok && (f < lo || f > hi) {
		return errors.New(i18n.F(lang, "%s is outside what %s can be: from %s to %s %s.", num(lang, f), ind.ID, num(lang, lo), num(lang, hi), unit))
	}
	return nil
}

// validRange is the indicator's valid range (design §4.1), when it has one.
func validRange(ind *assess.Indicator) (lo, hi float64, ok bool) {
	if len(ind.Valid) != 2 {
		return 0, 0, false
	}
	return ind.Valid[0], ind.Valid[1], true
}

// padLeft right-aligns plain text in w cells.
func padLeft(s string, w int) string {
	s = truncate(s, w)
	return strings.Repeat(" ", max(0, w-width(s))) + s
}

// collate is a sort key that puts accented letters with their base letter (É with E).
func collate(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "ê", "e", "É", "E", "á", "a", "à", "a", "í", "i", "ó", "o", "ú", "u", "ç", "c").Replace(strings.ToLower(s))
}
