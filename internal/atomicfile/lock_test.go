package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestLockDirIsExclusive: two writers that read, add one and write back a counter under the
// folder's lock never lose an increment (on Unix through flock, on Windows through LockFileEx
// on the folder's lock file). Without the lock the read-add-write races.
func TestLockDirIsExclusive(t *testing.T) {
	if !lockSupported {
		t.Skip("no file locks on this system")
	}
	dir := t.TempDir()
	counter := filepath.Join(dir, "n")
	os.WriteFile(counter, []byte("0"), 0o644)
	const writers, rounds = 2, 200
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				unlock := lockDir(dir)
				b, _ := os.ReadFile(counter)
				n, _ := strconv.Atoi(string(b))
				os.WriteFile(counter, []byte(strconv.Itoa(n+1)), 0o644)
				unlock()
			}
		}()
	}
	wg.Wait()
	b, _ := os.ReadFile(counter)
	if got := string(b); got != strconv.Itoa(writers*rounds) {
		t.Fatalf("counter %s after %d increments: the lock let two writers in at once", got, writers*rounds)
	}
}
