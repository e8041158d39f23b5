package diagram

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// go-graphviz is not safe from several goroutines: the built-in renderer must serialise
// them. Run with -race.
func TestSVGConcurrent(t *testing.T) {
	if !hasBuiltin {
		t.Skip("built without go-graphviz")
	}
	SVG := builtinSVG
	m := sampleModel(t, "bakana")
	dots := [][]byte{Architecture(m, "en"), Dependencies(m, "en"), Roadmap(m, "en")}
	want := make([][]byte, len(dots))
	for i, d := range dots {
		var b bytes.Buffer
		if err := SVG(d, &b); err != nil {
			t.Fatal(err)
		}
		want[i] = b.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 24)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 3; r++ {
				i := (g + r) % len(dots)
				var b bytes.Buffer
				if err := SVG(dots[i], &b); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(b.Bytes(), want[i]) {
					errs <- fmt.Errorf("goroutine %d: SVG %d differs from the one drawn alone", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// fakeTools makes a folder with wrappers for the named programs that note their use in
// marks and run the real program.
func fakeTools(t *testing.T, marks string, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		real, err := exec.LookPath(n)
		if err != nil {
			t.Skipf("%s is not installed, so its part of the PNG fallback cannot be tested", n)
		}
		script := fmt.Sprintf("#!/bin/sh\necho %s >> %q\nexec %q \"$@\"\n", n, marks, real)
		if err := os.WriteFile(filepath.Join(dir, n), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPNGFallback(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake tools are shell scripts")
	}
	dot := Architecture(sampleModel(t, "bakana"), "en")
	marks := filepath.Join(t.TempDir(), "used")
	both := fakeTools(t, marks, "dot", "rsvg-convert")
	onlyRsvg := fakeTools(t, marks, "rsvg-convert")
	empty := t.TempDir()
	for _, c := range []struct {
		name, path, used string
	}{
		{"dot first", both, "dot"},
		{"rsvg-convert without dot", onlyRsvg, "rsvg-convert"},
		{"neither", empty, ""},
	} {
		if c.used == "rsvg-convert" && !hasBuiltin {
			c.used = "" // rsvg-convert converts SVG, which only a wasmgraphviz build draws without dot
		}
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("PATH", c.path)
			os.Remove(marks)
			var b bytes.Buffer
			err := PNG(dot, &b)
			used, _ := os.ReadFile(marks)
			if strings.TrimSpace(string(used)) != c.used {
				t.Errorf("used %q, want %q", strings.TrimSpace(string(used)), c.used)
			}
			if c.used == "" {
				if !errors.Is(err, ErrNoPNG) {
					t.Fatalf("err = %v, want ErrNoPNG", err)
				}
				wants := []string{"apt install graphviz", "brew install graphviz", "winget install graphviz"}
				if hasBuiltin {
					wants = append(wants, "librsvg (rsvg-convert)")
				}
				for _, want := range wants {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("the error does not say %q: %v", want, err)
					}
				}
				if b.Len() != 0 {
					t.Error("wrote something without a tool")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if cfg.Width < 1000 || cfg.Height < 400 {
				t.Errorf("PNG is %d×%d, too small to read", cfg.Width, cfg.Height)
			}
		})
	}
}

func BenchmarkRenderSVG(b *testing.B) {
	needRenderer(b)
	dot := Architecture(sampleModel(b, "bakana"), "en")
	if err := SVG(dot, &bytes.Buffer{}); err != nil { // warm up: the renderer is made on first use
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := SVG(dot, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNativeDot(b *testing.B) {
	if _, err := exec.LookPath("dot"); err != nil {
		b.Skip("Graphviz's dot is not installed")
	}
	dot := Architecture(sampleModel(b, "bakana"), "en")
	for b.Loop() {
		if err := NativeSVG(dot, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildDOT(b *testing.B) {
	m := sampleModel(b, "bakana")
	for b.Loop() {
		Architecture(m, "en")
		Dependencies(m, "en")
		Roadmap(m, "en")
		if _, err := UseCase(m, "inst-1", "en"); err != nil {
			b.Fatal(err)
		}
	}
}

// A bold run followed by regular text on the same line is held to the width Graphviz gave it,
// so the space that starts the next run stays visible in any font.
func TestFitRuns(t *testing.T) {
	needRenderer(t)
	in := `<g><text text-anchor="start" x="10" y="-5" font-weight="bold">Mediator</text>
<text text-anchor="start" x="70.5" y="-5">&#160;— the bus</text>
<text text-anchor="start" x="10" y="-20">alone</text></g>`
	out := string(fitRuns([]byte(in)))
	if !strings.Contains(out, `font-weight="bold" textLength="60.50" lengthAdjust="spacingAndGlyphs">Mediator`) {
		t.Errorf("bold run not fitted:\n%s", out)
	}
	if strings.Count(out, "textLength") != 1 {
		t.Errorf("only the run followed on its line should be fitted:\n%s", out)
	}
	// Regression: the architecture diagram's mediator title, drawn by either renderer.
	var b bytes.Buffer
	if err := SVG(Architecture(sampleModel(t, "bakana"), "en"), &b); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`font-weight="bold"[^>]*textLength="[0-9.]+"[^>]*>Information Mediator</text>`).Match(b.Bytes()) {
		t.Error("the mediator's bold title is not fitted to its width")
	}
}

// SVGs draws every diagram of every sample exactly as SVG draws it alone, byte for byte, and
// returns the drawings in the order of the graphs (dot processes start largest first). A
// single dot process reading several graphs lays later graphs out differently (Graphviz keeps
// layout state between graphs: Coralia's roadmap after other graphs, Bakana's land-transfer
// use case after its roadmap and others), so a batched drawing would fail this test.
func TestSVGsSameAsAlone(t *testing.T) {
	needRenderer(t)
	for _, sample := range []string{"bakana", "coralia", "aurelia"} {
		m := sampleModel(t, sample)
		dots := [][]byte{Architecture(m, "en"), Dependencies(m, "en"), Roadmap(m, "en")}
		for _, u := range m.Match.UseCases {
			d, err := UseCase(m, u.UseCase.ID, "en")
			if err != nil {
				t.Fatal(err)
			}
			dots = append(dots, d)
		}
		all, err := SVGs(dots)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(dots) {
			t.Fatalf("%s: %d drawings for %d diagrams", sample, len(all), len(dots))
		}
		for i, d := range dots {
			var b bytes.Buffer
			if err := SVG(d, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), all[i]) {
				t.Errorf("%s: diagram %d drawn with the others differs from the same diagram drawn alone", sample, i)
			}
		}
	}
}

// BenchmarkSVGsBatch draws the nine diagrams of an export, as export does.
func BenchmarkSVGsBatch(b *testing.B) {
	needRenderer(b)
	m := sampleModel(b, "bakana")
	dots := [][]byte{Architecture(m, "en"), Dependencies(m, "en"), Roadmap(m, "en")}
	for _, u := range m.Match.UseCases {
		d, err := UseCase(m, u.UseCase.ID, "en")
		if err != nil {
			b.Fatal(err)
		}
		dots = append(dots, d)
	}
	for b.Loop() {
		if _, err := SVGs(dots); err != nil {
			b.Fatal(err)
		}
	}
}

// dot is found where Graphviz's installers put it when it is not on PATH, and GOVPLAN_DOT
// names another one.
func TestFindDot(t *testing.T) {
	notFound := func(string) (string, error) { return "", exec.ErrNotFound }
	onPath := func(p string) (string, error) {
		if p == "dot" || p == "/opt/gv/bin/dot" {
			return "/usr/bin/" + filepath.Base(p), nil
		}
		return "", exec.ErrNotFound
	}
	only := func(want string) func(string) bool { return func(p string) bool { return p == want } }
	never := func(string) bool { return false }
	t.Setenv("ProgramFiles", `D:\Apps`)
	for _, c := range []struct {
		name, env, goos string
		look            func(string) (string, error)
		isFile          func(string) bool
		want            string
	}{
		{"PATH first", "", "darwin", onPath, only("/opt/homebrew/bin/dot"), "/usr/bin/dot"},
		{"Homebrew on Apple silicon", "", "darwin", notFound, only("/opt/homebrew/bin/dot"), "/opt/homebrew/bin/dot"},
		{"Homebrew on Intel", "", "darwin", notFound, only("/usr/local/bin/dot"), "/usr/local/bin/dot"},
		{"Windows installer", "", "windows", notFound, only(`C:\Program Files\Graphviz\bin\dot.exe`), `C:\Program Files\Graphviz\bin\dot.exe`},
		{"Windows, Program Files elsewhere", "", "windows", notFound, only(`D:\Apps\Graphviz\bin\dot.exe`), `D:\Apps\Graphviz\bin\dot.exe`},
		{"nowhere", "", "linux", notFound, never, ""},
		{"GOVPLAN_DOT", "/opt/gv/bin/dot", "linux", onPath, never, "/usr/bin/dot"},
		{"GOVPLAN_DOT that does not run", "/no/such/dot", "linux", onPath, never, ""},
	} {
		if got := findDot(c.env, c.goos, c.look, c.isFile); got != c.want {
			t.Errorf("%s: found %q, want %q", c.name, got, c.want)
		}
	}
}

// Without dot, a default build draws nothing and says so with ErrNoRenderer; the hint names
// what to install in the reader's language.
func TestNoRenderer(t *testing.T) {
	if hasBuiltin {
		t.Skip("a wasmgraphviz build draws without dot")
	}
	t.Setenv("GOVPLAN_DOT", filepath.Join(t.TempDir(), "no-dot"))
	if CanDraw() {
		t.Fatal("CanDraw with GOVPLAN_DOT naming no program")
	}
	dot := Architecture(sampleModel(t, "bakana"), "en")
	var b bytes.Buffer
	if err := SVG(dot, &b); !errors.Is(err, ErrNoRenderer) || b.Len() > 0 {
		t.Errorf("SVG: err %v, wrote %d bytes; want ErrNoRenderer and nothing", err, b.Len())
	}
	if _, err := SVGs([][]byte{dot, dot}); !errors.Is(err, ErrNoRenderer) {
		t.Errorf("SVGs: err %v, want ErrNoRenderer", err)
	}
	if err := PNG(dot, &b); !errors.Is(err, ErrNoPNG) {
		t.Errorf("PNG: err %v, want ErrNoPNG", err)
	}
	for _, lang := range []string{"en", "fr", "es"} {
		h := NoRendererHint(lang)
		for _, want := range []string{"winget install graphviz", "brew install graphviz", "apt install graphviz", "-tags wasmgraphviz", "GOVPLAN_DOT"} {
			if !strings.Contains(h, want) {
				t.Errorf("%s hint lacks %q: %s", lang, want, h)
			}
		}
		if lang != "en" && h == NoRendererHint("en") {
			t.Errorf("%s hint is not translated", lang)
		}
	}
}
