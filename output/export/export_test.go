package export

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/diagram/dottest"
	"github.com/govplan/govplan/output/report"
)

func model(t testing.TB, sample string, edit func(d *countries.Doc)) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(sample)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(doc)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, "en")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var fileName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*-(workbook\.xlsx|report\.md|report\.html|report\.pdf|model\.json|(architecture|dependencies|roadmap|usecase-[a-z0-9.-]+)\.(svg|dot|mmd))$`)

func TestWriteEverything(t *testing.T) {
	m := model(t, "bakana", nil)
	dir := filepath.Join(t.TempDir(), "out")
	var wrote []string
	if err := Write(m, dir, "en", AllParts, func(p string) { wrote = append(wrote, p) }); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(wrote) {
		t.Errorf("%d files in the folder, %d reported", len(entries), len(wrote))
	}
	// workbook, Markdown and HTML report, json, and SVG+DOT+Mermaid for architecture,
	// dependencies, roadmap and each of the 6 use cases.
	if want := 4 + 3*(3+len(m.Match.UseCases)); len(wrote) != want {
		t.Errorf("%d files, want %d", len(wrote), want)
	}
	for _, p := range wrote {
		if filepath.Dir(p) != dir {
			t.Errorf("%s is not directly in %s", p, dir)
		}
		if !fileName.MatchString(filepath.Base(p)) || !strings.HasPrefix(filepath.Base(p), "republic-of-bakana-") {
			t.Errorf("unexpected name %s", filepath.Base(p))
		}
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty", p)
		}
	}
	// The Markdown report links the diagrams written beside it; the HTML report inlines them.
	md, _ := os.ReadFile(filepath.Join(dir, "republic-of-bakana-report.md"))
	if !strings.Contains(string(md), "](republic-of-bakana-architecture.svg)") {
		t.Error("report.md does not link the architecture diagram")
	}
	page, _ := os.ReadFile(filepath.Join(dir, "republic-of-bakana-report.html"))
	if strings.Count(string(page), `class="diagram"`) != 1+len(m.Match.UseCases) {
		t.Errorf("report.html inlines %d diagrams", strings.Count(string(page), `class="diagram"`))
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "republic-of-bakana-architecture.svg"))
	if !strings.Contains(string(svg), "<svg") {
		t.Error("architecture.svg is not SVG")
	}
	// A second run replaces the files (atomically: no temporary files left behind).
	if err := Write(m, dir, "en", AllParts, nil); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadDir(dir)
	if len(again) != len(entries) {
		t.Errorf("second run left %d files, want %d", len(again), len(entries))
	}
}

func TestNothingOutsideTheFolder(t *testing.T) {
	m := model(t, "coralia", func(d *countries.Doc) {
		if err := d.Set([]any{"country", "name"}, "../../.hidden/Evil Name"); err != nil {
			t.Fatal(err)
		}
	})
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	if err := Write(m, dir, "en", AllParts, nil); err != nil {
		t.Fatal(err)
	}
	var outside []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if !d.IsDir() && filepath.Dir(p) != dir {
			outside = append(outside, p)
		}
		return nil
	})
	if len(outside) > 0 {
		t.Errorf("files written outside the folder: %v", outside)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "-") || !strings.HasPrefix(e.Name(), "hidden-evil-name-") {
			t.Errorf("bad file name %q", e.Name())
		}
	}
	if Slug(model(t, "coralia", func(d *countries.Doc) { d.Set([]any{"country", "name"}, "???") })) != "xcr" {
		t.Error("a name with no letters does not fall back to the ISO code")
	}
}

// BenchmarkExport writes what `govplan export` writes for a sample, end to end: the
// workbook, its 9 diagrams (SVG and DOT, each drawn once, with the diagram cache off), the
// Markdown and HTML reports and the JSON model.
func BenchmarkExport(b *testing.B) {
	b.Setenv("GOVPLAN_CACHE", "off")
	m := model(b, "bakana", nil)
	dir := b.TempDir()
	for b.Loop() {
		if err := Write(m, dir, "en", AllParts, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTMLReport renders the HTML report with its diagrams already drawn.
func BenchmarkHTMLReport(b *testing.B) {
	m := model(b, "bakana", nil)
	svgs, err := SVGs(m, "en")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		report.HTML(m, "en", report.HTMLOptions{Diagrams: svgs})
	}
}

// export draws each diagram exactly once, with one dot process each, and the HTML report
// inlines those same drawings (it does not draw them again).
func TestExportDrawsEachDiagramOnce(t *testing.T) {
	runs := dottest.CountingDot(t)
	dir := t.TempDir()
	m := model(t, "bakana", nil)
	out := filepath.Join(dir, "out")
	if err := Write(m, out, "en", AllParts, nil); err != nil {
		t.Fatal(err)
	}
	n := len(Diagrams(m, "en"))
	if got := runs(); got != n {
		t.Errorf("dot ran %d times for %d diagrams", got, n)
	}
	svg, err := os.ReadFile(filepath.Join(out, Slug(m)+"-architecture.svg"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, Slug(m)+"-report.html"))
	if err != nil {
		t.Fatal(err)
	}
	// A drawn node's polygon, taken from the SVG file, is in the report as drawn.
	poly := regexp.MustCompile(`<polygon[^>]*points="[^"]+"`).Find(svg[bytes.Index(svg, []byte("<g id=\"node")):])
	if poly == nil || !bytes.Contains(html, poly) {
		t.Errorf("the report does not inline the architecture SVG that was written (%.60s)", poly)
	}
}

// A second export of the same plan draws nothing again: its diagrams come from the cache,
// byte for byte. After an edit, only the diagrams whose DOT changed are drawn again.
func TestReexportDrawsOnlyWhatChanged(t *testing.T) {
	runs := dottest.CountingDot(t)
	dir := t.TempDir()
	t.Setenv("GOVPLAN_CACHE", filepath.Join(dir, "cache"))
	files := func(out, ext string) map[string][]byte {
		got := map[string][]byte{}
		paths, _ := filepath.Glob(filepath.Join(out, "*"+ext))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got[filepath.Base(p)] = b
		}
		return got
	}
	m := model(t, "bakana", nil)
	n := len(Diagrams(m, "en"))
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	for _, out := range []string{first, second} {
		if err := Write(m, out, "en", AllParts, nil); err != nil {
			t.Fatal(err)
		}
	}
	if runs() != n {
		t.Errorf("two exports ran dot %d times for %d diagrams", runs(), n)
	}
	a, b := files(first, ".svg"), files(second, ".svg")
	if len(a) != n || len(b) != n {
		t.Fatalf("%d and %d SVG files for %d diagrams", len(a), len(b), n)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between the first export and the second", name)
		}
	}
	// The plan starts later: the roadmap changes, the use cases do not.
	edited := model(t, "bakana", func(d *countries.Doc) { d.File.Plan.Start = "2027-01" })
	third := filepath.Join(dir, "third")
	if err := Write(edited, third, "en", AllParts, nil); err != nil {
		t.Fatal(err)
	}
	before, after := files(first, ".dot"), files(third, ".dot")
	changed := 0
	for name, dot := range after {
		if !bytes.Equal(dot, before[name]) {
			changed++
		}
	}
	if changed == 0 || changed == n {
		t.Fatalf("the edit changed %d of %d diagrams; the test needs some changed and some not", changed, n)
	}
	if got := runs() - n; got != changed {
		t.Errorf("after the edit dot ran %d times for %d changed diagrams", got, changed)
	}
}
