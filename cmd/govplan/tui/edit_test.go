package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// diffHunk returns the lines an edit removed and added, and whether they form one hunk
// (everything before and after the change is byte-identical).
func diffHunk(a, b []byte) (removed, added []string, one bool) {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j := 0
	for j < len(al)-i && j < len(bl)-i && al[len(al)-1-j] == bl[len(bl)-1-j] {
		j++
	}
	return al[i : len(al)-j], bl[i : len(bl)-j], i+j <= len(al) && i+j <= len(bl)
}

// edited runs keys and checks the file changed by exactly one hunk that removed no comment;
// it returns the added lines.
func edited(t *testing.T, m *Model, path string, keys ...string) []string {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	press(t, m, keys...)
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	removed, added, one := diffHunk(before, after)
	if !one || len(removed)+len(added) == 0 {
		t.Fatalf("keys %q: want a one-hunk change, got removed %q added %q (status %q)", keys, removed, added, m.c.status)
	}
	for _, l := range removed {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			t.Errorf("keys %q removed the comment %q", keys, l)
		}
	}
	if _, err := countries.Load(path); err != nil {
		t.Fatalf("keys %q left a file govplan cannot read: %v", keys, err)
	}
	return added
}

// unchanged runs keys and checks the file did not change.
func unchanged(t *testing.T, m *Model, path string, keys ...string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	press(t, m, keys...)
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		_, added, _ := diffHunk(before, after)
		t.Fatalf("keys %q changed the file: %q", keys, added)
	}
}

func clearField(n int) []string {
	ks := make([]string, n)
	for i := range ks {
		ks[i] = "backspace"
	}
	return ks
}

func keys(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			out = append(out, v)
		case []string:
			out = append(out, v...)
		}
	}
	return out
}

func TestTargetForm(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	// A level indicator.
	for i, ind := range r.inds {
		if ind.Kind == assess.KindLevel {
			r.selectIndicator(i)
			break
		}
	}
	id := r.ind().ID
	added := edited(t, m, path, keys("t", "3", "tab", clearField(4), "2029", "enter")...)
	if want := "  " + id + ": {level: 3, year: 2029}"; !strings.Contains(strings.Join(added, "\n"), want) {
		t.Errorf("added %q, want %q", added, want)
	}
	if tg := load(t, path).Targets.Indicators[id]; tg.Level == nil || *tg.Level != 3 || tg.Year != 2029 {
		t.Errorf("target on disk %+v", tg)
	}
	if !strings.Contains(m.render(), "Target: level 3 by 2029") {
		t.Error("the card does not show the target")
	}
	// A level outside the scale is refused, with the reason, and nothing is written.
	unchanged(t, m, path, "t", "backspace", "9", "tab")
	if f := r.target.form; !strings.Contains(f.err, "from 0 to 4") {
		t.Errorf("form error %q, want the range", f.err)
	}
	unchanged(t, m, path, "enter", "esc")
	// A year before the assessment is refused.
	unchanged(t, m, path, keys("t", "tab", clearField(4), "1999", "enter")...)
	if r.target == nil || r.target.form.err == "" {
		t.Fatal("a year before the assessment was accepted")
	}
	press(t, m, "esc")
	// An empty level clears the target.
	edited(t, m, path, "t", "backspace", "enter", "enter")
	if _, ok := load(t, path).Targets.Indicators[id]; ok {
		t.Error("the target was not cleared")
	}
	// The area's target, 0–100 on screen, a fraction in the file; marked in the area list.
	pl := m.c.sess.fw.PillarOf(id).ID
	edited(t, m, path, keys("T", "75", "tab", clearField(4), "2030", "enter")...)
	if tg := load(t, path).Targets.Pillars[pl]; tg.Score == nil || *tg.Score != 0.75 || tg.Year != 2030 {
		t.Errorf("pillar target on disk %+v", tg)
	}
	if !strings.Contains(m.render(), "┃") {
		t.Error("the area list does not mark the target")
	}
	unchanged(t, m, path, "T", "backspace", "backspace", "150", "enter", "enter", "esc")
}

func TestTargetYesNoAndNumber(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	for _, kind := range []assess.Kind{assess.KindYesNo, assess.KindNumber} {
		for i, ind := range r.inds {
			if ind.Kind == kind {
				r.selectIndicator(i)
				break
			}
		}
		id := r.ind().ID
		if kind == assess.KindYesNo {
			edited(t, m, path, "t", "enter", "enter")
			if tg := load(t, path).Targets.Indicators[id]; tg.Value == nil || !tg.Value.IsBool || !tg.Value.Bool {
				t.Errorf("yes/no target %+v", tg)
			}
		} else {
			edited(t, m, path, "t", "50", "enter", "enter")
			if tg := load(t, path).Targets.Indicators[id]; tg.Value == nil || tg.Value.Num != 50 {
				t.Errorf("number target %+v", tg)
			}
			unchanged(t, m, path, "t", "backspace", "backspace", "abc", "enter", "enter", "esc")
		}
	}
}

// planModel opens the mid-way sample on the roadmap's activity list.
func planModel(t *testing.T) (*Model, string, *roadmapScreen) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 120, 40)
	m.step = stepRoadmap
	r := m.screens[stepRoadmap].(*roadmapScreen)
	press(t, m, "v")
	if r.view_ != viewActivities {
		t.Fatal("v does not open the activity list")
	}
	return m, path, r
}

func TestDropAndRestoreActivity(t *testing.T) {
	m, path, r := planModel(t)
	id := r.plan.rows()[0].act.ID
	// d asks first; n keeps the file as it is.
	unchanged(t, m, path, "d")
	if m.c.confirm == nil || !strings.Contains(m.render(), "Drop "+id) {
		t.Fatal("d did not ask before dropping")
	}
	unchanged(t, m, path, "n")
	added := edited(t, m, path, "d", "y")
	if !strings.Contains(strings.Join(added, "\n"), id) {
		t.Errorf("drop added %q", added)
	}
	f := load(t, path)
	found := false
	for _, d := range f.Plan.Drop {
		found = found || d == id
	}
	if !found || activityByID(m.c.sess.model.Plan, id) != nil {
		t.Fatalf("%s not dropped: %v", id, f.Plan.Drop)
	}
	// The dropped row is selected; d restores it at once.
	edited(t, m, path, "d")
	if activityByID(m.c.sess.model.Plan, id) == nil {
		t.Error("not restored")
	}
}

func TestChangeActivity(t *testing.T) {
	m, path, r := planModel(t)
	var id string
	for i, row := range r.plan.rows() {
		if row.act != nil && row.act.Kind != "custom" && !hasChange(m.c.sess.doc.File.Plan.Change, row.act.ID) {
			r.plan.list.sel, id = i, row.act.ID
			break
		}
	}
	added := edited(t, m, path, keys("m", clearField(4), "14", "enter", "enter")...)
	if len(added) != 1 || !strings.Contains(added[0], id+": {months: 14}") {
		t.Errorf("months change wrote %q", added)
	}
	if a := activityByID(m.c.sess.model.Plan, id); a == nil || a.Months != 14 {
		t.Errorf("plan not rebuilt: %+v", a)
	}
	// Cost, refused when negative, then set.
	unchanged(t, m, path, keys("c", clearField(12), "-5", "enter", "esc")...)
	added = edited(t, m, path, keys("c", clearField(12), "99000", "enter")...)
	if !strings.Contains(strings.Join(added, ""), "cost: 99000") || !strings.Contains(strings.Join(added, ""), "months: 14") {
		t.Errorf("cost change wrote %q", added)
	}
	// Owner: a ministry of the file.
	edited(t, m, path, "o", "right", "enter", "enter", "enter")
	// Status.
	added = edited(t, m, path, "s", "right", "right", "enter")
	if st := load(t, path).Plan.Status[id]; st != "in-progress" || len(added) != 1 {
		t.Errorf("status %q, added %q", st, added)
	}
}

func TestAddActivityAndTeams(t *testing.T) {
	m, path, r := planModel(t)
	dep := r.plan.rows()[0].act.ID
	// A dependency that is not in the plan is refused with the reason.
	unchanged(t, m, path, "a", "audit-1", "tab", "Audit", "tab", "tab", "3", "tab", "5000", "tab", "nope", "enter")
	if r.plan.form == nil || !strings.Contains(r.plan.form.err, "nope") {
		t.Fatalf("unknown dependency not refused: %+v", r.plan.form)
	}
	added := edited(t, m, path, keys(clearField(4), dep, "enter")...)
	if len(added) != 1 || !strings.Contains(added[0], "id: audit-1") || !strings.Contains(added[0], dep) {
		t.Errorf("add wrote %q", added)
	}
	a := activityByID(m.c.sess.model.Plan, "audit-1")
	if a == nil || a.Months != 3 || len(a.DependsOn) != 1 {
		t.Fatalf("added activity %+v", a)
	}
	// Its own delete asks first.
	r.plan.selectID("audit-1")
	edited(t, m, path, "d", "y")
	if activityByID(m.c.sess.model.Plan, "audit-1") != nil {
		t.Error("not deleted")
	}
	// Teams and capacity.
	edited(t, m, path, keys("w", clearField(3), "5", "tab", clearField(40), "justice: 1", "enter")...)
	f := load(t, path)
	if f.Plan.Workstreams != 5 || f.Plan.Capacity["justice"] != 1 {
		t.Errorf("teams %d capacity %v", f.Plan.Workstreams, f.Plan.Capacity)
	}
	unchanged(t, m, path, keys("w", "tab", "justice one", "enter", "esc")...)
}

func TestFundingEdits(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 120, 40)
	m.step = stepFunding
	fs := m.screens[stepFunding].(*funding)
	n := len(load(t, path).Investments)
	// Add a pledge in a currency with no rate: refused with the reason.
	unchanged(t, m, path, "a", "Fund A", "tab", "tab", "250000", "tab", clearField(3)[0], clearField(3)[1], clearField(3)[2], "GBP", "tab", "2027", "tab", "enter")
	if fs.form == nil || !strings.Contains(fs.form.err, "GBP") {
		t.Fatalf("a currency without a rate was accepted: %+v", fs.form)
	}
	press(t, m, "esc")
	added := edited(t, m, path, keys("a", "Fund A", "tab", "tab", "250000", "tab", "tab", "2027, 2028", "tab", "enter")...)
	f := load(t, path)
	if len(f.Investments) != n+1 || len(added) != 1 {
		t.Fatalf("pledges %d, added %q", len(f.Investments), added)
	}
	inv := f.Investments[n]
	if inv.Funder != "Fund A" || inv.Amount != 250000 || len(inv.Years) != 2 || (inv.Block == "") == (inv.Activity == "") {
		t.Errorf("pledge %+v", inv)
	}
	// Edit its amount, then delete it (asked first).
	edited(t, m, path, keys("enter", "tab", "tab", clearField(8), "300000", "enter", "enter", "enter", "enter")...)
	if a := load(t, path).Investments[n].Amount; a != 300000 {
		t.Errorf("amount %v", a)
	}
	unchanged(t, m, path, "d", "n")
	edited(t, m, path, "d", "y")
	if len(load(t, path).Investments) != n {
		t.Error("pledge not deleted")
	}
	// Exchange rates.
	press(t, m, "v")
	edited(t, m, path, "a", "GBP", "tab", "1.27", "enter")
	if r := load(t, path).ExchangeRates["GBP"]; r != 1.27 {
		t.Errorf("rate %v", r)
	}
	unchanged(t, m, path, "a", "GB", "tab", "1", "enter", "esc")
	// Costs per block: an override beside the default, then back to the default.
	press(t, m, "v")
	var id string
	for i, b := range fs.costBlocks() {
		if _, own := load(t, path).Costs.Blocks[b]; !own {
			fs.lists[pageCosts].sel, id = i, b
			break
		}
	}
	added = edited(t, m, path, "enter", "7", "tab", "123456", "enter", "enter", "enter", "enter")
	if bc := load(t, path).Costs.Blocks[id]; bc.BuildMonths == nil || *bc.BuildMonths != 7 || bc.BuildCost == nil || *bc.BuildCost != 123456 {
		t.Errorf("costs of %s: %+v (added %q)", id, bc, added)
	}
	if !strings.Contains(m.render(), "7* mo") {
		t.Error("the override is not marked beside the default")
	}
	edited(t, m, path, "d", "y")
	if _, own := load(t, path).Costs.Blocks[id]; own {
		t.Error("override not removed")
	}
}

func TestProductChoiceAndConstraints(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 120, 40)
	m.step = stepArchitecture
	a := m.screens[stepArchitecture].(*architecture)
	rb := m.c.sess.model.Match.Blocks[0]
	a.keepSelection(rb.Block.ID)
	var second string
	for _, p := range rb.Products {
		if p.Rank == 2 {
			second = p.Product.ID
		}
	}
	if second == "" {
		t.Skip("the first block has one candidate")
	}
	added := edited(t, m, path, "p", "g", "down", "enter")
	if got := load(t, path).Products[rb.Block.ID]; got != second || len(added) < 1 {
		t.Errorf("chosen %q, want %q (added %q)", got, second, added)
	}
	if b := m.c.sess.model.Match.Block(rb.Block.ID); b.Chosen != second || b.ChosenProduct() == nil {
		t.Errorf("match does not carry the choice: %q", b.Chosen)
	}
	if !strings.Contains(m.render(), "chosen") {
		t.Error("the detail does not say which product is chosen")
	}
	edited(t, m, path, "p", "G", "up", "enter")
	if got := load(t, path).Products[rb.Block.ID]; got != catalog.Undecided {
		t.Errorf("undecided: %q", got)
	}
	edited(t, m, path, "p", "G", "enter")
	if _, ok := load(t, path).Products[rb.Block.ID]; ok {
		t.Error("no choice did not remove the entry")
	}
	// Constraints: open source only, licences, hosting.
	edited(t, m, path, keys("c", "left", "tab", clearField(40), "AGPL-3.0, GPL-3.0", "tab", "enter")...)
	c := load(t, path).Constraints
	if len(c.AvoidLicences) != 2 {
		t.Errorf("constraints %+v", c)
	}
}

func TestNewRoundAndFileName(t *testing.T) {
	dir := t.TempDir()
	m, err := New(Options{Dir: dir, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(t, m, "n", "Republic of Z", "enter", "xrz", "enter", "enter", "enter", "z-round-1", "enter")
	first := filepath.Join(dir, "z-round-1.yaml")
	if _, err := os.Stat(first); err != nil {
		t.Fatalf("the chosen file name was not used: %v", err)
	}
	m.Update(openedMsg{first})
	// Answer one indicator, then start a new round from the home screen.
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	for i, ind := range r.inds {
		if ind.Kind == assess.KindLevel {
			r.selectIndicator(i)
			break
		}
	}
	id := r.ind().ID
	press(t, m, "2")
	m.step = stepStart
	s := m.screens[stepStart].(*start)
	s.scan()
	press(t, m, "r")
	if s.form == nil {
		t.Fatal("r did not offer a new round")
	}
	// A name that exists is refused.
	press(t, m, clearField(30)...)
	press(t, m, "z-round-1", "enter")
	if !strings.Contains(s.form.err, "already exists") {
		t.Errorf("existing name: %q", s.form.err)
	}
	press(t, m, "shift+tab")
	press(t, m, clearField(30)...)
	press(t, m, "z-round-2", "tab", clearField(10)[0])
	press(t, m, clearField(10)...)
	press(t, m, "2027-03-01", "enter")
	if s.form != nil {
		t.Fatalf("the new round form stayed open: %q", s.form.err)
	}
	second := filepath.Join(dir, "z-round-2.yaml")
	f := load(t, second)
	if f.Assessment.Date != "2027-03-01" || !strings.Contains(f.Assessment.Notes, "baseline copied from z-round-1.yaml") {
		t.Errorf("new round assessment %+v", f.Assessment)
	}
	if as := f.Answers[id]; len(as) != 1 || as[0].Level == nil || *as[0].Level != 2 {
		t.Errorf("the last round's answer was not copied: %+v", as)
	}
}

func TestContextEditsISO(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	m.step = stepContext
	press(t, m, "e", "tab", "tab", "tab", "tab", "backspace", "backspace", "backspace", "ken")
	press(t, m, "enter")
	if iso := load(t, path).Country.ISO3; iso != "KEN" {
		t.Errorf("iso %q", iso)
	}
	before, _ := os.ReadFile(path)
	press(t, m, "e", "tab", "tab", "tab", "tab", "backspace", "backspace", "backspace", "QQ1", "enter", "esc")
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("an invalid ISO code was saved")
	}
}

// TestEditScreensGolden draws the new editing screens at 80×24 and 160×48, in English and
// French.
func TestEditScreensGolden(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	for _, lang := range []string{"en", "fr"} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			t.Chdir(filepath.Dir(sampleFile(t, "bakana")))
			m, err := New(Options{Path: "bakana.yaml", Dir: ".", Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			page := func(p fundingPage) func() {
				return func() { m.step = stepFunding; m.screens[stepFunding].(*funding).page = p }
			}
			shots := []struct {
				name string
				set  func()
			}{
				{"activities", func() {
					m.step = stepRoadmap
					m.screens[stepRoadmap].(*roadmapScreen).view_ = viewActivities
				}},
				{"pledges", page(pagePledges)},
				{"rates", page(pageRates)},
				{"costs", page(pageCosts)},
				{"target-form", func() {
					m.step = stepReadiness
					m.screens[stepReadiness].(*readiness).indicatorTargetForm()
				}},
				{"usecase-editor", func() {
					m.step = stepNeeds
					m.screens[stepNeeds].(*needs).ucEdit = newUseCaseEditor(m.c, "land-transfer")
				}},
				{"product-picker", func() {
					m.step = stepArchitecture
					a := m.screens[stepArchitecture].(*architecture)
					a.productPicker(a.blocks()[0])
				}},
			}
			for _, shot := range shots {
				name := shot.name
				shot.set()
				view := m.render()
				for i, line := range strings.Split(view, "\n") {
					if width(line) != size[0] {
						t.Errorf("%s %s %dx%d line %d is %d wide", lang, name, size[0], size[1], i, width(line))
					}
				}
				golden := filepath.Join(testdata, "edit-"+lang+"-"+name+"-"+itoa(size[0])+"x"+itoa(size[1])+".txt")
				if *update {
					os.WriteFile(golden, []byte(view), 0o644)
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if string(want) != view {
					t.Errorf("%s differs from %s:\n%s", name, golden, view)
				}
			}
		}
	}
}

func TestCustomUseCaseEditor(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 120, 40)
	m.step = stepNeeds
	n := m.screens[stepNeeds].(*needs)
	var id string
	for i, r := range n.rows() {
		if r.uc != nil && r.uc.Custom {
			n.sel, id = i, r.uc.ID
			break
		}
	}
	press(t, m, "e")
	if n.ucEdit == nil {
		t.Fatal("e did not open the custom use case")
	}
	steps := func() []catalog.Step {
		for _, r := range load(t, path).UseCases {
			if r.ID == id {
				return r.Custom.Steps
			}
		}
		t.Fatalf("%s is gone", id)
		return nil
	}
	k := len(steps())
	// Pick one more block for step 1 from the catalog list: one line changes.
	before := len(steps()[0].Blocks)
	added := edited(t, m, path, "b", "G", "space", "enter")
	if got := len(steps()[0].Blocks); got != before+1 || len(added) != 1 {
		t.Errorf("step 1 blocks %d, want %d (added %q)", got, before+1, added)
	}
	// Add a step; its block list opens at once.
	edited(t, m, path, "a", "Archive the file", "enter")
	if n.ucEdit.check == nil {
		t.Fatal("the new step's block list did not open")
	}
	edited(t, m, path, "space", "enter")
	if s := steps(); len(s) != k+1 || s[k].Name.String() != "Archive the file" || len(s[k].Blocks) != 1 {
		t.Errorf("steps %+v", s)
	}
	// The new block is in the architecture at once.
	if m.c.sess.model.Match.Block(steps()[k].Blocks[0]) == nil {
		t.Error("the match did not follow the new step")
	}
	// Rename, then delete it (asked first).
	edited(t, m, path, keys("enter", clearField(20), "Archive", "enter")...)
	if s := steps(); s[k].Name.String() != "Archive" {
		t.Errorf("renamed %q", s[k].Name.String())
	}
	unchanged(t, m, path, "d", "n")
	edited(t, m, path, "d", "y")
	if len(steps()) != k {
		t.Error("step not deleted")
	}
	press(t, m, "esc")
	if n.ucEdit != nil {
		t.Error("esc did not close the editor")
	}
}

// TestLateTargetShowsOnThePlan sets a target the plan cannot meet in time and finds it, with
// what would fix it, above the activity list.
func TestLateTargetShowsOnThePlan(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 120, 40)
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	for i, ind := range r.inds {
		if ind.Kind == assess.KindLevel {
			r.selectIndicator(i)
			break
		}
	}
	press(t, m, "0")
	press(t, m, keys("t", "4", "tab", clearField(4), "2026", "enter")...)
	if r.target != nil {
		t.Fatalf("target form still open: %q", r.target.form.err)
	}
	m.step = stepRoadmap
	press(t, m, "v")
	view := m.render()
	if !strings.Contains(view, "targets late or never") || !strings.Contains(view, r.ind().ID) {
		t.Errorf("the late target is not shown with the plan:\n%s", view)
	}
}

// TestHelpListsEveryKey opens ? on every screen (and on the roadmap's activity list) and finds
// each of the screen's keys in it.
func TestHelpListsEveryKey(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 160, 48)
	type allKeyer interface{ allKeys() []key.Binding }
	check := func(name string, s screen) {
		t.Helper()
		ak, ok := s.(allKeyer)
		if !ok {
			t.Errorf("%s has no full key list for ?", name)
			return
		}
		m.showHelp = true
		view := m.render()
		m.showHelp = false
		for _, b := range ak.allKeys() {
			if k := b.Help().Key; k != "" && !strings.Contains(view, k) {
				t.Errorf("%s: ? does not list %q (%s)", name, k, b.Help().Desc)
			}
		}
	}
	for s := stepStart; s < stepCount; s++ {
		if m.screens[s] == nil {
			continue
		}
		m.step = s
		check(stepNames[s], m.screens[s])
	}
	m.step = stepRoadmap
	m.screens[stepRoadmap].(*roadmapScreen).view_ = viewActivities
	check("Roadmap activities", m.screens[stepRoadmap])
}
