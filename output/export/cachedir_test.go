package export

import (
	"os"
	"testing"
)

// TestMain gives this package's tests (and the govplan processes they start) a diagram cache
// folder of their own, removed at the end, instead of the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "govplan-test-cache-")
	if err == nil {
		os.Setenv("GOVPLAN_CACHE", dir)
	}
	code := m.Run()
	if err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
