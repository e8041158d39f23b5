package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/countries"
)

// The hostile corpus (issue 14): one-line edits of a valid file, devices, FIFOs, planted links
// and floods. Every case must be refused or handled the way the issue defines it: exit code,
// message lines, a position where one makes sense, no panic, and within time and memory
// bounds (15 s; 600 MB of heap, 300 MB for a device or a pipe).

const (
	hostileTime   = 15 * time.Second
	hostileMemory = 600 << 20
	deviceMemory  = 300 << 20
)

// hostileCase is one input. setup writes files into dir and returns the command line.
type hostileCase struct {
	name   string
	setup  func(t *testing.T, dir string) []string
	code   int    // wanted exit code
	msg    string // part of stderr (or stdout when code is 0)
	pos    string // regexp stderr must match (a file:line:col), "" for none
	lines  int    // most stderr lines (0: 6)
	memory uint64 // heap bound (0: hostileMemory)
}

// sampleWith writes the aurelia sample with one edit (old → new) into dir.
func sampleWith(t *testing.T, dir, name, old, new string) string {
	t.Helper()
	src, err := countries.SampleSource("aurelia")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	if old != "" {
		if !strings.Contains(s, old) {
			t.Fatalf("the sample has no %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// appendPlan adds lines under the sample's plan: section.
func appendPlan(t *testing.T, dir, lines string) string {
	return sampleWith(t, dir, "c.yaml", "plan:\n", "plan:\n"+lines)
}

func edit(old, new string, args ...string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		return append(args, sampleWith(t, dir, "c.yaml", old, new))
	}
}

const costsLine = "costs:\n  currency: EUR\n"

var hostileCases = []hostileCase{
	// 1. Panics.
	{name: "date year 0", setup: edit("date: 2026-05-20", "date: 0000-01-01", "roadmap"), code: 2, msg: "outside the years 1900..2199", pos: `c\.yaml:\d+:\d+: `},
	{name: "--start 0000-01", setup: func(t *testing.T, dir string) []string {
		return []string{"roadmap", "--start", "0000-01", sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "between 1900 and 2199"},
	{name: "plan.add months 2^63-1", setup: func(t *testing.T, dir string) []string {
		return []string{"roadmap", appendPlan(t, dir, "  add: [{id: x1, name: X, months: 9223372036854775807, cost: 1}]\n")}
	}, code: 2, msg: "months must be 0..600", pos: `c\.yaml:\d+:\d+: `},
	{name: "negative build_months", setup: edit(costsLine, costsLine+"  blocks: {consent: {build_months: -4}}\n", "roadmap"), code: 2, msg: "months must be 0..600, got -4", pos: `c\.yaml:\d+:\d+: `},
	{name: "negative readiness cost", setup: edit(costsLine, costsLine+"  readiness_level: {cost: -400}\n", "validate"), code: 2, msg: "amount must be 0..", pos: `c\.yaml:\d+:\d+: `},
	{name: "bare - in a catalog list", setup: func(t *testing.T, dir string) []string {
		cat := filepath.Join(dir, "cat")
		os.Mkdir(cat, 0o755)
		os.WriteFile(filepath.Join(cat, "x.yaml"), []byte("blocks:\n  -\n"), 0o644)
		return []string{"match", "--catalog", cat, sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "empty list item", pos: `x\.yaml:2:\d+: `},

	// 2. Hangs and memory bombs.
	{name: "target year 99999999999", setup: edit("{level: 4, year: 2028}", "{level: 4, year: 99999999999}", "roadmap"), code: 2, msg: "outside 1900..2199", pos: `c\.yaml:\d+:\d+: `},
	{name: "plan months 1e9", setup: func(t *testing.T, dir string) []string {
		return []string{"roadmap", appendPlan(t, dir, "  add: [{id: x1, name: X, months: 1000000000, cost: 1}]\n")}
	}, code: 2, msg: "months must be 0..600", pos: `c\.yaml:\d+:\d+: `},
	{name: "cost model months 1e14", setup: edit(costsLine, costsLine+"  blocks: {consent: {build_months: 100000000000000}}\n", "export", "-o", "out"), code: 2, msg: "months must be 0..600", pos: `c\.yaml:\d+:\d+: `},
	{name: "framework scale.max 999999999999", setup: func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, "fw.yaml")
		os.WriteFile(p, []byte("id: f\nversion: 1.0.0\nname: F\nscale: {min: 0, max: 999999999999}\nbands: [{min: 0, name: A}]\npillars:\n  - id: p\n    name: P\n    indicators:\n      - {id: p.a, kind: level, question: Q, rubric: {0: a, 1: b}}\n"), 0o644)
		return []string{"validate", p}
	}, code: 2, msg: "scale min and max must be within", pos: `fw\.yaml:4:\d+: `},
	{name: "framework scale spanning int64", setup: func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, "fw.yaml")
		os.WriteFile(p, []byte("id: f\nversion: 1.0.0\nname: F\nscale: {min: -9223372036854775808, max: 9223372036854775807}\nbands: [{min: 0, name: A}]\npillars:\n  - id: p\n    name: P\n    indicators:\n      - {id: p.a, kind: level, question: Q, rubric: {0: a, 1: b}, gates: [{bb: payments, min: 3}]}\n"), 0o644)
		return []string{"score", "--framework", p, sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "scale min and max must be within", pos: `fw\.yaml:4:\d+: `},
	{name: "600,000 inventory keys", setup: func(t *testing.T, dir string) []string {
		var b strings.Builder
		b.WriteString("inventory: {")
		for i := 0; i < 600000; i++ {
			fmt.Fprintf(&b, "k%d: {}, ", i)
		}
		b.WriteString("}\ninventory_was:\n")
		return []string{"validate", sampleWith(t, dir, "c.yaml", "inventory:\n", b.String())}
	}, code: 2, msg: "more than 250000 values", pos: `c\.yaml:\d+:\d+: `},
	{name: "90,000-block dependency chain", setup: func(t *testing.T, dir string) []string {
		cat := filepath.Join(dir, "cat")
		os.Mkdir(cat, 0o755)
		var b strings.Builder
		b.WriteString("blocks:\n")
		for i := 0; i < 90000; i++ {
			fmt.Fprintf(&b, "  - {id: c%d, name: C, category: feature, depends_on: [{block: c%d}]}\n", i, i+1)
		}
		os.WriteFile(filepath.Join(cat, "chain.yaml"), []byte(b.String()), 0o644)
		return []string{"roadmap", "--catalog", cat, sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "refused", pos: `chain\.yaml:\d+:\d+: `},
	{name: "2,000-block catalog", setup: func(t *testing.T, dir string) []string {
		cat := filepath.Join(dir, "cat")
		os.Mkdir(cat, 0o755)
		var b strings.Builder
		b.WriteString("blocks:\n")
		for i := 0; i < 2000; i++ {
			fmt.Fprintf(&b, "  - {id: c%d, name: C, category: feature, depends_on: [{block: c%d}]}\n", i, i+1)
		}
		fmt.Fprintf(&b, "  - {id: c2000, name: C, category: feature}\n")
		os.WriteFile(filepath.Join(cat, "chain.yaml"), []byte(b.String()), 0o644)
		return []string{"roadmap", "--catalog", cat, sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "at most 1000"},
	{name: "FIFO inside --catalog DIR", setup: func(t *testing.T, dir string) []string {
		cat := filepath.Join(dir, "cat")
		os.Mkdir(cat, 0o755)
		mkfifo(t, filepath.Join(cat, "f.yaml"))
		return []string{"match", "--catalog", cat, sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "not a regular file", memory: deviceMemory},
	{name: "FIFO and a bad file in a compare folder", setup: func(t *testing.T, dir string) []string {
		cmp := filepath.Join(dir, "cmp")
		os.Mkdir(cmp, 0o755)
		sampleWith(t, cmp, "a.yaml", "", "")
		mkfifo(t, filepath.Join(cmp, "f.yaml"))
		os.WriteFile(filepath.Join(cmp, "bad.yaml"), []byte("schema: 1\ncountry: [\n"), 0o644)
		os.Symlink("/dev/zero", filepath.Join(cmp, "z.yaml"))
		return []string{"compare", cmp}
	}, code: 2, msg: "not a regular file", pos: `bad\.yaml:\d+:\d+: `, memory: deviceMemory},
	{name: "import csv /dev/zero", setup: func(t *testing.T, dir string) []string {
		return []string{"import", "csv", "/dev/zero", "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", filepath.Join(dir, "out")}
	}, code: 2, msg: "longer than 1 MiB", memory: deviceMemory},
	{name: "import workbook /dev/zero", setup: func(t *testing.T, dir string) []string {
		return []string{"import", "workbook", "/dev/zero", sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "larger than the 64 MiB limit", memory: deviceMemory},
	{name: "import csv from a FIFO fed from /dev/zero", setup: func(t *testing.T, dir string) []string {
		fifo := filepath.Join(dir, "feed.csv")
		mkfifo(t, fifo)
		go feedZeros(fifo)
		time.Sleep(50 * time.Millisecond)
		return []string{"import", "csv", fifo, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", filepath.Join(dir, "out")}
	}, code: 2, msg: "feed.csv", memory: deviceMemory},
	{name: "validate /dev/zero", setup: func(t *testing.T, dir string) []string {
		return []string{"validate", "/dev/zero"}
	}, code: 2, msg: "larger than the 8 MiB limit", memory: deviceMemory},
	{name: "4 million values in 8 MiB", setup: func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, "ones.yaml")
		os.WriteFile(p, []byte("a: ["+strings.Repeat("1,", 4_000_000)+"1]\n"), 0o644)
		return []string{"validate", p}
	}, code: 2, msg: "more than 250000 values", pos: `ones\.yaml:1:\d+: `},

	{name: "use case of 3000 steps", setup: func(t *testing.T, dir string) []string {
		var b strings.Builder
		for i := 0; i < 3000; i++ {
			fmt.Fprintf(&b, "{name: S%d, blocks: [payments, registration]},", i)
		}
		return []string{"export", "-o", "out", sampleWith(t, dir, "c.yaml", "use_cases: [finc-1, hltc-2, egov-1, hltc-3]", "use_cases: [{id: cu-1, name: X, steps: ["+b.String()+"]}]")}
	}, code: 2, msg: "has 3000 steps; at most 100 are allowed", pos: `c\.yaml:\d+:\d+: `},

	// 3. Sanity ranges (validate refuses what roadmap and export refuse).
	{name: "amount 1e308", setup: edit("amount: 600000", "amount: 1e308", "validate"), code: 2, msg: "amount must be 0..1e+15", pos: `c\.yaml:\d+:\d+: `},
	{name: "negative running cost", setup: edit(costsLine, costsLine+"  blocks: {consent: {running_cost: -100}}\n", "validate"), code: 2, msg: "amount must be 0..", pos: `c\.yaml:\d+:\d+: `},
	{name: "date 9999", setup: edit("date: 2026-05-20", "date: 9999-01-01", "validate"), code: 2, msg: "outside the years", pos: `c\.yaml:\d+:\d+: `},
	{name: "plan cycle", setup: func(t *testing.T, dir string) []string {
		return []string{"validate", appendPlan(t, dir, "  add: [{id: x1, name: X, months: 2, cost: 1, depends_on: [x2]}, {id: x2, name: Y, months: 2, cost: 1, depends_on: [x1]}]\n")}
	}, code: 2, msg: "cycle", pos: `c\.yaml:\d+:\d+: `},
	{name: "dependency on an unknown activity", setup: func(t *testing.T, dir string) []string {
		return []string{"validate", appendPlan(t, dir, "  add: [{id: x1, name: X, months: 2, cost: 1, depends_on: [nope]}]\n")}
	}, code: 2, msg: `"nope"`, pos: `c\.yaml:\d+:\d+: `},
	{name: "currency without a rate", setup: edit("currency: EUR, years", "currency: GBP, years", "validate"), code: 2, msg: "no rate for GBP", pos: `c\.yaml:\d+:\d+: `},
	{name: "negative months in a change", setup: func(t *testing.T, dir string) []string {
		return []string{"validate", appendPlan(t, dir, "  change: {upgrade-e-signature: {months: -3}}\n")}
	}, code: 2, msg: "months must be 0..600, got -3", pos: `c\.yaml:\d+:\d+: `},
	{name: "plan of more than 100 years", setup: func(t *testing.T, dir string) []string {
		var b strings.Builder
		b.WriteString("use_cases:\n")
		for i := 0; i < 2000; i++ {
			fmt.Fprintf(&b, "  - {id: cu-%d, name: C %d, steps: [{name: S, blocks: [registration, payments]}]}\n", i, i)
		}
		return []string{"export", "-o", filepath.Join(dir, "out"), sampleWith(t, dir, "c.yaml", "use_cases: [finc-1, hltc-2, egov-1, hltc-3]\n", b.String())}
	}, code: 2, msg: "more than 100 years", pos: `c\.yaml:\d+:\d+: `},

	// 4. Terminal escapes never reach the output.
	{name: "escapes in the country name", setup: edit("name: Republic of Aurelia", `name: "Republic\e]0;PWNED\a\e[2J of \u009b2JAurelia"`, "score"), code: 0, msg: "Republic of Aurelia"},
	{name: "escapes in an unknown key", setup: edit("answers:\n", "answers:\n  \"x\\e]0;T\\a\": {level: 1}\n", "validate"), code: 0, msg: `has no indicator "x"`},

	// 5. Floods.
	{name: "40,000 unknown answers", setup: func(t *testing.T, dir string) []string {
		var b strings.Builder
		b.WriteString("answers:\n")
		for i := 0; i < 40000; i++ {
			fmt.Fprintf(&b, "  bad_%d: {level: 2}\n", i)
		}
		return []string{"validate", sampleWith(t, dir, "c.yaml", "answers:\n", b.String())}
	}, code: 2, msg: "more problems not shown", pos: `c\.yaml:\d+:\d+: `, lines: 60},

	// 6. Silent substitution.
	{name: "--framework id@9.9.9 (score)", setup: func(t *testing.T, dir string) []string {
		return []string{"score", "--framework", "govstack-readiness@9.9.9", sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "built in at version 1.0.0, 1.1.0 only"},
	{name: "--framework id@9.9.9 (validate)", setup: func(t *testing.T, dir string) []string {
		return []string{"validate", "--framework", "govstack-readiness@9.9.9", sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "built in at version 1.0.0, 1.1.0 only"},
	{name: "--framework id@9.9.9 (roadmap)", setup: func(t *testing.T, dir string) []string {
		return []string{"roadmap", "--framework", "govstack-readiness@9.9.9", sampleWith(t, dir, "c.yaml", "", "")}
	}, code: 2, msg: "built in at version 1.0.0, 1.1.0 only"},

	// 7. Positions.
	{name: "deep nesting", setup: func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, "deep.yaml")
		os.WriteFile(p, []byte("a: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n"), 0o644)
		return []string{"validate", p}
	}, code: 2, msg: "nested more than", pos: `deep\.yaml:1:\d+: `},
	{name: "NUL byte", setup: edit("name: Republic of Aurelia", "name: Republic\x00of Aurelia", "validate"), code: 2, msg: "U+0000", pos: `c\.yaml:\d+:\d+: `},
	{name: "UTF-16 without BOM", setup: func(t *testing.T, dir string) []string {
		src, _ := countries.SampleSource("aurelia")
		var b []byte
		for _, c := range string(src[:2000]) {
			b = append(b, byte(c), byte(c>>8))
		}
		p := filepath.Join(dir, "u16.yaml")
		os.WriteFile(p, b, 0o644)
		return []string{"validate", p}
	}, code: 2, msg: "UTF-16", pos: `u16\.yaml:1:1: `},
	{name: "random UTF-8", setup: func(t *testing.T, dir string) []string {
		var b strings.Builder
		for i := 0; i < 3000; i++ {
			b.WriteRune(rune(0x4e00 + (i*7919)%20000))
		}
		p := filepath.Join(dir, "rand.yaml")
		os.WriteFile(p, []byte(b.String()), 0o644)
		return []string{"validate", p}
	}, code: 2, msg: "expected a mapping", pos: `rand\.yaml:1:1: `},
	{name: "tab inside a block scalar", setup: edit(`  notes: "Fictional sample.`, "  notes: |\n    Fictional\n    \tindented by a tab\n  region2: \"", "validate"), code: 2, msg: "unknown key \"region2\""},

	// 8. Half-written outputs and swallowed errors.
	{name: "300-character name", setup: func(t *testing.T, dir string) []string {
		return []string{"export", "-o", filepath.Join(dir, "out"), sampleWith(t, dir, "c.yaml", "name: Republic of Aurelia", "name: "+strings.Repeat("Aurelia ", 38))}
	}, code: 0, msg: "wrote"},
}

// feedZeros writes zeros into a FIFO until its reader goes away.
func feedZeros(path string) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	zeros := make([]byte, 1<<16)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := f.Write(zeros); err != nil {
			return
		}
	}
}

// heapPeak samples the live heap until stop is closed and reports the highest value seen.
func heapPeak(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

func TestHostileCorpus(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := c.setup(t, dir)
			for i, a := range args {
				if a == "out" {
					args[i] = filepath.Join(dir, "out")
				}
			}
			runtime.GC()
			stop := make(chan struct{})
			peak := heapPeak(stop)
			type result struct {
				stdout, stderr string
				code           int
				panicked       any
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				var r result
				defer func() {
					r.panicked = recover()
					done <- r
				}()
				var out, errOut bytes.Buffer
				r.code = run(args, strings.NewReader(""), &out, &errOut)
				r.stdout, r.stderr = out.String(), errOut.String()
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(hostileTime):
				close(stop)
				t.Fatalf("govplan %s: no answer within %s", strings.Join(args, " "), hostileTime)
			}
			took := time.Since(start)
			close(stop)
			mem := <-peak
			if r.panicked != nil {
				t.Fatalf("panic: %v", r.panicked)
			}
			limit := c.memory
			if limit == 0 {
				limit = hostileMemory
			}
			if mem > limit {
				t.Errorf("heap peaked at %d MB, over %d MB", mem>>20, limit>>20)
			}
			if r.code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, c.code, r.stderr)
			}
			where := r.stderr
			if c.code == 0 {
				where = r.stdout + r.stderr
			}
			if !strings.Contains(where, c.msg) {
				t.Errorf("output does not say %q:\n%s", c.msg, head(where, 1500))
			}
			if c.pos != "" && !regexp.MustCompile(c.pos).MatchString(r.stderr) {
				t.Errorf("stderr has no position matching %s:\n%s", c.pos, head(r.stderr, 1500))
			}
			maxLines := c.lines
			if maxLines == 0 {
				maxLines = 6
			}
			if n := strings.Count(r.stderr, "\n"); c.code != 0 && n > maxLines {
				t.Errorf("%d lines on stderr, at most %d allowed:\n%s", n, maxLines, head(r.stderr, 1500))
			}
			for _, s := range []string{r.stdout, r.stderr} {
				if strings.ContainsAny(s, "\x1b\x07\u009b\r") || strings.Contains(s, "goroutine ") {
					t.Errorf("escape, control character or stack trace in the output: %q", head(s, 300))
				}
			}
			t.Logf("%s, heap peak %d MB", took.Round(time.Millisecond), mem>>20)
		})
	}
}

func head(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// TestFloodJSONListsEverything: the text shows the first problems and a count; --format json
// lists every one.
func TestFloodJSONListsEverything(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("answers:\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "  bad_%d: {level: 2}\n", i)
	}
	p := sampleWith(t, dir, "c.yaml", "answers:\n", b.String())
	stdout, _, code := runCLI(t, "validate", "--format", "json", p)
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Files []struct {
			OK     bool
			Errors []struct {
				Line, Column int
				Message      string
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 1 || doc.Files[0].OK || len(doc.Files[0].Errors) != 5000 {
		t.Fatalf("json lists %+v", len(doc.Files[0].Errors))
	}
	if e := doc.Files[0].Errors[0]; e.Line == 0 || e.Column == 0 {
		t.Errorf("first error has no position: %+v", e)
	}
}

// TestStdoutWriteErrorsFail: a command whose output cannot be written (/dev/full) fails.
func TestStdoutWriteErrorsFail(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	for _, args := range [][]string{
		{"score", "--sample", "aurelia"}, {"match", "--sample", "aurelia"}, {"roadmap", "--sample", "aurelia"},
		{"catalog", "blocks"}, {"compare", "--sample", "aurelia", "--sample", "bakana"}, {"validate", "../../countries/aurelia.yaml"},
	} {
		var errOut bytes.Buffer
		code := run(args, strings.NewReader(""), full, &errOut)
		if code == 0 || !strings.Contains(errOut.String(), "cannot write the output") {
			t.Errorf("govplan %s > /dev/full: exit %d, stderr %q", strings.Join(args, " "), code, errOut.String())
		}
	}
}

// TestExportNeverHalfWritten: an export whose last move fails leaves the folder as it was,
// and links planted in the folder are replaced, never followed.
func TestExportNeverHalfWritten(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	// A folder where the JSON should go makes the commit fail after other files moved.
	os.Mkdir(filepath.Join(out, "republic-of-aurelia-model.json"), 0o755)
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("x"), 0o644)
	_, stderr, code := runCLI(t, "export", "--sample", "aurelia", "-o", out)
	if code == 0 || !strings.Contains(stderr, "nothing was written") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 2 {
		t.Fatalf("the folder holds %v after a failed export, want only what was there", names)
	}

	// A planted link to a FIFO (and to a file outside) is replaced, not written through.
	out2 := filepath.Join(dir, "out2")
	os.Mkdir(out2, 0o755)
	mkfifo(t, filepath.Join(dir, "fifo"))
	outside := filepath.Join(dir, "outside.txt")
	os.WriteFile(outside, []byte("untouched"), 0o644)
	os.Symlink(filepath.Join(dir, "fifo"), filepath.Join(out2, "republic-of-aurelia-report.md"))
	os.Symlink(outside, filepath.Join(out2, "republic-of-aurelia-model.json"))
	done := make(chan int, 1)
	go func() { _, _, c := runCLI(t, "export", "--sample", "aurelia", "-o", out2); done <- c }()
	select {
	case c := <-done:
		if c != 0 {
			t.Fatalf("export exit %d", c)
		}
	case <-time.After(hostileTime):
		t.Fatal("export hung on a planted link to a FIFO")
	}
	if got, _ := os.ReadFile(outside); string(got) != "untouched" {
		t.Error("export wrote through a planted link")
	}
	for _, n := range []string{"republic-of-aurelia-report.md", "republic-of-aurelia-model.json"} {
		if st, err := os.Lstat(filepath.Join(out2, n)); err != nil || !st.Mode().IsRegular() {
			t.Errorf("%s is not a regular file after export", n)
		}
	}
}

// TestLongNameShortSlug: a 300-character country name gives a short file name and stays whole
// inside the files.
func TestLongNameShortSlug(t *testing.T) {
	dir := t.TempDir()
	name := strings.TrimSpace(strings.Repeat("Aurelia ", 38))
	p := sampleWith(t, dir, "c.yaml", "name: Republic of Aurelia", "name: "+name)
	out := filepath.Join(dir, "out")
	if _, stderr, code := runCLI(t, "export", "-o", out, p); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if len(e.Name()) > 100 {
			t.Errorf("file name of %d bytes: %s", len(e.Name()), e.Name())
		}
		if strings.HasSuffix(e.Name(), "-report.md") {
			md, _ := os.ReadFile(filepath.Join(out, e.Name()))
			if !strings.Contains(string(md), name) {
				t.Error("the report lost the full name")
			}
		}
	}
}
