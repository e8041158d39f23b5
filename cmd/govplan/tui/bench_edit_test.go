package tui

import (
	"fmt"
	"github.com/govplan/govplan/roadmap"
	"os"
	"runtime"
	"strings"
	"testing"
)

// bigPlanFile writes the mid-way sample with n activities added by the planner, each after
// the one 500 before it (short chains, so the plan stays within govplan's 100 years), so the
// roadmap has thousands of rows.
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
		if i >= 500 {
			deps = fmt.Sprintf("[bulk-%d]", i-500)
		}
		fmt.Fprintf(&b, "    - {id: bulk-%d, name: Bulk activity %d, months: %d, cost: %d, depends_on: %s}\n", i, i, 1+i%3, 1000*(1+i%50), deps)
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
		r.plan.list.sel = i % 5000
		_ = m.View()
	}
}

// kpiPlanModel opens the mid-way sample and gives its plan n KPIs (copies of its own, renamed),
// more than any framework has today, to check the KPI page draws only the rows on screen.
func kpiPlanModel(tb testing.TB, n int) (*Model, *roadmapScreen) {
	m := open(tb, sampleFile(tb, "bakana"), 160, 48)
	m.step = stepRoadmap
	r := m.screens[stepRoadmap].(*roadmapScreen)
	p := *m.c.sess.model.Plan
	if len(p.KPIs) == 0 {
		tb.Fatal("the sample has no KPIs")
	}
	kpis := make([]roadmap.KPI, n)
	for i := range kpis {
		kpis[i] = p.KPIs[i%len(p.KPIs)]
		kpis[i].ID = fmt.Sprintf("%s-%d", kpis[i].ID, i)
	}
	p.KPIs = kpis
	m.c.sess.model.Plan = &p
	r.view_ = viewKPIs
	return m, r
}

// BenchmarkKPIView5000 draws the KPI timetable of a plan with 5,000 KPIs at 160×48,
// scrolling: a frame draws only the rows on screen.
func BenchmarkKPIView5000(b *testing.B) {
	m, r := kpiPlanModel(b, 5000)
	_ = m.View()
	runtime.GC()
	for i := 0; b.Loop(); i++ {
		r.scroll = i % 5000
		_ = m.View()
	}
}

// BenchmarkBudgetView5000 draws the budget and funding page of a plan with 5,000 unfunded
// activities at 160×48, scrolling.
func BenchmarkBudgetView5000(b *testing.B) {
	m := open(b, bigPlanFile(b, 5000), 160, 48)
	m.step = stepRoadmap
	r := m.screens[stepRoadmap].(*roadmapScreen)
	r.view_ = viewFunding
	if n := len(m.c.sess.model.Plan.Funding.Gaps); n < 5000 {
		b.Fatalf("%d unfunded activities, want 5000+", n)
	}
	_ = m.View()
	runtime.GC()
	for i := 0; b.Loop(); i++ {
		r.scroll = i % 5000
		_ = m.View()
	}
}

// The KPI and budget pages draw only what is on screen: every row is still reachable by
// scrolling, and the last line shows at the end.
func TestLongKPIAndBudgetPagesScroll(t *testing.T) {
	m, r := kpiPlanModel(t, 300)
	first := stripANSI(m.View().Content)
	if !strings.Contains(first, "-0 ") || strings.Contains(first, "-299 ") {
		t.Fatalf("first page:\n%s", first)
	}
	r.scroll = 1 << 20
	last := stripANSI(m.View().Content)
	if !strings.Contains(last, "-299 ") || !strings.Contains(last, "Try + - { } o") {
		t.Errorf("the last KPI row and the note are not reachable:\n%s", last)
	}
	if r.scroll >= 1<<20 {
		t.Error("the scroll was not clamped")
	}
}
