package tui

import (
	"math"
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

// unitWord is an indicator's unit in lang (the framework writes units in English). Units with
// a percent sign go through F, written "%%", so the catalog keeps no stray verb.
func unitWord(lang, u string) string {
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

// parseNumber reads a typed number in any of the ways people write one: "63.5", "63,5",
// "1 234,5", "1.234,5", "1,234.5". One sign alone is the decimal sign; when both are used the
// last one is; a sign repeated is a thousands separator.
func parseNumber(v string) (float64, error) {
	v = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(strings.TrimSpace(v))
	dot, comma := strings.Count(v, "."), strings.Count(v, ",")
	switch {
	case dot > 0 && comma > 0:
		if strings.LastIndex(v, ",") > strings.LastIndex(v, ".") {
			v = strings.ReplaceAll(strings.ReplaceAll(v, ".", ""), ",", ".")
		} else {
			v = strings.ReplaceAll(v, ",", "")
		}
	case comma > 1:
		v = strings.ReplaceAll(v, ",", "")
	case dot > 1:
		v = strings.ReplaceAll(v, ".", "")
	default:
		v = strings.ReplaceAll(v, ",", ".")
	}
	f, err := strconv.ParseFloat(v, 64)
	if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
		err = strconv.ErrSyntax
	}
	return f, err
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
