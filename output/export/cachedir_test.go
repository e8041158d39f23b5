package export

import (
	"os"
	"testing"

	"github.com/govplan/govplan/output/diagram/dottest"
)

// TestMain gives this package's tests (and the govplan processes they start) a diagram cache
// folder of their own instead of the user's.
func TestMain(m *testing.M) { os.Exit(dottest.RunWithOwnCache(m)) }
