package countries

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"go.yaml.in/yaml/v3"
)

func framework(t testing.TB) *assess.Framework {
	t.Helper()
	fw, _, err := assess.Resolve("govstack-readiness")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// changedLines returns the lines of a that differ from b, as hunks of consecutive changes.
func hunks(a, b []byte) int {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	// Trim common prefix and suffix; what is left is one hunk when it is contiguous.
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j := 0
	for j < len(al)-i && j < len(bl)-i && al[len(al)-1-j] == bl[len(bl)-1-j] {
		j++
	}
	if i == len(al) && i == len(bl) {
		return 0
	}
	return 1
}

func TestSamplesLoadAndCheck(t *testing.T) {
	if len(SampleNames()) < 3 {
		t.Fatalf("samples %v, want 3", SampleNames())
	}
	for _, n := range SampleNames() {
		d, err := Sample(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if !d.File.Country.Fictional {
			t.Errorf("%s is not labelled fictional", n)
		}
		fw, err := d.Framework("")
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if err := d.Check(fw); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		// Every indicator of the framework appears in the sample, answered or not.
		for _, ind := range fw.Indicators() {
			if _, ok := d.File.Answers[ind.ID]; !ok {
				t.Errorf("%s: indicator %s is missing from answers", n, ind.ID)
			}
		}
	}
	if _, err := Sample("atlantis"); err == nil || !strings.Contains(err.Error(), "bakana") {
		t.Errorf("unknown sample error %v does not list the samples", err)
	}
}

func TestSetAnswerIsOneHunk(t *testing.T) {
	for _, n := range SampleNames() {
		src, _ := SampleSource(n)
		path := filepath.Join(t.TempDir(), n+".yaml")
		os.WriteFile(path, src, 0o644)
		d, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		fw := framework(t)
		for _, ind := range fw.Indicators() {
			var a assess.Answer
			switch ind.Kind {
			case assess.KindLevel:
				a = assess.Answer{Level: assess.Int(2), By: "ict", Evidence: `Strategy "2030", §4: # not a comment`}
			case assess.KindYesNo:
				a = assess.Answer{Value: assess.YesNo(true), Notes: "line one\nline two"}
			default:
				a = assess.Answer{Value: assess.Number(42.5), Source: "ITU"}
			}
			before := append([]byte(nil), d.Src()...)
			if err := d.SetAnswer(ind.ID, assess.Answers{a}); err != nil {
				t.Fatalf("%s %s: %v", n, ind.ID, err)
			}
			if h := hunks(before, d.Src()); h != 1 {
				t.Fatalf("%s %s: %d hunks", n, ind.ID, h)
			}
			got := d.File.Answers[ind.ID]
			if len(got) != 1 || got[0].Evidence != a.Evidence || got[0].Notes != a.Notes {
				t.Fatalf("%s %s: read back %+v", n, ind.ID, got)
			}
		}
		if err := d.Save(); err != nil {
			t.Fatal(err)
		}
		re, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if !re.Equal(d) {
			t.Error("reloaded file differs from what was saved")
		}
		// Comments in the sample survive every edit.
		for _, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") && !bytes.Contains(re.Src(), []byte(line)) {
				t.Errorf("%s: comment line lost: %q", n, line)
			}
		}
	}
}

func TestSeveralMinistriesAndBack(t *testing.T) {
	src, _ := SampleSource("bakana")
	d, err := Parse("bakana", src)
	if err != nil {
		t.Fatal(err)
	}
	two := assess.Answers{{Level: assess.Int(1), By: "finance"}, {Level: assess.Int(3), By: "ict"}}
	if err := d.SetAnswer("leadership.strategy", two); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Src()), "  leadership.strategy:\n    - {level: 1, by: finance}\n    - {level: 3, by: ict}\n") {
		t.Errorf("two answers not written one per line:\n%s", d.Src())
	}
	if err := d.SetAnswer("leadership.strategy", nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Src()), "  leadership.strategy: {}\n") {
		t.Error("clearing did not write {}")
	}
}

func TestAnswersToUnknownIndicatorsKept(t *testing.T) {
	src, _ := SampleSource("bakana")
	src = bytes.Replace(src, []byte("answers:\n"), []byte("answers:\n  retired.indicator: {level: 3, evidence: kept}\n"), 1)
	path := filepath.Join(t.TempDir(), "b.yaml")
	os.WriteFile(path, src, 0o644)
	d, fw, err := Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) == 0 || !strings.Contains(d.Warnings.Error(), "retired.indicator") {
		t.Errorf("no warning about the unknown indicator: %v", d.Warnings)
	}
	d.SetAnswer(fw.Indicators()[0].ID, assess.Answers{{Level: assess.Int(1)}})
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(path)
	if !bytes.Contains(saved, []byte("retired.indicator: {level: 3, evidence: kept}")) {
		t.Error("answer to an unknown indicator was dropped on save")
	}
	sc := d.Score(fw)
	if len(sc.Unknown) != 1 || sc.Unknown[0] != "retired.indicator" {
		t.Errorf("unknown %v", sc.Unknown)
	}
}

func TestSaveRefusesWhenChangedOnDisk(t *testing.T) {
	src, _ := SampleSource("coralia")
	path := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(path, src, 0o600)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d.SetAnswer("leadership.strategy", assess.Answers{{Level: assess.Int(4)}})
	other := append(append([]byte(nil), src...), []byte("# edited elsewhere\n")...)
	os.WriteFile(path, other, 0o600)
	if err := d.Save(); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("save over a changed file: %v, want ErrChangedOnDisk", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, other) {
		t.Error("the other editor's file was overwritten")
	}
	if err := d.Reload(); err != nil {
		t.Fatal(err)
	}
	d.SetAnswer("leadership.strategy", assess.Answers{{Level: assess.Int(4)}})
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("save changed the file mode to %v", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestNewFileListsEveryIndicator(t *testing.T) {
	fw := framework(t)
	text, err := New(fw, Country{Name: "Republic of X", ISO3: "XRX"}, time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("new.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Check(fw); err != nil {
		t.Fatal(err)
	}
	if got := len(d.File.Unanswered(fw)); got != len(fw.Indicators()) {
		t.Errorf("%d unanswered, want all %d", got, len(fw.Indicators()))
	}
	if d.File.Assessment.Date != "2026-03-14" || d.File.Assessment.Framework != fw.Ref() {
		t.Errorf("assessment %+v", d.File.Assessment)
	}
	// Answering the first indicator under a pillar comment, again and again, keeps one comment.
	first := fw.Indicators()[0].ID
	for i := 0; i < 3; i++ {
		if err := d.SetAnswer(first, assess.Answers{{Level: assess.Int(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(string(d.Src()), "# "+fw.Pillars[0].Name.String()+"\n"); n != 1 {
		t.Errorf("the pillar comment appears %d times after three edits", n)
	}
	// Adding a ministry to the empty list and answering turns them into block entries.
	if err := d.Append([]any{"ministries"}, Ministry{ID: "ict", Name: i18n.Plain("Ministry of ICT")}); err != nil {
		t.Fatal(err)
	}
	if len(d.File.Ministries) != 1 || d.File.Ministries[0].ID != "ict" {
		t.Errorf("ministries %+v", d.File.Ministries)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Republic of X":       "republic-of-x",
		"  Côte d'Ivoire ":    "cote-d-ivoire",
		"../../etc/passwd":    "etc-passwd",
		".hidden":             "hidden",
		"---":                 "xrx",
		"São Tomé & Príncipe": "sao-tome-principe",
	} {
		if got := Slug(in, "XRX"); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseCountry checks that no input makes the country loader panic, and that an accepted
// file survives an answer edit.
func FuzzParseCountry(f *testing.F) {
	for _, n := range SampleNames() {
		src, _ := SampleSource(n)
		f.Add(src)
	}
	bad, _ := filepath.Glob(filepath.Join("..", "cmd", "govplan", "testdata", "bad", "*.yaml"))
	for _, p := range bad {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		if err := d.SetAnswer("leadership.strategy", assess.Answers{{Level: assess.Int(2)}}); err != nil {
			return // an edit may be refused (odd layouts), but must never panic or corrupt
		}
		if _, err := Parse("again.yaml", d.Src()); err != nil {
			t.Fatalf("edited file no longer parses: %v", err)
		}
	})
}

// TestFlowNodeWritesPlainNumbers pins that amounts are written as people type them
// (1500000, not 1.5e+06) and read back the same.
func TestFlowNodeWritesPlainNumbers(t *testing.T) {
	n, err := FlowNode(struct {
		Amount float64 `yaml:"amount"`
		Rate   float64 `yaml:"rate"`
		Small  float64 `yaml:"small"`
	}{1500000, 1.08, 0.000125})
	if err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != "{amount: 1500000, rate: 1.08, small: 0.000125}" {
		t.Errorf("flow node %q", got)
	}
	var back struct {
		Amount float64 `yaml:"amount"`
	}
	if err := yaml.Unmarshal(out, &back); err != nil || back.Amount != 1500000 {
		t.Errorf("read back %v %v", back.Amount, err)
	}
}

// TestSettledDocIsReadOnly: a settled document (no source or YAML kept) still reads, checks
// against the catalog without a line, and refuses every edit and save with ErrSettled, leaving
// the file on disk as it was.
func TestSettledDocIsReadOnly(t *testing.T) {
	src, _ := SampleSource("bakana")
	path := filepath.Join(t.TempDir(), "b.yaml")
	os.WriteFile(path, src, 0o644)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := d.Sum()
	d.Settle()
	if d.Src() != nil || d.File.Country.ISO3 != "XBK" || d.Sum() != sum {
		t.Fatalf("settled: src %d bytes, iso %q", len(d.Src()), d.File.Country.ISO3)
	}
	// A use case the catalog lacks: reported, naming the file, without a line.
	d.File.UseCases = append(d.File.UseCases, d.File.UseCases[0])
	d.File.UseCases[len(d.File.UseCases)-1].ID = "no-such-use-case"
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.CheckCatalog(cat); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no-such-use-case") {
		t.Errorf("check after settle: %v", err)
	}
	for name, err := range map[string]error{
		"SetAnswer": d.SetAnswer("leadership.strategy", assess.Answers{{Level: assess.Int(4)}}),
		"Replace":   d.Replace(src),
		"Save":      d.Save(),
		"SaveAs":    d.SaveAs(filepath.Join(t.TempDir(), "other.yaml"), true),
	} {
		if !errors.Is(err, ErrSettled) {
			t.Errorf("%s on a settled document: %v, want ErrSettled", name, err)
		}
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, src) {
		t.Error("the file on disk changed")
	}
}
