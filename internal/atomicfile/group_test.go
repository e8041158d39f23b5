package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A group of more files than may await their flush at once is written whole: each file has
// its content once committed, and no temporary folder stays behind.
func TestGroupFlushesEveryFile(t *testing.T) {
	dir := t.TempDir()
	g, err := NewGroup(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 3*maxFlushing + 1
	for i := range n {
		name := fmt.Sprintf("f%03d.txt", i)
		if err := g.Write(name, func(w io.Writer) error { _, err := fmt.Fprintf(w, "file %d", i); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Commit(false); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != n {
		t.Fatalf("%d entries in the folder, want %d", len(entries), n)
	}
	for i := range n {
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("f%03d.txt", i)))
		if err != nil || string(data) != fmt.Sprintf("file %d", i) {
			t.Errorf("file %d: %q, %v", i, data, err)
		}
	}
}

// Abort waits for the files in flight and leaves the folder as it was.
func TestGroupAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	g, err := NewGroup(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxFlushing + 2 {
		if err := g.Write(fmt.Sprintf("f%d", i), func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
			t.Fatal(err)
		}
	}
	g.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Abort left %d entries", len(entries))
	}
}

// A file that could not be flushed is reported by Commit under its own name, and Reason says
// it without the temporary folder.
func TestFlushFailureReason(t *testing.T) {
	err := &CommitError{Target: "/out/x.svg", Op: OpWrite, Err: &os.PathError{Op: "sync", Path: "/out/.govplan-tmp-1/x.svg", Err: errors.New("input/output error")}}
	if r := Reason("en", err); r != "writing /out/x.svg: input/output error" || strings.Contains(r, "govplan-tmp") {
		t.Errorf("Reason = %q", r)
	}
}
