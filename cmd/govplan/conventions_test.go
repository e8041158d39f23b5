package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/spf13/cobra"
)

func TestVersion(t *testing.T) {
	long := runOK(t, "--version")
	if !strings.HasPrefix(long, "govplan ") || !strings.Contains(long, "linux/") && !strings.Contains(long, "/") {
		t.Errorf("--version: %q", long)
	}
	if v := runOK(t, "version"); v != long {
		t.Errorf("version %q differs from --version %q", v, long)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(runOK(t, "version", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "govplan_version", "version", "go", "platform"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("version JSON lacks %s: %v", k, doc)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for args, want := range map[string]string{"scroe": "Did you mean score", "catalog blcks": "Did you mean blocks?"} {
		_, stderr, code := runCLI(t, strings.Fields(args)...)
		if code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", args, code, stderr, want)
		}
	}
	// A flag error names the command once ("see govplan score --help", not "govplan govplan").
	if _, stderr, _ := runCLI(t, "--nope"); strings.Contains(stderr, "govplan govplan") || !strings.Contains(stderr, "see govplan --help") {
		t.Errorf("root flag error: %q", stderr)
	}
}

func TestLanguageFromLocale(t *testing.T) {
	t.Setenv("GOVPLAN_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "fr_FR.UTF-8")
	out := runOK(t, "score", "--sample", "bakana")
	wantTranslated(t, "fr", out, "Largest gaps to targets:")
	// LC_ALL wins over LANG; LC_MESSAGES over LANG.
	t.Setenv("LC_MESSAGES", "es_ES.UTF-8")
	wantTranslated(t, "es", runOK(t, "score", "--sample", "bakana"), "Largest gaps to targets:")
	t.Setenv("LC_ALL", "fr_CA.UTF-8")
	wantTranslated(t, "fr", runOK(t, "score", "--sample", "bakana"), "Largest gaps to targets:")
	// A locale govplan cannot speak is English, without a warning.
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	stdout, stderr, code := runCLI(t, "score", "--sample", "bakana")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "Largest gaps to targets:") {
		t.Errorf("LC_ALL=de: exit %d, stderr %q", code, stderr)
	}
	// GOVPLAN_LANG and --lang win over the locale.
	t.Setenv("GOVPLAN_LANG", "es")
	wantTranslated(t, "es", runOK(t, "score", "--sample", "bakana"), "Largest gaps to targets:")
	if out := runOK(t, "--lang", "en", "score", "--sample", "bakana"); !strings.Contains(out, "Largest gaps to targets:") {
		t.Errorf("--lang en did not win")
	}
	if !strings.Contains(runOK(t, "--lang", "fr", "--help"), i18n.T("fr", "Commands:")) {
		t.Errorf("help not in French")
	}
}

// TestEveryCommandHasExamples: every command's --help ends with examples.
func TestEveryCommandHasExamples(t *testing.T) {
	a := &app{lang: "en"}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() != "help" && c.Name() != "completion" && c.Parent() != nil && c.Parent().Name() != "completion" && !c.HasExample() {
			t.Errorf("%s has no examples", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(a.rootCmd())
}
