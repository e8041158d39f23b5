package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/report"
)

// TestCompareJSONStreamed: the streamed document is byte for byte the one built whole and
// indented (header first), with rounds, a portfolio and warnings in it.
func TestCompareJSONStreamed(t *testing.T) {
	dir := t.TempDir()
	writeBenchFiles(t, dir, 30)
	a := &app{lang: "fr", out: io.Discard, errOut: io.Discard}
	files, warns, err := a.loadCompared([]string{dir}, compareOptions{samples: []string{"aurelia", "bakana"}})
	if err != nil {
		t.Fatal(err)
	}
	entries := make([]*assess.CompareEntry, len(files))
	for i, f := range files {
		entries[i] = f.entry
	}
	// A second round of one generated country, so that rounds are in the document.
	again := *entries[0]
	again.Date, again.File = "2025-06-01", "again.yaml"
	entries = append(entries, &again)
	cmp, err := assess.Compare(entries, assess.CompareOptions{AllRounds: true})
	if err != nil {
		t.Fatal(err)
	}
	port, err := a.planCompared(cmp, files)
	if err != nil || port == nil || len(port.Countries) != 2 {
		t.Fatalf("portfolio %+v, %v", port, err)
	}
	var whole bytes.Buffer
	b := &app{lang: "fr", out: &whole}
	doc := report.Compare(cmp, warns, "fr")
	doc.Portfolio = report.Portfolio(port)
	if err := b.writeJSON(doc); err != nil {
		t.Fatal(err)
	}
	var streamed bytes.Buffer
	if err := report.WriteCompare(&streamed, cmp, warns, port, "fr"); err != nil {
		t.Fatal(err)
	}
	if streamed.String() != whole.String() {
		t.Errorf("streamed document differs:\n%s\n---- built whole:\n%s", streamed.String()[:min(2000, streamed.Len())], whole.String()[:min(2000, whole.Len())])
	}
	if !json.Valid(streamed.Bytes()) || !strings.HasPrefix(streamed.String(), "{\n  \"schema_version\": ") || len(doc.Rounds) == 0 {
		t.Errorf("not a valid document opening with its header, or no rounds")
	}
}

// peakHeap runs compare on dir (to JSON, or with args such as -o book.xlsx) and returns the
// highest heap in use seen while it ran, above the heap in use before: what is kept alive plus
// the garbage the collector lets build up at the GOGC in force.
func peakHeap(tb testing.TB, dir string, args ...string) uint64 {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	a := &app{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard}
	root := a.rootCmd()
	if len(args) == 0 {
		args = []string{"--format", "json"}
	}
	root.SetArgs(append([]string{"compare", dir}, args...))
	err := root.Execute()
	close(stop)
	wg.Wait()
	if err != nil {
		tb.Fatal(err)
	}
	if p := peak.Load(); p > base.HeapAlloc {
		return p - base.HeapAlloc
	}
	return 0
}

// TestCompareMemoryPerFile: each extra compared file adds at most 60 KB to the peak heap, to
// JSON and to the workbook (measured at 100 and 400 files, with the collector at Go's default
// GOGC 100, as the benchmarks measure). A compare keeps about 3 KB a file (its scores); it kept
// the parsed answers and full scorecards before, 70–90 KB a file at the peak.
func TestCompareMemoryPerFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 500 files")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	small, large := t.TempDir(), t.TempDir()
	writeBenchFiles(t, small, 100)
	writeBenchFiles(t, large, 400)
	book := filepath.Join(t.TempDir(), "c.xlsx")
	for _, args := range [][]string{{"--format", "json"}, {"-o", book}} {
		peakHeap(t, small, args...) // warm: the framework and catalogs are loaded once
		s, l := peakHeap(t, small, args...), peakHeap(t, large, args...)
		per := (float64(l) - float64(s)) / 300
		t.Logf("%v: peak heap %d KB at 100 files, %d KB at 400: %.1f KB per extra file", args, s>>10, l>>10, per/1024)
		if per > 60<<10 {
			t.Errorf("%v: %.1f KB per extra file, want ≤ 60 KB", args, per/1024)
		}
	}
}

// writeBakanaRounds writes n copies of the bakana sample into dir, which records needs (use
// cases, services) and pledges: rounds dated a year apart per country, each country named and
// coded anew, as a folder of many countries' assessment rounds would be.
func writeBakanaRounds(tb testing.TB, dir string, n, rounds int) {
	tb.Helper()
	src, err := countries.SampleSource("bakana")
	if err != nil {
		tb.Fatal(err)
	}
	country, date := "  name: Republic of Bakana\n  iso3: XBK\n", "  date: 2026-03-12\n"
	if !bytes.Contains(src, []byte(country)) || !bytes.Contains(src, []byte(date)) {
		tb.Fatal("the bakana sample no longer names its country or date as expected")
	}
	for i := 0; i < n; i++ {
		k, r := i/rounds, i%rounds
		s := strings.Replace(string(src), country, fmt.Sprintf("  name: Country %05d\n  iso3: X%c%c\n", k, 'A'+k%26, 'A'+k/26%26), 1)
		s = strings.Replace(s, date, fmt.Sprintf("  date: %d-03-12\n", 2010+r), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("b%05d.yaml", i)), []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestComparePortfolioKeepsNoModel: what the block and funding views keep of a planned file
// once it is planned is its line in the portfolio (its block statuses, pledges and figures:
// measured 0.6–2.2 KB), not its model: the heap still in use after a collection, per planned
// file. Each planned country's model was kept for the whole run before: 200 KB a bakana copy.
func TestComparePortfolioKeepsNoModel(t *testing.T) {
	dir := t.TempDir()
	writeBakanaRounds(t, dir, 40, 5)
	a := &app{lang: "en", out: io.Discard, errOut: io.Discard}
	files, _, err := a.loadCompared([]string{dir}, compareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	entries := make([]*assess.CompareEntry, len(files))
	for i, f := range files {
		entries[i] = f.entry
	}
	cmp, err := assess.Compare(entries, assess.CompareOptions{AllRounds: true})
	if err != nil {
		t.Fatal(err)
	}
	warm, err := a.planCompared(cmp, files) // the catalog is loaded once
	if err != nil {
		t.Fatal(err)
	}
	// Two collections: the second also empties the pools' victim caches.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	port, err := a.planCompared(cmp, files)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if port == nil || len(port.Countries) != 40 || len(port.Pledges) == 0 || port.BlockName("identity", "en") == "identity" {
		t.Fatalf("every round planned, pledges and block names kept: %+v", port)
	}
	per := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / 40
	t.Logf("%.1f KB kept per planned file", per/1024)
	if per > 16<<10 {
		t.Errorf("%.1f KB kept per planned file, want ≤ 16 KB (is a planned model kept?)", per/1024)
	}
	runtime.KeepAlive(port)
	runtime.KeepAlive(warm)
	runtime.KeepAlive(files) // the scores, about 3 KB a file, are not what is measured
}

// TestCompareMemoryPerPlannedFile: files that record needs are planned for the block and
// funding views, and each extra one adds at most 60 KB to the peak heap (every round
// planned, --all-rounds; measured 6–22 KB, the peak depends on when the collector runs). Each
// planned country's model was kept for the whole run before: 310–420 KB a file at the peak.
// Only the JSON is measured here: at these sizes the workbook's peak also holds excelize's
// stream buffer, which grows with the rows until it spills to disk at 16 MB (45–72 KB a file
// here, about 8 KB a file at 10,000 files: BenchmarkCompareWorkbook10k), so it says nothing
// about what is kept per file; TestComparePortfolioKeepsNoModel checks that for both.
func TestCompareMemoryPerPlannedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 160 files")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	small, large := t.TempDir(), t.TempDir()
	writeBakanaRounds(t, small, 20, 5)
	writeBakanaRounds(t, large, 140, 5)
	for _, args := range [][]string{{"--all-rounds", "--format", "json"}} {
		// The lower of two runs each: the peak depends on when the collector runs, and the
		// first run also loads the framework and catalogs.
		s := min(peakHeap(t, small, args...), peakHeap(t, small, args...))
		l := min(peakHeap(t, large, args...), peakHeap(t, large, args...))
		per := (float64(l) - float64(s)) / 120
		t.Logf("%v: peak heap %d KB at 20 planned files, %d KB at 140: %.1f KB per extra file", args, s>>10, l>>10, per/1024)
		if per > 60<<10 {
			t.Errorf("%v: %.1f KB per extra planned file, want ≤ 60 KB (is a planned model kept?)", args, per/1024)
		}
	}
}

// benchCompare compares n generated files to JSON (or with args) and reports the peak heap
// per file.
func benchCompare(b *testing.B, n int, args ...string) {
	dir := b.TempDir()
	writeBenchFiles(b, dir, n)
	b.ResetTimer()
	var peak uint64
	for range b.N {
		peak = max(peak, peakHeap(b, dir, args...))
	}
	b.ReportMetric(float64(peak)/float64(n), "peak-heap-B/file")
}

// BenchmarkCompare1k and BenchmarkCompare10k compare 1,000 and 10,000 generated country files
// to JSON (go test -bench Compare10k -benchtime 1x; the files are written first, untimed).
func BenchmarkCompare1k(b *testing.B)  { benchCompare(b, 1000) }
func BenchmarkCompare10k(b *testing.B) { benchCompare(b, 10000) }

// BenchmarkCompareWorkbook1k and BenchmarkCompareWorkbook10k write the comparison workbook of
// 1,000 and 10,000 generated country files (go test -bench CompareWorkbook -benchtime 1x).
func BenchmarkCompareWorkbook1k(b *testing.B) {
	benchCompare(b, 1000, "-o", filepath.Join(b.TempDir(), "c.xlsx"))
}
func BenchmarkCompareWorkbook10k(b *testing.B) {
	benchCompare(b, 10000, "-o", filepath.Join(b.TempDir(), "c.xlsx"))
}

// TestCompareRoomForFiles: a compare raises the collector's soft memory limit by a fixed room
// per file, so that what it keeps of many files never crowds the limit (the collector then
// ran nearly all the time and 10,000 files cost 22 times the CPU of 1,000); a GOMEMLIMIT given
// by the user, or no limit, is left alone.
func TestCompareRoomForFiles(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(400 << 20))
	roomForFiles(10000, perFileRoom)
	roomForFiles(100, perModelRoom)
	if got, want := debug.SetMemoryLimit(-1), int64(400<<20)+10000*perFileRoom+100*perModelRoom; got != want {
		t.Errorf("limit %d MB, want %d MB", got>>20, want>>20)
	}
	t.Setenv("GOMEMLIMIT", "300MiB")
	debug.SetMemoryLimit(300 << 20)
	roomForFiles(10000, perFileRoom)
	if got := debug.SetMemoryLimit(-1); got != 300<<20 {
		t.Errorf("a limit given in GOMEMLIMIT became %d MB", got>>20)
	}
}

// TestComparePlansFromTheTextCompared: a compare keeps no document; the ranked files that
// record needs are read again to plan them, and a file changed in between is refused (exit 2,
// naming it) rather than planned from a text other than the one scored. Files that record no
// needs are not read again.
func TestComparePlansFromTheTextCompared(t *testing.T) {
	dir := t.TempDir()
	writeBenchFiles(t, dir, 3)
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	bakana := filepath.Join(dir, "bakana.yaml")
	if err := os.WriteFile(bakana, src, 0o644); err != nil {
		t.Fatal(err)
	}
	a := &app{lang: "fr", out: io.Discard, errOut: io.Discard}
	files, _, err := a.loadCompared([]string{dir}, compareOptions{samples: []string{"coralia"}})
	if err != nil {
		t.Fatal(err)
	}
	entries := make([]*assess.CompareEntry, len(files))
	needs := 0
	for i, f := range files {
		entries[i] = f.entry
		if f.entry.Answers != nil || f.entry.Summary == nil {
			t.Errorf("%s: answers kept, or no summary", f.entry.File)
		}
		if f.needs {
			needs++
		}
	}
	if needs != 2 {
		t.Fatalf("%d files record needs, want bakana and coralia", needs)
	}
	cmp, err := assess.Compare(entries, assess.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The generated files can change: they are not read again.
	for _, f := range files {
		if !f.needs {
			os.WriteFile(f.path, []byte("not: [yaml"), 0o644)
		}
	}
	port, err := a.planCompared(cmp, files)
	if err != nil || port == nil || len(port.Countries) != 2 || port.Countries[0].ISO3 != "XBK" || port.Countries[1].ISO3 != "XCR" {
		t.Fatalf("portfolio %+v, %v", port, err)
	}
	os.WriteFile(bakana, append(src, "# edited meanwhile\n"...), 0o644)
	_, err = a.planCompared(cmp, files)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitInput || !strings.Contains(err.Error(), bakana) || !strings.Contains(err.Error(), "a changé pendant la comparaison") {
		t.Errorf("a file changed meanwhile: %v", err)
	}
}

// TestCompareReadsFrameworkFileOnce: a template given with --framework is read once for all
// the files (it was parsed and kept once per file: 1,000 files took 45 s and 2 GB).
func TestCompareReadsFrameworkFileOnce(t *testing.T) {
	dir := t.TempDir()
	writeBenchFiles(t, dir, 20)
	a := &app{lang: "en", out: io.Discard, errOut: io.Discard}
	tpl := filepath.Join("..", "..", "templates", "govstack-readiness-1.1.0.yaml")
	files, _, err := a.loadCompared([]string{dir}, compareOptions{framework: tpl, samples: []string{"bakana"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.fw != files[0].fw || f.entry.Summary.Framework != files[0].fw {
			t.Fatalf("%s scored with a framework of its own", f.entry.File)
		}
	}
	if len(files) != 21 || files[0].fw.Ref() != "govstack-readiness@1.1.0" {
		t.Errorf("%d files, framework %s", len(files), files[0].fw.Ref())
	}
}

// TestCompareKeepsAnswersOnlyAcrossVersions: files of one framework version keep their scores
// only; when one file names another version, every file ends with its answers (those read
// before it are read again), so that all are scored on the indicators common to both.
func TestCompareKeepsAnswersOnlyAcrossVersions(t *testing.T) {
	dir := t.TempDir()
	writeBenchFiles(t, dir, 40)
	a := &app{lang: "en", out: io.Discard, errOut: io.Discard}
	answers := func() (kept, summarised int) {
		files, _, err := a.loadCompared([]string{dir}, compareOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.entry.Answers != nil {
				kept++
			}
			if f.entry.Summary != nil {
				summarised++
			}
		}
		return kept, summarised
	}
	if kept, summarised := answers(); kept != 0 || summarised != 40 {
		t.Errorf("one version: %d files kept answers, %d summarised", kept, summarised)
	}
	old := filepath.Join(dir, "c00031.yaml")
	src, _ := os.ReadFile(old)
	os.WriteFile(old, []byte(strings.Replace(string(src), "framework: govstack-readiness@1.1.0", "framework: govstack-readiness@1.0.0", 1)), 0o644)
	if kept, summarised := answers(); kept != 40 || summarised != 0 {
		t.Errorf("two versions: %d files kept answers, %d summarised", kept, summarised)
	}
}

// TestCompareProgressWhenReadingAgain: the files read again for their answers get their own
// progress line on a terminal.
func TestCompareProgressWhenReadingAgain(t *testing.T) {
	dir := t.TempDir()
	writeBenchFiles(t, dir, 40)
	old := filepath.Join(dir, "c00039.yaml")
	src, _ := os.ReadFile(old)
	os.WriteFile(old, []byte(strings.Replace(string(src), "framework: govstack-readiness@1.1.0", "framework: govstack-readiness@1.0.0", 1)), 0o644)
	var out, errOut bytes.Buffer
	tune := func(a *app) {
		a.errTerminal = func() bool { return true }
		a.clock = fakeClock(50 * time.Millisecond)
	}
	if code := runWith([]string{"compare", dir, "--format", "json", "--lang", "fr"}, strings.NewReader(""), &out, &errOut, tune); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := errOut.String(); !strings.Contains(got, "\rLecture des fichiers pays ") || !strings.Contains(got, "\rRelecture des fichiers pour leurs réponses ") {
		t.Errorf("progress lines: %q", got)
	}
}
