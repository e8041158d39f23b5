package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock moves on by step at every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

// compareWithTerminal runs compare on a folder of n files with stderr taken for a terminal
// (terminal true) or not, and a clock that runs 50 ms per reading; it returns raw stderr.
func compareWithTerminal(t *testing.T, terminal bool, n int, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	writeBenchFiles(t, dir, n)
	var out, errOut bytes.Buffer
	tune := func(a *app) {
		a.errTerminal = func() bool { return terminal }
		a.clock = fakeClock(50 * time.Millisecond)
	}
	if code := runWith(append([]string{"compare", dir, "--format", "json"}, extra...), strings.NewReader(""), &out, &errOut, tune); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	return errOut.String()
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	// Not a terminal (a file, a pipe, a test buffer): nothing at all on stderr.
	if got := compareWithTerminal(t, false, 40); got != "" {
		t.Errorf("stderr not a terminal, yet it got %q", got)
	}
	if _, stderr, code := runCLI(t, "compare", "--sample", "aurelia", "--sample", "bakana", "--format", "json"); code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// -q: nothing either, even on a terminal.
	if got := compareWithTerminal(t, true, 40, "-q"); got != "" {
		t.Errorf("-q, yet stderr got %q", got)
	}
	// A terminal: the line is drawn in place, counts up to the total, and is erased at the end.
	got := compareWithTerminal(t, true, 40)
	if !strings.Contains(got, "\rReading country files ") || !strings.Contains(got, " 40/40\x1b[K") {
		t.Errorf("no progress line on a terminal: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line is not erased at the end: %q", got)
	}
	if strings.Contains(got, "\n") {
		t.Errorf("the progress line must stay on one line: %q", got)
	}
}

func TestProgressThrottled(t *testing.T) {
	var buf bytes.Buffer
	a := &app{lang: "en", rawErr: &buf, errTerminal: func() bool { return true }, clock: fakeClock(10 * time.Millisecond)}
	p := a.progress("Working", 1000)
	for range 1000 {
		p.Add(1)
	}
	p.Done()
	// 1000 steps at 10 ms each are 10 s: at most 10 draws a second, nothing in the first 0.3 s.
	draws := strings.Count(buf.String(), "Working")
	if draws < 90 || draws > 101 {
		t.Errorf("%d draws over 10 s, want about 97 (≤ 10 a second)", draws)
	}
	// Work shorter than progressAfter shows nothing.
	buf.Reset()
	a.clock = fakeClock(time.Millisecond)
	p = a.progress("Quick", 100)
	for range 100 {
		p.Add(1)
	}
	p.Done()
	if buf.Len() != 0 {
		t.Errorf("quick work drew %q", buf.String())
	}
	// Unknown total: a count without a bar; French numbers.
	buf.Reset()
	a.lang, a.clock = "fr", fakeClock(time.Second)
	p = a.progress("Export", 0)
	for range 1200 {
		p.Add(1)
	}
	if !strings.Contains(buf.String(), "Export 1\u202f200") && !strings.Contains(buf.String(), "Export 1 200") && !strings.Contains(buf.String(), "Export 1\u00a0200") {
		t.Errorf("count line %q", buf.String()[max(0, buf.Len()-40):])
	}
}
