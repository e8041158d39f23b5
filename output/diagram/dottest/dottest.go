// Package dottest holds what tests that draw diagrams share: a diagram cache folder of their
// own, and a Graphviz dot that counts its runs.
package dottest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// RunWithOwnCache runs a package's tests with a diagram cache folder of their own (removed at
// the end) instead of the user's, for them and for the govplan processes they start. Call it
// from TestMain: os.Exit(dottest.RunWithOwnCache(m)).
func RunWithOwnCache(m *testing.M) int {
	dir, err := os.MkdirTemp("", "govplan-test-cache-")
	if err != nil {
		return m.Run()
	}
	defer os.RemoveAll(dir)
	os.Setenv("GOVPLAN_CACHE", dir)
	return m.Run()
}

// CountingDot puts on GOVPLAN_DOT (for this test) a dot that runs Graphviz's and counts its
// runs, and returns a function that reads the count. It skips the test without Graphviz or a
// POSIX shell.
func CountingDot(t *testing.T) func() int {
	t.Helper()
	real, err := exec.LookPath("dot")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("needs Graphviz's dot and a shell")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "calls")
	wrapper := filepath.Join(dir, "dot")
	script := fmt.Sprintf("#!/bin/sh\necho x >> %q\nexec %q \"$@\"\n", log, real)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOVPLAN_DOT", wrapper)
	return func() int {
		b, _ := os.ReadFile(log)
		return bytes.Count(b, []byte("x"))
	}
}
