package diagram

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

// Hostile texts for Mermaid: each tries to end a label, a statement or a task name, to open a
// comment, a directive, an entity, markup or a markdown string, or to start a keyword line.
const (
	mmdCountry = `Republic "X"] --> evil[pwned %%{init: {"theme":"dark"}}%%`
	mmdUseCase = "Land #quot; deeds; end\nclick uc_x call alert(1) <script>alert(1)</script> `md`"
	mmdStep    = `section hacked: crit, 2020-01-01, 1d ; % comment`
	mmdSystem  = `Treasury |pipe| {brace} (paren) #35; &amp; ünïcödé ✓ 日本`
	mmdService = `title Injected : 2020-01-01`
)

func mermaidHostileModel(t *testing.T) *countries.Model {
	return hostileBakana(t, "hostile.yaml", hostileTexts{mmdCountry, mmdUseCase, mmdService, mmdStep, mmdSystem})
}

// mermaidAll draws every Mermaid diagram of m: the three model-wide ones and every use case.
func mermaidAll(t *testing.T, m *countries.Model, lang string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{
		"architecture": ArchitectureMermaid(m, lang),
		"dependencies": DependenciesMermaid(m, lang),
		"roadmap":      RoadmapMermaid(m, lang),
	}
	for _, u := range m.Match.UseCases {
		b, err := UseCaseMermaid(m, u.UseCase.ID, lang)
		if err != nil {
			t.Fatal(err)
		}
		out["usecase-"+u.UseCase.ID] = b
	}
	return out
}

var (
	mmdLabel    = regexp.MustCompile(`"([^"]*)"`)
	mmdEntity   = regexp.MustCompile(`#(quot|lt|gt|amp|[0-9]+);`)
	mmdNodeStmt = regexp.MustCompile(`^  ([A-Za-z][A-Za-z0-9_]*)(\[|\(|\|)`)
	mmdTask     = regexp.MustCompile(`^  ([^:\n]+) :((done|active|crit), )*act_[a-z0-9_]+, \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d$`)
)

// unentity reverses mtext: what Mermaid shows for a label.
func unentity(s string) string {
	s = strings.ReplaceAll(s, "<br>", "\n")
	return mmdEntity.ReplaceAllStringFunc(s, func(e string) string {
		switch e {
		case "#quot;":
			return `"`
		case "#lt;":
			return "<"
		case "#gt;":
			return ">"
		case "#amp;":
			return "&"
		}
		var n int
		fmt.Sscanf(e, "#%d;", &n)
		return string(rune(n))
	})
}

// checkFlowchart checks the grammar rules the flowchart writers rely on: a header line,
// labels only inside double quotes with no raw quote, #, ;, % < > & or backtick in them,
// balanced subgraphs, ids Mermaid reads as ids, and no directive or comment anywhere.
func checkFlowchart(t *testing.T, name, text string) (labels []string) {
	t.Helper()
	body := text
	if strings.HasPrefix(body, "---\n") {
		end := strings.Index(body[4:], "\n---\n")
		if end < 0 {
			t.Fatalf("%s: front matter not closed", name)
		}
		body = body[4+end+5:]
	}
	if strings.Contains(text, "%%") {
		t.Errorf("%s: %%%% (comment or directive) in the output", name)
	}
	ls := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if !strings.HasPrefix(ls[0], "flowchart ") {
		t.Fatalf("%s: first line %q", name, ls[0])
	}
	depth := 0
	for _, l := range ls[1:] {
		if !strings.HasPrefix(l, "  ") || strings.HasPrefix(strings.TrimSpace(l), "%") {
			t.Errorf("%s: line %q", name, l)
		}
		for _, m := range mmdLabel.FindAllStringSubmatch(l, -1) {
			if strings.ContainsAny(m[1], "#;%<>&`\n") && unentity(m[1]) == m[1] {
				t.Errorf("%s: label %q holds a raw special", name, m[1])
			}
			raw := mmdEntity.ReplaceAllString(strings.ReplaceAll(m[1], "<br>", ""), "")
			if strings.ContainsAny(raw, "#;%<>&`") {
				t.Errorf("%s: label %q holds a raw special", name, m[1])
			}
			labels = append(labels, unentity(m[1]))
		}
		if strings.Count(mmdEntity.ReplaceAllString(l, ""), `"`)%2 != 0 {
			t.Errorf("%s: unbalanced quotes in %q", name, l)
		}
		switch t := strings.TrimSpace(l); {
		case strings.HasPrefix(t, "subgraph "):
			depth++
		case t == "end":
			depth--
		}
		if m := mmdNodeStmt.FindStringSubmatch(l); m != nil && (m[1] == "end" || m[1] == "subgraph") {
			t.Errorf("%s: keyword as a node id in %q", name, l)
		}
	}
	if depth != 0 {
		t.Errorf("%s: subgraphs not balanced (%d)", name, depth)
	}
	return labels
}

// checkGantt checks the gantt rules: title, date format, sections, and every task one line
// whose name has no colon and no keyword start, with an id and two dates.
func checkGantt(t *testing.T, name, text string) (names []string) {
	t.Helper()
	ls := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if ls[0] != "gantt" || !strings.HasPrefix(ls[1], "  title ") {
		t.Fatalf("%s: starts %q", name, ls[:2])
	}
	names = append(names, strings.TrimPrefix(ls[1], "  title "))
	if strings.Contains(text, "%%") {
		t.Errorf("%s: %%%% (comment or directive) in the output", name)
	}
	tasks := 0
	for _, l := range ls[2:] {
		switch {
		case l == "  dateFormat YYYY-MM-DD", l == "  axisFormat %Y-%m":
		case strings.HasPrefix(l, "  section "):
			names = append(names, strings.TrimPrefix(l, "  section "))
		default:
			m := mmdTask.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("%s: not a task line: %q", name, l)
				continue
			}
			if ganttKeyword.MatchString(m[1]) || strings.Contains(m[1], ";") {
				t.Errorf("%s: task name %q reads as a keyword", name, m[1])
			}
			names = append(names, m[1])
			tasks++
		}
	}
	if tasks == 0 {
		t.Errorf("%s: no tasks", name)
	}
	return names
}

func TestMermaidGrammar(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, s := range countries.SampleNames() {
			m := buildModelIn(t, mustSample(t, s), lang)
			for name, b := range mermaidAll(t, m, lang) {
				if name == "roadmap" {
					checkGantt(t, s+"/"+name, string(b))
				} else {
					checkFlowchart(t, s+"/"+name, string(b))
				}
			}
		}
	}
}

func mustSample(t *testing.T, name string) *countries.Doc {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestMermaidHostile: hostile names stay labels, shown as written in flowcharts (entities
// decode back to them) and, in the gantt, one line with look-alikes for ':' and ';'.
func TestMermaidHostile(t *testing.T) {
	m := mermaidHostileModel(t)
	all := mermaidAll(t, m, "en")
	arch := strings.Join(checkFlowchart(t, "architecture", string(all["architecture"])), "\n")
	for _, want := range []string{mmdUseCase, "in place: " + mmdSystem, "#6 " + mmdService} {
		if !strings.Contains(arch, want) {
			t.Errorf("architecture labels lack %q", want)
		}
	}
	if !strings.Contains(string(all["architecture"]), `title: "Republic \"X\"] --\u003e evil[pwned \u0025\u0025{init`) {
		t.Errorf("architecture title not a JSON-quoted YAML string:\n%s", all["architecture"][:200])
	}
	land := strings.Join(checkFlowchart(t, "usecase", string(all["usecase-land-transfer"])), "\n")
	if !strings.Contains(land, "1. "+mmdStep) {
		t.Errorf("use case labels lack the step %q:\n%s", mmdStep, land)
	}
	checkFlowchart(t, "dependencies", string(all["dependencies"]))
	g := strings.Join(checkGantt(t, "roadmap", string(all["roadmap"])), "\n")
	if !strings.Contains(g, "Land #quot； deeds； end click uc_x call alert(1)") {
		t.Errorf("gantt lacks the use case's pilot, flattened:\n%s", g)
	}
	if !strings.HasPrefix(strings.Split(g, "\n")[0], "Republic \"X\"] --> evil[pwned %\u2060%{init∶") {
		t.Errorf("gantt title: %q", strings.Split(g, "\n")[0])
	}
}

func TestGtext(t *testing.T) {
	for in, want := range map[string]string{
		"Build registry":      "Build registry",
		"a: b; c":             "a∶ b； c",
		"section x":           "\u2060section x",
		"Title page":          "\u2060Title page", // the grammar ignores case
		"Titles":              "Titles",
		"title page":          "\u2060title page",
		"2027-01-01 start":    "\u20602027-01-01 start",
		"% of adults":         "\u2060% of adults",
		"50%% done %%{x}":     "50%\u2060% done %\u2060%{x}",
		"two\nlines\t here":   "two lines here",
		"click me":            "\u2060click me",
		"":                    "\u2060",
		"gantt-chart id":      "\u2060gantt-chart id",
		"Ganttproject review": "Ganttproject review",
	} {
		if got := gtext(in); got != want {
			t.Errorf("gtext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMtext(t *testing.T) {
	for in, want := range map[string]string{
		`a "b"`:      "a #quot;b#quot;",
		"x#1; y":     "x#35;1#59; y",
		"%%{init}%%": "#37;#37;{init}#37;#37;",
		"<b>&</b>":   "#lt;b#gt;#amp;#lt;/b#gt;",
		"one\ntwo":   "one<br>two",
		"`md`":       "#96;md#96;",
		"日本 ✓":       "日本 ✓",
	} {
		if got := mtext(in); got != want {
			t.Errorf("mtext(%q) = %q, want %q", in, got, want)
		}
		if got := unentity(mtext(in)); got != in {
			t.Errorf("unentity(mtext(%q)) = %q", in, got)
		}
	}
}

// TestMermaidParser parses every sample's diagrams, in three languages, and the hostile ones
// with Mermaid's own parser (node with the mermaid and jsdom packages installed in
// $GOVPLAN_MERMAID; .ci/run installs them). Skipped when they are not there.
func TestMermaidParser(t *testing.T) {
	dir := os.Getenv("GOVPLAN_MERMAID")
	node, err := exec.LookPath("node")
	if dir == "" || err != nil {
		t.Skip("set GOVPLAN_MERMAID to a folder with node_modules/mermaid and jsdom, and have node on PATH, to parse the Mermaid output")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid")); err != nil {
		t.Skipf("no mermaid package in %s: %v", dir, err)
	}
	tmp := t.TempDir()
	var files []string
	write := func(name string, b []byte) {
		p := filepath.Join(tmp, name+".mmd")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, lang := range []string{"en", "fr", "es"} {
		for _, s := range countries.SampleNames() {
			for name, b := range mermaidAll(t, buildModelIn(t, mustSample(t, s), lang), lang) {
				write(s+"-"+lang+"-"+name, b)
			}
		}
	}
	for name, b := range mermaidAll(t, mermaidHostileModel(t), "en") {
		write("hostile-"+name, b)
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "mermaid-parse.mjs"))
	cmd := exec.Command(node, append([]string{script}, files...)...)
	cmd.Env = append(os.Environ(), "GOVPLAN_MERMAID="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("mermaid rejected some diagrams: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "\nok ") + 1; n != len(files) {
		t.Fatalf("parsed %d of %d files:\n%s", n, len(files), out)
	}
}
