package diagram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/govplan/govplan/output/diagram/internal/wasmcache"
)

func init() {
	// go-graphviz has initialised (this package imports it): give TMPDIR back.
	wasmcache.Restore()
}

// The one go-graphviz renderer. go-graphviz is not safe from several goroutines, not even
// with separate instances (they share one WebAssembly module), so every call into it holds mu.
// The instance is made on the first render: commands that draw nothing never create it.
var renderer struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
}

// SVG lays out the DOT with go-graphviz (no Graphviz install needed) and writes SVG to w.
// Only SVG: go-graphviz's PNG output is wrong and its RenderFilename is broken.
func SVG(dot []byte, w io.Writer) error {
	var buf bytes.Buffer
	if err := renderSVG(dot, &buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// renderSVG holds the lock only while go-graphviz works; the caller writes the result after.
func renderSVG(dot []byte, w io.Writer) error {
	renderer.mu.Lock()
	defer renderer.mu.Unlock()
	ctx := context.Background()
	if renderer.gv == nil {
		gv, err := graphviz.New(ctx)
		if err != nil {
			return fmt.Errorf("starting the diagram renderer: %w", err)
		}
		renderer.gv = gv
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("reading the diagram: %w", err)
	}
	defer g.Close()
	if err := renderer.gv.Render(ctx, g, graphviz.SVG, w); err != nil {
		return fmt.Errorf("drawing the diagram: %w", err)
	}
	return nil
}

// ErrNoPNG says PNG needs a program that is not installed.
var ErrNoPNG = errors.New("PNG needs Graphviz's dot or rsvg-convert: install Graphviz (apt install graphviz / brew install graphviz / winget install graphviz) or librsvg (rsvg-convert), or use --format svg")

// PNG writes the diagram as PNG: with Graphviz's dot when it is on PATH, else by converting
// go-graphviz's SVG with rsvg-convert when that is, else ErrNoPNG, which names what to install.
func PNG(dot []byte, w io.Writer) error {
	if p, err := exec.LookPath("dot"); err == nil {
		return pipe(p, []string{"-Tpng", "-Gdpi=144"}, dot, w)
	}
	if p, err := exec.LookPath("rsvg-convert"); err == nil {
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
	p, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("the Graphviz dot program is not installed: %w", err)
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
