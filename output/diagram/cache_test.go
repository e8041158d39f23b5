package diagram

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/output/diagram/dottest"
)

// TestMain keeps the tests' drawings out of the user's cache folder: each test that wants
// the cache names a folder of its own.
func TestMain(m *testing.M) {
	os.Setenv("GOVPLAN_CACHE", "off")
	os.Exit(m.Run())
}

func draw(t *testing.T, dot []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SVG(dot, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A diagram drawn a second time comes from the cache, byte for byte, without a dot process;
// a changed DOT, or another dot program, is drawn again; with GOVPLAN_CACHE=off nothing is
// kept.
func TestCacheDrawsOnce(t *testing.T) {
	runs := dottest.CountingDot(t)
	cache := t.TempDir()
	t.Setenv("GOVPLAN_CACHE", cache)
	m := sampleModel(t, "bakana")
	arch := Architecture(m, "en")
	first := draw(t, arch)
	if runs() != 1 {
		t.Fatalf("dot ran %d times for one drawing", runs())
	}
	if again := draw(t, arch); !bytes.Equal(again, first) || runs() != 1 {
		t.Errorf("second drawing: same bytes %v, dot runs %d (want 1)", bytes.Equal(again, first), runs())
	}
	changed := bytes.Replace(arch, []byte("Republic of Bakana"), []byte("Republic of Bakana (draft)"), 1)
	if bytes.Equal(changed, arch) {
		t.Fatal("the edit did not change the DOT")
	}
	if draw(t, changed); runs() != 2 {
		t.Errorf("a changed DOT was not drawn again (%d runs)", runs())
	}
	// Graphviz upgraded: the same path, another program.
	wrapper := os.Getenv("GOVPLAN_DOT")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(wrapper, later, later); err != nil {
		t.Fatal(err)
	}
	if draw(t, arch); runs() != 3 {
		t.Errorf("another dot program did not draw again (%d runs)", runs())
	}
	t.Setenv("GOVPLAN_CACHE", "off")
	off := draw(t, arch)
	if runs() != 4 || !bytes.Equal(off, first) {
		t.Errorf("with the cache off: %d runs (want 4), same drawing %v", runs(), bytes.Equal(off, first))
	}
}

// A torn or edited entry is never used: the diagram is drawn again and the entry rewritten.
func TestCacheRefusesDamagedEntries(t *testing.T) {
	runs := dottest.CountingDot(t)
	cache := t.TempDir()
	t.Setenv("GOVPLAN_CACHE", cache)
	dot := Architecture(sampleModel(t, "bakana"), "en")
	want := draw(t, dot)
	entries, _ := filepath.Glob(filepath.Join(cache, "svg", "*"+cacheSuffix))
	if len(entries) != 1 {
		t.Fatalf("%d entries after one drawing", len(entries))
	}
	whole, err := os.ReadFile(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, damage := range [][]byte{
		whole[:len(whole)/2], // torn
		bytes.Replace(whole, []byte("<svg"), []byte("<svG"), 1), // edited
		[]byte("<svg/>"), // no checksum
		nil,              // empty
	} {
		if err := os.WriteFile(entries[0], damage, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := draw(t, dot); !bytes.Equal(got, want) {
			t.Errorf("damage %d: the drawing differs from dot's", i)
		}
		if runs() != 2+i {
			t.Errorf("damage %d: dot ran %d times, want %d (the entry must not be used)", i, runs(), 2+i)
		}
		if back, _ := os.ReadFile(entries[0]); !bytes.Equal(back, whole) {
			t.Errorf("damage %d: the entry was not written again whole", i)
		}
	}
}

// A cache folder that cannot be written does not stop a drawing.
func TestCacheUnwritable(t *testing.T) {
	runs := dottest.CountingDot(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOVPLAN_CACHE", file) // a file where the folder should be
	dot := Architecture(sampleModel(t, "bakana"), "en")
	a, b := draw(t, dot), draw(t, dot)
	if !bytes.Equal(a, b) || runs() != 2 || !bytes.Contains(a, []byte("<svg")) {
		t.Errorf("drawings equal %v, %d runs (want 2)", bytes.Equal(a, b), runs())
	}
}

// The folder is pruned to three quarters of its limits, least recently used first; old
// temporary files go, fresh ones (another process writing) stay.
func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	base := time.Now().Add(-48 * time.Hour)
	for i := range 10 {
		p := filepath.Join(dir, fmt.Sprintf("e%02d%s", i, cacheSuffix))
		if err := os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o600); err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Duration(i) * time.Minute)
		os.Chtimes(p, at, at)
	}
	oldTmp, newTmp := filepath.Join(dir, ".tmp-old"), filepath.Join(dir, ".tmp-new")
	os.WriteFile(oldTmp, nil, 0o600)
	os.Chtimes(oldTmp, base, base)
	os.WriteFile(newTmp, nil, 0o600)
	pruneCache(dir, 8, 1<<20)
	for i := range 10 {
		_, err := os.Stat(filepath.Join(dir, fmt.Sprintf("e%02d%s", i, cacheSuffix)))
		if kept := err == nil; kept != (i >= 4) {
			t.Errorf("entry %d kept %v (8 entries allowed: the 6 most recently used stay)", i, kept)
		}
	}
	if _, err := os.Stat(oldTmp); err == nil {
		t.Error("an old temporary file was left")
	}
	if _, err := os.Stat(newTmp); err != nil {
		t.Error("a fresh temporary file (another process writing) was removed")
	}
	// By size: 6 entries of 100 bytes, 400 allowed: 3 stay.
	pruneCache(dir, 100, 400)
	left, _ := filepath.Glob(filepath.Join(dir, "*"+cacheSuffix))
	if len(left) != 3 {
		t.Errorf("%d entries left, want 3", len(left))
	}
}
