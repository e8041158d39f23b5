//go:build nographviz

package diagram

import (
	"errors"
	"io"
)

// hasBuiltin says this binary can draw SVG without Graphviz installed: built with the
// nographviz tag, it cannot, and starts faster for it (go-graphviz compiles its WebAssembly
// in every process of a binary that links it).
const hasBuiltin = false

// errNoBuiltin says SVG needs Graphviz in a binary built without go-graphviz.
var errNoBuiltin = errors.New("this govplan was built without its own Graphviz (tag nographviz): install Graphviz (apt install graphviz / brew install graphviz / winget install graphviz) to draw diagrams")

func builtinSVG(dot []byte, w io.Writer) error { return errNoBuiltin }
