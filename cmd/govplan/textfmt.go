package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
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

// newTable returns a tabwriter for aligned columns.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

// money formats an amount with thousands separators and the currency.
func money(v float64, currency string) string {
	neg := v < 0
	v = math.Abs(math.Round(v))
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if currency != "" {
		out += " " + currency
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
