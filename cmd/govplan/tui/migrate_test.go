package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

// v100File copies Bakana as it was on govstack-readiness 1.0.0 into a temporary folder.
func v100File(t *testing.T) (path string, src []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "countries", "testdata", "v1.0.0", "bakana.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "bakana.yaml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, src
}

// TestMigrateFromContext: a file on an older framework version is offered the newer built-in
// one (status line on opening, a line under the framework on Context); M asks, n changes
// nothing, y writes what govplan migrate writes and every screen follows the new version;
// ctrl+z puts the file back byte for byte.
func TestMigrateFromContext(t *testing.T) {
	path, src := v100File(t)
	to, _, err := assess.Resolve("govstack-readiness@1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	old, _, _ := assess.Resolve("govstack-readiness@1.0.0")
	m := open(t, path, 100, 30)
	if !strings.Contains(m.c.status, "govstack-readiness@1.1.0 is built in") {
		t.Errorf("no offer when the file opens: %q", m.c.status)
	}
	press(t, m, "shift+tab")
	if m.step != stepContext {
		t.Fatalf("step %v, want Context", m.step)
	}
	if v := m.render(); !strings.Contains(v, "(12 new indicators): M moves this file to it") {
		t.Errorf("Context does not offer the migration:\n%s", v)
	}

	press(t, m, "M")
	if q := m.c.confirm; q == nil || !strings.Contains(q.question, "Move this file to govstack-readiness@1.1.0 (12 new indicators") {
		t.Fatalf("M does not ask first: %+v", q)
	}
	press(t, m, "n")
	if now, _ := os.ReadFile(path); !bytes.Equal(now, src) {
		t.Fatal("the file changed although the question was answered no")
	}

	press(t, m, "M", "y")
	want, err := countries.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := want.Migrate(to); err != nil {
		t.Fatal(err)
	}
	now, _ := os.ReadFile(path)
	if !bytes.Equal(now, want.Src()) {
		t.Errorf("the TUI wrote something else than govplan migrate:\n%s", now)
	}
	if m.c.sess.fw.Ref() != to.Ref() || !strings.Contains(m.c.status, "12 new indicators to answer") {
		t.Errorf("framework %s, status %q", m.c.sess.fw.Ref(), m.c.status)
	}
	if r := m.screens[stepReadiness].(*readiness); len(r.inds) != len(to.Indicators()) {
		t.Errorf("readiness lists %d indicators, want the %d of %s", len(r.inds), len(to.Indicators()), to.Ref())
	}
	if v := m.render(); strings.Contains(v, "M moves this file") || !strings.Contains(v, "govstack-readiness@1.1.0 —") {
		t.Errorf("Context after the move:\n%s", v)
	}
	press(t, m, "M") // nothing newer: no question
	if m.c.confirm != nil {
		t.Error("M asked again on the newest version")
	}

	press(t, m, "ctrl+z")
	if now, _ := os.ReadFile(path); !bytes.Equal(now, src) {
		t.Errorf("ctrl+z did not put the file back:\n%s", now)
	}
	if m.c.sess.fw.Ref() != old.Ref() || len(m.screens[stepReadiness].(*readiness).inds) != len(old.Indicators()) {
		t.Errorf("after undo: framework %s", m.c.sess.fw.Ref())
	}
}

// TestNoMigrationOnTheNewestVersion: a file already on the newest version is offered nothing.
func TestNoMigrationOnTheNewestVersion(t *testing.T) {
	path := sampleFile(t, "bakana")
	before, _ := os.ReadFile(path)
	m := open(t, path, 100, 30)
	press(t, m, "shift+tab", "M")
	if m.c.confirm != nil || strings.Contains(m.render(), "M moves this file") || strings.Contains(m.c.status, "is built in") {
		t.Errorf("offered a migration on the newest version: %q", m.c.status)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Error("the file changed")
	}
}
