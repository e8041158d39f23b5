package report

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

var fixedDate = time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)

// outline reduces an HTML report to its structure: each section's id and heading, and the
// figures, tables, charts and list items it holds. The golden outlines check the structure,
// not the pixels or the wording of every cell.
func outline(doc string) string {
	var b strings.Builder
	sections := regexp.MustCompile(`(?s)<section id="([^"]+)"[^>]*>(.*?)</section>`).FindAllStringSubmatch(doc, -1)
	h := regexp.MustCompile(`(?s)<h([123])[^>]*>(.*?)</h[123]>`)
	for _, s := range sections {
		body := s[2]
		fmt.Fprintf(&b, "section %s\n", s[1])
		for _, m := range h.FindAllStringSubmatch(body, -1) {
			fmt.Fprintf(&b, "  h%s %s\n", m[1], stripTags(m[2]))
		}
		fmt.Fprintf(&b, "  figures %d, charts %d, diagrams %d, tables %d, rows %d, list items %d\n",
			strings.Count(body, "<figure>"), strings.Count(body, `class="chart"`), strings.Count(body, `class="diagram"`),
			strings.Count(body, "<table>"), strings.Count(body, "<tr>"), strings.Count(body, "<li>"))
	}
	return b.String()
}

func fakeDiagrams(m *countries.Model) map[string][]byte {
	d := map[string][]byte{
		"architecture": []byte(`<?xml version="1.0"?><!DOCTYPE svg><svg width="100pt" height="50pt" viewBox="0 0 100 50"><g><title>G</title></g></svg>`),
	}
	for _, u := range m.Match.UseCases {
		d["usecase-"+u.UseCase.ID] = []byte(`<svg width="10pt" height="5pt" viewBox="0 0 10 5"><!-- x --></svg>`)
	}
	return d
}

func TestHTMLStructureGolden(t *testing.T) {
	for _, c := range goldenCases() {
		name, lang := c[0], c[1]
		t.Run(name+"-"+lang, func(t *testing.T) {
			m := sampleModelIn(t, name, lang)
			doc := string(HTML(m, lang, HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate, Version: "v0.0.0-test"}))
			got := outline(doc)
			file := filepath.Join("testdata", name+"."+lang+".html.outline")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./output/report -update)", err)
			}
			if got != string(want) {
				t.Errorf("outline of the %s report changed; run with -update and review:\n%s", name, got)
			}
		})
	}
}

// The contents come in the order the issue asks, with the executive page first.
func TestHTMLSectionOrder(t *testing.T) {
	m := sampleModel(t, "bakana")
	doc := string(HTML(m, "en", HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate}))
	want := []string{"executive", "pillars", "scores", "unanswered", "gates", "architecture", "roadmap", "kpis", "budget", "funding", "shared", "methodology", "assumptions", "appendix"}
	var got []string
	for _, s := range regexp.MustCompile(`<section id="([^"]+)"`).FindAllStringSubmatch(doc, -1) {
		got = append(got, s[1])
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sections\n got %v\nwant %v", got, want)
	}
	for _, must := range []string{
		`<html lang="en">`, "Republic of Bakana · 4 May 2026 · govplan dev", "@page", "size: A4", "break-before: page",
		"Three decisions for the room", "upper bound", "illustrative",
	} {
		if !strings.Contains(doc, must) {
			t.Errorf("report lacks %q", must)
		}
	}
}

// The page loads nothing and runs nothing: no script, no external address, every SVG titled.
func TestHTMLSelfContained(t *testing.T) {
	for _, name := range countries.SampleNames() {
		m := sampleModel(t, name)
		doc := string(HTML(m, "en", HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate}))
		if strings.Contains(strings.ToLower(doc), "<script") {
			t.Errorf("%s: the report has a script", name)
		}
		for _, u := range regexp.MustCompile(`(?i)(src|href)\s*=|url\((["']?)(https?:|//)|@import`).FindAllString(doc, -1) {
			t.Errorf("%s: the report refers to something outside it: %q", name, u)
		}
		addr := regexp.MustCompile(`https?://[^"' <]+`)
		for _, u := range addr.FindAllString(doc, -1) {
			if u != "http://www.w3.org/2000/svg" {
				t.Errorf("%s: address %q in the report", name, u)
			}
		}
		svgs := regexp.MustCompile(`(?s)<svg\b[^>]*>\s*(<title[ >])?`).FindAllStringSubmatch(doc, -1)
		if len(svgs) < 3 {
			t.Errorf("%s: only %d SVGs", name, len(svgs))
		}
		for _, s := range svgs {
			if s[1] == "" {
				t.Errorf("%s: an SVG without a title: %.80s", name, s[0])
			}
		}
		if strings.Contains(doc, "<?xml") || strings.Contains(doc, "<!DOCTYPE svg") {
			t.Errorf("%s: a drawn diagram kept its XML prolog", name)
		}
	}
}

// Text from the country file is escaped: it can neither add markup nor break the page.
func TestHTMLEscapesUserText(t *testing.T) {
	doc, err := countries.Sample("bakana")
	if err != nil {
		t.Fatal(err)
	}
	doc.File.Country.Name = `Evil <script>alert(1)</script> & "Co"`
	m := buildModel(t, doc)
	out := string(HTML(m, "en", HTMLOptions{Generated: fixedDate}))
	if strings.Contains(out, "<script>alert") {
		t.Fatal("country name was not escaped")
	}
	if !strings.Contains(out, "Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;") {
		t.Error("escaped country name missing")
	}
	// No diagrams were drawn (no Graphviz): each has a framed placeholder saying what to
	// install, in place of the picture, and there is no image to break.
	if n := strings.Count(out, `<div class="diagram-missing"`); n < 3 {
		t.Errorf("%d placeholders for missing diagrams, want one per diagram (at least 3)", n)
	}
	if !strings.Contains(out, "Diagram not drawn") || !strings.Contains(out, "apt install graphviz") {
		t.Error("the placeholder does not say the diagram is missing and what to install")
	}
	if strings.Contains(out, "<img") {
		t.Error("the report has an image element, which would show broken")
	}
}

// The report follows --lang.
func TestHTMLFrench(t *testing.T) {
	m := sampleModelIn(t, "bakana", "fr")
	doc := string(HTML(m, "fr", HTMLOptions{Generated: fixedDate}))
	for _, must := range []string{`<html lang="fr">`, "4 mai 2026"} {
		if !strings.Contains(doc, must) {
			t.Errorf("French report lacks %q", must)
		}
	}
	if strings.Contains(doc, ">Executive summary<") || strings.Contains(doc, ">Three decisions for the room<") {
		t.Error("French report has English headings")
	}
}

// Markdown links the diagrams written beside it.
func TestMarkdownLinksDiagrams(t *testing.T) {
	m := sampleModel(t, "bakana")
	names := map[string]bool{"architecture": true, "roadmap": true, "dependencies": true}
	for _, u := range m.Match.UseCases {
		names["usecase-"+u.UseCase.ID] = true
	}
	md := string(MarkdownWith(m, "en", MarkdownOptions{DiagramPrefix: "republic-of-bakana-", Diagrams: names}))
	for n := range names {
		if !strings.Contains(md, "](republic-of-bakana-"+n+".svg)") {
			t.Errorf("no link to %s", n)
		}
	}
	if strings.Contains(string(Markdown(m, "en")), "![") {
		t.Error("the plain Markdown links diagrams that were not written")
	}
}

// The KPI timetable shows each target's status as the plan projects it: met, late or never.
func TestHTMLKPIStatus(t *testing.T) {
	for _, name := range countries.SampleNames() {
		m := sampleModel(t, name)
		doc := string(HTML(m, "en", HTMLOptions{Generated: fixedDate}))
		kpis := doc[strings.Index(doc, `<section id="kpis"`):]
		kpis = kpis[:strings.Index(kpis, "</section>")]
		want := map[string]int{}
		for _, k := range m.Plan.KPIs {
			want[k.Status]++
		}
		for status, mark := range map[string]string{"met": `class="ok">✓`, "late": `class="late">⚠`, "never": `class="never">✗`} {
			if got := strings.Count(kpis, mark); got != want[status] {
				t.Errorf("%s: %d %s targets shown, the plan has %d", name, got, status, want[status])
			}
		}
	}
}

// The decisions of the executive page agree with their count in every language: one target
// late is "1 cible soit atteinte", not "1 cibles soient atteintes".
func TestHTMLDecisionsPlural(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Accept that 1 target will be met late",
		"fr": "Accepter que 1 cible soit atteinte en retard",
		"es": "Aceptar que 1 meta se alcance con retraso",
	} {
		m := sampleModelIn(t, "coralia", lang)
		late := 0
		for _, k := range m.Plan.KPIs {
			if k.Status != "met" {
				late++
			}
		}
		doc := string(HTML(m, lang, HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate}))
		if late != 1 {
			t.Fatalf("%s: coralia has %d targets late or never; this test needs exactly one", lang, late)
		}
		if !strings.Contains(doc, want) {
			t.Errorf("%s: one target late, but the page does not say %q", lang, want)
		}
		for _, wrong := range []string{"1 targets", "1 cibles", "1 metas"} {
			if strings.Contains(doc, wrong) {
				t.Errorf("%s: the page says %q", lang, wrong)
			}
		}
	}
}

// The text after each pillar's bar fits inside the chart, in French too ("14 · Embryonnaire
// · cible 45 d'ici 2030" was cut at "d'ici 2"): at 11 px no glyph run is narrower than 5.5 px
// a character on average.
func TestPillarChartLabelsFit(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		m := sampleModelIn(t, "coralia", lang)
		doc := string(HTML(m, lang, HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate}))
		i := strings.Index(doc, `aria-labelledby="chart-pillars-t`)
		if i < 0 {
			t.Fatalf("%s: no pillar chart", lang)
		}
		chart := doc[i:]
		chart = chart[:strings.Index(chart, "</svg>")]
		var width float64
		if _, err := fmt.Sscanf(chart[strings.Index(chart, `viewBox="0 0 `)+len(`viewBox="0 0 `):], "%g", &width); err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`<text x="([0-9.]+)" y="[0-9.]+" text-anchor="start" class="value">([^<]*)</text>`).FindAllStringSubmatch(chart, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			text := html.UnescapeString(m[2])
			if end := x + 5.5*float64(utf8.RuneCountInString(text)); end > width {
				t.Errorf("%s: %q ends near x=%.0f, past the chart's width %.0f", lang, text, end, width)
			}
		}
	}
}

// With exactly one indicator left open, the report speaks of it in the singular (the
// decision "Answer the %d open indicators" takes the same plural forms).
func TestHTMLOneOpenIndicator(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"1 indicator has no answer yet. It is left out"},
		"fr": {"pas encore de réponse. Il est exclu du score"},
		"es": {"1 indicador aún no tiene respuesta. Queda fuera"},
	} {
		doc, err := countries.Sample("coralia")
		if err != nil {
			t.Fatal(err)
		}
		m := buildModelIn(t, doc, lang)
		open := 0
		for _, ind := range m.Framework.Indicators() {
			if len(doc.File.Answers[ind.ID].Given()) > 0 {
				continue
			}
			if open++; open > 1 {
				doc.File.Answers[ind.ID] = []assess.Answer{{NA: true}} // not applicable: out of the count
			}
		}
		m = buildModelIn(t, doc, lang)
		if o := m.Score.Overall; o.Applicable-o.Answered != 1 {
			t.Fatalf("%s: %d open indicators, the test needs one", lang, o.Applicable-o.Answered)
		}
		page := string(HTML(m, lang, HTMLOptions{Diagrams: fakeDiagrams(m), Generated: fixedDate}))
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page does not say %q", lang, w)
			}
		}
	}
}
