// Command govplan assesses a country's digital-government readiness, matches its service needs
// to GovStack building blocks, plans a costed roadmap, and exports what people present. With no
// arguments it opens the workshop terminal UI.
package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is a soft limit for the garbage collector: hostile input (an 8 MiB file of
// 600,000 keys) stays well under 600 MB instead of doubling its live heap. GOMEMLIMIT wins.
const memoryLimit = 400 << 20

// gcPercent lets the heap grow 4× between collections instead of 2× (GOGC=100): commands
// parse several hundred KB of YAML at start and would otherwise collect a dozen times while
// their heap grows from nothing, a quarter of their CPU. memoryLimit still bounds the heap.
// GOGC wins.
const gcPercent = 400

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
