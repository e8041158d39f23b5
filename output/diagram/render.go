package diagram

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/govplan/govplan/internal/i18n"
)

// nativeDot is the path of Graphviz's dot program, or "" when none is found (or when
// GOVPLAN_DOT=builtin asks for the built-in renderer of a wasmgraphviz build). It is looked
// up again only when GOVPLAN_DOT or PATH changed.
func nativeDot() string {
	key := os.Getenv("GOVPLAN_DOT") + "\x00" + os.Getenv("PATH")
	dotCache.Lock()
	defer dotCache.Unlock()
	if !dotCache.ok || dotCache.key != key {
		dotCache.key, dotCache.ok = key, true
		dotCache.path = findDot(os.Getenv("GOVPLAN_DOT"), runtime.GOOS, exec.LookPath, isFile)
	}
	return dotCache.path
}

var dotCache struct {
	sync.Mutex
	key, path string
	ok        bool
}

// dotPlaces are where Graphviz's installers put dot when it is not on PATH: the Windows
// installer (and winget) under Program Files, Homebrew on Apple silicon and Intel, MacPorts.
var dotPlaces = map[string][]string{
	"windows": {`C:\Program Files\Graphviz\bin\dot.exe`, `C:\Program Files (x86)\Graphviz\bin\dot.exe`},
	"darwin":  {"/opt/homebrew/bin/dot", "/usr/local/bin/dot", "/opt/local/bin/dot"},
}

// findDot finds Graphviz's dot: GOVPLAN_DOT when it names a program, else dot on PATH, else
// the usual install places of the system.
func findDot(env, goos string, lookPath func(string) (string, error), isFile func(string) bool) string {
	switch {
	case env == "builtin" && hasBuiltin:
		return ""
	case env != "" && env != "builtin":
		if p, err := lookPath(env); err == nil {
			return p
		}
		return "" // a GOVPLAN_DOT that does not run is not replaced by another dot
	}
	if p, err := lookPath("dot"); err == nil {
		return p
	}
	places := dotPlaces[goos]
	if goos == "windows" {
		for _, k := range []string{"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"} {
			if v := os.Getenv(k); v != "" {
				sub := `Graphviz\bin\dot.exe`
				if k == "LOCALAPPDATA" {
					sub = `Programs\Graphviz\bin\dot.exe`
				}
				places = append([]string{v + `\` + sub}, places...)
			}
		}
	}
	for _, p := range places {
		if isFile(p) {
			return p
		}
	}
	return ""
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// ErrNoRenderer says no diagram can be drawn: Graphviz's dot is not installed and this
// binary has no built-in renderer. Callers write the DOT instead and show NoRendererHint.
var ErrNoRenderer = errors.New("no diagram renderer: Graphviz's dot was not found")

// CanDraw reports whether SVG can be drawn here: dot was found, or the binary was built
// with -tags wasmgraphviz.
func CanDraw() bool { return nativeDot() != "" || hasBuiltin }

// DotPath is the dot program diagrams are drawn with, or "" when there is none.
func DotPath() string { return nativeDot() }

// NoRendererHint is the one line that says, in lang, what to install to draw diagrams.
func NoRendererHint(lang string) string {
	return i18n.T(lang, "Graphviz is not installed, so diagrams are left as DOT, not drawn: winget install graphviz / brew install graphviz / apt install graphviz (or set GOVPLAN_DOT to its dot program); a govplan built with -tags wasmgraphviz draws them without it")
}

// SVG lays out the DOT and writes SVG to w: with Graphviz's own dot program when it is
// found (or from the cache of what it drew before, see cache.go), else with the built-in
// go-graphviz of a wasmgraphviz build, else ErrNoRenderer.
func SVG(dot []byte, w io.Writer) error {
	var buf bytes.Buffer
	if p := nativeDot(); p != "" {
		args := []string{"-Tsvg"}
		dir := cacheDir()
		key := ""
		if dir != "" {
			key = cacheKey(p, args, dot)
		}
		if kept, ok := cacheGet(dir, key); ok {
			buf.Write(kept)
		} else if err := pipe(p, args, dot, &buf); err != nil {
			return err
		} else {
			cachePut(dir, key, buf.Bytes())
		}
	} else if !hasBuiltin {
		return ErrNoRenderer
	} else if err := builtinSVG(dot, &buf); err != nil {
		return err
	}
	_, err := w.Write(fitRuns(buf.Bytes()))
	return err
}

// SVGs draws several diagrams, largest first, and returns their SVG in the order given (see
// Draw).
func SVGs(dots [][]byte) ([][]byte, error) {
	if !CanDraw() {
		return nil, ErrNoRenderer
	}
	// The largest graphs start first, so that the last process to end is a short one.
	order := make([]int, len(dots))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(dots[order[a]]) > len(dots[order[b]]) })
	drawings := make([]*Drawing, len(dots))
	for _, i := range order {
		drawings[i] = Draw(dots[i])
	}
	out := make([][]byte, len(dots))
	var first error
	for i, d := range drawings {
		var err error
		if out[i], err = d.Wait(); err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}

// Drawing is a diagram being drawn in the background (see Draw).
type Drawing struct {
	dot  []byte
	done chan struct{}
	svg  []byte
	err  error
}

// Draw starts drawing the DOT as SVG, as SVG does, and returns at once; Wait gives the
// result. Each drawing has a dot process of its own, as many at a time as there are cores,
// started in the order Draw was called. One dot process for several graphs would start once
// instead of once per graph, but Graphviz carries layout state from one graph to the next,
// and that state differs from run to run: the same DOT files drawn by
// one `dot -Tsvg -O` give a different roadmap from one run to the next, and none is the
// roadmap drawn alone. A diagram drawn by govplan is the same in every run and every output.
func Draw(dot []byte) *Drawing {
	d := &Drawing{dot: dot, done: make(chan struct{})}
	drawQueue.Lock()
	defer drawQueue.Unlock()
	drawQueue.waiting = append(drawQueue.waiting, d)
	if drawQueue.workers < max(1, runtime.GOMAXPROCS(0)) {
		drawQueue.workers++
		go drawWorker()
	}
	return d
}

// Wait waits for the drawing to end and returns its SVG.
func (d *Drawing) Wait() ([]byte, error) {
	<-d.done
	return d.svg, d.err
}

// drawQueue holds the drawings not yet started, and counts the workers drawing them.
var drawQueue struct {
	sync.Mutex
	waiting []*Drawing
	workers int
}

// drawWorker draws queued drawings one after another until none is left.
func drawWorker() {
	for {
		drawQueue.Lock()
		if len(drawQueue.waiting) == 0 {
			drawQueue.workers--
			drawQueue.Unlock()
			return
		}
		d := drawQueue.waiting[0]
		drawQueue.waiting[0] = nil
		drawQueue.waiting = drawQueue.waiting[1:]
		drawQueue.Unlock()
		var b bytes.Buffer
		if d.err = SVG(d.dot, &b); d.err == nil {
			d.svg = b.Bytes()
		}
		d.dot = nil
		close(d.done)
	}
}

var textRun = regexp.MustCompile(`<text text-anchor="start" x="([-0-9.]+)" y="([-0-9.]+)"([^>]*)>`)

// fitRuns keeps a run of text inside the width Graphviz gave it when another run follows on
// the same line (bold then regular text in an HTML label): a viewer whose font is wider than
// Graphviz's estimate would otherwise draw the first run over the space that starts the
// next ("Mediator— the"). The run gets textLength, so viewers squeeze it to fit.
func fitRuns(svg []byte) []byte {
	ms := textRun.FindAllSubmatchIndex(svg, -1)
	if len(ms) < 2 {
		return svg
	}
	var b bytes.Buffer
	last := 0
	for i, m := range ms {
		if i+1 >= len(ms) || bytes.Contains(svg[m[6]:m[7]], []byte("textLength")) {
			continue
		}
		next := ms[i+1]
		y, ny := svg[m[4]:m[5]], svg[next[4]:next[5]]
		// Only when the next run follows this element directly, on the same line.
		closeAt := bytes.Index(svg[m[1]:], []byte("</text>"))
		if closeAt < 0 || !bytes.Equal(y, ny) {
			continue
		}
		if between := svg[m[1]+closeAt+len("</text>") : next[0]]; len(bytes.TrimSpace(between)) > 0 {
			continue
		}
		x, err1 := strconv.ParseFloat(string(svg[m[2]:m[3]]), 64)
		nx, err2 := strconv.ParseFloat(string(svg[next[2]:next[3]]), 64)
		if err1 != nil || err2 != nil || nx <= x {
			continue
		}
		b.Write(svg[last:m[7]])
		fmt.Fprintf(&b, ` textLength="%.2f" lengthAdjust="spacingAndGlyphs"`, nx-x)
		last = m[7]
	}
	b.Write(svg[last:])
	return b.Bytes()
}

// ErrNoPNG says PNG needs a program that is not installed: Graphviz's dot, or (in a
// wasmgraphviz build, which draws SVG itself) librsvg's rsvg-convert.
var ErrNoPNG = errors.New(noPNG)

// PNG writes the diagram as PNG: with Graphviz's dot when it is found, else (in a
// wasmgraphviz build) by converting go-graphviz's SVG with rsvg-convert when that is on PATH,
// else ErrNoPNG, which names what to install.
func PNG(dot []byte, w io.Writer) error {
	if p := nativeDot(); p != "" {
		return pipe(p, []string{"-Tpng", "-Gdpi=144"}, dot, w)
	}
	if p, err := exec.LookPath("rsvg-convert"); err == nil && hasBuiltin {
		var svg bytes.Buffer
		if err := SVG(dot, &svg); err != nil {
			return err
		}
		return pipe(p, []string{"--format", "png", "--zoom", "2", "--background-color", "white"}, svg.Bytes(), w)
	}
	return ErrNoPNG
}

// NativeSVG writes SVG made by Graphviz's dot program (for comparison and as a check).
func NativeSVG(dot []byte, w io.Writer) error {
	p := nativeDot()
	if p == "" {
		return ErrNoRenderer
	}
	return pipe(p, []string{"-Tsvg"}, dot, w)
}

// pipe runs a program with in on stdin; its output goes to w only when it succeeds.
func pipe(prog string, args []string, in []byte, w io.Writer) error {
	var out, errOut bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		msg := bytes.TrimSpace(errOut.Bytes())
		if len(msg) > 300 {
			msg = append(msg[:300], "…"...)
		}
		return fmt.Errorf("%s failed: %v: %s", prog, err, msg)
	}
	_, err := w.Write(out.Bytes())
	return err
}
