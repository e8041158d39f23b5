package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrateCommand(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "countries", "testdata", "v1.0.0", "bakana.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "bakana.yaml")
	os.WriteFile(p, src, 0o644)

	// --dry-run prints and changes nothing.
	out := runOK(t, "migrate", p, "--to", "govstack-readiness@1.1.0", "--dry-run")
	if !strings.Contains(out, "framework: govstack-readiness@1.1.0") || !strings.Contains(out, "  systems.hrmis: {}\n") {
		t.Errorf("dry run output lacks the new framework or indicators")
	}
	if now, _ := os.ReadFile(p); string(now) != string(src) {
		t.Error("--dry-run changed the file")
	}
	// -o writes elsewhere; in place rewrites the file; both validate and score.
	o := filepath.Join(dir, "new.yaml")
	_, stderr, code := runCLI(t, "migrate", p, "--to", "govstack-readiness@1.1.0", "-o", o)
	if code != 0 || !strings.Contains(stderr, "new indicators to answer: 12") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	runOK(t, "validate", o)
	_, _, code = runCLI(t, "migrate", p, "--to", "govstack-readiness@1.1.0")
	if code != 0 {
		t.Fatalf("in place: exit %d", code)
	}
	a, _ := os.ReadFile(p)
	b, _ := os.ReadFile(o)
	if string(a) != string(b) {
		t.Error("in-place and -o results differ")
	}
	if out := runOK(t, "score", p); !strings.Contains(out, "govstack-readiness@1.1.0") {
		t.Errorf("score after migration:\n%s", out)
	}
	// Errors are input errors (exit 2) with a clear message.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate", p}, "--to is required"},
		{[]string{"migrate", p, "--to", "govstack-readiness@1.0.0"}, "older version"},
		{[]string{"migrate", p, "--to", "egdi"}, `not to "egdi"`},
		{[]string{"migrate", p, "--to", "nope"}, "unknown framework"},
		{[]string{"migrate", filepath.Join(dir, "missing.yaml"), "--to", "govstack-readiness@1.1.0"}, "missing.yaml"},
		{[]string{"migrate", p, "--to", "govstack-readiness@1.1.0", "-o", o}, "already exists"},
	} {
		_, stderr, code := runCLI(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, stderr, tt.want)
		}
	}
}
