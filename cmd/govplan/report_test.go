package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "coralia.html")
	if _, stderr, code := runCLI(t, "report", "--sample", "coralia", "--format", "html", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(out)
	if !strings.Contains(string(page), `<section id="executive"`) || !strings.Contains(string(page), `class="diagram"`) {
		t.Error("the HTML report lacks its executive page or its diagrams")
	}
	// Markdown links its diagrams, written beside it.
	md := filepath.Join(dir, "annex", "coralia.md")
	if _, stderr, code := runCLI(t, "report", "--sample", "coralia", "--format", "md", "-o", md); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, _ := os.ReadFile(md)
	if !strings.Contains(string(text), "](coralia-architecture.svg)") {
		t.Error("the Markdown report does not link its architecture diagram")
	}
	if _, err := os.Stat(filepath.Join(dir, "annex", "coralia-architecture.svg")); err != nil {
		t.Error(err)
	}
	// French.
	if stdout, _, code := runCLI(t, "report", "--sample", "coralia", "--lang", "fr"); code != 0 || !strings.Contains(stdout, "Synthèse pour la direction") {
		t.Errorf("exit %d; French report:\n%.300s", code, stdout)
	}
}

// With no browser, the PDF fails with exit 1 and says what to install, writing nothing.
func TestReportPDFWithoutBrowser(t *testing.T) {
	t.Setenv("GOVPLAN_BROWSER", filepath.Join(t.TempDir(), "no-browser"))
	out := filepath.Join(t.TempDir(), "r.pdf")
	_, stderr, code := runCLI(t, "report", "--sample", "coralia", "--format", "pdf", "-o", out)
	if code != 1 || !strings.Contains(stderr, "Chromium") || !strings.Contains(stderr, "install") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written")
	}
	if _, stderr, code := runCLI(t, "report", "--sample", "coralia", "--format", "docx"); code != 2 {
		t.Errorf("--format docx: exit %d: %s", code, stderr)
	}
}

func TestComparePortfolioPage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "portfolio.html")
	if _, stderr, code := runCLI(t, "compare", "--sample", "aurelia", "--sample", "bakana", "--sample", "coralia", "--format", "html", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(out)
	for _, id := range []string{"ranking", "heatmap", "spread", "rounds", "blocks", "funding"} {
		if !strings.Contains(string(page), `<section id="`+id+`">`) {
			t.Errorf("no %s section", id)
		}
	}
}
