package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

// compareDoc is the JSON of `govplan compare --format json`, as a reader would decode it.
type compareDoc struct {
	Framework struct{ ID, Version string }
	Relative  bool
	Scores    string
	Countries []struct {
		File, Name, ISO3, Date string
		Overall                struct {
			Score        *float64
			Band         *string
			Rank         *int
			Completeness *float64
		}
		Pillars map[string]*float64
	}
	Bands  map[string]int
	Spread map[string]struct {
		N                  int
		Min, Max, Mean, SD *float64
		MinCountry         *string `json:"min_country"`
		MaxCountry         *string `json:"max_country"`
	}
	Rounds []struct {
		ISO3, Name string
		Series     []struct {
			File, Date string
			Overall    *float64
		}
		Steps []struct {
			From, To string
			Pillars  map[string]struct{ From, To, Change *float64 }
		}
		Changes struct {
			Overall    struct{ From, To, Change *float64 }
			Pillars    map[string]struct{ From, To, Change *float64 }
			Indicators map[string]struct{ From, To, Change *float64 }
		}
		Improved   []struct{ Kind, ID string }
		FellBack   []struct{ Kind, ID string } `json:"fell_back"`
		TargetsMet []struct {
			Kind, ID string
			Target   *float64
			SetIn    string `json:"set_in"`
			MetIn    string `json:"met_in"`
			Score    *float64
		} `json:"targets_met"`
	}
	LeftOut  []string `json:"left_out"`
	Warnings []string
}

func compareJSONOf(t testing.TB, args ...string) compareDoc {
	t.Helper()
	stdout, stderr, code := runCLI(t, append([]string{"compare", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("compare %v: exit %d\n%s", args, code, stderr)
	}
	var doc compareDoc
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("compare %v: %v\n%s", args, err, stdout)
	}
	return doc
}

func nearly(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }

func TestCompareSamples(t *testing.T) {
	args := []string{"--sample", "aurelia", "--sample", "bakana", "--sample", "coralia"}
	stdout, stderr, code := runCLI(t, append([]string{"compare"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Comparison of 3 countries · govstack-readiness@1.1.0 · absolute scores 0–100",
		"   1  Republic of Aurelia          XAU",
		"   3  Federal Republic of Coralia  XCR",
		"Bands: Leading 1 · Developing 0 · Emerging 1 · Nascent 1",
		"Pillars × countries", "█ Leading ≥75",
		"Connectivity and internet coverage", "Spread per pillar",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, stdout)
		}
	}
	for _, line := range strings.Split(stdout, "\n") {
		if n := len([]rune(line)); n > 120 {
			t.Errorf("line of %d characters: %s", n, line)
		}
	}

	doc := compareJSONOf(t, args...)
	if doc.Framework.ID != "govstack-readiness" || doc.Relative || doc.Scores != "absolute" || len(doc.Countries) != 3 || len(doc.Rounds) != 0 {
		t.Fatalf("%+v", doc)
	}
	for i, c := range doc.Countries {
		if c.Overall.Rank == nil || *c.Overall.Rank != i+1 || c.Overall.Score == nil || c.Overall.Band == nil || len(c.Pillars) != 16 || !strings.HasPrefix(c.File, "sample:") {
			t.Errorf("country %d: %+v", i, c)
		}
	}
	if doc.Countries[0].ISO3 != "XAU" || doc.Bands["Leading"] != 1 || doc.Bands["Developing"] != 0 || len(doc.Spread) != 16 {
		t.Errorf("first %s, bands %v, spread %d", doc.Countries[0].ISO3, doc.Bands, len(doc.Spread))
	}
	sp := doc.Spread["legal"]
	if sp.N != 3 || *sp.MinCountry != "Federal Republic of Coralia" || *sp.MaxCountry != "Republic of Aurelia" || *sp.Min > *sp.Mean || *sp.Mean > *sp.Max {
		t.Errorf("legal spread %+v", sp)
	}

	// The relative view is labelled in the text and the JSON.
	stdout, _, _ = runCLI(t, append([]string{"compare", "--relative"}, args...)...)
	if !strings.Contains(stdout, "relative (z-score rescaled across the 3 countries compared)") || !strings.Contains(stdout, "Relative") {
		t.Errorf("relative view not labelled:\n%s", stdout)
	}
	rel := compareJSONOf(t, append([]string{"--relative"}, args...)...)
	if !rel.Relative || rel.Scores != "relative (z-score rescaled across the 3 countries compared)" ||
		*rel.Countries[0].Overall.Score <= *rel.Countries[1].Overall.Score || *rel.Countries[2].Overall.Score < 0 || *rel.Countries[0].Overall.Score > 1 {
		t.Errorf("relative: %+v", rel)
	}
}

// saveRound writes a copy of a sample with a new date and changed answers.
func saveRound(t *testing.T, path, sample, date string, answers map[string]assess.Answers, set map[string]any) {
	t.Helper()
	d, err := countries.Sample(sample)
	if err != nil {
		t.Fatal(err)
	}
	if date != "" {
		if err := d.Set([]any{"assessment", "date"}, date); err != nil {
			t.Fatal(err)
		}
	}
	for id, as := range answers {
		if err := d.SetAnswer(id, as); err != nil {
			t.Fatal(err)
		}
	}
	for p, v := range set {
		var path []any
		for _, k := range strings.Split(p, "/") {
			path = append(path, k)
		}
		if err := d.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.SaveAs(path, false); err != nil {
		t.Fatal(err)
	}
}

func TestCompareRounds(t *testing.T) {
	dir := t.TempDir()
	num := func(v float64) assess.Answers { return assess.Answers{{Value: assess.Number(v), By: "ict"}} }
	// Bakana in three rounds; the sample (2026-03-12) is the last. By hand, with the template:
	//   internet-users 30 → level 1 (0.25); 65 → level 3 (0.75); 41 → level 2 (0.50).
	//   connectivity = mean of 6 answered (electricity access 58 → level 1, 0.25): 2.5/6 → 3/6 → 2.75/6.
	//   leadership.strategy (weight 2) level 1 → 2 → 2, open-source policy level 1:
	//   leadership 2.75/7 → 3.25/7 → 3.25/7.
	//   legal.e-procurement-law true → true → false: legal 4.25/5 → 4.25/5 → 3.25/5.
	// The first round sets a leadership target of 0.45 (met in 2025 with 0.4643); the sample's
	// internet-users target of 60 (0.75) is met in 2025 too. No other target is ever met.
	saveRound(t, filepath.Join(dir, "bakana-2024.yaml"), "bakana", "2024-03-01", map[string]assess.Answers{
		"connectivity.internet-users": num(30),
		"leadership.strategy":         {{Level: assess.Int(1), By: "ict"}},
		"legal.e-procurement-law":     {{Value: assess.YesNo(true), By: "finance"}},
	}, map[string]any{"targets/pillars/leadership": map[string]any{"score": 0.45, "year": 2027}})
	saveRound(t, filepath.Join(dir, "bakana-2025.yaml"), "bakana", "2025-03-01", map[string]assess.Answers{
		"connectivity.internet-users": num(65),
		"legal.e-procurement-law":     {{Value: assess.YesNo(true), By: "finance"}},
	}, nil)
	saveRound(t, filepath.Join(dir, "bakana-2026.yaml"), "bakana", "", nil, nil)
	saveRound(t, filepath.Join(dir, "aurelia.yaml"), "aurelia", "", nil, nil)

	doc := compareJSONOf(t, dir)
	if len(doc.Countries) != 2 || doc.Countries[1].ISO3 != "XBK" || doc.Countries[1].Date != "2026-03-12" || len(doc.Rounds) != 1 {
		t.Fatalf("countries %+v, %d rounds", doc.Countries, len(doc.Rounds))
	}
	rd := doc.Rounds[0]
	var dates []string
	for _, s := range rd.Series {
		dates = append(dates, s.Date)
	}
	if rd.ISO3 != "XBK" || strings.Join(dates, " ") != "2024-03-01 2025-03-01 2026-03-12" || len(rd.Steps) != 2 {
		t.Fatalf("series %v, %d steps", dates, len(rd.Steps))
	}
	for _, tc := range []struct {
		what     string
		from, to *float64
		wf, wt   float64
	}{
		{"connectivity", rd.Changes.Pillars["connectivity"].From, rd.Changes.Pillars["connectivity"].To, 2.5 / 6, 2.75 / 6},
		{"leadership", rd.Changes.Pillars["leadership"].From, rd.Changes.Pillars["leadership"].To, 2.75 / 7, 3.25 / 7},
		{"legal", rd.Changes.Pillars["legal"].From, rd.Changes.Pillars["legal"].To, 0.85, 0.65},
		{"internet-users", rd.Changes.Indicators["connectivity.internet-users"].From, rd.Changes.Indicators["connectivity.internet-users"].To, 0.25, 0.5},
		{"step 1 connectivity", rd.Steps[0].Pillars["connectivity"].From, rd.Steps[0].Pillars["connectivity"].To, 2.5 / 6, 0.5},
		{"step 2 connectivity", rd.Steps[1].Pillars["connectivity"].From, rd.Steps[1].Pillars["connectivity"].To, 0.5, 2.75 / 6},
	} {
		if !nearly(tc.from, tc.wf) || !nearly(tc.to, tc.wt) {
			t.Errorf("%s: %v → %v, want %v → %v", tc.what, tc.from, tc.to, tc.wf, tc.wt)
		}
	}
	if c := rd.Changes.Pillars["legal"].Change; !nearly(c, -0.2) {
		t.Errorf("legal change %v", c)
	}
	ids := func(list []struct{ Kind, ID string }) string {
		var s []string
		for _, x := range list {
			s = append(s, x.ID)
		}
		return strings.Join(s, " ")
	}
	if got := ids(rd.Improved); got != "connectivity leadership connectivity.internet-users leadership.strategy" {
		t.Errorf("improved: %s", got)
	}
	if got := ids(rd.FellBack); got != "legal legal.e-procurement-law" {
		t.Errorf("fell back: %s", got)
	}
	var met []string
	for _, m := range rd.TargetsMet {
		met = append(met, fmt.Sprintf("%s %s %.4f %s→%s %.4f", m.Kind, m.ID, *m.Target, m.SetIn, m.MetIn, *m.Score))
	}
	if got := strings.Join(met, "; "); got != "pillar leadership 0.4500 2024-03-01→2025-03-01 0.4643; indicator connectivity.internet-users 0.7500 2024-03-01→2025-03-01 0.7500" {
		t.Errorf("targets met: %s", got)
	}

	// The text shows the series; --all-rounds ranks every round.
	stdout, _, code := runCLI(t, "compare", dir)
	for _, want := range []string{"Republic of Bakana (XBK): 3 rounds, 2024-03-01 → 2025-03-01 → 2026-03-12",
		"Improved (4): connectivity +4.2 · leadership +7.1", "Fell back (2): legal -20.0 · legal.e-procurement-law -100.0",
		"Targets met (2): pillar leadership 45 by 2027 (set 2024-03-01): 46 on 2025-03-01",
		"connectivity.internet-users value 60 by 2029 (set 2024-03-01): met on 2025-03-01", "2 earlier rounds"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, stdout)
		}
	}
	all := compareJSONOf(t, "--all-rounds", dir)
	if len(all.Countries) != 4 {
		t.Errorf("--all-rounds ranks %d", len(all.Countries))
	}
}

func TestCompareFrameworkMismatch(t *testing.T) {
	dir := t.TempDir()
	bakana := filepath.Join(dir, "bakana.yaml")
	saveRound(t, bakana, "bakana", "", nil, nil)
	egdi := filepath.Join(dir, "x.yaml")
	if _, stderr, code := runCLI(t, "init", "--framework", "egdi", "--name", "X", "--iso3", "XXA", "-o", egdi); code != 0 {
		t.Fatal(stderr)
	}
	// Another framework: exit 2 naming both files.
	_, stderr, code := runCLI(t, "compare", bakana, egdi)
	if code != 2 || !strings.Contains(stderr, "different frameworks") || !strings.Contains(stderr, "govstack-readiness in "+bakana) || !strings.Contains(stderr, "egdi in "+egdi) {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	// --framework naming another id than a file: exit 2, positioned in the file.
	_, stderr, code = runCLI(t, "compare", "--framework", "egdi", bakana)
	if code != 2 || !strings.Contains(stderr, bakana+":17:") || !strings.Contains(stderr, `not "egdi"`) {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}

	// The same id at another version: compared, with a warning and what was left out. The older
	// round is Bakana as it was on 1.0.0, renamed 0.9.0, with an answer 1.0.0 does not have;
	// Aurelia's answers to what 1.1.0 added are left out too.
	src, err := os.ReadFile(filepath.Join("..", "..", "countries", "testdata", "v1.0.0", "bakana.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(src), "framework: govstack-readiness@1.0.0", "framework: govstack-readiness@0.9.0", 1)
	old = strings.Replace(old, "answers:\n", "answers:\n  legacy.portal-count: {value: 3}\n", 1)
	oldPath := filepath.Join(dir, "bakana-old.yaml")
	if err := os.WriteFile(oldPath, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := compareJSONOf(t, oldPath, "--sample", "aurelia")
	ws := strings.Join(doc.Warnings, "\n")
	if len(doc.Countries) != 2 || !slices.Contains(doc.LeftOut, "legacy.portal-count") || !slices.Contains(doc.LeftOut, "systems.fmis") ||
		!strings.Contains(ws, "different versions: 0.9.0 ("+oldPath+"), 1.1.0 (sample:aurelia)") || !strings.Contains(ws, "left out of the comparison") {
		t.Errorf("left out %v, warnings:\n%s", doc.LeftOut, ws)
	}
	stdout, stderr, code := runCLI(t, "compare", oldPath, "--sample", "aurelia")
	if code != 0 || !strings.Contains(stderr, "warning: the files name govstack-readiness at different versions") || !strings.Contains(stdout, "Left out (not in every file's framework): ") || !strings.Contains(stdout, "legacy.portal-count") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}

	// A template of another version given with --framework: only what it has is compared.
	tpl, err := os.ReadFile(filepath.Join("..", "..", "templates", "govstack-readiness.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	v2 := strings.Replace(string(tpl), "version: 1.0.0", "version: 1.1.0", 1)
	v2 = v2[:strings.Index(v2, "  - id: cooperation")]
	v2Path := filepath.Join(dir, "v2.yaml")
	os.WriteFile(v2Path, []byte(v2), 0o644)
	doc = compareJSONOf(t, "--framework", v2Path, "--sample", "aurelia", "--sample", "bakana")
	if doc.Framework.Version != "1.1.0" || len(doc.Countries[0].Pillars) != 11 || !strings.Contains(strings.Join(doc.LeftOut, " "), "cooperation.") {
		t.Errorf("framework %+v, pillars %d, left out %v", doc.Framework, len(doc.Countries[0].Pillars), doc.LeftOut)
	}
}

func TestCompareReportsEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	saveRound(t, filepath.Join(dir, "bakana.yaml"), "bakana", "", nil, nil)
	for _, name := range []string{"bad-iso3.yaml", "bad-date.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a country file"), 0o644)
	_, stderr, code := runCLI(t, "compare", dir, filepath.Join(dir, "missing.yaml"), "--sample", "narnia")
	for _, want := range []string{
		filepath.Join(dir, "bad-iso3.yaml") + ":2:", filepath.Join(dir, "bad-date.yaml") + ":3:",
		filepath.Join(dir, "missing.yaml") + ": cannot open", `unknown sample "narnia"`,
		"4 of 5 files cannot be compared",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 2 || strings.Contains(stderr, "notes.txt") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.Contains(line, "goroutine") {
			t.Errorf("stack trace: %s", line)
		}
	}
	if _, stderr, code := runCLI(t, "compare"); code != 2 || !strings.Contains(stderr, "name country files") {
		t.Errorf("no arguments: exit %d %s", code, stderr)
	}
	empty := t.TempDir()
	if _, stderr, code := runCLI(t, "compare", empty); code != 2 || !strings.Contains(stderr, "holds no .yaml") {
		t.Errorf("empty folder: exit %d %s", code, stderr)
	}
}

// egdiCSV is the published UN E-Government Survey 2024 table, shared by every machine and CI.
func egdiCSV(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "egdi-2024.csv")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("the EGDI table is not here (%v); it lives at /work/shared/data/egdi-2024.csv", err)
	}
	return p
}

func TestImportEGDIReproducesPublishedIndex(t *testing.T) {
	table := egdiCSV(t)
	dir := filepath.Join(t.TempDir(), "egdi")
	stdout, stderr, code := runCLI(t, "import", "csv", table, "--framework", "egdi", "--country-column", "Country",
		"--map", "egdi.osi=Online_Service", "--map", "egdi.tii=Tele_Infra", "--map", "egdi.hci=Human_Capital",
		"--date", "2024-09-17", "-o", dir)
	// Data goes to stdout, messages to stderr: import writes files, so stdout stays empty.
	if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote 193 country files to "+dir+" (egdi@2024, assessed 2024-09-17, 579 answers") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) != 193 {
		t.Fatalf("%d files", len(files))
	}
	stdout, stderr, code = runCLI(t, append([]string{"validate"}, files...)...)
	if code != 0 || strings.Count(stdout, ": ok (country file") != 193 || stderr != "" {
		t.Fatalf("validate: exit %d\n%s", code, stderr)
	}
	georgia, _ := os.ReadFile(filepath.Join(dir, "georgia-country.yaml"))
	for _, want := range []string{"country: {name: Georgia (Country), iso3: GEO}", "framework: egdi@2024", "egdi.osi: {value: 0.56522, source: 'egdi-2024.csv, column Online_Service'}"} {
		if !strings.Contains(string(georgia), want) {
			t.Errorf("georgia-country.yaml lacks %q:\n%s", want, georgia)
		}
	}

	// The published table: trimmed name → composite index.
	f, err := os.Open(table)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimSpace(h)] = i
	}
	published := map[string]float64{}
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(strings.TrimSpace(r[col["E_Index"]]), 64)
		if err != nil {
			t.Fatal(err)
		}
		published[strings.TrimSpace(r[col["Country"]])] = v
	}
	if len(published) != 193 {
		t.Fatalf("%d published rows", len(published))
	}

	doc := compareJSONOf(t, dir)
	if doc.Framework.ID != "egdi" || len(doc.Countries) != 193 || len(doc.Rounds) != 0 || len(doc.Warnings) != 0 {
		t.Fatalf("framework %v, %d countries, %d rounds, warnings %v", doc.Framework, len(doc.Countries), len(doc.Rounds), doc.Warnings)
	}
	seen := map[string]bool{}
	for _, c := range doc.Countries {
		want, ok := published[c.Name]
		if !ok {
			t.Errorf("%s (%s): the name is not the table's trimmed name", c.Name, c.File)
			continue
		}
		seen[c.Name] = true
		if c.Overall.Score == nil || math.Abs(*c.Overall.Score-want) > 0.0001 {
			t.Errorf("%s: overall %v, published EGDI %.5f", c.Name, c.Overall.Score, want)
		}
		if c.Date != "2024-09-17" || len(c.ISO3) != 3 || c.Overall.Rank == nil {
			t.Errorf("%s: %+v", c.Name, c)
		}
	}
	if len(seen) != 193 {
		t.Errorf("%d distinct names", len(seen))
	}
	// The survey's own group counts for 2024.
	if doc.Bands["Very High"] != 76 || doc.Bands["High"] != 62 || doc.Bands["Middle"] != 44 || doc.Bands["Low"] != 11 {
		t.Errorf("bands %v, the survey has Very High 76, High 62, Middle 44, Low 11", doc.Bands)
	}
	if r := doc.Countries[0]; r.Name != "Denmark" || *r.Overall.Rank != 1 {
		t.Errorf("first is %s", r.Name)
	}

	// The text view of 193 countries stays within 120 columns and says what it leaves out.
	stdout, _, _ = runCLI(t, "compare", dir)
	for _, line := range strings.Split(stdout, "\n") {
		if n := len([]rune(line)); n > 120 {
			t.Errorf("line of %d characters: %s", n, line)
		}
	}
	if !strings.Contains(stdout, "countries in between not shown") || !strings.Contains(stdout, "Very High 76 · High 62 · Middle 44 · Low 11") {
		t.Errorf("text view:\n%s", stdout)
	}

	// Importing again refuses to replace the files unless told to.
	_, stderr, code = runCLI(t, "import", "csv", table, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=Online_Service", "-o", dir)
	if code != 2 || !strings.Contains(stderr, "193 of the files to write already exist") {
		t.Errorf("exit %d %s", code, stderr)
	}
}

func TestImportCSVErrors(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "t.csv")
	os.WriteFile(table, []byte("Country,Code,OSI\nKenya,KEN,0.5\nAtlantis,,0.3\nGhana ,GHA,0.4\nGhana,GHA,0.45\n"), 0o644)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Country,OSI\nKenya,0.5\nGhana,0.4.1\n"), 0o644)
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"unknown column lists the header", []string{table, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=Online", "-o", out}, 2,
			nil, []string{`no column "Online"; the header has: "Country", "Code", "OSI"`}},
		{"unknown country column", []string{table, "--framework", "egdi", "--country-column", "Name", "--map", "egdi.osi=OSI", "-o", out}, 2,
			nil, []string{`--country-column: no column "Name"`}},
		{"not a number names row and column", []string{bad, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", out}, 2,
			nil, []string{bad + `:3:7: Ghana, column OSI: "0.4.1" is not a number`}},
		{"unknown framework", []string{table, "--framework", "nope", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", out}, 2,
			nil, []string{`unknown framework "nope"`}},
		{"level indicator", []string{table, "--framework", "govstack-readiness", "--country-column", "Country", "--map", "leadership.strategy=OSI", "-o", out}, 2,
			nil, []string{"is not a level of the framework's scale 0..4"}},
		{"missing -o", []string{table, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI"}, 2,
			nil, []string{"output"}},
		{"bad map", []string{table, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi", "-o", out}, 2,
			nil, []string{"is not INDICATOR=COLUMN"}},
		{"rows it cannot map are skipped; one country twice gets two files", []string{table, "--framework", "egdi", "--country-column", "Country", "--map", "egdi.osi=OSI", "-o", out, "--date", "2024-01-01"}, 0,
			nil,
			[]string{"wrote 3 country files to " + out, "skipped 1 row ", table + `:3:1: warning: row skipped: no ISO 3166 code is known for the country "Atlantis"`, table + ":5:1: warning: Ghana (GHA) is also on line 4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, append([]string{"import", "csv"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	// The two Ghana rows share a slug, so both files carry the code; the name is kept as written.
	names, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	var base []string
	for _, n := range names {
		base = append(base, filepath.Base(n))
	}
	if strings.Join(base, " ") != "ghana-gha-line5.yaml ghana-gha.yaml kenya.yaml" {
		t.Errorf("files %v", base)
	}
	d, err := countries.Load(filepath.Join(out, "ghana-gha.yaml"))
	if err != nil || d.File.Country.Name != "Ghana" || d.File.Assessment.Date != "2024-01-01" || d.File.Answers["egdi.osi"][0].Value.Num != 0.4 {
		t.Errorf("%v %+v", err, d)
	}
	if _, _, code := runCLI(t, "import"); code != 0 {
		t.Errorf("import alone shows help, exit %d", code)
	}
}

// benchRounds is how many rounds every generated bench country has, whatever the number of
// files: 1,000 and 10,000 files then hold the same mix of work per file (a file is one round
// of a country of benchRounds rounds), so their costs compare. With one country per file
// instead, the 676 fictional codes XAA..XZZ run out and 10,000 files became 676 countries
// of about 15 rounds each, against one or two rounds at 1,000 files.
const benchRounds = 15

// writeBenchFiles writes n country files of the built-in framework with every indicator
// answered: country k (code XAA, XAB, ...) has files k*benchRounds .. k*benchRounds+14, one
// round a year from 2010.
func writeBenchFiles(tb testing.TB, dir string, n int) {
	writeCountryFiles(tb, dir, n, benchRounds, func(i int) string { return fmt.Sprintf("Country %05d", i) })
}

// writeCountryFiles writes n answered country files into dir, rounds files per country;
// country k is named name(k). The answers vary with the file so that scores, ranks and rounds
// differ.
func writeCountryFiles(tb testing.TB, dir string, n, rounds int, name func(int) string) {
	tb.Helper()
	fw, _, err := assess.Resolve("govstack-readiness")
	if err != nil {
		tb.Fatal(err)
	}
	inds := fw.Indicators()
	for i := 0; i < n; i++ {
		k, r := i/rounds, i%rounds
		if k >= 676 {
			tb.Fatalf("%d files of %d rounds need more than the 676 codes XAA..XZZ", n, rounds)
		}
		code := fmt.Sprintf("X%c%c", 'A'+k%26, 'A'+k/26%26)
		date := time.Date(2010+r, 1, 1, 0, 0, 0, 0, time.UTC)
		text, err := countries.New(fw, countries.Country{Name: name(k), ISO3: code}, date)
		if err != nil {
			tb.Fatal(err)
		}
		s := string(text)
		for k, ind := range inds {
			var ans string
			switch ind.Kind {
			case assess.KindLevel:
				ans = fmt.Sprintf("{level: %d}", (i+k)%5)
			case assess.KindYesNo:
				ans = fmt.Sprintf("{value: %t}", (i+k)%2 == 0)
			default:
				ans = fmt.Sprintf("{value: %d}", (i*7+k*13)%100)
			}
			s = strings.Replace(s, "  "+ind.ID+": {}\n", "  "+ind.ID+": "+ans+"\n", 1)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%05d.yaml", i)), []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCompareFiles runs `govplan compare DIR --all-rounds --format json` on 200 and on
// 10,000 generated country files: reading, checking and comparing them all.
func BenchmarkCompareFiles(b *testing.B) {
	for _, n := range []int{200, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			writeBenchFiles(b, dir, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a := &app{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard}
				root := a.rootCmd()
				root.SetArgs([]string{"compare", dir, "--all-rounds", "--format", "json"})
				if err := root.Execute(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCompareTextAlignsWideNames: columns after a country name line up on screen whether the
// name has accents (one cell a letter) or CJK characters (two cells each).
func TestCompareTextAlignsWideNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"日本国", "Côte d’Ivoire", "Plain"}
	writeCountryFiles(t, dir, len(names), 1, func(i int) string { return names[i] })
	stdout, stderr, code := runCLI(t, "compare", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// In the ranking and the spread, the column after a name starts at the same screen cell
	// on every line.
	after := map[bool]map[int]bool{true: {}, false: {}} // ranking line? → cells
	for _, line := range strings.Split(stdout, "\n") {
		i, name := -1, "" // the leftmost name on the line
		for _, n := range names {
			if k := strings.Index(line, n+"  "); k >= 0 && (i < 0 || k < i) {
				i, name = k, n
			}
		}
		if i < 0 {
			continue
		}
		rest := line[i+len(name):]
		cell := lipgloss.Width(line[:i+len(name)]) + len(rest) - len(strings.TrimLeft(rest, " "))
		after[strings.Contains(line, "█")][cell] = true
	}
	if len(after[true]) != 1 || len(after[false]) != 1 {
		t.Errorf("the column after the names starts at cells %v (ranking) and %v (spread), want one each:\n%s", after[true], after[false], stdout)
	}
	if !strings.Contains(stdout, "日本国") || !strings.Contains(stdout, "Côte d’Ivoire") {
		t.Errorf("names missing:\n%s", stdout)
	}
}
