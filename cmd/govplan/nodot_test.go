package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/output/diagram"
)

// noDot makes this process find no Graphviz (GOVPLAN_DOT names a program that does not
// exist), and skips in a wasmgraphviz build, which draws without it.
func noDot(t *testing.T) {
	t.Helper()
	t.Setenv("GOVPLAN_DOT", filepath.Join(t.TempDir(), "no-dot"))
	if diagram.CanDraw() {
		t.Skip("a wasmgraphviz build draws diagrams without Graphviz")
	}
}

// Without Graphviz nothing breaks: export writes the DOT of every diagram (no SVG), the HTML
// report shows a placeholder for each picture, and one line says what to install.
func TestExportWithoutGraphviz(t *testing.T) {
	noDot(t)
	for _, lang := range []string{"en", "fr"} {
		dir := t.TempDir()
		_, stderr, code := runCLI(t, "export", "--sample", "bakana", "-o", dir, "--lang", lang)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		if want := diagram.NoRendererHint(lang); strings.Count(stderr, want) != 1 {
			t.Errorf("%s: the install hint is not said once:\n%s", lang, stderr)
		}
		dots, _ := filepath.Glob(filepath.Join(dir, "*.dot"))
		svgs, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
		if len(dots) < 4 || len(svgs) != 0 {
			t.Errorf("%s: %d DOT and %d SVG files, want every diagram as DOT and no SVG", lang, len(dots), len(svgs))
		}
		html, err := os.ReadFile(filepath.Join(dir, "republic-of-bakana-report.html"))
		if err != nil {
			t.Fatal(err)
		}
		// The report shows 7 of bakana's 9 diagrams (drawn, each is an svg.diagram).
		if n := strings.Count(string(html), `class="diagram-missing"`); n != 7 || strings.Contains(string(html), `class="diagram"`) {
			t.Errorf("%s: %d placeholders in the HTML report, want one for each of its 7 pictures", lang, n)
		}
		md, err := os.ReadFile(filepath.Join(dir, "republic-of-bakana-report.md"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(md), ".svg") {
			t.Errorf("%s: the Markdown report links SVG files that were not written", lang)
		}
	}
}

// diagram --format svg without Graphviz writes the DOT where the SVG would have gone.
func TestDiagramWithoutGraphviz(t *testing.T) {
	noDot(t)
	dir := t.TempDir()
	_, stderr, code := runCLI(t, "diagram", "--sample", "bakana", "-o", filepath.Join(dir, "arch.svg"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "apt install graphviz") || !strings.Contains(stderr, "arch.dot") {
		t.Errorf("stderr does not say what was written and what to install:\n%s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "arch.dot"))
	if err != nil || !strings.HasPrefix(string(b), "digraph") {
		t.Errorf("arch.dot: %v %.40q", err, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "arch.svg")); err == nil {
		t.Error("arch.svg was written without a renderer")
	}
	stdout, _, code := runCLI(t, "diagram", "--sample", "bakana")
	if code != 0 || !strings.HasPrefix(stdout, "digraph") {
		t.Errorf("to stdout: exit %d, %.40q; want the DOT", code, stdout)
	}
	// PNG was asked for explicitly: an error that names what to install.
	_, stderr, code = runCLI(t, "diagram", "--sample", "bakana", "--format", "png", "-o", filepath.Join(dir, "a.png"))
	if code == 0 || !strings.Contains(stderr, "install graphviz") {
		t.Errorf("png: exit %d: %s", code, stderr)
	}
}

// report without Graphviz: HTML with placeholders, Markdown with its DOT files beside it.
func TestReportWithoutGraphviz(t *testing.T) {
	noDot(t)
	dir := t.TempDir()
	stdout, stderr, code := runCLI(t, "report", "--sample", "bakana", "--format", "html")
	if code != 0 || !strings.Contains(stdout, `class="diagram-missing"`) || !strings.Contains(stderr, "apt install graphviz") {
		t.Errorf("html: exit %d, placeholder %v: %s", code, strings.Contains(stdout, "diagram-missing"), stderr)
	}
	_, stderr, code = runCLI(t, "report", "--sample", "bakana", "--format", "md", "-o", filepath.Join(dir, "r.md"))
	if code != 0 {
		t.Fatalf("md: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "r-architecture.dot")); err != nil {
		t.Errorf("md: the DOT is not beside the report: %v", err)
	}
}

// demo's "Where to look" names only files it wrote: without Graphviz, the architecture's DOT
// and the HTML report, not an SVG that is not there.
func TestDemoWithoutGraphvizNamesWrittenFiles(t *testing.T) {
	noDot(t)
	dir := filepath.Join(t.TempDir(), "demo")
	stdout, stderr, code := runCLI(t, "demo", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	named := 0
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], dir) {
			continue
		}
		named++
		if _, err := os.Stat(f[0]); err != nil {
			t.Errorf("demo names %s, which it did not write", f[0])
		}
	}
	if named < 3 || !strings.Contains(stdout, "-architecture.dot") || !strings.Contains(stdout, "-report.html") {
		t.Errorf("demo names %d files:\n%s", named, stdout)
	}
}
