package layers

import (
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
