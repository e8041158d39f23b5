//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govplan/govplan/countries"
)

// TestWorkshopInTmux drives the real binary in a real terminal (tmux): answer indicators,
// kill -9 the process, reopen, and find every answer that was shown as saved. It runs when
// GOVPLAN_E2E=1 (CI sets it) and skips with a message where tmux is missing.
func TestWorkshopInTmux(t *testing.T) {
	if os.Getenv("GOVPLAN_E2E") == "" {
		t.Skip("end-to-end terminal test: set GOVPLAN_E2E=1 to run it (needs tmux)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end terminal test cannot run")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "govplan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	file := filepath.Join(dir, "x.yaml")
	if out, err := exec.Command(bin, "init", "--name", "Republic of X", "--iso3", "XRX", "-o", file, "--date", "2026-03-14").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil && args[0] != "kill-server" {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	defer tmux("kill-server")
	start := func() {
		tmux("new-session", "-d", "-x", "100", "-y", "30", "-c", dir, "env", "TERM=xterm-256color", bin, "assess", file)
	}
	screen := func() string { return tmux("capture-pane", "-p") }
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(screen(), what) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("screen never showed %q:\n%s", what, screen())
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys"}, k...)...) }

	start()
	// A new file has no ministries: the context step comes first; add one.
	waitFor("Ministries and agencies taking part")
	keys("a")
	waitFor("Add a ministry")
	keys("ict", "Enter", "Ministry of ICT", "Enter", "Enter", "Enter")
	waitFor("Ministry of ICT")
	keys("Tab")
	waitFor("4G/LTE")
	keys("Enter", "63.5", "Enter")
	waitFor("saved · connectivity.4g-coverage")
	keys("l", "3")
	waitFor("saved · leadership.strategy: level 3")
	keys("j", "2", "m", "2") // m lists who can answer: 1 the room, 2 ict
	waitFor("saved · leadership.sponsorship: ministry")
	keys("j", "a")
	waitFor("saved · leadership.coordination: not applicable")

	// kill -9: no chance to clean up.
	pid := strings.TrimSpace(tmux("display-message", "-p", "#{pane_pid}"))
	var p int
	fmt.Sscan(pid, &p)
	if err := syscall.Kill(p, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	tmux("kill-server")

	d, err := countries.Load(file)
	if err != nil {
		t.Fatalf("the file does not load after kill -9: %v", err)
	}
	f := d.File
	if a := f.Answers["connectivity.4g-coverage"]; len(a) != 1 || a[0].Value.Num != 63.5 {
		t.Errorf("number lost: %+v", a)
	}
	if a := f.Answers["leadership.strategy"]; len(a) != 1 || *a[0].Level != 3 {
		t.Errorf("level lost: %+v", a)
	}
	if a := f.Answers["leadership.sponsorship"]; len(a) != 1 || *a[0].Level != 2 || a[0].By != "ict" {
		t.Errorf("ministry lost: %+v", a)
	}
	if a := f.Answers["leadership.coordination"]; len(a) != 1 || !a[0].NA {
		t.Errorf("n/a lost: %+v", a)
	}
	// Reopen: the screen shows the answers, and the cursor is at the next unanswered one.
	start()
	fw, err := d.Framework("")
	if err != nil {
		t.Fatal(err)
	}
	// Three answered; the n/a one is not applicable, so it leaves the count of applicable ones.
	waitFor(fmt.Sprintf("3 of %d answered", len(fw.Indicators())-1))
	waitFor("used the Internet")

	// Kill in the middle of a burst of answers: the file is never half-written.
	for round := 0; round < 5; round++ {
		keys("j", "1", "j", "2", "j", "y", "j", "3")
		time.Sleep(time.Duration(round*7) * time.Millisecond)
		pid := strings.TrimSpace(tmux("display-message", "-p", "#{pane_pid}"))
		fmt.Sscan(pid, &p)
		syscall.Kill(p, syscall.SIGKILL)
		time.Sleep(100 * time.Millisecond)
		tmux("kill-server")
		if _, err := countries.Load(file); err != nil {
			t.Fatalf("round %d: the file is broken after kill -9: %v", round, err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Logf("round %d: a temporary file was left by the killed process (harmless): %s", round, e.Name())
			}
		}
		start()
		waitFor("answered")
	}

	// A bracketed paste (what a terminal sends for ctrl+shift+v) lands whole in the evidence.
	keys("/", "leadership.strategy", "Enter")
	waitFor("found")
	keys("e")
	waitFor("enter saves")
	pasted := strings.Repeat("Gazette no. 12 of 2024, section 4. ", 60)
	buf := filepath.Join(dir, "paste.txt")
	os.WriteFile(buf, []byte(pasted), 0o644)
	tmux("load-buffer", buf)
	tmux("paste-buffer", "-p")
	keys("Enter")
	waitFor("evidence updated")
	d, err = countries.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if a := d.File.Answers["leadership.strategy"]; len(a) != 1 || a[0].Evidence != strings.TrimSpace(pasted) {
		t.Errorf("the pasted evidence did not land whole: %+v", a)
	}

	// A read-only file is never written: the key is refused with the reason on screen.
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(file, 0o644)
	before, _ := os.ReadFile(file)
	keys("1")
	waitFor("read-only")
	if after, _ := os.ReadFile(file); string(after) != string(before) {
		t.Error("a read-only file was written")
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o444 {
		t.Errorf("the file's mode became %v", st.Mode().Perm())
	}
}

// TestPlanEditsInTmux sets a target and drops an activity in the real binary, in a real
// terminal, and finds both in the file.
func TestPlanEditsInTmux(t *testing.T) {
	if os.Getenv("GOVPLAN_E2E") == "" {
		t.Skip("end-to-end terminal test: set GOVPLAN_E2E=1 to run it (needs tmux)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end terminal test cannot run")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "govplan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "bakana.yaml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := countries.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil && args[0] != "kill-server" {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	defer tmux("kill-server")
	tmux("new-session", "-d", "-x", "100", "-y", "30", "-c", dir, "env", "TERM=xterm-256color", bin, "assess", file)
	screen := func() string { return tmux("capture-pane", "-p") }
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(screen(), what) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("screen never showed %q:\n%s", what, screen())
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys"}, k...)...) }

	// The target of the indicator on screen: level, tab to the year, enter saves.
	waitFor("Target: ")
	keys("t")
	waitFor("Target level")
	keys("3", "Tab", "BSpace", "BSpace", "BSpace", "BSpace", "2029", "Enter")
	waitFor("target level 3 by 2029")
	waitFor("Target: level 3 by 2029")

	// Drop the first activity of the plan: d asks, y confirms.
	keys("Tab", "Tab", "Tab")
	waitFor("timeline")
	keys("v")
	waitFor("activities (edit the plan)")
	keys("d")
	waitFor("from the plan?")
	keys("y")
	waitFor("dropped (d restores it)")
	tmux("kill-server")

	after, err := countries.Load(file)
	if err != nil {
		t.Fatalf("the file does not load: %v", err)
	}
	var target string
	for id, tg := range after.File.Targets.Indicators {
		if _, had := before.File.Targets.Indicators[id]; !had && tg.Level != nil && *tg.Level == 3 && tg.Year == 2029 {
			target = id
		}
	}
	if target == "" {
		t.Errorf("no new target level 3 by 2029 in the file: %+v", after.File.Targets.Indicators)
	}
	if len(after.File.Plan.Drop) != len(before.File.Plan.Drop)+1 {
		t.Errorf("plan.drop %v, want one more than %v", after.File.Plan.Drop, before.File.Plan.Drop)
	}
}
