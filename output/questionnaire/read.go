package questionnaire

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/xuri/excelize/v2"
)

// Filled is a questionnaire read back from a workbook.
type Filled struct {
	Meta     Meta
	Sheet    string
	Rows     []Row
	Problems []Problem // cells that cannot be read, or hold a value out of range
	Unknown  []string  // indicator ids the framework does not have (skipped)
}

// Row is one question as the workbook now answers it.
type Row struct {
	ID      string
	Cell    string        // the answer cell, e.g. Questionnaire!D12
	Answer  assess.Answer // what the cells say (By left empty)
	Touched bool          // it differs from what the workbook showed when it went out
}

// Problem is a cell that could not be used.
type Problem struct {
	Cell       string // Sheet!D12
	Msg        string // in the reader's language
	OutOfRange bool
}

// ErrNotQuestionnaire is returned for a workbook govplan did not write as a questionnaire.
var ErrNotQuestionnaire = errors.New("not a govplan questionnaire (its hidden govplan sheet is missing)")

// Read reads a filled questionnaire; fw is the framework of the country file it goes back
// into (which may be newer than the one the workbook was made from). Problems with single
// cells are collected in Filled.Problems; an error means the workbook cannot be used at all.
func Read(r io.Reader, fw *assess.Framework, lang string) (*Filled, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("not an .xlsx workbook: %w", err)
	}
	defer f.Close()
	meta, err := readMeta(f)
	if err != nil {
		return nil, err
	}
	out := &Filled{Meta: *meta}
	sheet, hdr, cols, err := findHeader(f)
	if err != nil {
		return nil, err
	}
	out.Sheet = sheet
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	get := func(row []string, c int) string {
		if i := cols[c]; i >= 0 && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	ref := func(c, r int) string {
		s, _ := excelize.CoordinatesToCellName(cols[c]+1, r+1)
		return quoteSheet(sheet) + "!" + s
	}
	seen := map[string]bool{}
	for ri := hdr + 1; ri < len(rows); ri++ {
		row := rows[ri]
		id := strings.ToLower(get(row, colID))
		if id == "" {
			continue
		}
		ind := fw.Indicator(id)
		if ind == nil {
			out.Unknown = append(out.Unknown, id)
			continue
		}
		if seen[id] {
			out.Problems = append(out.Problems, Problem{Cell: ref(colID, ri), Msg: i18n.F(lang, "%s appears twice; keep one row per question", id)})
			continue
		}
		seen[id] = true
		a, probs := parseRow(fw, ind, get(row, colAnswer), get(row, colConfidence), lang, func(c int) string { return ref(c, ri) })
		a.Evidence, a.Notes = get(row, colEvidence), get(row, colNotes)
		out.Problems = append(out.Problems, probs...)
		sent := meta.Sent[id]
		was, _ := parseRow(fw, ind, sent.Answer, sent.Confidence, meta.Lang, func(int) string { return "" })
		was.Evidence, was.Notes = sent.Evidence, sent.Notes
		_, inMeta := meta.Sent[id]
		touched := !sameAnswer(a, was) || (!inMeta && !a.Empty())
		out.Rows = append(out.Rows, Row{ID: id, Cell: ref(colAnswer, ri), Answer: a, Touched: touched})
	}
	return out, nil
}

// quoteSheet quotes a sheet name for a cell reference when it needs it.
func quoteSheet(s string) string {
	if strings.ContainsAny(s, " '-") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

func sameAnswer(a, b assess.Answer) bool {
	eqInt := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqVal := func(x, y *assess.Value) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.NA == b.NA && eqInt(a.Level, b.Level) && eqVal(a.Value, b.Value) &&
		a.Evidence == b.Evidence && a.Notes == b.Notes && a.Confidence == b.Confidence
}

// readMeta reads and checks the hidden sheet.
func readMeta(f *excelize.File) (*Meta, error) {
	idx, err := f.GetSheetIndex(metaSheet)
	if err != nil || idx < 0 {
		return nil, ErrNotQuestionnaire
	}
	rows, err := f.GetRows(metaSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	kv := map[string]string{}
	m := &Meta{Sent: map[string]Sent{}}
	for _, r := range rows {
		if len(r) >= 2 && r[0] != "" {
			kv[r[0]] = r[1]
		}
		if len(r) >= 7 && r[6] != "" {
			cell := func(i int) string {
				if i < len(r) {
					return r[i]
				}
				return ""
			}
			m.IDs = append(m.IDs, r[6])
			m.Sent[r[6]] = Sent{Answer: cell(7), Evidence: cell(8), Notes: cell(9), Confidence: cell(10)}
		}
	}
	if kv["kind"] != Kind {
		return nil, ErrNotQuestionnaire
	}
	m.Kind, m.ISO3, m.Country, m.Framework, m.Ministry, m.Lang, m.Created = kv["kind"], kv["iso3"], kv["country"], kv["framework"], kv["ministry"], kv["lang"], kv["created"]
	m.Version, _ = strconv.Atoi(kv["version"])
	if m.Version != 1 {
		return nil, fmt.Errorf("questionnaire version %q is not one this govplan reads (1)", kv["version"])
	}
	if kv["checksum"] != m.checksum() {
		return nil, errors.New("the workbook's hidden govplan sheet was changed (its checksum does not match); make a new questionnaire")
	}
	return m, nil
}

// findHeader finds the questions sheet: the first visible sheet with a header row naming
// ID and Answer within its first 7 rows. It returns the 0-based header row and, per column of
// the layout, the 0-based column index (-1 when absent).
func findHeader(f *excelize.File) (string, int, []int, error) {
	for _, name := range f.GetSheetList() {
		if name == metaSheet {
			continue
		}
		if vis, _ := f.GetSheetVisible(name); !vis {
			continue
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			continue
		}
		for ri := 0; ri < len(rows) && ri < 7; ri++ {
			cols := make([]int, len(columns))
			for i := range cols {
				cols[i] = -1
			}
			for ci, v := range rows[ri] {
				v = strings.ToLower(strings.TrimSpace(v))
				for k, c := range columns {
					c = strings.ToLower(c)
					if cols[k] < 0 && (v == c || strings.HasPrefix(v, c+" ")) {
						cols[k] = ci
					}
				}
			}
			if cols[colID] >= 0 && cols[colAnswer] >= 0 {
				return name, ri, cols, nil
			}
		}
	}
	return "", 0, nil, errors.New("no sheet has a header row with ID and Answer in its first 7 rows")
}

var leadingInt = regexp.MustCompile(`^([+-]?\d+)(?:[.,]0*)?(?:\s*(?:·|-|–|:|\))\s*.*)?$`)

// naWords are what "not applicable" may be written as.
var naWords = map[string]bool{"n/a": true, "na": true, "n.a.": true, "n/d": true, "s.o.": true, "s/o": true, "sans objet": true, "no aplica": true, "not applicable": true}

// parseRow reads the answer and confidence cells of one question.
func parseRow(fw *assess.Framework, ind *assess.Indicator, ans, conf, lang string, ref func(c int) string) (assess.Answer, []Problem) {
	var a assess.Answer
	var ps []Problem
	bad := func(c int, out bool, msg string) { ps = append(ps, Problem{Cell: ref(c), Msg: msg, OutOfRange: out}) }
	low := strings.ToLower(strings.TrimSpace(ans))
	switch {
	case low == "":
	case naWords[low]:
		a.NA = true
	case ind.Kind == assess.KindLevel:
		if m := leadingInt.FindStringSubmatch(low); m != nil {
			l, _ := strconv.Atoi(m[1])
			if l < fw.Scale.Min || l > fw.Scale.Max {
				bad(colAnswer, true, i18n.F(lang, "level %d is outside %d to %d", l, fw.Scale.Min, fw.Scale.Max))
			} else {
				a.Level = assess.Int(l)
			}
		} else if l, ok := levelByName(fw, low); ok {
			a.Level = assess.Int(l)
		} else {
			bad(colAnswer, false, i18n.F(lang, "%q is not a level: pick one from the list or type a number from %d to %d", ans, fw.Scale.Min, fw.Scale.Max))
		}
	case ind.Kind == assess.KindYesNo:
		if v, ok := yesNo(low); ok {
			a.Value = assess.YesNo(v)
		} else {
			bad(colAnswer, false, i18n.F(lang, "%q is not yes or no", ans))
		}
	default:
		f, err := parseNumber(ans, ind.Unit.In(lang))
		if err != nil {
			f, err = parseNumber(ans, ind.Unit.String()) // an English unit typed in a translated questionnaire
		}
		if err != nil {
			bad(colAnswer, false, i18n.F(lang, "%q is not a number", ans))
			break
		}
		if lo, hi, ok := validRange(ind); ok && (f < lo || f > hi) {
			bad(colAnswer, true, strings.TrimSpace(i18n.F(lang, "%s is outside the valid range %s to %s", fmtNum(f), fmtNum(lo), fmtNum(hi))+" "+ind.Unit.In(lang)))
			break
		}
		a.Value = assess.Number(f)
	}
	if c := strings.ToLower(strings.TrimSpace(conf)); c != "" {
		if v, ok := confidence(c); ok {
			a.Confidence = v
		} else {
			bad(colConfidence, false, i18n.F(lang, "%q is not a confidence: low, medium or high", conf))
		}
	}
	return a, ps
}

func levelByName(fw *assess.Framework, low string) (int, bool) {
	for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
		for _, lang := range i18n.Languages() {
			if strings.ToLower(fw.LevelName(l, lang)) == low {
				return l, true
			}
		}
	}
	return 0, false
}

func yesNo(low string) (bool, bool) {
	switch low {
	case "true", "1", "y", "yes":
		return true, true
	case "false", "0", "n", "no":
		return false, true
	}
	for _, lang := range i18n.Languages() {
		if strings.ToLower(words.YesNo(lang, true)) == low {
			return true, true
		}
		if strings.ToLower(words.YesNo(lang, false)) == low {
			return false, true
		}
	}
	return false, false
}

func confidence(low string) (string, bool) {
	for _, c := range assess.Confidences {
		if low == c {
			return c, true
		}
		for _, lang := range i18n.Languages() {
			if strings.ToLower(words.Confidence(lang, c)) == low {
				return c, true
			}
		}
	}
	return "", false
}

// parseNumber reads a number as people type it: 63.5, 63,5, 1 234,5, 1,234.5, with the
// indicator's unit or a % sign after it.
func parseNumber(s, unit string) (float64, error) {
	s = strings.TrimSpace(s)
	if unit != "" {
		s = strings.TrimSpace(strings.TrimSuffix(s, unit))
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	if strings.Contains(s, ",") {
		if strings.Contains(s, ".") {
			s = strings.ReplaceAll(s, ",", "") // 1,234.5
		} else {
			s = strings.ReplaceAll(s, ",", ".") // 63,5
		}
	}
	return strconv.ParseFloat(s, 64)
}
