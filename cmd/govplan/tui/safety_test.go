package tui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// validates fails the test when path is not a file govplan can open: it loads, passes the
// framework's checks and the catalog's.
func validates(t testing.TB, path string) {
	t.Helper()
	d, _, err := countries.Open(path, "")
	if err != nil {
		t.Fatalf("%s no longer validates: %v", path, err)
	}
	cat, err := catalog.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.CheckCatalog(cat); err != nil {
		t.Fatalf("%s no longer validates against the catalog: %v", path, err)
	}
}

// readinessAt opens path on the readiness step at indicator id.
func readinessAt(t testing.TB, m *Model, id string) *readiness {
	t.Helper()
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	for i, ind := range r.inds {
		if ind.ID == id {
			r.selectIndicator(i)
			return r
		}
	}
	t.Fatalf("no indicator %s", id)
	return nil
}

func answersOf(t testing.TB, path, id string) assess.Answers {
	t.Helper()
	return load(t, path).Answers[id]
}

// Defect 1: evidence, notes and confidence typed before an answer were shown as saved but
// dropped; evidence was wiped when m went back to the room.
func TestEvidenceBeforeAnAnswerIsSaved(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	press(t, m, "e", "we will check the gazette", "enter")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || got[0].Evidence != "we will check the gazette" {
		t.Fatalf("evidence before an answer not saved: %+v (status %q)", got, m.c.status)
	}
	press(t, m, "o", "ask finance", "enter", "c")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || got[0].Notes != "ask finance" || got[0].Confidence != "low" {
		t.Fatalf("notes or confidence before an answer not saved: %+v", got)
	}
	// m names ict (item 2 of the list), then the room again (item 1): the words stay.
	press(t, m, "m", "2")
	press(t, m, "m", "1")
	got := answersOf(t, path, "leadership.strategy")
	if len(got) != 1 || got[0].By != "" || got[0].Evidence != "we will check the gazette" || got[0].Notes != "ask finance" {
		t.Fatalf("the room's words were lost going back to the room: %+v", got)
	}
	if !got[0].Empty() {
		t.Errorf("evidence alone became an answer: %+v", got[0])
	}
	validates(t, path)
}

// Defect 2: a pressed twice turned {level, evidence} into {na, evidence} and then {}.
func TestNAToggleKeepsTheWords(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	press(t, m, "2", "e", "Strategy 2023", "enter", "o", "draft v2", "enter")
	press(t, m, "a")
	if m.c.confirm == nil || !strings.Contains(m.c.confirm.question, "2 Developing") {
		t.Fatalf("n/a over a level did not ask first (confirm %+v)", m.c.confirm)
	}
	press(t, m, "n")
	if got := answersOf(t, path, "leadership.strategy"); *got[0].Level != 2 {
		t.Fatalf("n answered the question but the level changed: %+v", got)
	}
	press(t, m, "a", "y")
	got := answersOf(t, path, "leadership.strategy")
	if len(got) != 1 || !got[0].NA || got[0].Evidence != "Strategy 2023" || got[0].Notes != "draft v2" {
		t.Fatalf("n/a lost the words: %+v", got)
	}
	if !strings.Contains(m.render(), "Marked not applicable") {
		t.Errorf("the screen does not say the answer is n/a:\n%s", m.render())
	}
	press(t, m, "a")
	got = answersOf(t, path, "leadership.strategy")
	if len(got) != 1 || got[0].NA || got[0].Evidence != "Strategy 2023" || got[0].Notes != "draft v2" {
		t.Fatalf("taking n/a off lost the words: %+v", got)
	}
	if !strings.Contains(m.c.status, "n/a taken off") {
		t.Errorf("status %q does not say n/a was taken off", m.c.status)
	}
	// ctrl+z brings the level back.
	press(t, m, "ctrl+z", "ctrl+z")
	if got := answersOf(t, path, "leadership.strategy"); got[0].Level == nil || *got[0].Level != 2 {
		t.Errorf("undo did not bring the level back: %+v", got)
	}
}

// Defect 3: m gave an answer to a ministry that had already answered, and the file no longer
// validated. The list offers only ministries that have not answered; the session refuses any
// edit that would make the file invalid.
func TestMinistryCannotAnswerTwice(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	r := readinessAt(t, m, "leadership.strategy")
	press(t, m, "1", "m", "2", "+", "3") // ict: 1, finance: 3
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 2 || got[0].By != "ict" || got[1].By != "finance" {
		t.Fatalf("setup: %+v", got)
	}
	press(t, m, "m")
	if r.pick == nil {
		t.Fatal("m did not open the list")
	}
	for _, v := range r.pick.values {
		if v == "ict" {
			t.Errorf("the list for finance's answer offers ict, which already answered: %v", r.pick.values)
		}
	}
	// Whatever is picked, the file still validates.
	for i := range r.pick.values {
		press(t, m, "m", fmt.Sprint(i+1))
		validates(t, path)
	}
	// The guard under every key: an edit that would make the file invalid is refused and
	// nothing is written.
	before, _ := os.ReadFile(path)
	err := m.c.sess.change(func(d *countries.Doc) error {
		return d.SetAnswer("leadership.strategy", assess.Answers{{Level: assess.Int(1), By: "ict"}, {Level: assess.Int(2), By: "ict"}})
	})
	if err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("a duplicate ministry answer was accepted: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refused change was written")
	}
	if got := m.c.sess.doc.File.Answers["leadership.strategy"]; len(got) != 2 || got[0].By == got[1].By {
		t.Errorf("the screen shows the refused change: %+v", got)
	}
}

// Defect 4: x and d deleted at once, with no undo anywhere.
func TestDeletesAskAndCanBeUndone(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	press(t, m, "2", "e", "Strategy 2023", "enter")
	press(t, m, "x")
	if m.c.confirm == nil {
		t.Fatal("x cleared without asking")
	}
	press(t, m, "esc")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || *got[0].Level != 2 {
		t.Fatalf("esc did not cancel: %+v", got)
	}
	press(t, m, "x", "y")
	if got := answersOf(t, path, "leadership.strategy").Given(); len(got) != 0 {
		t.Fatalf("x y did not clear: %+v", got)
	}
	press(t, m, "ctrl+z")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || *got[0].Level != 2 || got[0].Evidence != "Strategy 2023" {
		t.Fatalf("ctrl+z did not bring the answer back: %+v", got)
	}
	// Several steps back, then forward again.
	press(t, m, "ctrl+z", "ctrl+z")
	if got := answersOf(t, path, "leadership.strategy"); len(got) > 1 || len(got) == 1 && kept(got[0]) {
		t.Fatalf("two more undos should leave nothing: %+v", got)
	}
	press(t, m, "ctrl+y", "ctrl+y")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || got[0].Evidence != "Strategy 2023" {
		t.Fatalf("redo: %+v", got)
	}
	// A ministry on the context step.
	m.step = stepContext
	press(t, m, "j", "j", "d")
	if m.c.confirm == nil || !strings.Contains(m.c.confirm.question, "interior") {
		t.Fatalf("d did not ask about interior: %+v", m.c.confirm)
	}
	press(t, m, "y")
	if n := len(load(t, path).Ministries); n != 2 {
		t.Fatalf("%d ministries after removing one", n)
	}
	press(t, m, "ctrl+z")
	if n := len(load(t, path).Ministries); n != 3 {
		t.Fatalf("undo did not bring the ministry back: %d", n)
	}
	// A service on the needs step.
	m.step = stepNeeds
	press(t, m, "v", "a", "Child benefit", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
	if n := len(load(t, path).Services); n != 1 {
		t.Fatalf("service not added: %d (%s)", n, m.c.status)
	}
	press(t, m, "d")
	if m.c.confirm == nil {
		t.Fatal("deleting a service did not ask")
	}
	press(t, m, "y", "ctrl+z")
	if n := len(load(t, path).Services); n != 1 {
		t.Errorf("the deleted service did not come back: %d", n)
	}
	if !strings.Contains(m.helpView(100, 30), "ctrl+z") {
		t.Error("the help does not list ctrl+z")
	}
	validates(t, path)
}

// Defect 5: evidence typed while the file changed on disk was lost at enter; a deleted file
// left the work nowhere to go.
func TestTypedTextSurvivesAChangeOnDisk(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	press(t, m, "e", "Gazette 12/2024")
	// Another editor answers something else meanwhile.
	src, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(src), "legal.e-signature-law: {}", "legal.e-signature-law: {value: true}", 1)), 0o644)
	press(t, m, "enter")
	if m.c.sess.changedOnDisk != true || !m.screens[stepReadiness].capturing() {
		t.Fatalf("the field closed after a refused save (status %q)", m.c.status)
	}
	r := m.screens[stepReadiness].(*readiness)
	if r.input.Value() != "Gazette 12/2024" {
		t.Fatalf("the typed text is gone: %q", r.input.Value())
	}
	press(t, m, "ctrl+r", "enter")
	f := load(t, path)
	if got := f.Answers["leadership.strategy"]; len(got) != 1 || got[0].Evidence != "Gazette 12/2024" {
		t.Fatalf("the evidence was not saved after the reload: %+v (%s)", got, m.c.status)
	}
	if got := f.Answers["legal.e-signature-law"]; len(got) != 1 || !got[0].Value.Bool {
		t.Errorf("the other editor's answer was overwritten: %+v", got)
	}

	// The file is deleted: enter says so and ctrl+s saves the work under a new name.
	press(t, m, "o", "ask the registrar")
	os.Remove(path)
	press(t, m, "enter")
	if !strings.Contains(m.c.status, "ctrl+s") || !m.screens[stepReadiness].capturing() {
		t.Fatalf("deleted file: status %q, field open %v", m.c.status, m.screens[stepReadiness].capturing())
	}
	press(t, m, "ctrl+s")
	if m.saveAs == nil {
		t.Fatal("ctrl+s did not open the save-as prompt")
	}
	other := filepath.Join(filepath.Dir(path), "rescued.yaml")
	m.saveAs.SetValue(other)
	press(t, m, "enter")
	if m.c.sess.doc.Path != other {
		t.Fatalf("save as: %s (%s)", m.c.sess.doc.Path, m.c.status)
	}
	press(t, m, "enter") // the notes field is still open: save it into the new file
	if got := answersOf(t, other, "leadership.strategy"); len(got) != 1 || got[0].Notes != "ask the registrar" || got[0].Evidence != "Gazette 12/2024" {
		t.Errorf("the work did not reach the new file: %+v (%s)", got, m.c.status)
	}
	validates(t, other)
}

// Defect 6: a chmod 444 file was overwritten, even as root.
func TestReadOnlyFileIsNeverWritten(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	press(t, m, "2")
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a read-only file was written")
	}
	if !strings.Contains(m.c.status, "read-only") || !m.c.statusBad {
		t.Errorf("status %q does not say why", m.c.status)
	}
	// Typed evidence stays on screen; save as keeps it.
	press(t, m, "e", "kept on screen", "enter")
	if r := m.screens[stepReadiness].(*readiness); !r.capturing() || r.input.Value() != "kept on screen" {
		t.Fatal("the refused evidence left the screen")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o444 {
		t.Errorf("mode changed to %v", st.Mode().Perm())
	}
}

// Defect 7: quitting mid-export left a partial folder and a .tmp file; "~/x" made a folder
// named "~".
func TestExportQuitAndHomeFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := sampleFile(t, "bakana")
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	m, err := New(Options{Path: path, Dir: filepath.Dir(path),
		ExportParts: []ExportPart{{ID: "a", Default: true}},
		Export: func(_ *countries.Model, dir string, _ []string, wrote func(string)) error {
			p := filepath.Join(dir, "one.txt")
			os.WriteFile(p, []byte("1"), 0o644)
			os.WriteFile(filepath.Join(dir, ".two.txt.tmp-1"), []byte("half"), 0o644)
			wrote(p)
			started <- struct{}{}
			<-release
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.step = stepExport
	e := m.screens[stepExport].(*exportScreen)
	e.folder.SetValue("~/x")
	_, cmd := m.Update(keyMsg("enter"))
	<-started
	if !e.running {
		t.Fatal("export did not start")
	}
	// q asks first; y quits and removes what the export wrote.
	_, qcmd := m.Update(keyMsg("q"))
	if qcmd != nil || m.c.confirm == nil {
		t.Fatal("q quit mid-export without asking")
	}
	_, qcmd = m.Update(keyMsg("y"))
	if qcmd == nil {
		t.Fatal("y did not quit")
	}
	m.Close()
	close(release)
	_ = cmd
	if _, err := os.Stat(filepath.Join(home, "x")); !os.IsNotExist(err) {
		entries, _ := os.ReadDir(filepath.Join(home, "x"))
		t.Errorf("the abandoned export left %s with %d entries", filepath.Join(home, "x"), len(entries))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "~")); !os.IsNotExist(err) {
		t.Error("a folder named ~ was made")
	}

	// A finished export lands in ~/x, with no staging folder left.
	m2, _ := New(Options{Path: path, Dir: filepath.Dir(path),
		ExportParts: []ExportPart{{ID: "a", Default: true}},
		Export: func(_ *countries.Model, dir string, _ []string, wrote func(string)) error {
			p := filepath.Join(dir, "one.txt")
			wrote(p)
			return os.WriteFile(p, []byte("1"), 0o644)
		}})
	m2.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m2.step = stepExport
	m2.screens[stepExport].(*exportScreen).folder.SetValue("~/x")
	_, cmd = m2.Update(keyMsg("enter"))
	drain(m2, cmd)
	entries, _ := os.ReadDir(filepath.Join(home, "x"))
	if len(entries) != 1 || entries[0].Name() != "one.txt" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("~/x holds %v, want one.txt only", names)
	}
}

// drain runs a command chain the way the program would.
func drain(m *Model, cmd tea.Cmd) {
	for cmd != nil {
		msg := cmd()
		if msg == nil {
			return
		}
		if b, ok := msg.(batchMsg); ok {
			m.Update(b.msg)
			cmd = b.next
			continue
		}
		_, cmd = m.Update(msg)
	}
}

// Defect 8: an export read the document and model while edits wrote them (run with -race),
// and could mix the old score with new answers. It now reads a snapshot.
func TestExportReadsASnapshotWhileKeysArrive(t *testing.T) {
	path := sampleFile(t, "bakana")
	type seen struct {
		score    float64
		answered int
		strategy string
	}
	var got []seen
	var mu sync.Mutex
	done := make(chan struct{})
	m, err := New(Options{Path: path, Dir: t.TempDir(),
		ExportParts: []ExportPart{{ID: "a", Default: true}},
		Export: func(mo *countries.Model, dir string, _ []string, wrote func(string)) error {
			defer close(done)
			for i := 0; i < 200; i++ {
				// Read everything an export reads, again and again, while edits go on.
				sc := assess.Score(mo.Framework, mo.Doc.File.Answers, &mo.Doc.File.Targets)
				s := seen{score: *mo.Score.Overall.Score, answered: sc.Overall.Answered}
				if a := mo.Doc.File.Answers["leadership.user-centred"]; len(a) > 0 && a[0].Level != nil {
					s.strategy = fmt.Sprint(*a[0].Level)
				}
				_ = mo.Plan.Duration
				_ = string(mo.Doc.Src())
				mu.Lock()
				got = append(got, s)
				mu.Unlock()
				time.Sleep(100 * time.Microsecond)
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	want := *m.c.sess.model.Score.Overall.Score
	m.step = stepExport
	_, cmd := m.Update(keyMsg("enter"))
	go func() {
		for msg := cmd(); msg != nil; {
			if b, ok := msg.(batchMsg); ok {
				msg = b.next()
				continue
			}
			break
		}
	}()
	// Keys arrive while it runs: answers, a language switch, steps, a what-if.
	keys := []string{"shift+tab", "shift+tab", "shift+tab", "3", "j", "2", "ctrl+l", "tab", "tab", "+", "tab", "ctrl+z", "shift+tab"}
	for i := 0; i < 20; i++ {
		for _, k := range keys {
			m.Update(keyMsg(k))
		}
		m.Update(keyMsg("ctrl+z"))
		_ = m.render()
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	for i, s := range got {
		if s.score != want || s.strategy != got[0].strategy || s.answered != got[0].answered {
			t.Fatalf("read %d saw %+v, first %+v, score at start %v: the export mixed in later edits", i, s, got[0], want)
		}
	}
}

// Defect 9: ctrl+r after another editor shortened a list, or changed the framework, panicked.
func TestReloadAfterOutsideChangesDoesNotPanic(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 100, 30)
	m.step = stepContext
	n := len(m.c.sess.doc.File.Ministries)
	for i := 0; i < n; i++ {
		press(t, m, "j")
	}
	m.step = stepNeeds
	press(t, m, "v", "j", "j", "j", "j")
	// Another editor keeps one ministry and no services.
	d, _ := countries.Load(path)
	for i := n - 1; i >= 1; i-- {
		d.Delete([]any{"ministries", i})
	}
	for len(d.File.Services) > 0 {
		d.Delete([]any{"services", 0})
	}
	for id, as := range d.File.Answers {
		var keep assess.Answers
		for _, a := range as {
			if a.By == "" || a.By == d.File.Ministries[0].ID {
				keep = append(keep, a)
			}
		}
		d.SetAnswer(id, keep)
	}
	os.WriteFile(path, d.Src(), 0o644)
	validates(t, path)
	for _, st := range []step{stepContext, stepNeeds, stepReadiness, stepArchitecture, stepRoadmap} {
		m.step = st
		press(t, m, "ctrl+r", "enter", "esc", "d", "esc", "j", "k")
		_ = m.render()
	}
	// The framework changes on disk (another version of the same framework with fewer
	// indicators): ctrl+r rebuilds the screens on it.
	fwPath := filepath.Join(filepath.Dir(path), "small.yaml")
	fw := m.c.sess.fw
	src, _ := os.ReadFile(path)
	_ = fw
	os.WriteFile(fwPath, smallFramework, 0o644)
	os.WriteFile(path, []byte(strings.Replace(string(src), "govstack-readiness@1.0.0", fwPath, 1)), 0o644)
	m.step = stepReadiness
	press(t, m, "ctrl+r")
	if m.c.statusBad {
		t.Logf("reload refused (the screen keeps the old file): %s", m.c.status)
	}
	press(t, m, "j", "k", "u", "/", "x", "enter", "2")
	_ = m.render()
}

// smallFramework is a framework file of one pillar and two indicators.
var smallFramework = []byte(`id: govstack-readiness
version: 9.0.0
name: Small
scale: {min: 0, max: 4, names: [A, B, C, D, E]}
bands: [{min: 0, name: Low}]
aggregate: mean
pillars:
  - id: leadership
    name: Leadership
    weight: 1
    indicators:
      - {id: leadership.strategy, kind: level, weight: 1, question: Q1, rubric: {0: a, 1: b, 2: c, 3: d, 4: e}}
      - {id: leadership.sponsorship, kind: level, weight: 1, question: Q2, rubric: {0: a, 1: b, 2: c, 3: d, 4: e}}
`)

// Defect 10: tab during an export left the screen on "Writing…" for ever.
func TestExportFinishesWhileAnotherStepIsShown(t *testing.T) {
	path := sampleFile(t, "bakana")
	m, _ := New(Options{Path: path, Dir: t.TempDir(),
		ExportParts: []ExportPart{{ID: "a", Default: true}},
		Export: func(_ *countries.Model, dir string, _ []string, wrote func(string)) error {
			for i := 0; i < 24; i++ {
				p := filepath.Join(dir, fmt.Sprintf("f%02d", i))
				os.WriteFile(p, nil, 0o644)
				wrote(p)
			}
			return nil
		}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.step = stepExport
	_, cmd := m.Update(keyMsg("enter"))
	press(t, m, "shift+tab") // away from the export at once
	drain(m, cmd)
	press(t, m, "tab")
	e := m.screens[stepExport].(*exportScreen)
	if e.running || len(e.written) != 24 {
		t.Fatalf("running %v, %d files", e.running, len(e.written))
	}
	if strings.Contains(m.render(), "Writing") {
		t.Error("the screen still says Writing…")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.render(); !strings.Contains(v, "f23") || !strings.Contains(v, "more before these") {
		t.Errorf("at 80×24 the last file written is not shown:\n%s", v)
	}
	press(t, m, "f")
	if !e.editing {
		t.Error("f no longer works after the export")
	}
}

// Defect 11: a bracketed paste was dropped. It lands whole, in one message.
func TestBracketedPasteLandsWhole(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	text := strings.Repeat("Gazette no. 12 of 2024, section 4. ", 143) // 5,005 characters
	press(t, m, "e")
	m.Update(tea.PasteMsg{Content: text})
	press(t, m, "enter")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || got[0].Evidence != strings.TrimSpace(text) {
		t.Fatalf("paste not saved whole: %d characters", len(got[0].Evidence))
	}
	// Search and form fields take a paste too.
	press(t, m, "/")
	m.Update(tea.PasteMsg{Content: "legal.e-signature"})
	press(t, m, "enter")
	if r := m.screens[stepReadiness].(*readiness); r.ind().ID != "legal.e-signature-law" {
		t.Errorf("pasted search went to %s", r.ind().ID)
	}
	m.step = stepContext
	press(t, m, "a")
	m.Update(tea.PasteMsg{Content: "health"})
	press(t, m, "enter")
	m.Update(tea.PasteMsg{Content: "Ministry of Health"})
	press(t, m, "enter", "enter", "enter")
	if ms := load(t, path).Ministries; len(ms) != 4 || ms[3].ID != "health" || ms[3].Name.In("en") != "Ministry of Health" {
		t.Errorf("pasted ministry: %+v", ms)
	}
}

// BenchmarkPaste5000 pastes 5,000 characters into the evidence field and draws the screen
// (esc then closes the field, so every round starts empty).
func BenchmarkPaste5000(b *testing.B) {
	path := newFile(b)
	m := open(b, path, 120, 40)
	readinessAt(b, m, "leadership.strategy")
	text := strings.Repeat("Gazette no. 12 of 2024, section 4. ", 143)
	for b.Loop() {
		press(b, m, "e")
		m.Update(tea.PasteMsg{Content: text})
		_ = m.render()
		press(b, m, "esc")
	}
}

// BenchmarkPasteAndSave5000 pastes 5,000 characters and saves them (a flushed, atomic write).
func BenchmarkPasteAndSave5000(b *testing.B) {
	path := newFile(b)
	m := open(b, path, 120, 40)
	readinessAt(b, m, "leadership.strategy")
	text := strings.Repeat("Gazette no. 12 of 2024, section 4. ", 143)
	for i := 0; b.Loop(); i++ {
		press(b, m, "e")
		r := m.screens[stepReadiness].(*readiness)
		r.input = newAreaBox("", "", 80, 3, false) // start empty each round
		r.input.Focus()
		m.Update(tea.PasteMsg{Content: fmt.Sprint(i) + text})
		_ = m.render()
		press(b, m, "enter")
	}
}

// Defect 12: text fields hid the cursor past 60 characters and evidence was one line.
func TestTextFieldsScrollAndEvidenceHasLines(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 80, 24)
	readinessAt(t, m, "leadership.strategy")
	long := strings.Repeat("abcdefghij", 12) + "END"
	press(t, m, "/", long)
	if !strings.Contains(m.render(), "END") {
		t.Errorf("the end of a long search is hidden:\n%s", m.render())
	}
	press(t, m, "esc", "e", "first line")
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	press(t, m, "second line", "enter")
	if got := answersOf(t, path, "leadership.strategy"); len(got) != 1 || got[0].Evidence != "first line\nsecond line" {
		t.Fatalf("multi-line evidence: %+v", got)
	}
	validates(t, path)
	// / finds an indicator by its id and enter jumps there.
	press(t, m, "/", "identity.pki", "enter")
	if r := m.screens[stepReadiness].(*readiness); r.ind().ID != "identity.pki" {
		t.Errorf("search by id went to %s", r.ind().ID)
	}
}

// Defect 13: "1,500" saved as 1.5 in English; 250 % scored 100; -5 and 1e+29 were accepted and
// 87% refused.
func TestNumbersFollowTheLanguageAndTheValidRange(t *testing.T) {
	for _, tt := range []struct {
		lang, in string
		want     float64
	}{
		{"en", "1,500", 1500}, {"en", "1,500.5", 1500.5}, {"en", "63.5", 63.5}, {"en", "87%", 87}, {"en", "87 %", 87},
		{"fr", "1,5", 1.5}, {"fr", "1 500,5", 1500.5}, {"fr", "1\u202f500", 1500}, {"fr", "63.5", 63.5},
		{"es", "1.500", 1500}, {"es", "1,5", 1.5}, {"es", "1.500,5", 1500.5},
	} {
		if got, err := parseNumber(tt.lang, tt.in); err != nil || got != tt.want {
			t.Errorf("%s %q = %v, %v; want %v", tt.lang, tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"1e+29", "1e3", "NaN", "Inf", "7x", "", "1,2,3.4.5", "1,23,456", "--5"} {
		if _, err := parseNumber("en", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	path := newFile(t)
	m := open(t, path, 100, 30)
	r := readinessAt(t, m, "connectivity.4g-coverage")
	if len(r.ind().Valid) != 2 {
		t.Fatalf("the framework gives %s no valid range", r.ind().ID)
	}
	for _, in := range []string{"250", "-5", "1e+29"} {
		press(t, m, "enter", in, "enter")
		if got := answersOf(t, path, "connectivity.4g-coverage").Given(); len(got) != 0 {
			t.Errorf("%s was saved: %+v", in, got)
		}
		if !m.c.statusBad || !strings.Contains(m.c.status, "Nothing was saved") {
			t.Errorf("%s: status %q gives no reason", in, m.c.status)
		}
		press(t, m, "esc")
	}
	press(t, m, "enter", "87%", "enter")
	if got := answersOf(t, path, "connectivity.4g-coverage"); len(got) != 1 || got[0].Value.Num != 87 {
		t.Errorf("87%% not saved: %+v (%s)", got, m.c.status)
	}
	// A trailing % on a unit that is not a percentage is refused.
	r = readinessAt(t, m, "connectivity.mobile-broadband")
	press(t, m, "enter", "50%", "enter")
	if got := answersOf(t, path, r.ind().ID).Given(); len(got) != 0 {
		t.Errorf("50%% saved for a unit of %s", r.ind().Unit)
	}
	press(t, m, "esc")
	// In English, 1,500 is fifteen hundred (refused here: out of 0–100).
	m.setLang("en")
	readinessAt(t, m, "connectivity.internet-users")
	press(t, m, "enter", "1,500", "enter")
	if !strings.Contains(m.c.status, "1,500") && !strings.Contains(m.c.status, "1500") {
		t.Errorf("1,500 was not read as fifteen hundred: %q", m.c.status)
	}
}

// Defect 14: the ministry list did not scroll, and d removed one never shown.
func TestContextListScrolls(t *testing.T) {
	path := newFile(t)
	d, _ := countries.Load(path)
	for i := 0; i < 15; i++ {
		d.Append([]any{"ministries"}, map[string]string{"id": fmt.Sprintf("m%02d", i), "name": fmt.Sprintf("Ministry %02d", i)})
	}
	os.WriteFile(path, d.Src(), 0o644)
	m := open(t, path, 80, 24)
	m.step = stepContext
	for i := 0; i < 17; i++ {
		press(t, m, "j")
		id := m.c.sess.doc.File.Ministries[m.screens[stepContext].(*contextScreen).sel].ID
		if !strings.Contains(m.render(), id+" ") {
			t.Fatalf("the selected ministry %s is not on screen:\n%s", id, m.render())
		}
	}
	press(t, m, "d")
	if m.c.confirm == nil || !strings.Contains(m.c.confirm.question, "m14") {
		t.Fatalf("d asks about %+v, want the last ministry shown (m14)", m.c.confirm)
	}
	if !strings.Contains(m.render(), "more") {
		t.Error("no sign that more ministries are hidden")
	}
}

// Point 15: next disputed, the agreed answer, auto-advance, the ministry list, forms saved
// field by field.
func TestTheRoomsFlow(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	readinessAt(t, m, "leadership.strategy")
	press(t, m, "1", "m", "2", "e", "ICT says draft", "enter", "+", "4", "e", "Finance says done", "enter")
	readinessAt(t, m, "connectivity.4g-coverage")
	press(t, m, "d")
	r := m.screens[stepReadiness].(*readiness)
	if r.ind().ID != "leadership.strategy" {
		t.Fatalf("d went to %s, not the disputed indicator", r.ind().ID)
	}
	press(t, m, "g", "3")
	got := answersOf(t, path, "leadership.strategy")
	if len(got) != 1 || *got[0].Level != 3 || got[0].By != "" {
		t.Fatalf("agreed answer: %+v", got)
	}
	for _, w := range []string{"ICT says draft", "Finance says done"} {
		if !strings.Contains(got[0].Evidence, w) {
			t.Errorf("the agreed answer lost %q: %+v", w, got[0])
		}
	}
	if !strings.Contains(got[0].Notes, "ict 1") || !strings.Contains(got[0].Notes, "finance 4") {
		t.Errorf("the notes do not record the answers before: %q", got[0].Notes)
	}
	// "room" is explained in the ministry list.
	press(t, m, "m")
	if !strings.Contains(m.render(), "whole room") {
		t.Error("the list does not say what room means")
	}
	press(t, m, "esc")
	// Auto-advance: after an answer the next unanswered indicator comes up.
	press(t, m, "A", "2")
	if r.ind().ID == "leadership.strategy" || len(answersOf(t, path, r.ind().ID).Given()) != 0 {
		t.Errorf("auto-advance stayed or went to an answered one: %s", r.ind().ID)
	}
	// A form saves field by field: the name typed, then esc, is in the file.
	m.step = stepContext
	press(t, m, "enter", "tab")
	r2 := m.screens[stepContext].(*contextScreen)
	r2.form.fields[1].input.SetValue("Ministry of ICT and Digital Economy")
	press(t, m, "tab", "esc")
	if ms := load(t, path).Ministries; ms[0].Name.In("en") != "Ministry of ICT and Digital Economy" {
		t.Errorf("leaving the field did not save it: %+v", ms[0])
	}
}

// Point 16: below the minimum size the screen says so; the area bars are labelled.
func TestTooSmallAndLabelledBars(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 50, 12)
	v := m.render()
	if !strings.Contains(v, "too small") {
		t.Errorf("no too-small message:\n%s", v)
	}
	if n := strings.Count(v, "\n") + 1; n != 12 {
		t.Errorf("%d lines", n)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.render(); !strings.Contains(v, "score /100") {
		t.Errorf("the bars are not labelled:\n%s", v)
	}
}

// The key storm: random keys, pastes and sizes over every screen, from a fixed seed. The
// program never panics and the file always validates.
func TestKeyStorm(t *testing.T) {
	// One seed by default (each save is flushed to disk, so a storm takes seconds); set
	// GOVPLAN_STORM to a number for more.
	seeds := []uint64{1}
	if n, err := strconv.Atoi(os.Getenv("GOVPLAN_STORM")); err == nil {
		seeds = nil
		for i := 1; i <= n; i++ {
			seeds = append(seeds, uint64(i))
		}
	} else if testing.Short() {
		seeds = seeds[:1]
	}
	named := []string{"enter", "tab", "shift+tab", "esc", "up", "down", "left", "right", "space", "backspace",
		"ctrl+z", "ctrl+y", "ctrl+r", "ctrl+l", "ctrl+s", "alt+enter"}
	letters := "abcdefghijklmnopqrstuvwxyzADLS0123456789+-<>/?.,% "
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			path := sampleFile(t, "bakana")
			t.Chdir(filepath.Dir(path))
			m, err := New(Options{Path: path, Dir: filepath.Dir(path), Lang: "en",
				ExportParts: []ExportPart{{ID: "a", Default: true}},
				Export: func(_ *countries.Model, dir string, _ []string, wrote func(string)) error {
					return nil
				}})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			rng := rand.New(rand.NewPCG(seed, 42))
			var history []string
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("seed %d panicked after %d keys (last: %v): %v", seed, len(history), history[max(0, len(history)-30):], p)
				}
			}()
			for i := 0; i < 3000; i++ {
				var msg tea.Msg
				var name string
				switch x := rng.IntN(100); {
				case x < 2:
					w, h := 40+rng.IntN(170), 10+rng.IntN(50)
					msg, name = tea.WindowSizeMsg{Width: w, Height: h}, fmt.Sprintf("size %dx%d", w, h)
				case x < 4:
					msg, name = tea.PasteMsg{Content: strings.Repeat("pasted ", 1+rng.IntN(40))}, "paste"
				case x < 6:
					s := stepStart + step(1+rng.IntN(int(stepCount)-2))
					if m.screens[s] != nil {
						m.step = s
					}
					continue
				case x < 30:
					name = named[rng.IntN(len(named))]
					msg = stormKey(name)
				default:
					name = string(letters[rng.IntN(len(letters))])
					msg = keyMsg(name)
				}
				if name == "q" || name == "ctrl+c" {
					continue
				}
				history = append(history, name)
				_, cmd := m.Update(msg)
				if e, ok := m.screens[stepExport].(*exportScreen); ok && cmd != nil && e.running {
					drainSome(m, cmd) // the export's news (other commands are cursor blinks)
				}
				_ = m.render()
				if i%50 == 0 || strings.HasPrefix(name, "ctrl") {
					validates(t, m.c.sess.doc.Path)
				}
			}
			validates(t, m.c.sess.doc.Path)
		})
	}
}

// stormKey builds named keys the storm sends (more than press knows).
func stormKey(name string) tea.KeyPressMsg {
	switch name {
	case "ctrl+z":
		return tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	case "ctrl+y":
		return tea.KeyPressMsg{Code: 'y', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "alt+enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	}
	return keyMsg(name)
}

// drainSome runs a few steps of a command chain (timers are skipped).
func drainSome(m *Model, cmd tea.Cmd) {
	for i := 0; cmd != nil && i < 50; i++ {
		done := make(chan tea.Msg, 1)
		go func() { done <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(20 * time.Millisecond):
			return // a tick or a cursor blink
		}
		switch msg := msg.(type) {
		case nil:
			return
		case tea.BatchMsg, tea.QuitMsg:
			return
		case batchMsg:
			m.Update(msg.msg)
			cmd = msg.next
		default:
			_, cmd = m.Update(msg)
		}
	}
}

// Defect 18: the accessible mode panicked at ctrl+D after a bad number, saved a default on a
// bare Enter, moved its option numbers, spoke English under --lang fr and printed colour codes.
func TestAccessibleMode(t *testing.T) {
	path := newFile(t)
	before, _ := os.ReadFile(path)
	var out strings.Builder
	// A bad number, then the end of the input (ctrl+D).
	if err := RunAccessible(path, "", "en", strings.NewReader("abc\n"), &out); err != nil {
		t.Fatal(err)
	}
	// Bare Enters answer nothing.
	if err := RunAccessible(path, "", "en", strings.NewReader("\n\n\n"), &out); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatalf("a bad number, an empty line or ctrl+D saved something:\n%s", after)
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Error("colour or cursor codes in the accessible output")
	}
	// The same commands on every question: s skips a number and a level question alike; the
	// level question takes the level itself.
	out.Reset()
	if err := RunAccessible(path, "", "en", strings.NewReader("s\ns\ns\ns\ns\ns\ns\n3\nq\n"), &out); err != nil {
		t.Fatal(err)
	}
	f := load(t, path)
	if got := f.Answers["leadership.strategy"]; len(got) != 1 || *got[0].Level != 3 {
		t.Errorf("level 3 not saved as 3: %+v", got)
	}
	if n := strings.Count(out.String(), "s skip, a not applicable, q stop"); n < 8 {
		t.Errorf("the commands are not the same on every question (%d prompts)", n)
	}
	// In French.
	out.Reset()
	RunAccessible(path, "", "fr", strings.NewReader("q\n"), &out)
	if !strings.Contains(out.String(), "Saisissez le nombre") || strings.Contains(out.String(), "Type the") {
		t.Errorf("prompts not in French:\n%s", out.String())
	}
}

// Defect 17: compare silently used an older, invalid copy of the same country and date, and
// had no completeness column.
func TestCompareUsesTheOpenFileAndRefusesBadCopies(t *testing.T) {
	path := sampleFile(t, "bakana")
	dir := filepath.Dir(path)
	src, _ := os.ReadFile(path)
	// An older copy beside it: same country and date, and invalid (a ministry it does not list).
	bad := strings.Replace(string(src), "by: ict,", "by: nobody,", 1)
	os.WriteFile(filepath.Join(dir, "bakana-old.yaml"), []byte(bad), 0o644)
	m := open(t, path, 120, 40)
	m.step = stepCompare
	m.screens[stepCompare].(interface{ enter() }).enter()
	c := m.screens[stepCompare].(*compareScreen)
	if !c.items[0].open {
		t.Fatalf("the open file is not first: %+v", c.items[0])
	}
	choose := func(names ...string) {
		c.chosen = map[int]bool{}
		for i, it := range c.items {
			for _, n := range names {
				if it.label("en") == n {
					c.chosen[i] = true
				}
			}
		}
		c.result = nil
		press(t, m, "enter")
	}
	choose("bakana.yaml (open now)", "bakana-old.yaml")
	if c.result != nil || !strings.Contains(m.c.status, "bakana-old.yaml cannot be compared") {
		t.Fatalf("an invalid copy was compared (status %q)", m.c.status)
	}
	// A valid copy of the same round is refused too: which one counts is the user's choice.
	os.WriteFile(filepath.Join(dir, "bakana-old.yaml"), src, 0o644)
	choose("bakana.yaml (open now)", "bakana-old.yaml")
	if c.result != nil || !strings.Contains(m.c.status, "both assess") {
		t.Fatalf("two copies of one round were compared (status %q)", m.c.status)
	}
	// The open file against a sample: its score is the workshop's, with a completeness column.
	choose("bakana.yaml (open now)", "sample: aurelia")
	if c.result == nil {
		t.Fatalf("no result: %s", m.c.status)
	}
	want := pct(m.c.sess.model.Score.Overall.Score)
	view := m.render()
	if !strings.Contains(view, "Answered") {
		t.Errorf("no completeness column:\n%s", view)
	}
	for _, r := range c.result.Rows {
		if r.Entry.ISO3 == m.c.sess.doc.File.Country.ISO3 && pct(r.Overall) != want {
			t.Errorf("the open file scores %s in compare, %s in the workshop", pct(r.Overall), want)
		}
	}
}

// Point 16: every line of the roadmap's timeline, KPI and funding views can be scrolled to,
// at 80×24 in English and 120×40 in French and Spanish, and nothing is cut at the edge.
func TestRoadmapViewsReachEveryLine(t *testing.T) {
	strip := func(view string) []string {
		var out []string
		for _, l := range strings.Split(view, "\n") {
			l = strings.TrimSpace(strings.Trim(stripANSI(l), "│ "))
			if l != "" && !strings.ContainsAny(l[:min(3, len(l))], "╭╰") {
				out = append(out, l)
			}
		}
		return out
	}
	for _, tt := range []struct {
		lang string
		w, h int
	}{{"en", 80, 24}, {"fr", 120, 40}, {"es", 120, 40}, {"en", 200, 50}} {
		path := sampleFile(t, "aurelia")
		for _, v := range []roadmapView{viewTimeline, viewKPIs, viewFunding} {
			m, err := New(Options{Path: path, Dir: filepath.Dir(path), Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			m.step = stepRoadmap
			r := m.screens[stepRoadmap].(*roadmapScreen)
			r.view_ = v
			// Everything the view holds, drawn at a great height.
			m.Update(tea.WindowSizeMsg{Width: tt.w, Height: 1000})
			all := strip(m.render())
			m.Update(tea.WindowSizeMsg{Width: tt.w, Height: tt.h})
			seen := map[string]bool{}
			last := ""
			for i := 0; i < 400; i++ {
				v := m.render()
				if v == last {
					break // the end: j no longer moves
				}
				last = v
				for _, l := range strip(v) {
					seen[l] = true
				}
				press(t, m, "j")
			}
			for _, l := range all {
				if !seen[l] {
					t.Errorf("%s %dx%d view %d: line never shown: %q", tt.lang, tt.w, tt.h, v, l)
				}
			}
			for _, l := range strings.Split(m.render(), "\n") {
				if width(l) != tt.w {
					t.Errorf("%s %dx%d: a line is %d wide", tt.lang, tt.w, tt.h, width(l))
				}
			}
		}
	}
}

func stripANSI(s string) string { return ansi.Strip(s) }
