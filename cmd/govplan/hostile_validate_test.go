package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exportOnlyCases are one-line edits aimed at what only an export does with a file: file
// names, workbook dates and sizes, printed amounts, drawn diagrams.
var exportOnlyCases = []struct{ name, old, new string }{
	{"use-case id of 300 characters", "use_cases: [finc-1, hltc-2, egov-1, hltc-3]", "use_cases: [{id: cu-" + strings.Repeat("a", 300) + ", name: X, steps: [{name: S, blocks: [payments]}]}]"},
	{"upper-case use-case id", "use_cases: [finc-1, hltc-2, egov-1, hltc-3]", "use_cases: [{id: CU-1, name: X, steps: [{name: S, blocks: [payments]}]}]"},
	{"largest exchange rate", "exchange_rates: {USD: 0.92}", "exchange_rates: {USD: 1000000000}"},
	{"smallest exchange rate", "exchange_rates: {USD: 0.92}", "exchange_rates: {USD: 0.000000001}"},
	{"largest amounts", costsLine, costsLine + "  blocks: {consent: {build_cost: 1e15, running_cost: 1e15, build_months: 600}}\n"},
	{"latest assessment date", "date: 2026-05-20", "date: 2199-12-31"},
	{"earliest assessment date", "date: 2026-05-20", "date: 1900-01-01"},
	{"latest plan start", "plan:\n", "plan:\n  start: 2199-12\n"},
	{"plan of 600-month steps", "plan:\n", "plan:\n  add: [{id: x1, name: X, months: 600, cost: 1e15}, {id: x2, name: Y, months: 600, cost: 1e15, depends_on: [x1]}]\n"},
	{"pledge in the last year", "years: [2027]", "years: [2199]"},
	{"country name of 500 escapes", "name: Republic of Aurelia", "name: \"" + strings.Repeat(`\e`, 500) + "\""},
	{"country name without letters", "name: Republic of Aurelia", "name: \"—\""},
}

// TestValidateRefusesWhatExportRefuses: for every hostile country file (the corpus above,
// the export-only edits and testdata/bad), when export fails, validate fails too, at the
// position export names.
func TestValidateRefusesWhatExportRefuses(t *testing.T) {
	type input struct {
		name  string
		flags []string // --catalog and --framework, as the case gave them
		file  string
	}
	var inputs []input
	for _, c := range hostileCases {
		dir := t.TempDir()
		args := c.setup(t, dir)
		switch args[0] {
		case "roadmap", "export", "score", "match", "validate":
		default:
			continue
		}
		in := input{name: c.name}
		for i := 1; i < len(args); i++ {
			switch a := args[i]; {
			case a == "--catalog" || a == "--framework":
				in.flags = append(in.flags, a, args[i+1])
				i++
			case a == "-o" || a == "--start":
				i++
			case strings.HasSuffix(a, ".yaml"):
				in.file = a
			}
		}
		if in.file == "" || looksLikeFrameworkFile(in.file) {
			continue
		}
		inputs = append(inputs, in)
	}
	for _, c := range exportOnlyCases {
		inputs = append(inputs, input{name: c.name, file: sampleWith(t, t.TempDir(), "c.yaml", c.old, c.new)})
	}
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, p := range bad {
		if !looksLikeFrameworkFile(p) {
			inputs = append(inputs, input{name: filepath.Base(p), file: p})
		}
	}
	if len(inputs) < 30 {
		t.Fatalf("only %d inputs: the corpus was not read", len(inputs))
	}
	pos := regexp.MustCompile(`\.yaml:\d+:\d+: `)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, exportErr, exportCode := runCLI(t, append(append([]string{"export", "-o", out}, in.flags...), in.file)...)
			_, validateErr, validateCode := runCLI(t, append(append([]string{"validate"}, in.flags...), in.file)...)
			if exportCode == 0 {
				return
			}
			if validateCode == 0 {
				t.Fatalf("export refuses the file (exit %d) but validate says ok; export said:\n%s", exportCode, head(exportErr, 800))
			}
			// A problem export places in the file, validate places too (an empty file, a flag
			// or a catalog folder has no line to name).
			if pos.MatchString(exportErr) && !pos.MatchString(validateErr) {
				t.Errorf("validate names no file:line:col:\n%s", head(validateErr, 800))
			}
		})
	}
}

func looksLikeFrameworkFile(p string) bool {
	data, err := os.ReadFile(p)
	return err == nil && looksLikeFramework(data)
}

// TestExportFailureInLanguage: the failure paths of export and import say in the user's
// language what failed and that nothing was written, without the temporary folder's name.
func TestExportFailureInLanguage(t *testing.T) {
	for lang, want := range map[string]string{"fr": "est un dossier ; rien n'a été écrit dans", "es": "es una carpeta; no se escribió nada en"} {
		out := filepath.Join(t.TempDir(), "out")
		os.MkdirAll(filepath.Join(out, "republic-of-aurelia-model.json"), 0o755)
		_, stderr, code := runCLI(t, "--lang", lang, "export", "--sample", "aurelia", "-o", out)
		if code == 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, ".govplan-tmp-") {
			t.Errorf("%s: exit %d, stderr %q", lang, code, stderr)
		}
	}
}
