package tui

import (
	"strings"
	"testing"
)

// TestAreaListScrollsAndKeepsTheSummary: with more areas than rows (16 areas at 80×24), the
// area list scrolls around the selected area and the overall score stays under it.
func TestAreaListScrollsAndKeepsTheSummary(t *testing.T) {
	m := open(t, sampleFile(t, "bakana"), 80, 24)
	m.step = stepReadiness
	if e, ok := m.screens[stepReadiness].(interface{ enter() }); ok {
		e.enter()
	}
	areas := len(m.c.sess.model.Score.Pillars)
	if areas < 14 {
		t.Fatalf("the sample has %d areas; the test needs more than fit at 80×24", areas)
	}
	view := stripANSI(m.render())
	if !strings.Contains(view, "Overall") || !strings.Contains(view, "↓") || strings.Contains(view, "↑") {
		t.Fatalf("first page: the summary or the '↓ n more' line is missing, or all areas drawn:\n%s", view)
	}
	for i := 0; i < areas; i++ {
		press(t, m, "right")
	}
	view = stripANSI(m.render())
	// The selected (last) area is drawn in the list: a row of the left panel starts with ▸.
	if !strings.Contains(view, "Overall") || !strings.Contains(view, "↑") || strings.Contains(view, "↓") || !strings.Contains(view, "│▸ ") {
		t.Fatalf("last area: it is not on screen, or the summary or '↑ n more' is missing:\n%s", view)
	}
}
