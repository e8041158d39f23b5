package countries

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestTwoWritersNeverLoseAChange runs two writers that each make 200 changes to one file, each
// change loaded, edited and saved as govplan does it (CLI, TUI or server). A writer whose save
// finds the file changed since it loaded it reloads and tries again. Every one of the 400
// changes must be in the file at the end, and every save that reported success must have kept
// its change.
func TestTwoWritersNeverLoseAChange(t *testing.T) {
	writers, changes := 2, 200
	if testing.Short() {
		changes = 40
	}
	src := []byte("schema: 1\ncountry: {name: Republic of X, iso3: XRX}\nassessment: {framework: govstack-readiness@1.0.0, date: 2026-03-14}\nministries:\n  - {id: ict, name: ICT}\n")
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	saved := make([]int, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < changes; i++ {
				for attempt := 0; ; attempt++ {
					if attempt > 1000 {
						errs <- fmt.Errorf("writer %d change %d: never saved", w, i)
						return
					}
					d, err := Load(path)
					if err != nil {
						errs <- fmt.Errorf("writer %d: the file became unreadable: %v", w, err)
						return
					}
					id := fmt.Sprintf("w%d-c%d", w, i)
					if err := d.Append([]any{"ministries"}, map[string]string{"id": id, "name": id}); err != nil {
						errs <- err
						return
					}
					err = d.Save()
					if errors.Is(err, ErrChangedOnDisk) {
						continue
					}
					if err != nil {
						errs <- err
						return
					}
					saved[w]++
					break
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	have := d.File.MinistryIDs()
	lost := 0
	for w := 0; w < writers; w++ {
		if saved[w] != changes {
			t.Errorf("writer %d saved %d changes, want %d", w, saved[w], changes)
		}
		for i := 0; i < changes; i++ {
			if !have[fmt.Sprintf("w%d-c%d", w, i)] {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d saved changes were lost", lost, writers*changes)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestSaveThroughSymlink: a country file named through a symbolic link is saved into the
// link's target, and the link stays a link.
func TestSaveThroughSymlink(t *testing.T) {
	src, _ := SampleSource("coralia")
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(real, src, 0o640)
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	d, err := Load(link)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Append([]any{"ministries"}, map[string]string{"id": "via-link", "name": "Via link"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(link)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a regular file")
	}
	got, _ := os.ReadFile(real)
	if !strings.Contains(string(got), "via-link") {
		t.Fatal("the link's target was not updated")
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o640 {
		t.Errorf("target mode changed to %v", st.Mode().Perm())
	}
}

// TestStaleTempFilesRemoved: temporary files of a writer killed before its rename are
// removed by the next save of that file (and only that file's).
func TestStaleTempFilesRemoved(t *testing.T) {
	src, _ := SampleSource("coralia")
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, src, 0o644)
	stale := filepath.Join(dir, ".c.yaml.tmp-123456")
	other := filepath.Join(dir, ".d.yaml.tmp-123456")
	os.WriteFile(stale, []byte("half"), 0o644)
	os.WriteFile(other, []byte("half"), 0o644)
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d.Append([]any{"ministries"}, map[string]string{"id": "x", "name": "X"})
	if err := d.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale temporary file of c.yaml is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("the temporary file of another file was removed")
	}
}
