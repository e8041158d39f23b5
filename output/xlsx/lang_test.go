package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"html"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// modelIn builds and plans a sample with its match and plan written in lang, as the commands
// do under --lang.
func modelIn(t testing.TB, name, lang string) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
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

// writtenIn writes m's workbook in lang and opens it again.
func writtenIn(t testing.TB, m *countries.Model, lang string) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(m, lang, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// Every language names the sheets validly: at most 31 characters, none of []:*?/\, no two
// alike.
func TestSheetNamesInEveryLanguage(t *testing.T) {
	for _, lang := range i18n.Languages() {
		seen := map[string]bool{}
		for _, s := range SheetsIn(lang) {
			if s == "" || utf8.RuneCountInString(s) > 31 || strings.ContainsAny(s, `[]:*?/\`) || strings.HasPrefix(s, "'") {
				t.Errorf("%s: sheet name %q is not valid", lang, s)
			}
			if seen[strings.ToLower(s)] {
				t.Errorf("%s: two sheets named %q", lang, s)
			}
			seen[strings.ToLower(s)] = true
		}
	}
	if got := strings.Join(SheetsIn("en"), "|"); got != strings.Join(Sheets, "|") {
		t.Errorf("English sheets %s", got)
	}
	for in, want := range map[string]string{
		"Plan: 2026/27 [draft]*?": "Plan 202627 draft",
		"'quoted'":                "quoted",
		strings.Repeat("é", 40):   strings.Repeat("é", 31),
		"[]":                      "Fallback",
	} {
		if got := sheetName(in, "Fallback"); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

var workbookIn = []struct {
	lang                             string
	sheets, roadmapHeader            []string
	assessed, dateFmt, inProgress, y string
}{
	{"fr", []string{"Synthèse", "Scores", "Matrice des cas d'usage", "Briques", "Feuille de route", "Indicateurs clés", "Budget",
		"Déficits de financement", "Engagements", "Briques mutualisées", "Hypothèses", "Listes"},
		[]string{"ID", "Nom", "Type", "Responsable", "Phase", "Dépend de", "Début", "Fin (dernier mois)", "Mois", "Coût",
			"Origine du coût", "Critique", "Statut"},
		"Date de l'évaluation", "dd/mm/yyyy", "en cours", "oui"},
	{"es", []string{"Resumen", "Puntajes", "Matriz de casos de uso", "Bloques", "Hoja de ruta", "Indicadores clave", "Presupuesto",
		"Brechas de financiamiento", "Compromisos", "Bloques compartidos", "Supuestos", "Listas"},
		[]string{"ID", "Nombre", "Tipo", "Responsable", "Fase", "Depende de", "Inicio", "Fin (último mes)", "Meses", "Costo",
			"Origen del costo", "Crítica", "Estado"},
		"Fecha de la evaluación", "dd/mm/yyyy", "en curso", "sí"},
}

// A workbook written in French or Spanish has its sheets, headers and words in that language,
// and still numbers as numbers and dates as dates.
func TestWorkbookInFrenchAndSpanish(t *testing.T) {
	for _, c := range workbookIn {
		t.Run(c.lang, func(t *testing.T) {
			m := modelIn(t, "bakana", c.lang)
			f, data := writtenIn(t, m, c.lang)
			if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(c.sheets, "|") {
				t.Fatalf("sheets %s, want %s", got, strings.Join(c.sheets, "|"))
			}
			summary, roadmap, lists := c.sheets[0], c.sheets[4], c.sheets[len(c.sheets)-1]
			if vis, _ := f.GetSheetVisible(lists); vis {
				t.Error("the lists sheet is visible")
			}
			rows, _ := f.GetRows(roadmap)
			if got := strings.Join(rows[0][:rmGrid-1], "|"); got != strings.Join(c.roadmapHeader, "|") {
				t.Errorf("roadmap header\n got %s\nwant %s", got, strings.Join(c.roadmapHeader, "|"))
			}

			// Typed numbers and dates, the dates in the language's format.
			_, r, col := find(t, f, summary, c.assessed)
			ref := cell(col+1, r)
			wantType(t, f, summary, ref, excelize.CellTypeNumber)
			if got := numFmtOf(t, f, summary, ref); !strings.HasSuffix(got, c.dateFmt) {
				t.Errorf("assessment date format %q, want %s", got, c.dateFmt)
			}
			if v, _ := f.GetCellValue(summary, ref, excelize.Options{RawCellValue: true}); !near(v, serial(m.Doc.File.Assessment.Time())) {
				t.Errorf("assessment date %s is not the date's serial number", v)
			}
			_, r, col = find(t, f, summary, i18n.T(c.lang, "Total cost (one-off)"))
			wantType(t, f, summary, cell(col+1, r), excelize.CellTypeNumber)
			for i, a := range m.Plan.Activities {
				row := i + 2
				if v, _ := f.GetCellValue(roadmap, cell(rmID, row)); v != a.ID {
					t.Fatalf("roadmap row %d is %q, want %s", row, v, a.ID)
				}
				wantType(t, f, roadmap, cell(rmStart, row), excelize.CellTypeNumber)
				wantType(t, f, roadmap, cell(rmCost, row), excelize.CellTypeNumber)
				if v, _ := f.GetCellValue(roadmap, cell(rmCost, row), excelize.Options{RawCellValue: true}); !near(v, a.Cost) {
					t.Errorf("%s cost %s, want %v", a.ID, v, a.Cost)
				}
				v, _ := f.GetCellValue(roadmap, cell(rmCritical, row))
				if (v == c.y) != a.Critical {
					t.Errorf("%s critical %q", a.ID, v)
				}
				if a.ID == "upgrade-payments" {
					if v, _ := f.GetCellValue(roadmap, cell(rmStatus, row)); v != c.inProgress {
						t.Errorf("upgrade-payments status %q, want %q", v, c.inProgress)
					}
				}
			}
			// The drop-down offers the statuses in the language, from the quoted Lists sheet.
			dvs, _ := f.GetDataValidations(roadmap)
			var status bool
			for _, dv := range dvs {
				if strings.HasPrefix(dv.Sqref, colName(rmStatus)+"2:") {
					status = dv.Type == "list" && dv.Formula1 == quoteSheet(lists)+"!$A$2:$A$5"
				}
			}
			if !status {
				t.Errorf("no status drop-down on the lists sheet: %+v", dvs)
			}
			if v, _ := f.GetCellValue(lists, "A3"); v != c.inProgress {
				t.Errorf("%s!A3 = %q, want %q", lists, v, c.inProgress)
			}
			// The Gantt compares with the words the sheet writes.
			cfs, _ := f.GetConditionalFormats(roadmap)
			var crit bool
			for _, rules := range cfs {
				for _, rule := range rules {
					crit = crit || strings.Contains(rule.Criteria, `$L2="`+c.y+`"`)
				}
			}
			if !crit {
				t.Errorf("no Gantt rule for critical activities marked %q", c.y)
			}
			// The radar reads the pillars from the Summary sheet under its name.
			chart := html.UnescapeString(zipFile(t, data, "xl/charts/chart1.xml"))
			n := len(m.Score.Pillars)
			if !strings.Contains(chart, quoteSheet(summary)+"!$A$"+strconv.Itoa(sumPillarRow+1)+":$A$"+strconv.Itoa(sumPillarRow+n)) {
				t.Error("the radar's categories are not the pillar names")
			}
			if !strings.Contains(chart, i18n.T(c.lang, "Pillar scores (0–100)")) {
				t.Error("the chart title is not translated")
			}
			// No English header is left on the Roadmap sheet but ID.
			for _, h := range rows[0][1 : rmGrid-1] {
				if h == "Status" || h == "Owner" || h == "Name" || h == "Cost basis" {
					t.Errorf("English header %q", h)
				}
			}
		})
	}
}

func zipFile(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return ""
}

// A French (or Spanish) workbook whose status and owner cells planners changed imports like an
// English one: the sheet and columns are found by their translated names, and statuses picked
// or typed in the language go into the country file as its values.
func TestLocalizedWorkbookRoundTrip(t *testing.T) {
	for _, c := range []struct {
		lang, done, blocked, typed, bad, wantChange, wantProblem string
	}{
		{"fr", "terminée", "bloquée", "En cours", "finie", "build-information-mediator : statut non commencée → terminée",
			"ligne %d : le statut « finie » de pilot-inst-1 ne fait pas partie des valeurs possibles (non commencée, en cours, terminée, bloquée)"},
		{"es", "terminada", "bloqueada", "EN CURSO", "lista", "build-information-mediator: estado no iniciada → terminada",
			"fila %d: el estado “lista” de pilot-inst-1 no es ninguno de estos: no iniciada, en curso, terminada, bloqueada"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			dir := t.TempDir()
			doc, _ := copySample(t, dir, "bakana")
			fw, _ := doc.Framework("")
			cat, _ := catalog.Default()
			m := countries.Build(doc, fw, cat, c.lang)
			if err := m.Replan(countries.PlanOptions{}); err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(dir, "bakana."+c.lang+".xlsx")
			if err := WriteFile(m, c.lang, book); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			roadmap := namesIn(c.lang).roadmap
			rowOfID := func(id string) int {
				rows, _ := f.GetRows(roadmap)
				for i, r := range rows {
					if len(r) > 0 && r[0] == id {
						return i + 1
					}
				}
				t.Fatalf("no row for %s", id)
				return 0
			}
			set := func(id string, col int, v string) int {
				r := rowOfID(id)
				if err := f.SetCellStr(roadmap, cell(col, r), v); err != nil {
					t.Fatal(err)
				}
				return r
			}
			set("build-information-mediator", rmStatus, c.done)
			set("upgrade-payments", rmStatus, c.blocked)
			set("build-consent", rmStatus, c.typed)
			set("build-gis", rmStatus, "terminee") // French without its accent
			set("build-messaging", rmStatus, "in-progress")
			set("build-gis", rmOwner, "Finance")
			bad := set("pilot-inst-1", rmStatus, c.bad)
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()

			edits, err := ReadEdits(book)
			if err != nil {
				t.Fatal(err)
			}
			if edits.ISO3 != "XBK" || !edits.HasStatus || !edits.HasOwner || len(edits.Rows) != len(m.Plan.Activities) {
				t.Fatalf("read back: ISO %q, status %v, owner %v, %d rows", edits.ISO3, edits.HasStatus, edits.HasOwner, len(edits.Rows))
			}
			res, err := ApplyRoadmapEdits(m, edits.Rows)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			var lines []string
			for _, ch := range res.Changes {
				got[ch.Activity+" "+ch.Field] = ch.To
				lines = append(lines, ch.String())
			}
			want := map[string]string{
				"build-information-mediator status": "done", "upgrade-payments status": "blocked",
				"build-consent status": "in-progress", "build-gis status": "done", "build-messaging status": "in-progress",
				"build-gis owner": "finance",
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s → %q, want %q (changes: %v)", k, got[k], v, got)
				}
			}
			if len(got) != len(want) {
				t.Errorf("changes %v", got)
			}
			if !strings.Contains(strings.Join(lines, "\n"), c.wantChange) {
				t.Errorf("no %q in\n%s", c.wantChange, strings.Join(lines, "\n"))
			}
			if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].String(), strings.Replace(c.wantProblem, "%d", strconv.Itoa(bad), 1)) {
				t.Errorf("problems %v", res.Problems)
			}
			if err := m.Doc.Save(); err != nil {
				t.Fatal(err)
			}
			doc2, err := countries.Load(doc.Path)
			if err != nil {
				t.Fatal(err)
			}
			for id, st := range map[string]string{"build-information-mediator": "done", "upgrade-payments": "blocked", "build-consent": "in-progress"} {
				if doc2.File.Plan.Status[id] != st {
					t.Errorf("country file: %s status %q, want %q", id, doc2.File.Plan.Status[id], st)
				}
			}

			// The next workbook in the language imports again as no change, also into an
			// English session.
			m2 := model(t, doc2)
			book2 := filepath.Join(dir, "again.xlsx")
			if err := WriteFile(m2, c.lang, book2); err != nil {
				t.Fatal(err)
			}
			edits2, err := ReadEdits(book2)
			if err != nil {
				t.Fatal(err)
			}
			res2, err := ApplyRoadmapEdits(m2, edits2.Rows)
			if err != nil {
				t.Fatal(err)
			}
			if len(res2.Changes)+len(res2.Problems) != 0 {
				t.Errorf("a fresh %s workbook imports as changes: %+v", c.lang, res2)
			}
		})
	}
}

// ReadEditsIn says what is wrong with a workbook in the planner's language; a missing Roadmap
// sheet is still ErrNoRoadmap.
func TestReadEditsInFrench(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "autre.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(other); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := ReadEditsIn(other, "fr")
	if !errors.Is(err, ErrNoRoadmap) || !strings.Contains(err.Error(), "le classeur n'a pas d'onglet Feuille de route") {
		t.Errorf("workbook without a roadmap: %v", err)
	}
	if _, err := ReadEditsIn(dir, "fr"); err == nil || !strings.Contains(err.Error(), "c'est un dossier") {
		t.Errorf("folder: %v", err)
	}
}
