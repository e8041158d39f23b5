package layers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/govplan/govplan/"

// domain are the packages that return data, not sentences or drawings.
var domain = []string{"assess", "catalog", "roadmap", "countries"}

// domainLibraries are the only modules outside the standard library the domain may use.
var domainLibraries = []string{"go.yaml.in/yaml/v3", "golang.org/x/text/"}

// TestDomainImportsNoPresentation fails when a domain package, directly or through another
// package of this module, imports an output, UI or command package, or a library outside
// domainLibraries (a terminal UI, a workbook, a diagram or a browser library).
func TestDomainImportsNoPresentation(t *testing.T) {
	root := filepath.Join("..", "..")
	cache := map[string][]string{}
	for _, pkg := range domain {
		// Walk the module packages pkg reaches, remembering how each was reached.
		via := map[string]string{pkg: ""}
		queue := []string{pkg}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			imports, ok := cache[p]
			if !ok {
				imports = importsOf(t, filepath.Join(root, filepath.FromSlash(p)))
				cache[p] = imports
			}
			for _, imp := range imports {
				chain := path(via, p) + " → " + imp
				if rel, ok := strings.CutPrefix(imp, module); ok {
					if strings.HasPrefix(rel, "output/") || strings.HasPrefix(rel, "cmd/") || rel == "internal/room" {
						t.Errorf("domain package %s imports a presentation package: %s", pkg, chain)
						continue
					}
					if _, seen := via[rel]; !seen {
						via[rel] = p
						queue = append(queue, rel)
					}
					continue
				}
				if !standard(imp) && !allowed(imp) {
					t.Errorf("domain package %s imports %s, a library outside %v: %s", pkg, imp, domainLibraries, chain)
				}
			}
		}
		if len(via) < 2 {
			t.Errorf("%s: found no module imports; the test no longer reads the packages", pkg)
		}
	}
}

// path is how p was reached from its domain package: "roadmap → catalog → assess".
func path(via map[string]string, p string) string {
	var chain []string
	for q := p; q != ""; q = via[q] {
		chain = append([]string{q}, chain...)
	}
	return strings.Join(chain, " → ")
}

// importsOf lists the imports of the non-test Go files of the package in dir.
func importsOf(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			set[p] = true
		}
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// standard reports whether p is in the standard library (no dot in its first element).
func standard(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

func allowed(p string) bool {
	for _, lib := range domainLibraries {
		if p == strings.TrimSuffix(lib, "/") || strings.HasPrefix(p, lib) {
			return true
		}
	}
	return false
}

// activityNames are the one kind of sentence the domain still writes: the names of generated
// roadmap activities ("Build Identity"), made in the plan's language because planners rename
// activities and every output shows the name as a plain string. Any other sentence fails.
var activityNames = map[string]bool{
	"Assess: %s": true, "%s: reach level %d": true, "%s: from level %s to %d": true,
	"Upgrade %s": true, "Build %s": true, "Procure %s": true, "Pilot %s": true, "Roll out %s nationally": true,
}

// TestDomainWritesNoSentences fails when a domain package makes a sentence with i18n.T, F or
// N: the domain returns reasons as codes and values (catalog.Reason, roadmap.Why, yamlx
// messages) and output/words says them in the reader's language.
func TestDomainWritesNoSentences(t *testing.T) {
	fset := token.NewFileSet()
	calls := 0
	for _, pkg := range domain {
		dir := filepath.Join("..", "..", pkg)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "i18n" || sel.Sel.Name != "T" && sel.Sel.Name != "F" && sel.Sel.Name != "N" {
					return true
				}
				calls++
				msg := ""
				if len(call.Args) > 1 {
					if lit, ok := call.Args[1].(*ast.BasicLit); ok {
						msg, _ = strconv.Unquote(lit.Value)
					}
				}
				if !activityNames[msg] {
					t.Errorf("%s: %s/%s writes a sentence (i18n.%s %q); return a reason as data and say it in output/words",
						fset.Position(call.Pos()), pkg, name, sel.Sel.Name, msg)
				}
				return true
			})
		}
	}
	if calls == 0 {
		t.Log("no i18n calls left in the domain: activityNames can go")
	}
}
