//go:build unix

package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/termtext"
)

// onlyStyles matches what a frame may hold besides text: SGR colour sequences.
var onlyStyles = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// TestHostileFileNamesOnTheStartScreen: file names with escape sequences and control
// characters, an unreadable file whose error quotes such a name, and a FIFO in the folder.
// The start screen opens at once and shows every name cleaned.
func TestHostileFileNamesOnTheStartScreen(t *testing.T) {
	dir := t.TempDir()
	src, _ := countries.SampleSource("bakana")
	evil := "evil\x1b]0;PWNED\x07\x1b[2J\r\u009b2Jname.yaml"
	if err := os.WriteFile(filepath.Join(dir, evil), src, 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "bad\x1b[?1049h\x1b[31m.yaml"), []byte("schema: 1\ncountry: [\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *Model, 1)
	go func() {
		m, err := New(Options{Dir: dir, Lang: "en"})
		if err != nil {
			t.Error(err)
		}
		done <- m
	}()
	var m *Model
	select {
	case m = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the start screen waits on a FIFO in the folder")
	}
	if m == nil {
		return
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	s := m.screens[stepStart].(*start)
	var labels []string
	for _, it := range s.items {
		labels = append(labels, it.label("en"))
		for _, text := range []string{it.label("en"), it.detail("en")} {
			if !termtext.Safe(text) {
				t.Errorf("start screen text not cleaned: %q", text)
			}
		}
	}
	joined := strings.Join(labels, "|")
	if !strings.Contains(joined, "evilname.yaml") || !strings.Contains(joined, "bad.yaml") {
		t.Errorf("names not listed cleaned: %q", joined)
	}
	frame := m.View().Content
	if rest := onlyStyles.ReplaceAllString(frame, ""); !termtext.Safe(rest) {
		t.Errorf("the frame holds escapes other than colours: %q", rest)
	}
	if !strings.Contains(frame, "evilname.yaml") {
		t.Errorf("the frame does not show the cleaned name:\n%s", frame)
	}

	// An error that quotes the name, and a paste holding escapes.
	m.c.sayErr(&os.PathError{Op: "open", Path: filepath.Join(dir, evil), Err: os.ErrPermission})
	if !termtext.Safe(m.c.status) {
		t.Errorf("status not cleaned: %q", m.c.status)
	}
	press(t, m, "n")
	m.Update(tea.PasteMsg{Content: "Republic\x1b]0;T\x07 of\x1b[2J Z"})
	if v := s.form.value(0); v != "Republic of Z" {
		t.Errorf("pasted %q", v)
	}
}

// TestExportScreenAllOrNothing: when one file of a finished export cannot be moved into the
// folder (a folder stands in its place), the files already moved are taken back: the folder
// holds what it held, and the message says nothing was written.
func TestExportScreenAllOrNothing(t *testing.T) {
	path := sampleFile(t, "bakana")
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(filepath.Join(out, "b.txt"), 0o755)
	os.WriteFile(filepath.Join(out, "a.txt"), []byte("old"), 0o644)
	m, err := New(Options{Path: path, Dir: filepath.Dir(path), Lang: "fr",
		ExportParts: []ExportPart{{ID: "a", Default: true}},
		Export: func(_ *countries.Model, dir string, _ []string, wrote func(string)) error {
			for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
				p := filepath.Join(dir, n)
				os.WriteFile(p, []byte("new"), 0o644)
				wrote(p)
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.step = stepExport
	m.screens[stepExport].(*exportScreen).folder.SetValue(out)
	_, cmd := m.Update(keyMsg("enter"))
	drain(m, cmd)
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a.txt")); string(got) != "old" || len(entries) != 2 {
		t.Errorf("after a failed move the folder holds %v, a.txt %q", names, got)
	}
	if !strings.Contains(m.c.status, "rien n'a donc été écrit") || !strings.Contains(m.c.status, "est un dossier") {
		t.Errorf("status %q", m.c.status)
	}
}
