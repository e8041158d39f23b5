package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/internal/ident"
)

// usedMessages finds every message the code passes to i18n.T or i18n.F as a literal.
func usedMessages(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	used := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if i := messageArg(call); i >= 0 && i < len(call.Args) {
				if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if strings.Trim(verbPattern.ReplaceAllString(s, ""), " ") != "" {
						used[s] = append(used[s], fset.Position(lit.Pos()).String())
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	used[ident.Rule] = append(used[ident.Rule], "internal/ident (shown in messages about ids)")
	for _, m := range months {
		used[m] = append(used[m], "format.go")
	}
	for _, k := range []string{keyDecimal, keyThousands, "%[1]d %[2]s %[3]d", "%[1]s %[2]d"} {
		used[k] = append(used[k], "format.go")
	}
	return used
}

// messageArg returns the index of the argument of call that is an English message, or -1:
//
//   - i18n.T(lang, "msg"), i18n.F(lang, "format", ...): the second;
//   - messages about input files, kept in English and shown in the reader's language later
//     (package yamlx): the second argument of the methods ps.Add/Warn/AddKey/WarnKey(path,
//     "format", ...) and d.Errorf(node, "format", ...) and of yamlx.Errorf(file, "format", ...),
//     and the first of yamlx.Msgf("format", ...) — any receiver but the fmt package.
func messageArg(call *ast.CallExpr) int {
	var recv, name string
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		name = fn.Sel.Name
		if id, ok := fn.X.(*ast.Ident); ok {
			recv = id.Name
		} else {
			recv = "(expr)"
		}
	case *ast.Ident:
		name = fn.Name // inside package yamlx
	default:
		return -1
	}
	switch {
	case recv == "i18n" && (name == "T" || name == "F" || name == "N"):
		return 1
	case recv == "fmt" || recv == "i18n":
		return -1
	case name == "Add" || name == "Warn" || name == "AddKey" || name == "WarnKey" || name == "Errorf":
		return 1
	case name == "Msgf":
		return 0
	}
	return -1
}

// verbPattern matches a fmt verb; a format made of verbs only ("%s") is not a message.
var verbPattern = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestNoMissingMessages lists every message of the code that a language has no translation
// for. French and Spanish must be complete.
func TestNoMissingMessages(t *testing.T) {
	if err := LoadError(); err != nil {
		t.Fatal(err)
	}
	used := usedMessages(t)
	for _, lang := range []string{"fr", "es"} {
		cat := Catalog(lang)
		var missing []string
		for msg, where := range used {
			_, isPlural := PluralForms(lang)[msg]
			if _, ok := cat[msg]; !ok && !isPlural {
				missing = append(missing, strconv.Quote(msg)+"  ("+where[0]+")")
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: %d messages have no translation:\n%s", lang, len(missing), strings.Join(missing, "\n"))
		}
	}
}

// TestNoParenthesisedPlurals keeps "file(s)" out of messages: a count's words come from
// i18n.N and the language's plural forms.
func TestNoParenthesisedPlurals(t *testing.T) {
	for msg, where := range usedMessages(t) {
		if strings.Contains(msg, "(s)") {
			t.Errorf("%q (%s): use i18n.N with plural forms instead of (s)", msg, where[0])
		}
	}
	for _, lang := range Languages()[1:] {
		for msg, tr := range Catalog(lang) {
			if strings.Contains(tr, "(s)") || strings.Contains(tr, "(es)") {
				t.Errorf("%s: %q → %q: use plural forms", lang, msg, tr)
			}
		}
	}
}

// TestPluralForms checks the messages that follow a count: each has English forms, every
// form of every language keeps the English verbs, and "other" is always there.
func TestPluralForms(t *testing.T) {
	if err := PluralError(); err != nil {
		t.Fatal(err)
	}
	en := PluralForms(Default)
	for _, lang := range Languages() {
		for key, forms := range PluralForms(lang) {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: plural %q has no English forms in locales/en/plurals.yaml", lang, key)
			}
			if _, ok := forms["other"]; !ok {
				t.Errorf("%s: plural %q has no other form", lang, key)
			}
			for c, f := range forms {
				if verbs(f) != verbs(key) {
					t.Errorf("%s: plural %q, form %s %q: format verbs differ", lang, key, c, f)
				}
			}
		}
	}
	if got := N("fr", "skipped %d rows that could not be mapped to a country (listed above)", 0); !strings.HasPrefix(got, "0 ligne ignorée") {
		t.Errorf("French 0 takes the singular: %q", got)
	}
	if got := N("en", "skipped %d rows that could not be mapped to a country (listed above)", 1); got != "skipped 1 row that could not be mapped to a country (listed above)" {
		t.Errorf("English 1: %q", got)
	}
}

// TestTranslationsKeepFormatVerbs checks that a translation uses the same fmt verbs as its
// English message, so arguments are never lost or shown as %!d.
func TestTranslationsKeepFormatVerbs(t *testing.T) {
	for _, lang := range Languages()[1:] {
		for msg, tr := range Catalog(lang) {
			if verbs(msg) != verbs(tr) {
				t.Errorf("%s: %q → %q: format verbs differ (%s vs %s)", lang, msg, tr, verbs(msg), verbs(tr))
			}
		}
	}
}

// verbs returns the sorted fmt verbs of a format string, ignoring explicit argument indexes.
func verbs(s string) string {
	var vs []string
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '%' {
			i = j
			continue
		}
		idx := ""
		if j < len(s) && s[j] == '[' {
			k := strings.IndexByte(s[j:], ']')
			if k > 0 {
				idx = s[j : j+k+1]
				j += k + 1
			}
		}
		for j < len(s) && strings.ContainsRune("+-# 0123456789.", rune(s[j])) {
			j++
		}
		if j < len(s) {
			vs = append(vs, idx+string(s[j]))
		}
		i = j
	}
	// Without explicit indexes, order matters; with them, only the set does.
	if !strings.Contains(s, "%[") {
		return strings.Join(vs, " ")
	}
	sort.Strings(vs)
	return strings.Join(vs, " ")
}

func TestFallbackToEnglish(t *testing.T) {
	if got := T("fr", "a message nobody translated"); got != "a message nobody translated" {
		t.Errorf("fallback gave %q", got)
	}
	if got := T("xx", "March"); got != "March" {
		t.Errorf("unknown language gave %q", got)
	}
	if got := T("fr-FR", "March"); got != "mars" {
		t.Errorf("fr-FR gave %q", got)
	}
	tx := Text{"en": "Payments", "fr": "Paiements"}
	if tx.In("es") != "Payments" || tx.In("fr") != "Paiements" || tx.In("fr-CA") != "Paiements" {
		t.Errorf("Text fallback wrong: %q %q", tx.In("es"), tx.In("fr"))
	}
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct {
		lang string
		x    float64
		d    int
		want string
	}{
		{"en", 1234567.891, 2, "1,234,567.89"},
		{"fr", 1234567.891, 2, "1\u00a0234\u00a0567,89"},
		{"es", 1234567.891, 1, "1.234.567,9"},
		{"en", -0.4, 0, "0"},
		{"en", -1500, 0, "-1,500"},
	} {
		if got := Number(tt.lang, tt.x, tt.d); got != tt.want {
			t.Errorf("Number(%s, %v) = %q, want %q", tt.lang, tt.x, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang string
		x    float64
		want string
	}{
		{"en", 63.5, "63.5"},
		{"fr", 63.5, "63,5"},
		{"fr", 1234, "1\u00a0234"},
		{"en", 0.125, "0.125"},
		{"en", 2e20, "2e+20"},
	} {
		if got := Exact(tt.lang, tt.x); got != tt.want {
			t.Errorf("Exact(%s, %v) = %q, want %q", tt.lang, tt.x, got, tt.want)
		}
	}
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "14 March 2026", "fr": "14 mars 2026", "es": "14 de marzo de 2026"} {
		if got := Date(lang, day); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
}
