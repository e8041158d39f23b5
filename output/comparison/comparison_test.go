package comparison

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

func samples(t testing.TB) (*assess.Comparison, []*countries.Model) {
	t.Helper()
	cat, _ := catalog.Default()
	var entries []*assess.CompareEntry
	var models []*countries.Model
	for _, n := range countries.SampleNames() {
		d, err := countries.Sample(n)
		if err != nil {
			t.Fatal(err)
		}
		fw, _ := d.Framework("")
		if err := d.Check(fw); err != nil {
			t.Fatal(err)
		}
		f := d.File
		entries = append(entries, &assess.CompareEntry{File: n, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
			FrameworkRef: f.Assessment.Framework, Framework: fw, Answers: f.Answers, Targets: &f.Targets})
		m := countries.Build(d, fw, cat, "en")
		if err := m.Replan(countries.PlanOptions{}); err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	c, err := assess.Compare(entries, assess.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c, models
}

func TestComparisonWorkbook(t *testing.T) {
	c, models := samples(t)
	var buf bytes.Buffer
	if err := Write(&buf, c, models, "en"); err != nil {
		t.Fatal(err)
	}
	raw := append([]byte(nil), buf.Bytes()...)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Ranking", "Heat map", "Building blocks", "Funding"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	// Ranking: first row is rank 1, Aurelia, with a numeric overall score.
	if v, _ := f.GetCellValue("Ranking", "B2"); v != "Republic of Aurelia" {
		t.Errorf("B2 = %q", v)
	}
	if typ, _ := f.GetCellType("Ranking", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("overall score is not a number: %v", typ)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want a bar chart and a radar", charts)
	}
	cf, _ := f.GetConditionalFormats("Heat map")
	if len(cf) == 0 {
		t.Error("no heat map colour scale")
	}
	// Blocks: payments is built or upgraded in more than one sample: a common gap.
	rows, _ := f.GetRows("Building blocks")
	found := false
	for _, r := range rows {
		if len(r) > 1 && r[0] == "payments" {
			found = true
		}
	}
	if !found {
		t.Error("payments not listed among common gaps")
	}
	// Consent is built in all three samples: the first candidate for a shared investment.
	p := countries.NewPortfolio(models)
	if len(p.CommonGaps) == 0 || p.CommonGaps[0].Block != "consent" || p.CommonGaps[0].Countries != 3 {
		t.Errorf("common gaps %+v", p.CommonGaps)
	}
	// Funding: bakana's duplicate on payments shows.
	rows, _ = f.GetRows("Funding")
	dup := false
	for _, r := range rows {
		if len(r) > 5 && r[0] == "Republic of Bakana" && strings.Contains(r[5], "upgrade-payments") {
			dup = true
		}
	}
	if !dup {
		t.Error("bakana's duplicate funding not shown")
	}
	// French: translated sheet names.
	buf.Reset()
	if err := Write(&buf, c, models, "fr"); err != nil {
		t.Fatal(err)
	}
	f, _ = excelize.OpenReader(&buf)
	if f.GetSheetList()[0] != "Classement" {
		t.Errorf("French sheets %v", f.GetSheetList())
	}
}

func TestRankingSVG(t *testing.T) {
	c, _ := samples(t)
	svg := RankingSVG(c, "en", 0)
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("not well-formed SVG: %v", err)
	}
	s := string(svg)
	if strings.Count(s, "<rect x=") != 3 || !strings.Contains(s, "1. Republic of Aurelia") || !strings.Contains(s, "Leading") {
		t.Errorf("ranking SVG lacks bars or labels:\n%s", s)
	}
	if path, err := exec.LookPath("rsvg-convert"); err == nil {
		cmd := exec.Command(path, "-f", "png", "-o", t.TempDir()+"/ranking.png")
		cmd.Stdin = bytes.NewReader(svg)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("rsvg-convert rejects the SVG: %v %s", err, out)
		}
	}
}
