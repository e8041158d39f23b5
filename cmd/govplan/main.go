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

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
