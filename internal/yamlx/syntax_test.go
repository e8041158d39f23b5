package yamlx_test

import (
	"strings"
	"testing"

	"github.com/govplan/govplan/internal/yamlx"
)

// YAML syntax errors say, at the failing line, what is wrong in a planner's words and what to
// do, in the reader's language: none of the YAML library's own English is left in French or
// Spanish for the mistakes people make.
func TestSyntaxErrorsExplained(t *testing.T) {
	library := []string{"found unexpected", "not allowed in this context", "did not find expected", "could not find expected", "cannot start any token", "unknown escape character", "alphabetic or numeric"}
	for _, c := range []struct {
		src, where, says string
	}{
		{"name: \"Test\ncount: 1\n", "x.yaml:1:7:", "this quote is not closed"},
		{"# it's a \"sample\"\nnotes: |\n  He said \"hi\n  and left\ntags: ['a', \"b\n", "x.yaml:5:13:", "this quote is not closed"},
		{"name: 'it''s\n  multi-line'\ntags: [rock-'n'-roll, \"x]\n", "x.yaml:3:23:", "this quote is not closed"},
		{"name: a: b\n", "x.yaml:1:", `put a value that contains ": " in quotes`},
		{"name: Test\n  count: 1\n", "x.yaml:2:", "a key with a value on its own line cannot also have keys under it"},
		{"name:\n  en: x\n count: 1\n", "x.yaml:3:", "check the indentation against the keys above"},
		{"name: \"Test\" draft\n", "x.yaml:1:", "nothing follows a quoted value"},
		{"tags:\n  - a\n  b\n", "x.yaml:3:", `a key without ':'`},
		{"tags: [a, b\ncount: 1\n", "x.yaml:", "is not closed with ']'"},
		{"name: {en: x\ncount: 1\n", "x.yaml:", "is not closed with '}'"},
		{"name: @test\n", "x.yaml:1:", "such as @ or `"},
		{"name: \"a\\qb\"\n", "x.yaml:1:", "write \\\\ for one backslash"},
		{"name: &\n", "x.yaml:1:", "(!, &, * or ?)"},
		{"- a\nname: x\n", "x.yaml:", `a list item must start with "- "`},
	} {
		errs := decode(t, c.src)
		if len(errs) != 1 {
			t.Errorf("%q: %d errors, want 1: %v", c.src, len(errs), errs)
			continue
		}
		en := errs[0].In("en")
		if !strings.HasPrefix(en, c.where) || !strings.Contains(en, c.says) {
			t.Errorf("%q:\n got %s\nwant %s… %s", c.src, en, c.where, c.says)
		}
		for _, lang := range []string{"fr", "es"} {
			msg := errs[0].In(lang)
			if msg == en || !strings.HasPrefix(msg, c.where) {
				t.Errorf("%q in %s: %s (not translated, or not at the same place)", c.src, lang, msg)
			}
			for _, w := range library {
				if strings.Contains(msg, w) {
					t.Errorf("%q in %s keeps the library's words %q: %s", c.src, lang, w, msg)
				}
			}
		}
	}
}

// A problem the table does not know keeps the library's words, after a translated prefix.
func TestSyntaxErrorUnknownProblem(t *testing.T) {
	errs := decode(t, "%YAML 1.1\n%YAML 1.1\n---\nname: x\n")
	if len(errs) != 1 || !strings.Contains(errs[0].In("fr"), "syntaxe YAML") {
		t.Fatalf("got %v", errs)
	}
	_ = yamlx.Msgf
}
