package tui

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
)

// bigPlanFile writes the mid-way sample with n activities added by the planner, each after
// the one seven before it, so the roadmap has thousands of rows.
func bigPlanFile(tb testing.TB, n int) string {
	tb.Helper()
	path := sampleFile(tb, "bakana")
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("  add:\n")
	for i := 0; i < n; i++ {
		deps := "[]"
		if i >= 7 {
			deps = fmt.Sprintf("[bulk-%d]", i-7)
		}
		fmt.Fprintf(&b, "    - {id: bulk-%d, name: Bulk activity %d, months: %d, cost: %d, depends_on: %s}\n", i, i, 1+i%9, 1000*(1+i%50), deps)
	}
	text := string(src)
	at := strings.Index(text, "  add:\n")
	if at < 0 {
		tb.Fatal("the sample has no plan.add")
	}
	// Replace the sample's own additions with the bulk ones.
	end := at + len("  add:\n")
	for end < len(text) && strings.HasPrefix(text[end:], "    ") {
		end += strings.Index(text[end:], "\n") + 1
	}
	text = text[:at] + b.String() + text[end:]
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkRoadmapView5000 draws the roadmap timeline of a plan with 5,000 activities at
// 160×48: only the rows on screen are drawn, so a frame stays well under 5 ms.
func BenchmarkRoadmapView5000(b *testing.B) {
	m := open(b, bigPlanFile(b, 5000), 160, 48)
	m.step = stepRoadmap
	r := m.screens[stepRoadmap].(*roadmapScreen)
	if n := len(m.c.sess.model.Plan.Activities); n < 5000 {
		b.Fatalf("%d activities, want 5000+ (plan: %s)", n, m.c.sess.planErr)
	}
	_ = m.View()
	runtime.GC() // the set-up's garbage is not the frame's
	for i := 0; b.Loop(); i++ {
		r.scroll = i % 5000
		_ = m.View()
	}
}

// BenchmarkPlanEditorView5000 draws the activity list that edits a 5,000-activity plan.
func BenchmarkPlanEditorView5000(b *testing.B) {
	m := open(b, bigPlanFile(b, 5000), 160, 48)
	m.step = stepRoadmap
	r := m.screens[stepRoadmap].(*roadmapScreen)
	r.view_ = viewActivities
	_ = m.View()
	runtime.GC()
	for i := 0; b.Loop(); i++ {
		r.plan.sel = i % 5000
		_ = m.View()
	}
}
