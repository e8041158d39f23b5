//go:build wasmgraphviz

package diagram

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/govplan/govplan/output/diagram/internal/wasmcache"
)

// The wasmcache package must be initialised before go-graphviz compiles its WebAssembly, so
// the compiled code lands in the user cache folder; the environment is put back after; and a
// user without a usable cache folder still runs (go-graphviz alone panics when its folder in
// /tmp belongs to someone else). Checked in fresh processes of this test binary.
func TestWasmCacheInit(t *testing.T) {
	if os.Getenv("GOVPLAN_WASMCACHE_CHILD") == "1" {
		fmt.Printf("TMPDIR=%s\nDIR=%s\n", os.Getenv("TMPDIR"), wasmcache.Dir)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("checks TMPDIR and XDG_CACHE_HOME")
	}
	child := func(env ...string) (stdout, stderr string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWasmCacheInit$", "-test.count=1")
		cmd.Env = append(os.Environ(), append([]string{"GOVPLAN_WASMCACHE_CHILD=1", "GODEBUG=inittrace=1",
			"TMPDIR=/tmp/govplan-test-tmpdir-kept"}, env...)...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v\n%s", err, errOut.String())
		}
		return out.String(), errOut.String()
	}

	cache := t.TempDir()
	out, trace := child("XDG_CACHE_HOME="+cache, "HOME="+cache)
	ours := strings.Index(trace, "init github.com/govplan/govplan/output/diagram/internal/wasmcache ")
	theirs := strings.Index(trace, "init github.com/goccy/go-graphviz/internal/wasm ")
	if ours < 0 || theirs < 0 || ours > theirs {
		t.Errorf("wasmcache is not initialised before go-graphviz's internal/wasm (positions %d, %d)", ours, theirs)
	}
	if !strings.Contains(out, "TMPDIR=/tmp/govplan-test-tmpdir-kept\n") {
		t.Errorf("TMPDIR was not restored: %s", out)
	}
	dir := filepath.Join(cache, "govplan")
	if !strings.Contains(out, "DIR="+dir+"\n") {
		t.Errorf("wasmcache.Dir is not %s: %s", dir, out)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "go-graphviz"))
	if err != nil || len(entries) == 0 {
		t.Errorf("go-graphviz did not cache its compiled code in %s: %v", dir, err)
	}

	// No usable cache folder (HOME is a file): no cache, no failure.
	file := filepath.Join(t.TempDir(), "home")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ = child("XDG_CACHE_HOME=", "HOME="+file)
	if !strings.Contains(out, "TMPDIR=/tmp/govplan-test-tmpdir-kept\nDIR=\n") {
		t.Errorf("without a cache folder: %s", out)
	}
}
