package tui

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/words"
)

var update = flag.Bool("update", false, "rewrite the golden views")

// key builds a key press as the terminal would send it.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+l":
		return tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl}
	case "f2":
		return tea.KeyPressMsg{Code: tea.KeyF2}
	case "ctrl+z":
		return tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	case "ctrl+y":
		return tea.KeyPressMsg{Code: 'y', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "alt+enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// press sends keys; a key of several letters that is not a name is typed letter by letter.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		named := map[string]bool{"enter": true, "tab": true, "shift+tab": true, "esc": true, "up": true, "down": true, "left": true, "right": true, "space": true, "backspace": true, "ctrl+r": true, "ctrl+c": true, "ctrl+l": true, "f2": true, "ctrl+z": true, "ctrl+y": true, "ctrl+s": true, "alt+enter": true}
		if len([]rune(k)) > 1 && !named[k] {
			for _, r := range k {
				m.Update(keyMsg(string(r)))
			}
			continue
		}
		m.Update(keyMsg(k))
	}
}

// newFile writes a new country file for the default framework with three ministries.
func newFile(t testing.TB) string {
	t.Helper()
	fw, _, err := assess.Resolve("govstack-readiness")
	if err != nil {
		t.Fatal(err)
	}
	text, err := countries.New(fw, countries.Country{Name: "Republic of X", ISO3: "XRX"}, time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	text = []byte(strings.Replace(string(text), "ministries: []\n",
		"ministries:\n  - {id: ict, name: Ministry of ICT}\n  - {id: finance, name: Ministry of Finance}\n  - {id: interior, name: Ministry of Interior}\n", 1))
	path := filepath.Join(t.TempDir(), "x.yaml")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sampleFile(t testing.TB, name string) string {
	t.Helper()
	src, err := countries.SampleSource(name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t testing.TB, path string, w, h int) *Model {
	t.Helper()
	m, err := New(Options{Path: path, Dir: filepath.Dir(path), Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func load(t testing.TB, path string) *countries.File {
	t.Helper()
	d, err := countries.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d.File
}

func TestAnswersAreSavedAtOnce(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 80, 24)
	if m.step != stepReadiness {
		t.Fatalf("opened on step %v, want readiness", m.step)
	}
	// The first indicator is a number: type it, confirm with enter.
	press(t, m, "enter", "63.5", "enter")
	if got := load(t, path).Answers["connectivity.4g-coverage"]; len(got) != 1 || got[0].Value.Num != 63.5 {
		t.Fatalf("number answer on disk: %+v", got)
	}
	// A bad number is refused with a message and not saved.
	press(t, m, "j", "enter", "7x", "enter")
	if got := load(t, path).Answers["connectivity.internet-users"].Given(); len(got) != 0 {
		t.Errorf("a bad number was saved: %+v", got)
	}
	if !strings.Contains(m.c.status, "not a number") {
		t.Errorf("status %q", m.c.status)
	}
	press(t, m, "esc")
	// Next area: a level with evidence, confidence and a ministry.
	press(t, m, "l", "2", "e", "National Digital Strategy 2023, section 4", "enter", "c", "c", "c", "m", "2")
	got := load(t, path).Answers["leadership.strategy"]
	if len(got) != 1 || *got[0].Level != 2 || got[0].Evidence != "National Digital Strategy 2023, section 4" || got[0].Confidence != "high" || got[0].By != "ict" {
		t.Fatalf("level answer on disk: %+v", got)
	}
	// Two ministries disagree on the next one: the screen marks it disputed.
	press(t, m, "j", "1", "m", "2", "+", "4")
	f := load(t, path)
	if got := f.Answers["leadership.sponsorship"]; len(got) != 2 || got[0].By != "ict" || got[1].By != "finance" || *got[1].Level != 4 {
		t.Fatalf("two answers on disk: %+v", got)
	}
	if !strings.Contains(m.render(), "disputed") {
		t.Error("the screen does not mark the disputed answer")
	}
	// N/A, yes/no, clearing, next unanswered.
	press(t, m, "j", "a")
	if got := load(t, path).Answers["leadership.coordination"]; len(got) != 1 || !got[0].NA {
		t.Errorf("n/a on disk: %+v", got)
	}
	press(t, m, "a", "x", "y")
	if got := load(t, path).Answers["leadership.coordination"].Given(); len(got) != 0 {
		t.Errorf("cleared answer still on disk: %+v", got)
	}
	press(t, m, "/", "legal.e-signature", "enter", "y")
	if got := load(t, path).Answers["legal.e-signature-law"]; len(got) != 1 || !got[0].Value.Bool {
		t.Errorf("yes on disk: %+v", got)
	}
	// The live score follows the answers.
	if m.c.sess.model.Score.Overall.Answered != 4 {
		t.Errorf("%d answered on screen", m.c.sess.model.Score.Overall.Answered)
	}
	// Quit and reopen: every answer is there.
	re := open(t, path, 80, 24)
	if re.c.sess.model.Score.Overall.Answered != 4 {
		t.Errorf("reopened with %d answered", re.c.sess.model.Score.Overall.Answered)
	}
}

func TestChangedOnDiskIsNotOverwritten(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 100, 30)
	other, _ := os.ReadFile(path)
	other = append(other, []byte("# edited in another editor\n")...)
	os.WriteFile(path, other, 0o644)
	press(t, m, "enter", "12", "enter")
	got, _ := os.ReadFile(path)
	if string(got) != string(other) {
		t.Fatal("the file changed on disk was overwritten")
	}
	if !strings.Contains(m.c.status, "changed on disk") || !strings.Contains(m.render(), "CHANGED ON DISK") {
		t.Errorf("no warning: %q", m.c.status)
	}
	press(t, m, "ctrl+r", "enter", "12", "enter")
	f := load(t, path)
	if got := f.Answers["connectivity.4g-coverage"]; len(got) != 1 || got[0].Value.Num != 12 {
		t.Errorf("after reload the answer was not saved: %+v", got)
	}
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), "# edited in another editor") {
		t.Error("the other editor's change was lost")
	}
}

func TestNeedsArchitectureRoadmap(t *testing.T) {
	path := newFile(t)
	m := open(t, path, 120, 40)
	press(t, m, "tab") // needs
	if m.step != stepNeeds {
		t.Fatalf("step %v", m.step)
	}
	// Pick the first catalog use case in the list, then add a service for inst-1.
	press(t, m, "space")
	if f := load(t, path); len(f.UseCases) != 1 {
		t.Fatalf("use cases on disk: %+v", f.UseCases)
	}
	press(t, m, "v", "a", "Child cash benefit", "enter", "inst-1", "enter", "5", "enter", "4", "enter", "3", "enter", "2", "enter", "4", "enter")
	f := load(t, path)
	if len(f.Services) != 1 || f.Services[0].UseCase != "inst-1" || f.Services[0].Demand != 5 || f.Services[0].Political != 4 {
		t.Fatalf("service on disk: %+v", f.Services)
	}
	// A custom use case with an unknown block is refused in the form.
	press(t, m, "v", "c", "land-transfer", "enter", "Land title transfer", "enter", "land", "enter", "Apply: registration, teleport", "enter")
	if n := m.screens[stepNeeds].(*needs); n.form == nil || !strings.Contains(n.form.err, "teleport") {
		t.Fatal("the custom use case with an unknown block was not refused")
	}
	press(t, m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "payments", "enter")
	if f := load(t, path); len(f.UseCases) != 2 || f.UseCases[1].Custom == nil {
		t.Fatalf("custom use case not saved: %+v", f.UseCases)
	}
	// Architecture: mark identity operational.
	press(t, m, "tab")
	a := m.screens[stepArchitecture].(*architecture)
	for i, b := range a.blocks() {
		if b.ID == "identity" {
			a.sel = i
		}
	}
	press(t, m, "s", "s", "s")
	if it := load(t, path).Inventory["identity"]; it.Status != "operational" {
		t.Fatalf("inventory on disk: %+v", it)
	}
	if rb := m.c.sess.model.Match.Block("identity"); rb == nil || rb.Status != "reuse" {
		t.Errorf("identity not reused after marking it operational")
	}
	// Roadmap: what if five workstreams; then keep it in the file.
	press(t, m, "tab")
	before := m.c.sess.model.Plan.Duration
	press(t, m, "+", "+")
	if m.c.sess.model.Plan.Workstreams != 5 || m.c.sess.model.Plan.Duration > before {
		t.Errorf("what-if workstreams: %d, %d months (was %d)", m.c.sess.model.Plan.Workstreams, m.c.sess.model.Plan.Duration, before)
	}
	if load(t, path).Plan.Workstreams != 0 {
		t.Error("a what-if was written to the file")
	}
	press(t, m, "S")
	if load(t, path).Plan.Workstreams != 5 {
		t.Error("S did not keep the workstreams in the file")
	}
}

func TestStartScreenCreatesFile(t *testing.T) {
	dir := t.TempDir()
	m, err := New(Options{Dir: dir, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(t, m, "n", "Republic of Y", "enter", "xry", "enter", "enter", "enter", "enter") // name, code, framework, date, file name (empty: from the name)
	path := filepath.Join(dir, "republic-of-y.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Fatal("the new file was not written at once")
	}
	// The form's command opens it.
	s := m.screens[stepStart].(*start)
	_ = s
	m.Update(openedMsg{path})
	if m.step != stepContext || load(t, path).Country.ISO3 != "XRY" {
		t.Errorf("step %v", m.step)
	}
	press(t, m, "a", "ict", "enter", "Ministry of ICT", "enter", "A. Author", "enter", "enter")
	if f := load(t, path); len(f.Ministries) != 1 || f.Ministries[0].FocalPoint != "A. Author" {
		t.Errorf("ministries on disk: %+v", f.Ministries)
	}
	// Opening a sample copies it into the folder.
	m2, _ := New(Options{Dir: dir})
	s2 := m2.screens[stepStart].(*start)
	for i, it := range s2.items {
		if it.sample == "bakana" {
			s2.sel = i
		}
	}
	cmd := s2.update(keyMsg("enter"))
	if msg, ok := cmd().(openedMsg); !ok || msg.path != filepath.Join(dir, "bakana.yaml") {
		t.Errorf("sample open: %+v", cmd())
	}
	if _, err := os.Stat(filepath.Join(dir, "bakana.yaml")); err != nil {
		t.Error("sample not copied")
	}
}

var folderLine = regexp.MustCompile(`(Folder|Dossier|Carpeta) ?: [^│]*`)

// TestGoldenViews checks every screen at 80×24 and 160×48 on the mid-way sample.
func TestGoldenViews(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		// Open by a relative name so the paths on screen are the same on every run.
		t.Chdir(filepath.Dir(sampleFile(t, "bakana")))
		path := "bakana.yaml"
		m := open(t, path, size[0], size[1])
		for s := stepStart; s < stepCount; s++ {
			if m.screens[s] == nil {
				continue
			}
			m.step = s
			if e, ok := m.screens[s].(interface{ enter() }); ok {
				e.enter()
			}
			view := m.render()
			for i, line := range strings.Split(view, "\n") {
				if width(line) != size[0] {
					t.Errorf("%s %dx%d line %d is %d wide", stepNames[s], size[0], size[1], i, width(line))
				}
			}
			if n := strings.Count(view, "\n") + 1; n != size[1] {
				t.Errorf("%s %dx%d has %d lines", stepNames[s], size[0], size[1], n)
			}
			// The folder's absolute path differs from run to run.
			view = folderLine.ReplaceAllStringFunc(view, func(l string) string { return pad("Folder: <dir>", width(l)) })
			golden := filepath.Join(testdata, strings.ToLower(stepNames[s])+"-"+itoa(size[0])+"x"+itoa(size[1])+".txt")
			if *update {
				os.MkdirAll(testdata, 0o755)
				os.WriteFile(golden, []byte(view), 0o644)
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != view {
				t.Errorf("%s at %dx%d differs from %s:\n%s", stepNames[s], size[0], size[1], golden, view)
			}
		}
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// BenchmarkReadinessView draws the readiness screen of the aurelia sample at 160×48 (not the
// largest sample, which is bakana).
func BenchmarkReadinessView(b *testing.B) {
	path := sampleFile(b, "aurelia")
	m := open(b, path, 160, 48)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkKeypress answers one indicator (save to disk included) and draws the next frame.
func BenchmarkKeypress(b *testing.B) {
	path := newFile(b)
	m := open(b, path, 120, 40)
	press(b, m, "tab", "tab") // a level indicator on the readiness step
	m.step = stepReadiness
	r := m.screens[stepReadiness].(*readiness)
	r.selectIndicator(r.firstOfPillar(1))
	levels := []string{"1", "2"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Update(keyMsg(levels[i%2]))
		_ = m.View()
	}
}

func TestExportShowsProgressAndPaths(t *testing.T) {
	path := sampleFile(t, "bakana")
	var gotParts []string
	m, err := New(Options{Path: path, Dir: filepath.Dir(path),
		ExportParts: []ExportPart{{ID: "a", Label: func(string) string { return "A" }, Default: true}, {ID: "b", Label: func(string) string { return "B" }}},
		Export: func(_ *countries.Model, dir string, parts []string, wrote func(string)) error {
			gotParts = parts
			wrote(filepath.Join(dir, "one"))
			wrote(filepath.Join(dir, "two"))
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.step = stepExport
	_, cmd := m.Update(keyMsg("enter"))
	// Run the command chain the way the program would.
	for cmd != nil {
		msg := cmd()
		if msg == nil {
			break
		}
		_, cmd = m.Update(msg)
		if b, ok := msg.(batchMsg); ok {
			cmd = b.next
		}
	}
	if strings.Join(gotParts, ",") != "a" {
		t.Errorf("parts %v, want the default one", gotParts)
	}
	view := m.render()
	if !strings.Contains(view, "✓ "+filepath.Join(filepath.Dir(path), "out", "two")) || !strings.Contains(m.c.status, "exported 2 files") {
		t.Errorf("paths not shown:\n%s\nstatus %q", view, m.c.status)
	}
}

// TestLiveLanguageSwitch switches the language on the readiness step: the texts change, the
// answers, the score and the file on disk do not.
func TestLiveLanguageSwitch(t *testing.T) {
	path := sampleFile(t, "bakana")
	m := open(t, path, 100, 30)
	r := m.screens[stepReadiness].(*readiness)
	fw := m.c.sess.fw
	before, _ := os.ReadFile(path)
	score := *m.c.sess.model.Score.Overall.Score
	answered := m.c.sess.model.Score.Overall.Answered
	ind := r.ind()
	if ind.Kind != assess.KindLevel {
		t.Fatalf("the sample opens on %s, not a level indicator", ind.ID)
	}
	first := func(s string) string { return strings.Fields(s)[0] + " " + strings.Fields(s)[1] }
	// en → es → fr → en, the order of i18n.Languages().
	for _, tt := range []struct{ key, lang, help, status, step, overall string }{
		{"ctrl+l", "es", "responder", "Idioma: español", "Preparación", "Global"},
		{"f2", "fr", "répondre", "Langue : français", "Maturité", "Global"},
		{"ctrl+l", "en", "answer", "Language: English", "Readiness", "Overall"},
	} {
		press(t, m, tt.key)
		if m.c.lang != tt.lang || m.c.sess.lang != tt.lang || m.c.sess.model.Lang != tt.lang {
			t.Fatalf("after %s: screen %q, session %q, model %q; want %q", tt.key, m.c.lang, m.c.sess.lang, m.c.sess.model.Lang, tt.lang)
		}
		view := m.render()
		lines := strings.Split(view, "\n")
		// The card shows the question and the rubric in the language (their first words: the
		// card wraps them).
		for _, want := range []string{first(ind.Question.In(tt.lang)), first(ind.Rubric[fw.Scale.Max].In(tt.lang)), fw.LevelName(fw.Scale.Max, tt.lang)} {
			if !strings.Contains(view, want) {
				t.Errorf("%s: the screen lacks %q:\n%s", tt.lang, want, view)
			}
		}
		if help := lines[len(lines)-1]; !strings.Contains(help, tt.help) {
			t.Errorf("%s: help bar %q lacks %q", tt.lang, help, tt.help)
		}
		if !strings.Contains(lines[0], tt.step) || !strings.Contains(view, tt.overall+" ") {
			t.Errorf("%s: title bar or score panel not in the language:\n%s", tt.lang, view)
		}
		if !strings.Contains(m.c.status, tt.status) {
			t.Errorf("%s: status %q, want %q", tt.lang, m.c.status, tt.status)
		}
		// The switch changes no answer, no score and not a byte of the file.
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatalf("%s: the file changed on disk", tt.lang)
		}
		sc := m.c.sess.model.Score.Overall
		if *sc.Score != score || sc.Answered != answered {
			t.Errorf("%s: overall %v (%d answered), was %v (%d)", tt.lang, *sc.Score, sc.Answered, score, answered)
		}
	}
	// The match and the plan are rebuilt in the language: the architecture's reasons are French.
	press(t, m, "ctrl+l", "ctrl+l")
	if m.c.lang != "fr" {
		t.Fatalf("language %q, want fr", m.c.lang)
	}
	for _, rb := range m.c.sess.model.Match.Blocks {
		for _, reason := range words.ReasonList(m.c.lang, rb.Summary()) {
			if strings.Contains(reason, " steps ") || strings.Contains(reason, "needed by ") {
				t.Errorf("a reason is still in English after the switch to French: %q", reason)
			}
		}
	}
	// Answering in French saves the same YAML as in English.
	press(t, m, "2")
	if got := load(t, path).Answers[ind.ID]; len(got) == 0 || got[0].Level == nil || *got[0].Level != 2 {
		t.Errorf("answer given in French not saved: %+v", got)
	}
	if !strings.Contains(m.c.status, "enregistré") || !strings.Contains(m.c.status, fw.LevelName(2, "fr")) {
		t.Errorf("status %q is not French", m.c.status)
	}
}

// TestGoldenViewsFrench checks two screens in French at 100×30.
func TestGoldenViewsFrench(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	t.Chdir(filepath.Dir(sampleFile(t, "bakana")))
	m, err := New(Options{Path: "bakana.yaml", Dir: ".", Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, s := range []step{stepReadiness, stepRoadmap} {
		m.step = s
		view := m.render()
		for i, line := range strings.Split(view, "\n") {
			if width(line) != 100 {
				t.Errorf("%s line %d is %d wide", stepNames[s], i, width(line))
			}
		}
		golden := filepath.Join(testdata, "fr-"+strings.ToLower(stepNames[s])+"-100x30.txt")
		if *update {
			os.WriteFile(golden, []byte(view), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if string(want) != view {
			t.Errorf("%s in French differs from %s:\n%s", stepNames[s], golden, view)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"63.5": 63.5, "63,5": 63.5, "1 234,5": 1234.5, "1\u00a0234,5": 1234.5, "1.234,5": 1234.5,
		"1,234.5": 1234.5, "1.234.567": 1234567, "-2": -2, "0,25": 0.25} {
		if got, err := parseNumber("en", in); err != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "7x", "NaN", "Inf", "1,2,3.4.5"} {
		if _, err := parseNumber("en", bad); err == nil {
			t.Errorf("parseNumber(%q) accepted", bad)
		}
	}
	if got := numInput("fr", 63.5); got != "63,5" {
		t.Errorf("numInput fr = %q", got)
	}
}

// TestAccessibleInFrench answers in the accessible mode in French (a decimal comma), and
// checks that the end of the input saves nothing.
func TestAccessibleInFrench(t *testing.T) {
	path := newFile(t)
	before, _ := os.ReadFile(path)
	var out strings.Builder
	if err := RunAccessible(path, "", "fr", strings.NewReader("s\n"), &out); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("the end of the input saved something:\n%s", after)
	}
	if !strings.Contains(out.String(), "s passer") || !strings.Contains(out.String(), "restent à renseigner") {
		t.Errorf("prompts not in French:\n%s", out.String())
	}
	out.Reset()
	if err := RunAccessible(path, "", "fr", strings.NewReader("63,5\nq\n"), &out); err != nil {
		t.Fatal(err)
	}
	if got := load(t, path).Answers["connectivity.4g-coverage"]; len(got) != 1 || got[0].Value == nil || got[0].Value.Num != 63.5 {
		t.Errorf("63,5 not saved as 63.5: %+v\n%s", got, out.String())
	}
	if !strings.Contains(out.String(), "Enregistré.") {
		t.Errorf("no French confirmation:\n%s", out.String())
	}
}
