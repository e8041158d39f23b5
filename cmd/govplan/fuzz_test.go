package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/countries"
)

// pipelineTime bounds one fuzz input through the whole pipeline: a hang fails the fuzz run
// instead of stalling it.
const pipelineTime = 10 * time.Second

// pipelineSeeds are one-line edits of a sample that once crashed, hung or exhausted memory.
var pipelineSeeds = [][2]string{
	{"date: 2026-05-20", "date: 0000-01-01"},
	{"date: 2026-05-20", "date: 2199-12-31"},
	{"{level: 4, year: 2028}", "{level: 4, year: 99999999999}"},
	{"{level: 4, year: 2028}", "{level: 4, year: 2199}"},
	{"plan:\n", "plan:\n  add: [{id: x1, name: X, months: 9223372036854775807, cost: 1}]\n"},
	{"plan:\n", "plan:\n  add: [{id: x1, name: X, months: 600, cost: 1e15, depends_on: [x1]}]\n"},
	{"plan:\n", "plan:\n  workstreams: 100\n  start: 1900-01\n"},
	{"costs:\n  currency: EUR\n", "costs:\n  currency: EUR\n  blocks: {consent: {build_months: -4, build_cost: 1e308}}\n"},
	{"costs:\n  currency: EUR\n", "costs:\n  currency: EUR\n  readiness_level: {months: 600, cost: 0}\n"},
	{"amount: 600000", "amount: 1e308"},
	{"currency: EUR, years", "currency: GBP, years"},
	{"name: Republic of Aurelia", "name: \"\\e]0;T\\a\\e[2J\""},
	{"use_cases: [finc-1, hltc-2, egov-1, hltc-3]", "use_cases: [{id: x, name: X, steps: [{name: S, blocks: []}]}]"},
	{"inventory:\n", "inventory:\n  consent: {status: operational}\n"},
	{"use_cases: [finc-1, hltc-2, egov-1, hltc-3]", "use_cases: [{id: cu-" + strings.Repeat("a", 300) + ", name: X, steps: [{name: S, blocks: [payments]}]}]"},
	{"plan:\n", "plan:\n  add: [{id: x1, name: X, months: -3, cost: -5}]\n"},
	{"exchange_rates: {USD: 0.92}", "exchange_rates: {USD: 1000000000}"},
}

// FuzzPipeline runs a country file through everything a command does with it: load,
// validate, score, match, plan and the text outputs of validate, score, match and roadmap.
// Any panic, any stack trace, any escape sequence in the output, any input slower than
// pipelineTime, and any file validate accepts but another command refuses fails.
func FuzzPipeline(f *testing.F) {
	for _, name := range countries.SampleNames() {
		src, _ := countries.SampleSource(name)
		f.Add(src)
	}
	src, _ := countries.SampleSource("aurelia")
	for _, e := range pipelineSeeds {
		f.Add([]byte(strings.Replace(string(src), e[0], e[1], 1)))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip()
		}
		validated := false
		for _, cmd := range []string{"validate", "roadmap", "match", "score"} {
			done := make(chan struct{})
			var out, errOut bytes.Buffer
			var code int
			var panicked any
			go func() {
				defer func() { panicked = recover(); close(done) }()
				code = run([]string{cmd, path}, strings.NewReader(""), &out, &errOut)
			}()
			select {
			case <-done:
			case <-time.After(pipelineTime):
				t.Fatalf("govplan %s: no answer within %s", cmd, pipelineTime)
			}
			if panicked != nil {
				t.Fatalf("govplan %s panicked: %v", cmd, panicked)
			}
			if code != 0 && code != 2 {
				t.Fatalf("govplan %s: exit %d (want 0 or 2): %s", cmd, code, errOut.String())
			}
			for _, s := range []string{out.String(), errOut.String()} {
				if strings.Contains(s, "goroutine ") || strings.ContainsAny(s, "\x1b\x07\u009b") {
					t.Fatalf("govplan %s printed a stack trace or an escape: %q", cmd, head(s, 300))
				}
			}
			if code == 2 && validated {
				t.Fatalf("validate says ok, govplan %s refuses: %s", cmd, head(errOut.String(), 300))
			}
			if code == 2 {
				return // refused at load: the other commands refuse it the same way
			}
			validated = cmd == "validate" || validated
		}
	})
}
