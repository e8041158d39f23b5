package yamlx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/govplan/govplan/internal/i18n" // installs the catalogs as yamlx.Translate
	"github.com/govplan/govplan/internal/yamlx"
)

type sample struct {
	Name  i18n.Text `yaml:"name"`
	Count int       `yaml:"count"`
	Tags  []string  `yaml:"tags"`
}

func decode(t *testing.T, src string) yamlx.Errors {
	t.Helper()
	doc, err := yamlx.Parse("x.yaml", []byte(src), yamlx.Msgf("a sample file"))
	if err != nil {
		return yamlx.AsErrors(err)
	}
	var s sample
	return yamlx.AsErrors(doc.Decode(&s))
}

// Decoding errors keep English in Error() and show the reader's language with In, at the same
// place; what a node holds ("the number 2.5", "a mapping") is translated too.
func TestDecodeErrorsIn(t *testing.T) {
	errs := decode(t, "name: Test\ncount: 2.5\ntags: {a: 1}\ncolour: red\n")
	if len(errs) != 3 {
		t.Fatalf("want 3 errors, got %d:\n%v", len(errs), errs)
	}
	wantEN := []string{
		"x.yaml:2:8: count: expected a whole number, got the number 2.5",
		"x.yaml:3:7: tags: expected a list, got a mapping",
		`x.yaml:4:1: colour: unknown key "colour"; expected one of: name, count, tags`,
	}
	wantFR := []string{
		"x.yaml:2:8: count : attendu : un nombre entier ; trouvé : le nombre 2.5",
		"x.yaml:3:7: tags : attendu : une liste ; trouvé : un dictionnaire",
		`x.yaml:4:1: colour : clé "colour" inconnue ; clés possibles : name, count, tags`,
	}
	for i, e := range errs {
		if got := e.Error(); got != wantEN[i] {
			t.Errorf("Error() = %q, want %q", got, wantEN[i])
		}
		if got := e.In("en"); got != wantEN[i] {
			t.Errorf("In(en) = %q, want %q", got, wantEN[i])
		}
		if got := e.In("fr"); got != wantFR[i] {
			t.Errorf("In(fr) = %q, want %q", got, wantFR[i])
		}
		if es := e.In("es"); !strings.HasPrefix(es, strings.SplitAfterN(wantEN[i], " ", 2)[0]) || es == wantEN[i] {
			t.Errorf("In(es) = %q: not Spanish, or not at the same place", es)
		}
	}
	if got, want := errs.In("fr"), strings.Join(wantFR, "\n"); got != want {
		t.Errorf("Errors.In(fr) =\n%s\nwant\n%s", got, want)
	}
	if errs.Error() != strings.Join(wantEN, "\n") {
		t.Errorf("Errors.Error() changed:\n%s", errs.Error())
	}
}

// A data text's own message (package i18n) goes through the same path.
func TestUnmarshalerErrorsIn(t *testing.T) {
	errs := decode(t, "name: [a]\n")
	if len(errs) != 1 {
		t.Fatalf("want 1 error, got %v", errs)
	}
	if got, want := errs[0].In("es"), "x.yaml:1:7: name: se esperaba un texto o un mapeo de idiomas a textos; se encontró una lista"; got != want {
		t.Errorf("In(es) = %q, want %q", got, want)
	}
}

// Problems found by validators become positioned errors that keep their format; warnings
// are marked in the reader's language; a Problem shows its message alone with In.
func TestProblemsIn(t *testing.T) {
	doc, err := yamlx.Parse("x.yaml", []byte("name: Test\ncount: 3\n"), "a sample file")
	if err != nil {
		t.Fatal(err)
	}
	var ps yamlx.Problems
	ps.Add([]any{"count"}, "target score %g is outside 0..1 (scores in files are fractions: 0.75, not 75)", 3.0)
	ps.WarnKey([]any{"count"}, "product %q is not in the catalog", "x")
	ps = append(ps, yamlx.Problem{Path: []any{"name"}, Msg: "an English-only message"})
	errs := doc.Locate(ps)
	want := []struct{ en, fr string }{
		{"x.yaml:2:8: target score 3 is outside 0..1 (scores in files are fractions: 0.75, not 75)",
			"x.yaml:2:8: le score cible 3 est hors de 0..1 (dans les fichiers, les scores sont des fractions : 0.75, pas 75)"},
		{`x.yaml:2:1: warning: product "x" is not in the catalog`,
			`x.yaml:2:1: avertissement : le produit "x" n'est pas dans le catalogue`},
		{"x.yaml:1:7: an English-only message", "x.yaml:1:7: an English-only message"},
	}
	for i, e := range errs {
		if e.Error() != want[i].en || e.In("fr") != want[i].fr {
			t.Errorf("got %q / %q,\nwant %q / %q", e.Error(), e.In("fr"), want[i].en, want[i].fr)
		}
	}
	if got := ps[1].In("fr"); got != `le produit "x" n'est pas dans le catalogue` {
		t.Errorf("Problem.In(fr) = %q", got)
	}
	if ps[1].Msg != `product "x" is not in the catalog` {
		t.Errorf("Problem.Msg = %q, want the English message", ps[1].Msg)
	}
}

// Reading and parsing errors: the system's reason is translated when it is a common one.
func TestReadAndParseErrorsIn(t *testing.T) {
	_, err := yamlx.ReadFile("testdata/does-not-exist.yaml")
	var e *yamlx.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *yamlx.Error, got %v", err)
	}
	if got, want := e.Error(), "testdata/does-not-exist.yaml: cannot open: no such file or directory"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.In("fr"), "testdata/does-not-exist.yaml: impossible d'ouvrir : fichier ou dossier introuvable"; got != want {
		t.Errorf("In(fr) = %q, want %q", got, want)
	}
	errs := decode(t, "")
	if got, want := errs.In("fr"), "x.yaml: le fichier est vide ; attendu : a sample file"; got != want {
		t.Errorf("empty file: In(fr) = %q, want %q", got, want)
	}
	errs = decode(t, "name: x\n\tcount: 1\n")
	if got, want := errs.In("es"), "x.yaml:2:1: tabulación en la sangría; YAML solo admite espacios para sangrar"; got != want {
		t.Errorf("tab: In(es) = %q, want %q", got, want)
	}
	// An error built from Msg alone (by code that does not keep a format) shows Msg.
	plain := &yamlx.Error{File: "f.csv", Line: 3, Col: 1, Msg: "row skipped", Warning: true}
	if got := plain.In("fr"); got != "f.csv:3:1: avertissement : row skipped" {
		t.Errorf("plain In(fr) = %q", got)
	}
}
