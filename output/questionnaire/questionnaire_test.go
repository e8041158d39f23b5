package questionnaire

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/xuri/excelize/v2"
)

// sampleCopy writes an embedded sample to a temporary file and opens it from there.
func sampleCopy(t *testing.T, name string) (*countries.Doc, *assess.Framework, string) {
	t.Helper()
	s, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".yaml")
	if err := os.WriteFile(path, s.Src(), 0o644); err != nil {
		t.Fatal(err)
	}
	return open(t, path)
}

func open(t *testing.T, path string) (*countries.Doc, *assess.Framework, string) {
	t.Helper()
	doc, fw, err := countries.Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return doc, fw, path
}

func write(t *testing.T, doc *countries.Doc, fw *assess.Framework, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	o.Now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := Write(&buf, doc, fw, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fill types values into the questions sheet as a ministry would: cells[row index][column].
func fill(t *testing.T, book []byte, cells map[int]map[int]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	for i, row := range cells {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, headerRow+1+i)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func read(t *testing.T, book []byte, fw *assess.Framework) *Filled {
	t.Helper()
	q, err := Read(bytes.NewReader(book), fw, "en")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestWritesOnlyTheMinistrysIndicators(t *testing.T) {
	doc, fw, _ := sampleCopy(t, "bakana")
	q := read(t, write(t, doc, fw, Options{Ministry: "finance"}), fw)
	want := Indicators(fw, "finance", false)
	if len(want) == 0 || len(q.Rows) != len(want) {
		t.Fatalf("rows %d, want %d", len(q.Rows), len(want))
	}
	for i, r := range q.Rows {
		if r.ID != want[i].ID || r.Touched {
			t.Errorf("row %d: %s touched=%v, want %s untouched", i, r.ID, r.Touched, want[i].ID)
		}
	}
	all := read(t, write(t, doc, fw, Options{Ministry: "finance", All: true}), fw)
	if len(all.Rows) != len(fw.Indicators()) {
		t.Errorf("--all: %d rows, want %d", len(all.Rows), len(fw.Indicators()))
	}
	idle := ""
	for _, mi := range doc.File.Ministries {
		if len(Indicators(fw, mi.ID, false)) == 0 {
			idle = mi.ID
		}
	}
	if idle == "" {
		t.Fatal("every ministry of the sample owns an indicator; the test needs one that owns none")
	}
	if _, err := Write(&bytes.Buffer{}, doc, fw, Options{Ministry: idle}); err != ErrNoIndicators {
		t.Errorf("a ministry that owns nothing (%s): %v, want ErrNoIndicators", idle, err)
	}
}

func TestLayout(t *testing.T) {
	doc, fw, _ := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "finance", Lang: "fr"})
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if vis, _ := f.GetSheetVisible(sheet); !vis {
		t.Fatal("the first sheet is hidden")
	}
	if vis, _ := f.GetSheetVisible(metaSheet); vis {
		t.Error("the govplan sheet is visible")
	}
	for i, c := range columns[:7] {
		ref, _ := excelize.CoordinatesToCellName(i+1, headerRow)
		v, _ := f.GetCellValue(sheet, ref)
		if !strings.HasPrefix(v, c) {
			t.Errorf("header %s = %q, want it to start with %q", ref, v, c)
		}
	}
	// Drop-downs on level answers and confidence, a stop on numbers.
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var lists int
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists++
		}
	}
	if lists < 2 {
		t.Errorf("want list validations for levels and confidence, got %d", lists)
	}
	// ID and question locked, answer open, sheet protected.
	id, _ := excelize.CoordinatesToCellName(colID+1, headerRow+1)
	ans, _ := excelize.CoordinatesToCellName(colAnswer+1, headerRow+1)
	for ref, locked := range map[string]bool{id: true, ans: false} {
		sid, _ := f.GetCellStyle(sheet, ref)
		st, _ := f.GetStyle(sid)
		if st.Protection == nil || st.Protection.Locked != locked {
			t.Errorf("%s locked should be %v", ref, locked)
		}
	}
	ly, err := f.GetPageLayout(sheet)
	if err != nil || ly.Size == nil || *ly.Size != 9 {
		t.Errorf("page size %v (%v), want A4 (9)", ly.Size, err)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" {
			found = true
		}
	}
	if !found {
		t.Error("no print titles")
	}
}

func TestRoundTripMergesOnlyWhatChanged(t *testing.T) {
	doc, fw, path := sampleCopy(t, "bakana")
	before, _ := os.ReadFile(path)
	book := write(t, doc, fw, Options{Ministry: "finance"})
	q0 := read(t, book, fw)
	// The first and the last row no other ministry answered (finance answering beside another
	// ministry would turn that answer into a list item): a bare number; a confidence word in French.
	first, last := 0, len(q0.Rows)-1
	for first < last && answeredByOther(doc.File.Answers[q0.Rows[first].ID], "finance") {
		first++
	}
	for last > first && answeredByOther(doc.File.Answers[q0.Rows[last].ID], "finance") {
		last--
	}
	if first >= last {
		t.Fatal("the sample has no two finance rows without another ministry's answer")
	}
	filled := fill(t, book, map[int]map[int]any{
		first: {colAnswer: 4, colEvidence: "Budget Law 2027, programme 12"},
		last:  {colConfidence: "faible"},
	})
	q := read(t, filled, fw)
	if len(q.Problems) > 0 {
		t.Fatalf("problems: %+v", q.Problems)
	}
	if err := q.CheckFor(doc, fw, "en"); err != nil {
		t.Fatal(err)
	}
	res, err := Merge(doc, fw, q, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 2 || res.Untouched != len(q.Rows)-2 {
		t.Fatalf("changes %+v, untouched %d", res.Changes, res.Untouched)
	}
	if err := doc.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	d2, _, _ := open(t, path)
	id0, idL := q.Rows[first].ID, q.Rows[last].ID
	var got assess.Answer
	for _, a := range d2.File.Answers[id0] {
		if a.By == "finance" {
			got = a
		}
	}
	if got.Level == nil || *got.Level != 4 || got.Evidence != "Budget Law 2027, programme 12" {
		t.Errorf("%s by finance = %+v", id0, got)
	}
	for _, a := range d2.File.Answers[idL] {
		if a.By == "finance" && a.Confidence != "low" {
			t.Errorf("%s confidence %q, want low", idL, a.Confidence)
		}
	}
	// Every line that is not an answer line of finance for those two indicators is unchanged,
	// other ministries' answers included.
	bl, al := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	changed := map[string]bool{}
	for _, l := range al {
		changed[l] = true
	}
	for _, l := range bl {
		if changed[l] {
			continue
		}
		if !strings.Contains(l, "by: finance") && !strings.Contains(l, id0) && !strings.Contains(l, idL) {
			t.Errorf("line changed that should not have: %q", l)
		}
		if strings.Contains(l, "by: ict") || strings.Contains(l, "by: interior") {
			t.Errorf("another ministry's line changed: %q", l)
		}
	}
}

// answeredByOther reports whether a ministry other than by gave one of the answers.
func answeredByOther(as []assess.Answer, by string) bool {
	for _, a := range as {
		if a.By != "" && a.By != by {
			return true
		}
	}
	return false
}

func TestRefusesAnotherCountryOrMinistry(t *testing.T) {
	doc, fw, _ := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "finance"})
	other, ofw, _ := sampleCopy(t, "coralia")
	q := read(t, book, ofw)
	if err := q.CheckFor(other, ofw, "en"); err == nil || !strings.Contains(err.Error(), "XBK") {
		t.Errorf("another country: %v", err)
	}
	// The hidden sheet edited to claim another ministry: the checksum refuses it.
	f, _ := excelize.OpenReader(bytes.NewReader(book))
	rows, _ := f.GetRows(metaSheet)
	for i, r := range rows {
		if len(r) > 1 && r[0] == "ministry" {
			_ = f.SetCellStr(metaSheet, "B"+itoa(i+1), "ict")
		}
	}
	var buf bytes.Buffer
	_ = f.Write(&buf)
	if _, err := Read(bytes.NewReader(buf.Bytes()), fw, "en"); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("tampered ministry: %v", err)
	}
	// A workbook that is not a questionnaire.
	plain := excelize.NewFile()
	buf.Reset()
	_ = plain.Write(&buf)
	if _, err := Read(bytes.NewReader(buf.Bytes()), fw, "en"); err != ErrNotQuestionnaire {
		t.Errorf("plain workbook: %v", err)
	}
	// A ministry the file no longer has.
	q2 := read(t, book, fw)
	q2.Meta.Ministry = "planning"
	if err := q2.CheckFor(doc, fw, "en"); err == nil || !strings.Contains(err.Error(), "planning") {
		t.Errorf("unknown ministry: %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestProblemsNameTheCell(t *testing.T) {
	doc, fw, _ := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "finance"})
	filled := fill(t, book, map[int]map[int]any{
		0: {colAnswer: "abc"},
		1: {colAnswer: "7"},
		2: {colConfidence: "maybe"},
		3: {colAnswer: "3 · Established"},
		4: {colAnswer: "Developing"},
	})
	q := read(t, filled, fw)
	want := map[string]bool{"Questionnaire!D6": false, "Questionnaire!D7": true, "Questionnaire!G8": false}
	if len(q.Problems) != len(want) {
		t.Fatalf("problems %+v, want %d", q.Problems, len(want))
	}
	for _, p := range q.Problems {
		out, ok := want[p.Cell]
		if !ok || out != p.OutOfRange {
			t.Errorf("problem %+v not expected", p)
		}
	}
	if l := q.Rows[3].Answer.Level; l == nil || *l != 3 {
		t.Errorf("\"3 · Established\" read as %v", l)
	}
	if l := q.Rows[4].Answer.Level; l == nil || *l != 2 {
		t.Errorf("\"Developing\" read as %v", l)
	}
}

func TestFileChangedSinceItWentOut(t *testing.T) {
	doc, fw, path := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "finance"})
	q0 := read(t, book, fw)
	// In the workshop, finance changes its answer to row 1 and ict answers row 2.
	id1, id2 := q0.Rows[1].ID, q0.Rows[2].ID
	set := func(id string, a assess.Answer) {
		var next assess.Answers
		for _, x := range doc.File.Answers[id] {
			if x.By != a.By && !(x.Empty() && x.By == "") {
				next = append(next, x)
			}
		}
		if err := doc.SetAnswer(id, append(next, a)); err != nil {
			t.Fatal(err)
		}
	}
	set(id1, assess.Answer{Level: assess.Int(0), By: "finance", Notes: "said in the room"})
	set(id2, assess.Answer{Level: assess.Int(1), By: "ict"})
	if err := doc.Save(); err != nil {
		t.Fatal(err)
	}
	// The ministry answers row 0 only and sends the workbook back.
	q := read(t, fill(t, book, map[int]map[int]any{0: {colAnswer: "4"}}), fw)
	doc2, fw2, _ := open(t, path)
	res, err := Merge(doc2, fw2, q, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].ID != q.Rows[0].ID {
		t.Fatalf("changes %+v", res.Changes)
	}
	for _, a := range doc2.File.Answers[id1] {
		if a.By == "finance" && (a.Level == nil || *a.Level != 0) {
			t.Errorf("the newer workshop answer to %s was overwritten: %+v", id1, a)
		}
	}
	found := false
	for _, a := range doc2.File.Answers[id2] {
		found = found || a.By == "ict"
	}
	if !found {
		t.Errorf("ict's answer to %s was lost", id2)
	}
}

// TestReadsWorkbookResavedByLibreOffice fills a questionnaire, has LibreOffice convert it
// to .xlsx again (as a ministry saving from LibreOffice does) and reads that.
func TestReadsWorkbookResavedByLibreOffice(t *testing.T) {
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not installed (apt-get install libreoffice-calc-nogui)")
	}
	doc, fw, _ := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "finance", Lang: "fr"})
	filled := fill(t, book, map[int]map[int]any{0: {colAnswer: "3 · Établi", colEvidence: "Loi de finances 2027", colConfidence: "élevée"}, 1: {colAnswer: 2}})
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "finance.xlsx")
	_ = os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, filled, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	resaved, err := os.ReadFile(filepath.Join(out, "finance.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(resaved, filled) {
		t.Fatal("LibreOffice did not rewrite the workbook")
	}
	q := read(t, resaved, fw)
	if len(q.Problems) > 0 {
		t.Fatalf("problems: %+v", q.Problems)
	}
	r0, r1 := q.Rows[0], q.Rows[1]
	if r0.Answer.Level == nil || *r0.Answer.Level != 3 || r0.Answer.Evidence != "Loi de finances 2027" || r0.Answer.Confidence != "high" || !r0.Touched {
		t.Errorf("row 0 read back as %+v", r0)
	}
	if r1.Answer.Level == nil || *r1.Answer.Level != 2 {
		t.Errorf("row 1 read back as %+v", r1.Answer)
	}
	for _, r := range q.Rows[2:] {
		if r.Touched {
			t.Errorf("%s reads as changed after the re-save", r.ID)
		}
	}
}

func TestNumbersCheckedAgainstTheValidRange(t *testing.T) {
	doc, fw, _ := sampleCopy(t, "bakana")
	book := write(t, doc, fw, Options{Ministry: "ict", All: true})
	q0 := read(t, book, fw)
	var nums []int
	for i, r := range q0.Rows {
		if ind := fw.Indicator(r.ID); ind.Kind == assess.KindNumber && len(ind.Valid) == 2 {
			nums = append(nums, i)
		}
	}
	if len(nums) < 2 {
		t.Skip("the framework has fewer than two numbers with a valid range")
	}
	f, _ := excelize.OpenReader(bytes.NewReader(book))
	dvs, _ := f.GetDataValidations(f.GetSheetName(0))
	ref, _ := excelize.CoordinatesToCellName(colAnswer+1, headerRow+1+nums[0])
	found := false
	for _, dv := range dvs {
		if dv.Sqref == ref && dv.Type == "decimal" {
			found = true
		}
	}
	if !found {
		t.Errorf("no decimal validation on %s", ref)
	}
	ind0 := fw.Indicator(q0.Rows[nums[0]].ID)
	over := ind0.Valid[1] + 40
	q := read(t, fill(t, book, map[int]map[int]any{nums[0]: {colAnswer: over}, nums[1]: {colAnswer: "12,5"}}), fw)
	if len(q.Problems) != 1 || !q.Problems[0].OutOfRange || q.Problems[0].Cell != "Questionnaire!"+ref ||
		!strings.Contains(q.Problems[0].Msg, ind0.Unit.String()) {
		t.Errorf("problems %+v", q.Problems)
	}
	if v := q.Rows[nums[1]].Answer.Value; v == nil || v.Num != 12.5 {
		t.Errorf("\"12,5\" read as %+v", v)
	}
}
