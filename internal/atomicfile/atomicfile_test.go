package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestReplaceKeepsModeAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.yaml")
	os.WriteFile(p, []byte("old"), 0o600)
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", got, st.Mode().Perm())
	}
	// A failing writer leaves the old file and no temporary file.
	err := WriteFunc(p, 0, func(w io.Writer) error { w.Write([]byte("half")); return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	got, _ = os.ReadFile(p)
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if e.Name() != lockFileName {
			n++
		}
	}
	if string(got) != "new" || n != 1 {
		t.Errorf("after a failed write: %q, %d files", got, n)
	}
}

func TestDevicesAreWrittenNotReplaced(t *testing.T) {
	if err := Write(os.DevNull, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(os.DevNull)
	if err != nil || st.Mode().IsRegular() {
		t.Fatalf("%s became a regular file", os.DevNull)
	}
}
