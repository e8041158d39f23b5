package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// pct shows a 0..1 score as people read it: 0–100, no decimals; "–" for none.
func pct(s *float64) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f", math.Round(*s*100))
}

// signedPct shows a gap as a signed 0–100 difference.
func signedPct(s *float64) string {
	if s == nil {
		return "–"
	}
	v := math.Round(*s * 100)
	if v > 0 {
		return fmt.Sprintf("+%.0f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// bar draws a 0..1 score as a bar of width cells; empty when there is no score.
func bar(s *float64, width int) string {
	if s == nil {
		return strings.Repeat("·", width)
	}
	n := int(math.Round(*s * float64(width)))
	n = max(0, min(width, n))
	return strings.Repeat("█", n) + strings.Repeat("░", width-n)
}

// money formats an amount as the language writes it, with the currency.
func money(lang string, v float64, currency string) string {
	out := i18n.Int(lang, v)
	if currency != "" {
		out += " " + currency
	}
	return out
}

// percent shows a 0..1 fraction as a percentage the language's way ("86%", "86 %").
func percent(lang string, s *float64) string {
	if s == nil {
		return "–"
	}
	return i18n.F(lang, "%s%%", pct(s))
}

// numText shows a number from a file with the decimals it has, the language's way.
func numText(lang string, x float64) string { return i18n.Exact(lang, x) }

// dateText shows a YYYY-MM-DD date as the language writes it; other text as it is.
func dateText(lang, s string) string {
	t, err := time.Parse(countries.DateLayout, s)
	if err != nil {
		return orDash(s)
	}
	return i18n.Date(lang, t)
}

// semi joins parts with semicolons the language's way ("a; b", "a ; b").
func semi(lang string, parts ...string) string {
	out := ""
	for i, p := range parts {
		if i == 0 {
			out = p
			continue
		}
		out = i18n.F(lang, "%s; %s", out, p)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// secondsText shows how long something took, in seconds with one decimal.
func secondsText(lang string, d time.Duration) string {
	return i18n.F(lang, "%s s", i18n.Number(lang, d.Seconds(), 1))
}
