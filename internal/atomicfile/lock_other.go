//go:build !unix && !windows

package atomicfile

const lockSupported = false

// lockDir does nothing where flock is not available; the compare-and-swap of Check still
// narrows the window between two writers to the rename itself.
func lockDir(dir string) func() { return func() {} }
