// Package buildinfo says which govplan this is, from the information Go records in the binary.
package buildinfo

import (
	"runtime/debug"
	"sync"
)

var version = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "dev"
	}
	return bi.Main.Version
})

// Version is the module version govplan was built as ("v1.2.0"), or "dev" for a build from a
// source tree.
func Version() string { return version() }
