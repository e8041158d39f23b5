package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/internal/i18n"
)

// runOK runs govplan and fails the test unless it succeeds.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\n%s", args, code, stderr)
	}
	return stdout
}

// wantTranslated checks that out shows each English message in lang, and not in English.
func wantTranslated(t *testing.T, lang, out string, msgs ...string) {
	t.Helper()
	for _, m := range msgs {
		tr := i18n.T(lang, m)
		if tr == m {
			t.Errorf("%s: %q has no translation", lang, m)
			continue
		}
		if !strings.Contains(out, tr) {
			t.Errorf("%s: output lacks %q (for %q):\n%s", lang, tr, m, out)
		}
		if strings.Contains(out, m) {
			t.Errorf("%s: output still shows the English %q", lang, m)
		}
	}
}

// thousands matches an amount with thousands separators the language's way.
var thousands = map[string]*regexp.Regexp{
	"fr": regexp.MustCompile(`\d{1,3}(\x{00a0}\d{3})+ USD`),
	"es": regexp.MustCompile(`\d{1,3}(\.\d{3})+ USD`),
}

func TestScoreInFrenchAndSpanish(t *testing.T) {
	want := map[string][]string{
		"fr": {"12 mars 2026", "(88\u00a0%)", "Connectivité et couverture Internet"},
		"es": {"12 de marzo de 2026", "(88\u00a0%)", "Conectividad y cobertura de internet"},
	}
	for _, lang := range []string{"fr", "es"} {
		out := runOK(t, "--lang", lang, "score", "--sample", "bakana")
		wantTranslated(t, lang, out, "Disputed answers (ministries 2+ levels apart):", "Largest gaps to targets:",
			"Readiness gates not met (a building block needs this first):")
		for _, w := range want[lang] {
			if !strings.Contains(out, w) {
				t.Errorf("%s: score lacks %q:\n%s", lang, w, out)
			}
		}
		// Every pillar name as the data gives it in the language.
		var doc struct{ Pillars []struct{ Name string } }
		if err := json.Unmarshal([]byte(runOK(t, "--lang", lang, "score", "--sample", "bakana", "--format", "json")), &doc); err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Pillars {
			if !strings.Contains(out, p.Name) {
				t.Errorf("%s: score lacks pillar %q", lang, p.Name)
			}
		}
		// Numbers read the language's way: a decimal comma in the current gate levels.
		if !strings.Contains(out, "1,0") {
			t.Errorf("%s: no decimal comma in:\n%s", lang, out)
		}
	}
}

func TestMatchInFrenchAndSpanish(t *testing.T) {
	for _, lang := range []string{"fr", "es"} {
		out := runOK(t, "--lang", lang, "match", "--sample", "bakana")
		wantTranslated(t, lang, out, "Why each block, and candidate products:", "Use cases needed:", "Readiness gates blocking a deployment:")
		var doc struct {
			UseCases []struct{ Name string } `json:"use_cases"`
			Blocks   []struct{ Name string }
			Services []struct{ Name string }
		}
		if err := json.Unmarshal([]byte(runOK(t, "--lang", lang, "match", "--sample", "bakana", "--format", "json")), &doc); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range doc.UseCases {
			names = append(names, u.Name)
		}
		for _, b := range doc.Blocks {
			names = append(names, b.Name)
		}
		for _, s := range doc.Services {
			names = append(names, s.Name)
		}
		for _, n := range names {
			if !strings.Contains(out, n) {
				t.Errorf("%s: match lacks %q", lang, n)
			}
		}
		if !strings.Contains(out, i18n.T(lang, "reuse")) || !strings.Contains(out, "4,64") {
			t.Errorf("%s: statuses or reuse factor not localized:\n%s", lang, out)
		}
	}
}

func TestRoadmapInFrenchAndSpanish(t *testing.T) {
	for _, lang := range []string{"fr", "es"} {
		out := runOK(t, "--lang", lang, "roadmap", "--sample", "bakana")
		wantTranslated(t, lang, out, "Largest unfunded activities:")
		for _, w := range []string{i18n.F(lang, "Phase %d · %s – %s", 1, i18n.Month(lang, mustMonth(t, "2026-04")), i18n.Month(lang, mustMonth(t, "2027-03"))),
			i18n.F(lang, "Critical path (◆, fixes the end date): %s", ""), i18n.T(lang, "delivery team"), i18n.F(lang, "All %d targets are met on time.", 12), i18n.F(lang, "Budget by year (%s):", "USD"),
			i18n.Month(lang, mustMonth(t, "2026-04"))} {
			if !strings.Contains(out, w) {
				t.Errorf("%s: roadmap lacks %q", lang, w)
			}
		}
		var doc struct {
			TotalCost float64 `json:"total_cost"`
		}
		if err := json.Unmarshal([]byte(runOK(t, "--lang", lang, "roadmap", "--sample", "bakana", "--format", "json")), &doc); err != nil {
			t.Fatal(err)
		}
		if total := i18n.Int(lang, doc.TotalCost) + " USD"; !strings.Contains(out, total) {
			t.Errorf("%s: roadmap lacks the total %q", lang, total)
		}
		if !thousands[lang].MatchString(out) || strings.Contains(out, ",000 USD") {
			t.Errorf("%s: amounts not grouped the language's way:\n%s", lang, out)
		}
	}
}

func TestUseCaseInFrenchAndSpanish(t *testing.T) {
	for _, lang := range []string{"fr", "es"} {
		out := runOK(t, "--lang", lang, "catalog", "usecases", "hltc-1")
		wantTranslated(t, lang, out, "Blocks:")
		var uc struct {
			Name  string
			Steps []struct{ Name string }
		}
		if err := json.Unmarshal([]byte(runOK(t, "--lang", lang, "catalog", "usecases", "hltc-1", "--format", "json")), &uc); err != nil {
			t.Fatal(err)
		}
		if uc.Name == "Postpartum and Infant Care" || !strings.Contains(out, uc.Name) {
			t.Errorf("%s: use case name %q", lang, uc.Name)
		}
		for _, s := range uc.Steps {
			if !strings.Contains(out, s.Name) {
				t.Errorf("%s: grid lacks step %q", lang, s.Name)
			}
		}
		if strings.Contains(out, "Outreach Communications") {
			t.Errorf("%s: English step name in:\n%s", lang, out)
		}
	}
}

// labelKeys are the JSON fields that carry text in the language of texts; everything else
// (ids, numbers, enum values, structure) is the same in every language.
var labelKeys = map[string]bool{"name": true, "band_name": true, "reasons": true, "reason": true, "why": true, "summary": true, "purpose": true, "scope_reason": true, "note": true, "evidence_note": true}

// firstDiff names where two JSON values first differ ("" when they are equal).
func firstDiff(a, b any, path string) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return path
		}
		for k, x := range a {
			y, ok := bm[k]
			if !ok {
				return path + "." + k
			}
			if d := firstDiff(x, y, path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return path
		}
		for i := range a {
			if d := firstDiff(a[i], bl[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s (%v vs %v)", path, a, b)
	}
	return ""
}

func withoutLabels(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if !labelKeys[k] {
				out[k] = withoutLabels(x)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = withoutLabels(x)
		}
		return out
	}
	return v
}

// TestJSONSameInEveryLanguage: --format json differs between languages only in its labels,
// and the same country file scores the same in every language.
func TestJSONSameInEveryLanguage(t *testing.T) {
	for _, args := range [][]string{
		{"score", "--sample", "bakana"},
		{"score", "--sample", "coralia"},
		{"match", "--sample", "bakana"},
		{"roadmap", "--sample", "bakana"},
		{"catalog", "usecases", "hltc-1"},
		{"catalog", "blocks"},
		{"compare", "--sample", "aurelia", "--sample", "bakana", "--sample", "coralia"},
	} {
		docs := map[string]any{}
		for _, lang := range []string{"en", "fr", "es", "fr-FR"} {
			var v any
			out := runOK(t, append(append([]string{"--lang", lang}, args...), "--format", "json")...)
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("%s %v: %v", lang, args, err)
			}
			docs[lang] = v
		}
		if !reflect.DeepEqual(docs["fr"], docs["fr-FR"]) {
			t.Errorf("%v: fr-FR differs from fr", args)
		}
		en := withoutLabels(docs["en"])
		for _, lang := range []string{"fr", "es"} {
			if reflect.DeepEqual(docs["en"], docs[lang]) {
				t.Errorf("%v: %s JSON has no label in %s", args, lang, lang)
			}
			if d := firstDiff(en, withoutLabels(docs[lang]), ""); d != "" {
				t.Errorf("%v: %s JSON differs from English beyond labels, at %s", args, lang, d)
			}
		}
	}
}

func TestLanguageFromEnvironmentAndFallback(t *testing.T) {
	t.Setenv("GOVPLAN_LANG", "es")
	out := runOK(t, "score", "--sample", "bakana")
	wantTranslated(t, "es", out, "Largest gaps to targets:")
	// --lang wins over the environment.
	if out := runOK(t, "--lang", "en", "score", "--sample", "bakana"); !strings.Contains(out, "Largest gaps to targets:") {
		t.Errorf("--lang en did not override GOVPLAN_LANG=es:\n%s", out)
	}
	// A language without messages: one warning in English, then English.
	stdout, stderr, code := runCLI(t, "--lang", "xx", "score", "--sample", "bakana")
	if code != 0 || strings.Count(stderr, `language "xx" is not available`) != 1 || !strings.Contains(stdout, "Largest gaps to targets:") {
		t.Errorf("--lang xx: exit %d\nstderr %q\n%s", code, stderr, stdout)
	}
	// A regional variant speaks its language.
	if out := runOK(t, "score", "--sample", "bakana", "--lang", "fr-FR"); !strings.Contains(out, i18n.T("fr", "Largest gaps to targets:")) {
		t.Errorf("--lang fr-FR:\n%s", out)
	}
}

func TestHelpInFrenchAndSpanish(t *testing.T) {
	for _, lang := range []string{"fr", "es"} {
		out := runOK(t, "--lang", lang, "score", "--help")
		wantTranslated(t, lang, out, "Score a country's readiness: overall, per pillar and per indicator",
			"output format: text or json", "Flags:", "Global flags:", "Usage:")
		out = runOK(t, "--help", "--lang", lang)
		wantTranslated(t, lang, out, "Plan the roadmap: activities by phase, critical path, costs, KPIs from the schedule, budget and funding", "Commands:")
		if !strings.Contains(out, i18n.F(lang, "help for %s", "govplan")) {
			t.Errorf("%s: -h not described in the language:\n%s", lang, out)
		}
	}
	t.Setenv("GOVPLAN_LANG", "fr")
	out := runOK(t, "compare", "--help")
	wantTranslated(t, "fr", out, "rank every round of a country, not only its latest")
	// Messages of the command line itself.
	_, stderr, code := runCLI(t, "score", "--sample", "bakana", "--format", "xml")
	if code != 2 || !strings.Contains(stderr, i18n.F("fr", "--format %q is not one of %s", "xml", "text, json")) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "score", "a.yaml", "b.yaml"); code != 2 || !strings.Contains(stderr, "argument") || strings.Contains(stderr, "accepts at most") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func mustMonth(t *testing.T, s string) time.Time {
	t.Helper()
	m, err := time.Parse("2006-01", s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCatalogBlocksJSONKeys: dependencies print with lower-case keys, a strength and a source.
func TestCatalogBlocksJSONKeys(t *testing.T) {
	out := runOK(t, "catalog", "blocks", "payments", "--format", "json")
	for _, k := range []string{`"block": "information-mediator"`, `"strength": "required"`, `"reason": "`, `"source": "bb-payments spec/5-cross-cutting-requirements.md`} {
		if !strings.Contains(out, k) {
			t.Errorf("catalog blocks payments --format json lacks %s:\n%s", k, out)
		}
	}
	for _, k := range []string{`"Block"`, `"Reason"`} {
		if strings.Contains(out, k) {
			t.Errorf("catalog blocks --format json has the Go field name %s", k)
		}
	}
	out = runOK(t, "--lang", "fr", "catalog", "blocks", "scheduler")
	if !strings.Contains(out, "Recommande") || !strings.Contains(out, "§6.12") || !strings.Contains(out, "Le planificateur peut envoyer") {
		t.Errorf("catalog blocks scheduler in French lacks the recommended dependency:\n%s", out)
	}
}
