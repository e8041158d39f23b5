package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diagram --format mermaid writes Mermaid for every kind: flowcharts, and a gantt chart for
// the roadmap; export writes a .mmd beside every .dot.
func TestDiagramMermaid(t *testing.T) {
	for kind, head := range map[string]string{
		"architecture": "flowchart TB", "dependencies": "flowchart LR", "roadmap": "gantt",
	} {
		out := runOK(t, "diagram", "--sample", "bakana", "--kind", kind, "--format", "mermaid", "--lang", "fr")
		if !strings.Contains(out, "\n"+head+"\n") && !strings.HasPrefix(out, head+"\n") {
			t.Errorf("%s: no %q line:\n%.300s", kind, head, out)
		}
	}
	out := runOK(t, "diagram", "--sample", "bakana", "--usecase", "inst-1", "--format", "mermaid")
	if !strings.Contains(out, "flowchart LR") || !strings.Contains(out, `subgraph steps["Steps, in order"]`) {
		t.Errorf("use case:\n%.400s", out)
	}
	if !strings.Contains(runOK(t, "diagram", "--sample", "bakana", "--kind", "roadmap", "--format", "mermaid"), "dateFormat YYYY-MM-DD") {
		t.Error("roadmap gantt has no date format")
	}
	_, stderr, code := runCLI(t, "diagram", "--sample", "bakana", "--usecase", "nope", "--format", "mermaid")
	if code != 2 || !strings.Contains(stderr, `unknown use case "nope"`) {
		t.Errorf("unknown use case: exit %d, %s", code, stderr)
	}

	dir := t.TempDir()
	p := filepath.Join(dir, "r.mmd")
	runOK(t, "diagram", "--sample", "bakana", "--kind", "roadmap", "--format", "mermaid", "-o", p)
	if b, err := os.ReadFile(p); err != nil || !strings.HasPrefix(string(b), "gantt\n") {
		t.Errorf("-o: %v %.50q", err, b)
	}

	runOK(t, "export", "--sample", "bakana", "-o", dir)
	dots, _ := filepath.Glob(filepath.Join(dir, "*.dot"))
	if len(dots) < 4 {
		t.Fatalf("export wrote %d DOT files", len(dots))
	}
	for _, d := range dots {
		if _, err := os.Stat(strings.TrimSuffix(d, ".dot") + ".mmd"); err != nil {
			t.Errorf("no Mermaid beside %s: %v", d, err)
		}
	}
}
