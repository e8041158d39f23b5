package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The speed goals of short commands (README, Performance): score, match and roadmap on a
// sample in at most 60 ms as a whole process, a cold start of a command that draws nothing
// under 100 ms, and export within 2.5× of one native dot process on the same DOT files.
// The Process benchmarks run the real binary (built once per benchmark run) the way a user
// does; compare their ns/op with the goals on a quiet machine (`-count 9`, take the best).

var benchBin struct {
	once      sync.Once
	path, err string
}

// binary builds govplan into a temporary folder, once per test binary.
func binary(b *testing.B) string {
	benchBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "govplan-bench-")
		if err != nil {
			benchBin.err = err.Error()
			return
		}
		p := filepath.Join(dir, "govplan")
		if out, err := exec.Command("go", "build", "-o", p, ".").CombinedOutput(); err != nil {
			benchBin.err = string(out)
			return
		}
		benchBin.path = p
	})
	if benchBin.err != "" {
		b.Fatalf("building govplan: %s", benchBin.err)
	}
	return benchBin.path
}

func runProcess(b *testing.B, bin string, env []string, args ...string) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
	}
}

func benchProcess(b *testing.B, args ...string) {
	bin := binary(b)
	runProcess(b, bin, nil, args...) // page the binary in
	for b.Loop() {
		runProcess(b, bin, nil, args...)
	}
}

func BenchmarkProcessHelp(b *testing.B)    { benchProcess(b, "--help") }
func BenchmarkProcessScore(b *testing.B)   { benchProcess(b, "score", "--sample", "bakana") }
func BenchmarkProcessMatch(b *testing.B)   { benchProcess(b, "match", "--sample", "bakana") }
func BenchmarkProcessRoadmap(b *testing.B) { benchProcess(b, "roadmap", "--sample", "bakana") }

// BenchmarkProcessColdScore runs score with an empty user cache folder each time (the first
// run after a reboot, or on a fresh laptop). The default build keeps nothing there; a
// wasmgraphviz build compiles its WebAssembly again.
func BenchmarkProcessColdScore(b *testing.B) {
	bin := binary(b)
	for b.Loop() {
		b.StopTimer()
		cache := b.TempDir()
		b.StartTimer()
		runProcess(b, bin, []string{"XDG_CACHE_HOME=" + cache, "HOME=" + cache}, "score", "--sample", "bakana")
	}
}

// BenchmarkExportVsDot runs `govplan export --sample bakana` (workbook, 9 diagrams as SVG and
// DOT, Markdown and HTML report, JSON) and one `dot -Tsvg -O` process on the same 9 DOT files,
// and reports their ratio as x-dot (goal: at most 2.5): first-x-dot for an export whose
// diagrams are all drawn (an empty diagram cache, as on the first export of a plan), x-dot for
// the same export again (its diagrams come from the cache).
func BenchmarkExportVsDot(b *testing.B) {
	dotProg, err := exec.LookPath("dot")
	if err != nil {
		b.Skip("Graphviz's dot is not installed")
	}
	bin := binary(b)
	out := b.TempDir()
	warm := []string{"GOVPLAN_CACHE=" + b.TempDir()}
	runProcess(b, bin, warm, "export", "--sample", "bakana", "-o", out)
	// The same DOT files, in a folder of their own (dot -O writes FILE.svg beside each).
	dotDir := b.TempDir()
	written, _ := filepath.Glob(filepath.Join(out, "*.dot"))
	var files []string
	for _, p := range written {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		q := filepath.Join(dotDir, filepath.Base(p))
		if err := os.WriteFile(q, data, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, q)
	}
	if len(files) != 9 {
		b.Fatalf("bakana has %d diagrams, the goal is stated for 9", len(files))
	}
	var first, again, nat time.Duration
	for b.Loop() {
		b.StopTimer()
		cold := []string{"GOVPLAN_CACHE=" + b.TempDir()}
		b.StartTimer()
		t := time.Now()
		runProcess(b, bin, cold, "export", "--sample", "bakana", "-o", out)
		first += time.Since(t)
		t = time.Now()
		runProcess(b, bin, warm, "export", "--sample", "bakana", "-o", out)
		again += time.Since(t)
		t = time.Now()
		runProcess(b, dotProg, nil, append([]string{"-Tsvg", "-O"}, files...)...)
		nat += time.Since(t)
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "first-export-ms")
	b.ReportMetric(float64(again.Milliseconds())/float64(b.N), "export-ms")
	b.ReportMetric(float64(nat.Milliseconds())/float64(b.N), "dot-ms")
	b.ReportMetric(float64(first)/float64(nat), "first-x-dot")
	b.ReportMetric(float64(again)/float64(nat), "x-dot")
}

// In-process cost of each command once everything is loaded (what a second run in the same
// process pays): the rest of a process's time is start-up and the first parse of the
// built-in data.
func benchRun(b *testing.B, args ...string) {
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("govplan %s: exit %d", strings.Join(args, " "), code)
		}
	}
}

func BenchmarkInProcessHelp(b *testing.B)    { benchRun(b, "--help") }
func BenchmarkInProcessScore(b *testing.B)   { benchRun(b, "score", "--sample", "bakana") }
func BenchmarkInProcessMatch(b *testing.B)   { benchRun(b, "match", "--sample", "bakana") }
func BenchmarkInProcessRoadmap(b *testing.B) { benchRun(b, "roadmap", "--sample", "bakana") }
