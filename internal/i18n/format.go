package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Separator keys: each catalog says how its language writes numbers.
const (
	keyDecimal   = "{decimal separator}"
	keyThousands = "{thousands separator}"
)

// Number formats x with decimals places in the language's way ("1,234.5", "1 234,5").
func Number(lang string, x float64, decimals int) string {
	dec, th := T(lang, keyDecimal), T(lang, keyThousands)
	if dec == keyDecimal {
		dec = "."
	}
	if th == keyThousands {
		th = ","
	}
	neg := x < 0
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(th)
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += dec + frac
	}
	if neg && strings.Trim(out, "0.,  "+th+dec) != "" {
		out = "-" + out
	}
	return out
}

// Exact formats x with the decimals it has ("63.5", "63,5", "1 234"), the language's way; a
// value too large or not finite for that is written as %g would.
func Exact(lang string, x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) || math.Abs(x) >= 1e15 {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	dec := 0
	if _, frac, ok := strings.Cut(s, "."); ok {
		dec = len(frac)
	}
	return Number(lang, x, dec)
}

// Int formats a whole number with thousands separators.
func Int(lang string, x float64) string { return Number(lang, math.Round(x), 0) }

var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// MonthName returns the name of a month in lang.
func MonthName(lang string, m time.Month) string { return T(lang, months[m-1]) }

// Date formats a day as the language writes it ("14 March 2026", "14 mars 2026").
func Date(lang string, t time.Time) string {
	return F(lang, "%[1]d %[2]s %[3]d", t.Day(), MonthName(lang, t.Month()), t.Year())
}

// Month formats a month and year ("March 2026", "mars 2026").
func Month(lang string, t time.Time) string {
	return F(lang, "%[1]s %[2]d", MonthName(lang, t.Month()), t.Year())
}
