//go:build !unix

package main

import "testing"

// mkfifo skips: named pipes are a Unix thing.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skip("no FIFOs on this system")
}
