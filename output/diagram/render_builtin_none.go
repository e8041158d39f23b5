//go:build !wasmgraphviz

package diagram

import "io"

// hasBuiltin says this binary can draw SVG without Graphviz installed. The default build
// cannot: go-graphviz compiles its WebAssembly in a package init, in every process of a
// binary that links it (about 25–60 ms on each start, 0.7 s on the first), whatever the
// command. Build with -tags wasmgraphviz for a binary that draws without Graphviz.
const hasBuiltin = false

const noPNG = "PNG needs Graphviz's dot: install Graphviz (winget install graphviz / brew install graphviz / apt install graphviz), or use --format svg or dot"

func builtinSVG(dot []byte, w io.Writer) error { return ErrNoRenderer }
