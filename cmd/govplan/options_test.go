package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsBindToOptions keeps each command's flags in its own options struct, as cli/cli
// does: every flag binding (Flags().StringVar(&x, …) and the like) takes the address of a
// field (o.format, a.quiet), never of a bare variable, so a command's run function gets all
// its inputs in one value and no flag lives in a loose local or package variable.
func TestFlagsBindToOptions(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	bindings := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !strings.HasSuffix(sel.Sel.Name, "Var") && !strings.HasSuffix(sel.Sel.Name, "VarP") || len(call.Args) < 2 {
				return true
			}
			if !isFlagSet(sel.X) {
				return true
			}
			bindings++
			addr, ok := call.Args[0].(*ast.UnaryExpr)
			if !ok || addr.Op != token.AND {
				return true
			}
			if _, field := addr.X.(*ast.SelectorExpr); !field {
				t.Errorf("%s: flag bound to %s, not to a field of the command's options struct", fset.Position(call.Pos()), exprText(addr.X))
			}
			return true
		})
	}
	if bindings < 30 {
		t.Fatalf("found %d flag bindings; the test no longer sees the commands", bindings)
	}
}

// isFlagSet reports whether e is c.Flags(), c.PersistentFlags() or a variable f (f := c.Flags()).
func isFlagSet(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.CallExpr:
		if s, ok := x.Fun.(*ast.SelectorExpr); ok {
			return s.Sel.Name == "Flags" || s.Sel.Name == "PersistentFlags"
		}
	case *ast.Ident:
		return x.Name == "f" || x.Name == "fs" || x.Name == "flags"
	}
	return false
}

func exprText(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "an expression"
}
