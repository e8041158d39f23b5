package diagram

import (
	"bytes"
	"flag"
	"fmt"
	htmlstd "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

var update = flag.Bool("update", false, "rewrite the golden DOT files in testdata/")

// kinds builds every diagram of a model: the three whole-country ones and each needed use case.
func kinds(t testing.TB, m *countries.Model) map[string][]byte {
	t.Helper()
	out := map[string][]byte{
		"architecture": Architecture(m, "en"),
		"dependencies": Dependencies(m, "en"),
		"roadmap":      Roadmap(m, "en"),
	}
	for _, u := range m.Match.UseCases {
		dot, err := UseCase(m, u.UseCase.ID, "en")
		if err != nil {
			t.Fatal(err)
		}
		out["usecase-"+u.UseCase.ID] = dot
	}
	return out
}

func TestGoldenDOT(t *testing.T) {
	m := sampleModel(t, "bakana")
	inst, err := UseCase(m, "inst-1", "en")
	if err != nil {
		t.Fatal(err)
	}
	land, err := UseCase(m, "land-transfer", "en")
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{
		"architecture":          Architecture(m, "en"),
		"dependencies":          Dependencies(m, "en"),
		"roadmap":               Roadmap(m, "en"),
		"usecase-inst-1":        inst,
		"usecase-land-transfer": land,
	} {
		path := filepath.Join("testdata", "bakana-"+name+".dot")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./output/diagram -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test ./output/diagram -update rewrites it after a deliberate change):\n%s", name, path, firstDiff(string(want), string(got)))
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return ""
}

// The DOT is the same, byte for byte, every time it is built from the same file.
func TestDeterministic(t *testing.T) {
	for _, s := range countries.SampleNames() {
		first := kinds(t, sampleModel(t, s))
		for i := 0; i < 3; i++ {
			again := kinds(t, sampleModel(t, s))
			for k, dot := range first {
				if !bytes.Equal(dot, again[k]) {
					t.Fatalf("%s %s: the DOT changed between two builds", s, k)
				}
			}
		}
	}
}

// What each diagram must show, checked on the DOT of the bakana sample.
func TestContent(t *testing.T) {
	m := sampleModel(t, "bakana")
	arch := string(Architecture(m, "en"))
	for _, want := range []string{
		"cluster_needs", "cluster_foundational", "cluster_feature", "cluster_hosting",
		"bb_information_mediator [width=", // the bus
		"✓ REUSE", "↑ UPGRADE", "+ BUILD", "peripheries=\"2\"", "filled,dashed",
		"product: X-Road", "product: Mifos Payment Hub EE", "in place: National ID system",
		"⚠ gated until", "cybersecurity.data-protection-law ≥ 3 (now 1)", "? gate not assessed",
		"On premises", "<B>Legend</B>", "uc_land_transfer", "#1 Child cash grant",
	} {
		if !strings.Contains(arch, want) {
			t.Errorf("architecture lacks %q", want)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^\s*bb_information_mediator \[`).FindAllString(arch, -1)); n != 1 {
		t.Error("the Information Mediator should be drawn once, as the bus, not among the blocks")
	}

	deps := string(Dependencies(m, "en"))
	for _, want := range []string{
		"bb_consent -> bb_identity", "bb_registration -> bb_information_mediator",
		"ind_cybersecurity__data_protection_law -> bb_consent", "✗ not met", "? not assessed", "✓ met",
		"Is a personal data protection law in", "The Consent spec relies",
	} {
		if !strings.Contains(deps, want) {
			t.Errorf("dependencies lacks %q", want)
		}
	}

	road := string(Roadmap(m, "en"))
	for _, want := range []string{"cluster_phase_1", "cluster_phase_4", "Phase 1 · April 2026 – March 2027", "◆ CRITICAL 1/6", "◆ CRITICAL 6/6",
		"act_build_information_mediator -> act_build_registration [penwidth=\"3.5\"", "act_upgrade_payments -> act_pilot_inst_1;",
		// A gate holds the go-live: a dashed arrow from the raise to the pilot.
		"act_raise_cybersecurity__data_protection_law -> act_pilot_inst_1 [style=\"dashed\"]",
		"All 12 targets are met on time."} {
		if !strings.Contains(road, want) {
			t.Errorf("roadmap lacks %q", want)
		}
	}
	// build-gis needs build-information-mediator, pilot-clmt-1 needs both: the direct arrow
	// from the mediator to the pilot is implied and left out.
	if strings.Contains(road, "act_build_information_mediator -> act_pilot_clmt_1") {
		t.Error("roadmap draws an implied dependency")
	}

	land, _ := UseCase(m, "land-transfer", "en")
	for _, want := range []string{"custom use case", `PORT="s5"`, "steps:s3:e -> bb_payments", "steps:s1:e -> bb_identity",
		"cluster_deps", "bb_registration -> bb_information_mediator [style=\"dashed\""} {
		if !strings.Contains(string(land), want) {
			t.Errorf("land-transfer lacks %q", want)
		}
	}
	// Steps appear in their order.
	if i, j := strings.Index(string(land), "Apply online"), strings.Index(string(land), "Update the register"); i < 0 || j < i {
		t.Error("steps out of order")
	}
}

func TestUseCaseLookup(t *testing.T) {
	m := sampleModel(t, "bakana")
	// Any catalog use case, even one the country does not need; ids in any case.
	for _, id := range []string{"agr-2", "INST-1", "Land-Transfer"} {
		dot, err := UseCase(m, id, "en")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if id == "agr-2" && !strings.Contains(string(dot), "not among the country") {
			t.Error("agr-2 should say it is not among the country's needs")
		}
	}
	_, err := UseCase(m, "nope-9", "en")
	if err == nil {
		t.Fatal("unknown use case accepted")
	}
	for _, want := range []string{`"nope-9"`, "this country's use cases: clmt-1, finc-1, hltc-1, hltc-3, inst-1, land-transfer", "other catalog use cases:", "agr-2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// Every diagram of every sample is valid for Graphviz's own dot, without a warning.
func TestNativeDotAccepts(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz's dot is not installed (apt install graphviz): cannot check the DOT with it")
	}
	for _, s := range countries.SampleNames() {
		for k, dot := range kinds(t, sampleModel(t, s)) {
			checkNativeDot(t, s+" "+k, dot)
		}
	}
}

func checkNativeDot(t *testing.T, name string, dot []byte) string {
	t.Helper()
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: dot -Tsvg: %v\n%s", name, err, errOut.String())
	}
	if errOut.Len() > 0 {
		t.Errorf("%s: dot -Tsvg warns: %s", name, errOut.String())
	}
	return out.String()
}

// Every diagram of every sample renders to SVG with go-graphviz.
func TestSVG(t *testing.T) {
	needRenderer(t)
	for _, s := range countries.SampleNames() {
		for k, dot := range kinds(t, sampleModel(t, s)) {
			var b bytes.Buffer
			if err := SVG(dot, &b); err != nil {
				t.Fatalf("%s %s: %v", s, k, err)
			}
			if !bytes.Contains(b.Bytes(), []byte("<svg")) || !bytes.Contains(b.Bytes(), []byte("</svg>")) {
				t.Fatalf("%s %s: not an SVG", s, k)
			}
		}
	}
	if err := SVG([]byte("digraph { a -> }"), &bytes.Buffer{}); err == nil {
		t.Error("broken DOT gave no error")
	}
}

// nasty is user text that breaks naive DOT: quotes, backslashes (\N and \l are DOT escapes),
// angle brackets, braces, bars, ampersands and newlines.
const (
	nastyUseCase = `Land "title" <transfer>`
	nastyStep    = `Apply {now} | C:\new\Nfile & co`
	nastySystem  = `Treasury "switch" <v2> \l`
	nastyCountry = `Republic of "X" <&> \N`
	nastyService = `Land "deeds" \G <fast>`
)

func nastyModel(t *testing.T) *countries.Model {
	return hostileBakana(t, "nasty.yaml", hostileTexts{nastyCountry, nastyUseCase + "\nsecond line", nastyService, nastyStep, nastySystem})
}

// hostileTexts replace five texts of the bakana sample that the diagrams draw.
type hostileTexts struct{ country, useCase, service, step, system string }

// hostileBakana is the bakana sample with the country's name, a use case's name, a service's
// name, a step's name and an inventory system replaced by h.
func hostileBakana(t *testing.T, file string, h hostileTexts) *countries.Model {
	t.Helper()
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for old, new := range map[string]string{
		"name: Republic of Bakana": "name: " + yamlQuote(h.country),
		"    name: {en: Land title transfer, fr: Mutation de titre foncier, es: Transferencia de títulos de propiedad}\n":      "    name: " + yamlQuote(h.useCase) + "\n",
		"{name: {en: Land title transfer, fr: Mutation de titre foncier, es: Transferencia de títulos de propiedad}, use_case": "{name: " + yamlQuote(h.service) + ", use_case",
		"{name: {en: Apply online,":       "{name: {en: " + yamlQuote(h.step) + ",",
		"system: Treasury payment switch": "system: " + yamlQuote(h.system),
	} {
		if !strings.Contains(s, old) {
			t.Fatalf("the bakana sample no longer has %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	doc, err := countries.Parse(file, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return buildModel(t, doc)
}

// yamlQuote writes s as a double-quoted YAML string.
func yamlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

var svgText = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)
var svgTitle = regexp.MustCompile(`xlink:title="([^"]*)"`)

// texts returns the SVG's visible text lines and tooltips, unescaped.
func texts(svg string) (lines []string, titles []string) {
	for _, m := range svgText.FindAllStringSubmatch(svg, -1) {
		lines = append(lines, htmlstd.UnescapeString(m[1]))
	}
	for _, m := range svgTitle.FindAllStringSubmatch(svg, -1) {
		titles = append(titles, htmlstd.UnescapeString(m[1]))
	}
	return lines, titles
}

func TestEscaping(t *testing.T) {
	m := nastyModel(t)
	land, err := UseCase(m, "land-transfer", "en")
	if err != nil {
		t.Fatal(err)
	}
	dots := map[string][]byte{
		"architecture": Architecture(m, "en"), "dependencies": Dependencies(m, "en"),
		"roadmap": Roadmap(m, "en"), "usecase": land,
	}
	// Shown as written: the names in labels, the step in a tooltip (a quoted string, where an
	// unescaped \N would become the node's name).
	wantText := map[string][]string{
		"architecture": {nastyUseCase, "second line", `in place: Treasury "switch" <v2> \l`, `Republic of "X" <&> \N — target architecture`, "#6 " + nastyService},
		"usecase":      {"land-transfer · " + nastyUseCase, nastyStep, "for " + nastyService},
		"roadmap":      {`Pilot Land "title" <transfer>`},
	}
	wantTitle := map[string][]string{
		"architecture": {"land-transfer step 1 (" + nastyStep + ")"},
	}
	check := func(renderer, kind, svg string) {
		lines, titles := texts(svg)
		all := strings.Join(lines, "\n")
		for _, w := range wantText[kind] {
			if !strings.Contains(all, w) {
				t.Errorf("%s %s: SVG text lacks %q", renderer, kind, w)
			}
		}
		for _, w := range wantTitle[kind] {
			if !strings.Contains(strings.Join(titles, "\n"), w) {
				t.Errorf("%s %s: SVG tooltips lack %q", renderer, kind, w)
			}
		}
	}
	for kind, dot := range dots {
		if hasBuiltin {
			var b bytes.Buffer
			if err := builtinSVG(dot, &b); err != nil {
				t.Fatalf("go-graphviz %s: %v", kind, err)
			}
			check("go-graphviz", kind, b.String())
		}
		if _, err := exec.LookPath("dot"); err == nil {
			check("dot", kind, checkNativeDot(t, kind, dot))
		}
	}
	if _, err := exec.LookPath("dot"); err != nil {
		t.Log("Graphviz's dot is not installed: checked with go-graphviz only (in a wasmgraphviz build)")
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:          `"plain"`,
		`a "b" c`:        `"a \"b\" c"`,
		`C:\new\N`:       `"C:\\new\\N"`,
		"two\nlines\r\n": `"two\nlines\n"`,
		"tab\there\x00":  `"tab here"`,
		"bad \xff utf8":  "\"bad \uFFFD utf8\"",
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestEsc(t *testing.T) {
	for in, want := range map[string]html{
		`<b> & "q" 'a'`: `&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;`,
		"{a|b}\nc":      `{a|b}<BR/>c`,
		" edge ":        `&#160;edge&#160;`,
	} {
		if got := esc(in); got != want {
			t.Errorf("esc(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestNodeID(t *testing.T) {
	for _, c := range []struct{ prefix, id, want string }{
		{"bb", "identity", "bb_identity"},
		{"bb", "information-mediator", "bb_information_mediator"},
		{"ind", "identity.pki", "ind_identity__pki"},
		{"act", "raise-cybersecurity.dpa", "act_raise_cybersecurity__dpa"},
		{"act", `Odd "id"`, `"act:Odd \"id\""`},
	} {
		if got := nodeID(c.prefix, c.id); got != c.want {
			t.Errorf("nodeID(%q, %q) = %s, want %s", c.prefix, c.id, got, c.want)
		}
	}
	if nodeID("x", "a.b") == nodeID("x", "a-b") {
		t.Error("a.b and a-b share a node id")
	}
}
