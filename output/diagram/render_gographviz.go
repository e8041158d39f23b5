//go:build wasmgraphviz

package diagram

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/govplan/govplan/output/diagram/internal/wasmcache"
)

func init() {
	// go-graphviz has initialised (this package imports it): give TMPDIR back.
	wasmcache.Restore()
}

// hasBuiltin says this binary can draw SVG without Graphviz installed: built with
// -tags wasmgraphviz, it links go-graphviz (Graphviz compiled to WebAssembly).
const hasBuiltin = true

const noPNG = "PNG needs Graphviz's dot or rsvg-convert: install Graphviz (winget install graphviz / brew install graphviz / apt install graphviz) or librsvg (rsvg-convert), or use --format svg"

// The one go-graphviz renderer. go-graphviz is not safe from several goroutines, not even
// with separate instances (they share one WebAssembly module), so every call into it holds mu.
// The instance is made on the first render: commands that draw nothing never create it.
var renderer struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
}

// builtinSVG lays out the DOT with go-graphviz and writes SVG to w, holding the lock only
// while go-graphviz works.
func builtinSVG(dot []byte, w io.Writer) error {
	renderer.mu.Lock()
	defer renderer.mu.Unlock()
	ctx := context.Background()
	if renderer.gv == nil {
		// No plugins: SVG is Graphviz's own renderer; go-graphviz's default plugins add PNG and
		// JPEG renderers written with Go image libraries, which govplan never uses (its PNG
		// comes from dot or rsvg-convert). Left out, most of that code leaves the binary.
		gv, err := graphviz.NewWithPlugins(ctx)
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
