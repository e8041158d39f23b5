package words

import "testing"

func TestKPIValue(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	for _, tt := range []struct {
		lang         string
		score, value *float64
		unit, want   string
	}{
		// A level is reached or not: never a fraction of a level, nor of yes/no.
		{"en", f(0.42), f(2.26), "level", "L2"},
		{"fr", f(0.42), f(2.5), "level", "N2"},
		{"en", f(1), f(1), "yes/no", "yes"},
		{"fr", f(0), f(0), "yes/no", "non"},
		{"fr", f(0.42), f(63.5), "%", "63,5"},
		{"en", f(0.426), nil, "%", "43"},
		{"en", nil, nil, "%", "–"},
	} {
		if got := KPIValue(tt.lang, tt.score, tt.value, tt.unit); got != tt.want {
			t.Errorf("KPIValue(%s, %v, %v, %s) = %q, want %q", tt.lang, tt.score, tt.value, tt.unit, got, tt.want)
		}
	}
}
