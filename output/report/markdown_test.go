package report

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/govplan/govplan/roadmap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// buildModel loads, checks, scores, matches and plans a country file as the commands do.
func buildModel(t *testing.T, doc *countries.Doc) *countries.Model {
	t.Helper()
	return buildModelIn(t, doc, "en")
}

// buildModelIn builds the model with the match and the plan written in lang, as the commands
// do under --lang.
func buildModelIn(t *testing.T, doc *countries.Doc, lang string) *countries.Model {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := countries.Analyse(doc, cat, lang)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sampleModel(t *testing.T, name string) *countries.Model {
	t.Helper()
	return sampleModelIn(t, name, "en")
}

func sampleModelIn(t *testing.T, name, lang string) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	return buildModelIn(t, doc, lang)
}

// goldenCases are the reports kept in testdata/: every sample in English (<name>.md) and
// Bakana in French and Spanish (<name>.<lang>.md).
func goldenCases() [][2]string {
	var cs [][2]string
	for _, name := range countries.SampleNames() {
		cs = append(cs, [2]string{name, "en"})
	}
	return append(cs, [2]string{"bakana", "fr"}, [2]string{"bakana", "es"})
}

func TestMarkdownGolden(t *testing.T) {
	for _, c := range goldenCases() {
		name, lang := c[0], c[1]
		file := name + ".md"
		if lang != "en" {
			file = name + "." + lang + ".md"
		}
		t.Run(file, func(t *testing.T) {
			got := Markdown(sampleModelIn(t, name, lang), lang)
			path := filepath.Join("testdata", file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./output/report -run TestMarkdownGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from the golden file at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", file, i+1, g, w)
					}
				}
			}
		})
	}
}

// The structure is checked independently of the golden files, from the model itself.
func TestMarkdownStructure(t *testing.T) {
	for _, name := range countries.SampleNames() {
		t.Run(name, func(t *testing.T) {
			m := sampleModel(t, name)
			md := string(Markdown(m, "en"))
			f, p := m.Doc.File, m.Plan

			if !strings.HasPrefix(md, "# "+f.Country.Name+":") {
				t.Errorf("title does not name the country: %q", firstLine(md))
			}
			for _, want := range []string{i18n.Date("en", f.Assessment.Time()), m.Framework.Ref()} {
				if !strings.Contains(firstLines(md, 4), want) {
					t.Errorf("title block lacks %q", want)
				}
			}

			// Every section, in order.
			headings := []string{"## Summary", "## Readiness score card", "## Gaps to targets", "## Readiness gates",
				"## Priority services", "## Architecture", "### Needed use cases", "### Required building blocks",
				"## Roadmap", "### " + words.Phase("en", p, 1), "### Critical path", "## KPI timetable", "## Budget and funding", "### Funding gaps", "### Shared versus siloed"}
			last := -1
			for _, h := range headings {
				i := indexLine(md, h)
				if i < 0 {
					t.Errorf("heading %q missing", h)
					continue
				}
				if i < last {
					t.Errorf("heading %q out of order", h)
				}
				last = i
			}

			// The pillar table has one row per pillar, in framework order.
			rows := tableAfter(t, md, "| Pillar |")
			if len(rows) != len(m.Framework.Pillars) {
				t.Errorf("pillar table has %d rows, framework has %d pillars", len(rows), len(m.Framework.Pillars))
			}
			for i, pl := range m.Framework.Pillars {
				if i < len(rows) && rows[i][0] != pl.Name.In("en") {
					t.Errorf("pillar row %d is %q, want %q", i, rows[i][0], pl.Name.In("en"))
				}
			}

			// Totals as people read them: the plan's total, its currency and its duration.
			total := thousands(p.TotalCost) + " " + p.Currency
			if !strings.Contains(md, "| One-off cost | "+total+" |") {
				t.Errorf("roadmap totals do not show the one-off cost %s", total)
			}
			summary := section(md, "## Summary")
			if !strings.Contains(summary, total) || !strings.Contains(summary, fmt.Sprintf("%d months", p.Duration)) {
				t.Errorf("summary lacks the cost %s or the duration %d months:\n%s", total, p.Duration, summary)
			}
			if sc := m.Score.Overall.Score; !strings.Contains(summary, fmt.Sprintf("**%.0f out of 100**", math.Round(*sc*100))) {
				t.Errorf("summary lacks the overall score")
			}
			budgetTotal := tableAfter(t, section(md, "## Budget and funding"), "| Year |")
			if lastRow := budgetTotal[len(budgetTotal)-1]; lastRow[1] != "**"+thousands(p.TotalCost)+"**" {
				t.Errorf("budget total one-off %q, want %s", lastRow[1], thousands(p.TotalCost))
			}

			// The critical path as one chain of activity names, a gate or a freed team or
			// capacity in brackets before the activity it let start.
			var chain []string
			for i, id := range p.Critical {
				a := p.Activity(id)
				link := ""
				if i > 0 && a.FixedHow != roadmap.FixedByDependency && a.FixedHow != "" {
					link = "[" + words.FixedKind("en", a) + "] "
				}
				chain = append(chain, link+a.Name)
			}
			if indexLine(md, strings.Join(chain, " → ")) < 0 {
				t.Errorf("critical path %v does not appear as a chain", p.Critical)
			}
			// Each activity appears once, in a wave table, with its id first.
			for _, a := range p.Activities {
				if n := strings.Count(md, "\n| "+a.ID+" | "); n != 1 {
					t.Errorf("activity %s appears in %d table rows", a.ID, n)
				}
			}

			// One KPI row per KPI, one column per year.
			kpiRows := tableAfter(t, md, "| KPI |")
			if len(kpiRows) != len(p.KPIs) {
				t.Errorf("KPI table has %d rows, plan has %d KPIs", len(kpiRows), len(p.KPIs))
			}

			checkTables(t, md)
			if strings.Contains(md, "%!") || strings.Contains(md, "{") {
				t.Errorf("a fixed text is missing or mis-formatted")
			}
			if f.Country.Fictional && !strings.Contains(section(md, "---"), "fictional") {
				t.Errorf("footer does not say the sample is fictional")
			}
		})
	}
}

func TestMarkdownBakanaDispute(t *testing.T) {
	m := sampleModel(t, "bakana")
	md := string(Markdown(m, "en"))
	rows := tableAfter(t, section(md, "### Disputed answers"), "| Question |")
	q := m.Framework.Indicator("financing.budget-line").Question.In("en")
	found := false
	for i, r := range rows {
		if r[0] != q {
			continue
		}
		found = true
		if i+1 >= len(rows) {
			t.Fatal("budget-line dispute has one answer")
		}
		if r[1] != "Ministry of Finance and Economic Planning" || !strings.HasPrefix(r[2], "1 ") {
			t.Errorf("first budget-line answer %v, want Finance at level 1", r)
		}
		if n := rows[i+1]; n[0] != "" || n[1] != "Ministry of ICT and Digital Economy" || !strings.HasPrefix(n[2], "3 ") {
			t.Errorf("second budget-line answer %v, want ICT at level 3", n)
		}
	}
	if !found {
		t.Errorf("the disputed budget-line answer is not in the report:\n%s", section(md, "### Disputed answers"))
	}
	// The largest funding gap and the duplicate pledge to Payments are named.
	g := m.Plan.Funding.Gaps[0]
	if !strings.Contains(section(md, "## Summary"), fmt.Sprintf("%s (%s USD)", m.Plan.Activity(g.Activity).Name, thousands(g.Gap))) {
		t.Error("summary does not name the largest funding gap")
	}
	if !strings.Contains(section(md, "### Possible duplicate funding"), "Meridian Development Bank and Nordvik Development Agency") {
		t.Error("duplicate funding of Payments not reported")
	}
	if !strings.Contains(section(md, "### Products excluded by the country's constraints"), "RapidPro (for Messaging): licence AGPL-3.0") {
		t.Error("excluded product RapidPro not reported with its reason")
	}
}

const nasty = "Pay | split <script>alert(1)</script> `code` *bold* _it_ [link](javascript:x) &amp; $x$\nsecond line # not a heading"

// nasty text in every kind of user field must neither break a table nor inject HTML.
func TestMarkdownEscapesUserText(t *testing.T) {
	doc, err := countries.Sample("bakana")
	if err != nil {
		t.Fatal(err)
	}
	edits := [][]any{
		{"country", "name"},
		{"ministries", 0, "name"},
		{"answers", "financing.budget-line", 0, "evidence"},
		{"services", 5, "name"},
		{"use_cases", 2, "name"},
		{"inventory", "payments", "system"},
		{"investments", 3, "funder"},
		{"plan", "add", 0, "name"},
	}
	for _, path := range edits {
		if err := doc.Set(path, nasty); err != nil {
			t.Fatalf("set %v: %v", path, err)
		}
	}
	// Leading Markdown markers in a field that starts a cell.
	if err := doc.Set([]any{"services", 4, "name"}, "# 1. <b>Drought</b>"); err != nil {
		t.Fatal(err)
	}
	m := buildModel(t, doc)
	md := string(Markdown(m, "en"))

	if strings.Contains(strings.ToLower(md), "<script") || strings.Contains(md, "<b>") {
		t.Error("raw HTML from user text reached the report")
	}
	checkTables(t, md)
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "second line") || strings.HasPrefix(line, "# not") || strings.HasPrefix(line, "#  ") {
			t.Errorf("a newline in user text started a new line: %q", line)
		}
	}
	// The text survives, escaped: unescaping gives it back with the newline as a space.
	want := strings.Join(strings.Fields(nasty), " ")
	var seen int
	for _, line := range strings.Split(md, "\n") {
		for _, cell := range splitCells(line) {
			if unescape(cell) == want {
				seen++
			}
		}
	}
	if seen < 5 {
		t.Errorf("the escaped text appears intact in %d table cells, want at least 5 (service, use case, ministry, evidence, system, activity)", seen)
	}
	if i := indexLine(md, "# "+esc(nasty)+": digital government readiness and roadmap"); i != 0 {
		t.Errorf("title is not the escaped country name: %q", firstLine(md))
	}
	if !strings.Contains(md, "| "+`\# 1. &lt;b&gt;Drought&lt;/b&gt;`+" |") {
		t.Error("a leading # in a service name is not escaped")
	}
}

func TestEsc(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ministry of ICT", "Ministry of ICT"},
		{"a|b", `a\|b`},
		{"<script>", "&lt;script&gt;"},
		{"x `y`", "x \\`y\\`"},
		{"line\none\r\ntwo\tthree", "line one two three"},
		{"# title", `\# title`},
		{"- item", `\- item`},
		{"2026. Plan", `2026\. Plan`},
		{"e-money 2.5", "e-money 2.5"},
		{"R&D", "R&D"},
		{"&amp; &#60;", `&amp;amp; &amp;\#60;`},
		{"*a* _b_ [c] ~d~ $e\\", `\*a\* \_b\_ \[c\] \~d\~ \$e\\`},
		{"  spaced  out  ", "spaced out"},
		{"", ""},
	} {
		if got := esc(c.in); got != c.want {
			t.Errorf("esc(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	r := &mdReport{lang: "en"}
	amount, number := r.amount, r.number
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {13840000, "13,840,000"}, {-1234567.4, "-1,234,567"}, {-0.3, "0"}} {
		if got := amount(c.v); got != c.want {
			t.Errorf("amount(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	for _, c := range []struct {
		v    float64
		want string
	}{{74.75, "74.8"}, {60, "60"}, {1234.56, "1,234.6"}, {0.04, "0"}, {-2.5, "-2.5"}} {
		if got := number(c.v); got != c.want {
			t.Errorf("number(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// A model without a plan still renders the assessment and the architecture.
func TestMarkdownWithoutPlan(t *testing.T) {
	m := sampleModel(t, "coralia")
	m.Plan = nil
	md := string(Markdown(m, "en"))
	for _, h := range []string{"## Readiness score card", "## Architecture", "## Roadmap"} {
		if indexLine(md, h) < 0 {
			t.Errorf("heading %q missing", h)
		}
	}
	if !strings.Contains(md, "No roadmap has been planned yet.") {
		t.Error("no note that the roadmap is missing")
	}
	checkTables(t, md)
}

// --- helpers -----------------------------------------------------------------------------

// thousands formats money independently of the code under test.
func thousands(v float64) string {
	s := fmt.Sprintf("%d", int64(math.Round(v)))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// indexLine is the number of the first line equal to s, or -1.
func indexLine(md, s string) int {
	for i, l := range strings.Split(md, "\n") {
		if l == s {
			return i
		}
	}
	return -1
}

// section returns the text from the heading line to the next heading of the same or a higher
// level ("---" for the footer: to the end).
func section(md, heading string) string {
	lines := strings.Split(md, "\n")
	start := indexLine(md, heading)
	if start < 0 {
		return ""
	}
	level := strings.Count(strings.Fields(heading)[0], "#")
	end := len(lines)
	for i := start + 1; i < len(lines) && level > 0; i++ {
		if f := strings.Fields(lines[i]); len(f) > 0 && strings.Trim(f[0], "#") == "" && len(f[0]) <= level && strings.HasPrefix(lines[i], "#") {
			end = i
			break
		}
	}
	return strings.Join(lines[start:end], "\n")
}

// tableAfter returns the data rows (cells unescaped) of the first table whose header line
// starts with prefix.
func tableAfter(t *testing.T, md, prefix string) [][]string {
	t.Helper()
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, prefix) {
			continue
		}
		var rows [][]string
		for _, r := range lines[i+2:] {
			if !strings.HasPrefix(r, "|") {
				break
			}
			var cells []string
			for _, c := range splitCells(r) {
				cells = append(cells, unescape(c))
			}
			rows = append(rows, cells)
		}
		return rows
	}
	t.Fatalf("no table starting %q", prefix)
	return nil
}

// splitCells splits a table line on the pipes GFM treats as cell borders (not \|).
func splitCells(line string) []string {
	if !strings.HasPrefix(line, "|") {
		return nil
	}
	var cells []string
	var cur strings.Builder
	for i := 1; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			cur.WriteByte(c)
			cur.WriteByte(line[i+1])
			i++
		case c == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		cells = append(cells, strings.TrimSpace(cur.String())) // no closing pipe
	}
	return cells
}

// checkTables checks that every row of every table has as many cells as its header, and that
// the delimiter row follows each header.
func checkTables(t *testing.T, md string) {
	t.Helper()
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") {
			continue
		}
		header := splitCells(lines[i])
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "| -") && !strings.HasPrefix(lines[i+1], "| :") {
			t.Errorf("line %d: table header without delimiter row: %q", i+1, lines[i])
		}
		j := i + 1
		for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if n := len(splitCells(lines[j])); n != len(header) || !strings.HasSuffix(lines[j], "|") {
				t.Errorf("line %d: %d cells, header has %d: %q", j+1, n, len(header), lines[j])
			}
		}
		i = j
	}
}

// unescape undoes esc: backslash escapes and the entities it writes.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(b.String())
}

// Answers to indicators the framework no longer has are listed, not dropped.
func TestMarkdownKeptAnswers(t *testing.T) {
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("answers:\n"), []byte("answers:\n  retired.indicator: {level: 3, evidence: kept}\n"), 1)
	doc, err := countries.Parse("bakana-retired.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	md := string(Markdown(buildModel(t, doc), "en"))
	s := section(md, "### Answers kept for indicators the framework no longer has")
	if !strings.Contains(s, "retired.indicator") {
		t.Errorf("kept answer not listed:\n%s", s)
	}
	if !strings.Contains(section(md, "---"), "bakana-retired.yaml") {
		t.Error("footer does not name the country file")
	}
}

// The report in French and Spanish: headings, numbers, dates and months are the language's,
// and no English fixed text is left.
func TestMarkdownInFrenchAndSpanish(t *testing.T) {
	for _, c := range []struct {
		lang, date, month, reuse, priority, sep string
		headings                                []string
	}{
		{"fr", "12 mars 2026", "avril 2026", "4,64", "18,3", "\u00a0", []string{
			"## Synthèse", "## Tableau des scores de maturité", "## Écarts par rapport aux cibles",
			"## Conditions préalables de maturité", "## Services prioritaires", "## Architecture",
			"### Cas d'usage requis", "### Briques requises", "## Feuille de route", "### Phase 1 · avril 2026 – mars 2027",
			"### Chemin critique", "## Calendrier des indicateurs clés (KPI)", "## Budget et financement",
			"### Déficits de financement", "### Mutualisation ou solutions cloisonnées"}},
		{"es", "12 de marzo de 2026", "abril de 2026", "4,64", "18,3", ".", []string{
			"## Resumen", "## Cuadro de puntajes de preparación", "## Brechas respecto de las metas",
			"## Condiciones previas de preparación", "## Servicios prioritarios", "## Arquitectura",
			"### Casos de uso necesarios", "### Bloques requeridos", "## Hoja de ruta", "### Fase 1 · abril de 2026 – marzo de 2027",
			"### Ruta crítica", "## Cronograma de indicadores clave (KPI)", "## Presupuesto y financiamiento",
			"### Brechas de financiamiento", "### Soluciones compartidas frente a soluciones aisladas"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			m := sampleModelIn(t, "bakana", c.lang)
			md := string(Markdown(m, c.lang))
			en := string(Markdown(sampleModel(t, "bakana"), "en"))
			last := -1
			for _, h := range c.headings {
				i := indexLine(md, h)
				if i < 0 {
					t.Errorf("heading %q missing", h)
					continue
				}
				if i < last {
					t.Errorf("heading %q out of order", h)
				}
				last = i
			}
			// No English heading is left (Architecture is the same word in French).
			for _, line := range strings.Split(en, "\n") {
				if strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "# ") && line != "## Architecture" && indexLine(md, line) >= 0 {
					t.Errorf("English heading %q in the %s report", line, c.lang)
				}
			}
			// Money with the language's thousands separator (13 840 000 / 13.840.000), never
			// the English one.
			total := strings.ReplaceAll(thousands(m.Plan.TotalCost), ",", c.sep) + " USD"
			if !strings.Contains(section(md, c.headings[0]), total) {
				t.Errorf("summary lacks the total %q:\n%s", total, section(md, c.headings[0]))
			}
			if strings.Contains(md, thousands(m.Plan.TotalCost)) {
				t.Errorf("the total is written the English way (%s)", thousands(m.Plan.TotalCost))
			}
			if !strings.Contains(firstLines(md, 4), c.date) {
				t.Errorf("title block lacks the date %q: %s", c.date, firstLines(md, 4))
			}
			if !strings.Contains(section(md, c.headings[0]), c.month) {
				t.Errorf("summary lacks the start month %q", c.month)
			}
			if !strings.Contains(md, " "+c.reuse+" ") || !strings.Contains(md, "| "+c.priority+" |") {
				t.Errorf("decimals are not written with a comma (%s, %s)", c.reuse, c.priority)
			}
			checkTables(t, md)
			if strings.Contains(md, "%!") || strings.Contains(md, "{") {
				t.Errorf("a fixed text is missing or mis-formatted")
			}
			for _, english := range []string{"Building block", "not answered", "Overall readiness", "Critical path", "out of 100"} {
				if strings.Contains(md, english) {
					t.Errorf("English text %q left in the %s report", english, c.lang)
				}
			}
		})
	}
}
