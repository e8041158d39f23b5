package main

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

// runDiagram runs "govplan diagram ARGS" the way run does, adding the command to the root
// when app.go does not list it yet.
func runDiagram(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{in: strings.NewReader(""), out: &out, errOut: &errOut}
	root := a.rootCmd()
	if c, _, err := root.Find([]string{"diagram"}); err != nil || c == root {
		d := a.diagramCmd()
		wrapArgs(d)
		root.AddCommand(d)
	}
	root.SetArgs(append([]string{"diagram"}, args...))
	root.SetIn(a.in)
	root.SetOut(&out)
	root.SetErr(&errOut)
	code = exitOK
	if err := root.Execute(); err != nil {
		a.printError(err)
		var ee *exitError
		switch {
		case errors.As(err, &ee):
			code = ee.code
		case isUsageError(err):
			code = exitInput
		default:
			code = exitFailure
		}
	}
	return out.String(), errOut.String(), code
}

func TestDiagramCommand(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		out  []string // in stdout
		err  []string // in stderr
	}{
		{"svg by default", []string{"--sample", "bakana"}, 0, []string{"<svg", "Information Mediator", "</svg>"}, nil},
		{"dot", []string{"--sample", "bakana", "--format", "dot"}, 0, []string{"digraph architecture {", "cluster_foundational"}, nil},
		{"dependencies", []string{"--sample", "aurelia", "--kind", "dependencies", "--format", "dot"}, 0, []string{"digraph dependencies {"}, nil},
		{"roadmap", []string{"--sample", "coralia", "--kind", "roadmap", "--format", "dot"}, 0, []string{"digraph roadmap {", "◆ CRITICAL 1/"}, nil},
		{"custom use case", []string{"--sample", "bakana", "--kind", "usecase", "--usecase", "land-transfer", "--format", "dot"}, 0, []string{"custom use case"}, nil},
		{"--usecase alone", []string{"--sample", "bakana", "--usecase", "AGR-2", "--format", "dot"}, 0, []string{"agr-2 · ", "not among the country"}, nil},
		{"usecase without id", []string{"--sample", "bakana", "--kind", "usecase"}, exitInput, nil, []string{"--kind usecase needs --usecase ID"}},
		{"unknown kind", []string{"--sample", "bakana", "--kind", "network"}, exitInput, nil, []string{`--kind "network" is not one of architecture, usecase, dependencies, roadmap`}},
		{"unknown use case", []string{"--sample", "bakana", "--usecase", "nope"}, exitInput, nil, []string{`unknown use case "nope"`, "land-transfer", "agr-2"}},
		{"usecase with another kind", []string{"--sample", "bakana", "--kind", "roadmap", "--usecase", "inst-1"}, exitInput, nil, []string{"--usecase goes with --kind usecase"}},
		{"bad format", []string{"--sample", "bakana", "--format", "pdf"}, exitInput, nil, []string{`--format "pdf" is not one of svg, png, dot`}},
		{"no country", nil, exitInput, nil, []string{"name a country file"}},
		{"unknown sample", []string{"--sample", "atlantis"}, exitInput, nil, []string{"bakana"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runDiagram(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, errOut)
			}
			for _, w := range c.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q", w)
				}
			}
			for _, w := range c.err {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q: %s", w, errOut)
				}
			}
			if strings.Contains(errOut, "goroutine ") {
				t.Errorf("stack trace on stderr: %s", errOut)
			}
		})
	}
}

func TestDiagramFileAndOutput(t *testing.T) {
	dir := t.TempDir()
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "bakana.yaml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	// -o replaces an existing file and prints its path.
	target := filepath.Join(dir, "arch.svg")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runDiagram(t, file, "-o", target)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" || !strings.Contains(errOut, "wrote "+target) {
		t.Errorf("stdout %q, stderr %q: want the path as a message on stderr only", out, errOut)
	}
	if out, errOut, code := runDiagram(t, file, "-o", target, "-q"); code != 0 || out != "" || errOut != "" {
		t.Errorf("-q: exit %d, stdout %q, stderr %q; want silence", code, out, errOut)
	}
	got, _ := os.ReadFile(target)
	if !bytes.HasPrefix(bytes.TrimSpace(got), []byte("<?xml")) || !bytes.Contains(got, []byte("</svg>")) {
		t.Errorf("%s is not the SVG: %.40q", target, got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".arch.svg.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	_, hasDot := exec.LookPath("dot")
	_, hasRsvg := exec.LookPath("rsvg-convert")
	if hasDot != nil && hasRsvg != nil {
		t.Skip("neither Graphviz's dot nor rsvg-convert is installed: PNG not tested")
	}
	pngPath := filepath.Join(dir, "inst-1.png")
	if _, errOut, code := runDiagram(t, "--sample", "bakana", "--usecase", "inst-1", "--format", "png", "-o", pngPath); code != 0 {
		t.Fatalf("png: exit %d: %s", code, errOut)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.DecodeConfig(f); err != nil {
		t.Errorf("%s is not a PNG: %v", pngPath, err)
	}
	// PNG to standard output is fine when it is not a terminal (here a buffer).
	out, _, code = runDiagram(t, "--sample", "bakana", "--kind", "roadmap", "--format", "png")
	if code != 0 || !strings.HasPrefix(out, "\x89PNG") {
		t.Errorf("png to a pipe: exit %d, %.8q", code, out)
	}
}

func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) || isTerminal(&bytes.Buffer{}) {
		t.Error("/dev/null or a buffer taken for a terminal: a PNG redirected there would be refused")
	}
}
