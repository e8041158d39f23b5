// Package questionnaire writes one ministry's readiness questionnaire as an .xlsx workbook
// and reads a filled one back (design §7): drop-downs and validation where ministries answer,
// the other ministries' answers for reference, locked question cells, and a hidden sheet that
// ties the workbook to its country, framework and ministry.
package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/xuri/excelize/v2"
)

// Kind is written in the hidden sheet so the reader knows the workbook is a questionnaire.
const Kind = "govplan-questionnaire"

// metaSheet is the hidden sheet with the workbook's identity.
const metaSheet = "govplan"

// headerRow is the row of the column headers on the questions sheet (1-based).
const headerRow = 5

// Columns of the questions sheet, in order. The English word starts every header.
var columns = []string{"ID", "Question", "Levels / unit", "Answer", "Evidence", "Notes", "Confidence", "Other ministries", "Area"}

const (
	colID = iota
	colQuestion
	colLevels
	colAnswer
	colEvidence
	colNotes
	colConfidence
	colOthers
	colArea
)

// ErrNoIndicators is returned when the ministry owns no indicator of the framework.
var ErrNoIndicators = errors.New("no indicator of the framework names this ministry among its owners")

// Options choose what the questionnaire holds.
type Options struct {
	Ministry string // the ministry answering (an id of the country file)
	All      bool   // every indicator, not only those the ministry owns
	Lang     string
	Now      time.Time // when it was made (zero: now)
}

// Indicators returns the indicators the questionnaire asks, in framework order.
func Indicators(fw *assess.Framework, ministry string, all bool) []*assess.Indicator {
	var out []*assess.Indicator
	for _, ind := range fw.Indicators() {
		if all {
			out = append(out, ind)
			continue
		}
		for _, o := range ind.Owners {
			if strings.EqualFold(o, ministry) {
				out = append(out, ind)
				break
			}
		}
	}
	return out
}

// Meta is the identity of a questionnaire, kept on its hidden sheet.
type Meta struct {
	Kind      string
	Version   int
	ISO3      string
	Country   string
	Framework string // id@version
	Ministry  string
	Lang      string
	Created   string
	// Sent is what the workbook showed for the ministry's own answer of each indicator when
	// it went out, so the reader can tell rows the ministry changed from rows it left alone.
	Sent map[string]Sent
	IDs  []string
}

// Sent is the ministry's answer as the workbook first showed it.
type Sent struct{ Answer, Evidence, Notes, Confidence string }

// checksum binds the identity fields and the rows together.
func (m *Meta) checksum() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%s|%s|%s|%s\n", m.Kind, m.Version, m.ISO3, m.Framework, m.Ministry, m.Created)
	for _, id := range m.IDs {
		s := m.Sent[id]
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\n", id, s.Answer, s.Evidence, s.Notes, s.Confidence)
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// header is a column's header: the English word, then the translation when it differs.
func header(lang, en string) string {
	if tr := i18n.T(lang, en); tr != en {
		return en + " · " + tr
	}
	return en
}

// LevelChoice is how a level is offered in the drop-down: "2 · Developing".
func LevelChoice(fw *assess.Framework, l int, lang string) string {
	return fmt.Sprintf("%d · %s", l, fw.LevelName(l, lang))
}

// NA is what the drop-downs offer for "not applicable".
const NA = "n/a"

// answerText is how an answer is written in the Answer cell.
func answerText(fw *assess.Framework, ind *assess.Indicator, a assess.Answer, lang string) string {
	switch {
	case a.NA:
		return NA
	case a.Level != nil:
		return LevelChoice(fw, *a.Level, lang)
	case a.Value != nil && a.Value.IsBool:
		return words.YesNo(lang, a.Value.Bool)
	case a.Value != nil:
		return strconv.FormatFloat(a.Value.Num, 'f', -1, 64)
	}
	return ""
}

// othersText lists the other ministries' current answers to an indicator.
func othersText(fw *assess.Framework, ind *assess.Indicator, as assess.Answers, ministry, lang string) string {
	var parts []string
	for _, a := range as.Given() {
		if a.By == ministry {
			continue
		}
		by := a.By
		if by == "" {
			by = i18n.T(lang, "the room")
		}
		parts = append(parts, by+": "+answerText(fw, ind, a, lang))
	}
	return strings.Join(parts, "\n")
}

// ownAnswer returns the ministry's answer to an indicator (zero when none).
func ownAnswer(as assess.Answers, ministry string) assess.Answer {
	for _, a := range as {
		if a.By == ministry {
			return a
		}
	}
	return assess.Answer{}
}

// levelsText describes what an answer may be: the rubric, yes/no, or the unit and range.
func levelsText(fw *assess.Framework, ind *assess.Indicator, lang string) string {
	switch ind.Kind {
	case assess.KindLevel:
		var ls []string
		for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
			line := LevelChoice(fw, l, lang)
			if r := ind.Rubric[l].In(lang); r != "" {
				line += ": " + r
			}
			ls = append(ls, line)
		}
		return strings.Join(ls, "\n")
	case assess.KindYesNo:
		return words.YesNo(lang, true) + " / " + words.YesNo(lang, false)
	}
	s := ind.Unit.In(lang)
	if lo, hi, ok := validRange(ind); ok {
		s = strings.TrimSpace(i18n.F(lang, "a number from %s to %s", fmtNum(lo), fmtNum(hi)) + " " + s)
	} else if s == "" {
		s = i18n.T(lang, "a number")
	}
	return s
}

// wrappedLines estimates how many lines text takes in a column of width characters.
func wrappedLines(text string, width float64) int {
	n := 0
	per := max(1, int(width*1.3))
	for _, l := range strings.Split(text, "\n") {
		n += 1 + (len([]rune(l))-1)/per
	}
	return n
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Write writes the questionnaire of opts.Ministry for the country in doc. It returns the
// number of questions; ErrNoIndicators when the ministry owns none (and opts.All is off).
func Write(w io.Writer, doc *countries.Doc, fw *assess.Framework, opts Options) (int, error) {
	lang := opts.Lang
	if lang == "" {
		lang = i18n.Default
	}
	inds := Indicators(fw, opts.Ministry, opts.All)
	if len(inds) == 0 {
		return 0, ErrNoIndicators
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	file := doc.File
	meta := &Meta{Kind: Kind, Version: 1, ISO3: file.Country.ISO3, Country: file.Country.Name, Framework: fw.Ref(),
		Ministry: opts.Ministry, Lang: lang, Created: now.UTC().Format(time.RFC3339), Sent: map[string]Sent{}}

	f := excelize.NewFile()
	defer f.Close()
	sheet := i18n.T(lang, "Questionnaire")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, err
	}
	st, err := newStyles(f)
	if err != nil {
		return 0, err
	}
	ministryName := opts.Ministry
	for _, m := range file.Ministries {
		if m.ID == opts.Ministry {
			ministryName = m.Name.In(lang) + " (" + m.ID + ")"
		}
	}
	set := func(cell string, v any, style int) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sheet, cell, cell, style)
		}
	}
	set("A1", i18n.F(lang, "Readiness questionnaire · %s", ministryName), st.title)
	set("A2", fmt.Sprintf("%s (%s) · %s · %s", file.Country.Name, file.Country.ISO3, fw.Name.In(lang), fw.Ref()), st.subtitle)
	set("A3", i18n.T(lang, "Answer in the Answer column: pick from the list (a bare level number is fine too), or type the number. Add evidence (a document, a law, a figure with its source), notes and how sure you are. Write n/a where a question does not apply. Grey cells are locked. Send the file back as it is; do not rename sheets."), st.note)
	if err == nil {
		err = f.MergeCell(sheet, "A3", "I3")
	}
	if err == nil {
		err = f.SetRowHeight(sheet, 3, 48)
	}
	for i, c := range columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, headerRow)
		set(cell, header(lang, c), st.header)
	}
	if err == nil {
		err = f.SetRowHeight(sheet, headerRow, 30)
	}
	widths := []float64{16, 42, 38, 16, 26, 20, 11, 16, 12}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err == nil {
			err = f.SetColWidth(sheet, col, col, wd)
		}
	}
	if err != nil {
		return 0, err
	}

	levelList := []string{}
	for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
		levelList = append(levelList, LevelChoice(fw, l, lang))
	}
	levelList = append(levelList, NA)
	yesNoList := []string{words.YesNo(lang, true), words.YesNo(lang, false), NA}
	confList := []string{}
	for _, c := range assess.Confidences {
		confList = append(confList, words.Confidence(lang, c))
	}
	// The lists live on the hidden sheet, so long level names never hit the 255-character
	// limit of a list typed into the validation.
	lists := map[string]string{}
	if _, err := f.NewSheet(metaSheet); err != nil {
		return 0, err
	}
	putList := func(col string, vals []string) string {
		for i, v := range vals {
			if err == nil {
				err = f.SetCellStr(metaSheet, fmt.Sprintf("%s%d", col, i+1), v)
			}
		}
		return fmt.Sprintf("%s!$%s$1:$%s$%d", metaSheet, col, col, len(vals))
	}
	lists["level"] = putList("D", levelList)
	lists["yesno"] = putList("E", yesNoList)
	lists["conf"] = putList("F", confList)

	var levelRows, yesRows []string
	for i, ind := range inds {
		r := headerRow + 1 + i
		as := file.Answers[ind.ID]
		own := ownAnswer(as, opts.Ministry)
		sent := Sent{Answer: answerText(fw, ind, own, lang), Evidence: own.Evidence, Notes: own.Notes, Confidence: words.Confidence(lang, own.Confidence)}
		if own.Empty() {
			sent.Answer = ""
		}
		meta.IDs = append(meta.IDs, ind.ID)
		meta.Sent[ind.ID] = sent
		cell := func(c int) string { s, _ := excelize.CoordinatesToCellName(c+1, r); return s }
		pillar := ""
		if p := fw.PillarOf(ind.ID); p != nil {
			pillar = p.Name.In(lang)
		}
		q := ind.Question.In(lang)
		if h := ind.Help.In(lang); h != "" {
			q += "\n" + h
		}
		set(cell(colID), ind.ID, st.locked)
		set(cell(colQuestion), q, st.lockedWrap)
		set(cell(colLevels), levelsText(fw, ind, lang), st.lockedWrap)
		// Text answers go in as text so nothing typed becomes a formula; numbers as numbers.
		if ind.Kind == assess.KindNumber && !own.NA {
			// A number cell holds a number, so the range check applies to what is typed.
			set(cell(colAnswer), "", st.answerNum)
			if own.Value != nil && !own.Value.IsBool {
				set(cell(colAnswer), own.Value.Num, 0)
			}
		} else {
			set(cell(colAnswer), sent.Answer, st.answer)
			if err == nil {
				err = f.SetCellStr(sheet, cell(colAnswer), sent.Answer)
			}
		}
		for _, c := range []struct {
			col int
			v   string
		}{{colEvidence, own.Evidence}, {colNotes, own.Notes}, {colConfidence, sent.Confidence}} {
			set(cell(c.col), "", st.answer)
			if err == nil {
				err = f.SetCellStr(sheet, cell(c.col), c.v)
			}
		}
		set(cell(colOthers), othersText(fw, ind, as, opts.Ministry, lang), st.lockedWrap)
		set(cell(colArea), pillar, st.lockedWrap)
		// excelize does not size rows to wrapped text, so give each row the height its
		// longest cell needs (about 13 points a line).
		lines := 1
		for c, text := range map[int]string{colQuestion: q, colLevels: levelsText(fw, ind, lang), colEvidence: own.Evidence,
			colNotes: own.Notes, colOthers: othersText(fw, ind, as, opts.Ministry, lang), colArea: pillar} {
			lines = max(lines, wrappedLines(text, widths[c]))
		}
		if err == nil {
			err = f.SetRowHeight(sheet, r, float64(min(lines, 30))*13+3)
		}
		switch ind.Kind {
		case assess.KindLevel:
			levelRows = append(levelRows, cell(colAnswer))
		case assess.KindYesNo:
			yesRows = append(yesRows, cell(colAnswer))
		case assess.KindNumber:
			if err == nil {
				err = numberValidation(f, sheet, cell(colAnswer), ind, lang)
			}
		}
	}
	if err != nil {
		return 0, err
	}
	last := headerRow + len(inds)
	addList := func(cells []string, ref, title, msg string) error {
		if len(cells) == 0 {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(cells, " ")
		dv.SetSqrefDropList(ref)
		dv.SetError(excelize.DataValidationErrorStyleWarning, title, msg)
		return f.AddDataValidation(sheet, dv)
	}
	if err := addList(levelRows, lists["level"], i18n.T(lang, "Answer"),
		i18n.F(lang, "Pick a level from the list, type its number (%d to %d), or n/a.", fw.Scale.Min, fw.Scale.Max)); err != nil {
		return 0, err
	}
	if err := addList(yesRows, lists["yesno"], i18n.T(lang, "Answer"), i18n.T(lang, "Pick yes, no or n/a from the list.")); err != nil {
		return 0, err
	}
	confCol, _ := excelize.ColumnNumberToName(colConfidence + 1)
	if err := addList([]string{fmt.Sprintf("%s%d:%s%d", confCol, headerRow+1, confCol, last)}, lists["conf"],
		i18n.T(lang, "Confidence"), i18n.T(lang, "Pick low, medium or high from the list.")); err != nil {
		return 0, err
	}

	if err := finishSheet(f, sheet, last, lang); err != nil {
		return 0, err
	}
	if err := writeMeta(f, meta); err != nil {
		return 0, err
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return 0, err
	}
	return len(inds), nil
}

// validRange is the range a number answer must fall in: the indicator's valid range, else
// its scoring range when it has one.
func validRange(ind *assess.Indicator) (lo, hi float64, ok bool) {
	return validOf(ind)
}

// numberValidation lets only numbers (within the valid range when there is one) into cell.
func numberValidation(f *excelize.File, sheet, cell string, ind *assess.Indicator, lang string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	lo, hi, ok := validRange(ind)
	if !ok {
		lo, hi = -1e15, 1e15
	}
	if err := dv.SetRange(lo, hi, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	msg := i18n.T(lang, "Type a number.")
	if ok {
		msg = strings.TrimSpace(i18n.F(lang, "Type a number from %s to %s", fmtNum(lo), fmtNum(hi)) + " " + ind.Unit.In(lang) + ".")
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, i18n.T(lang, "Answer"), msg)
	dv.SetInput(i18n.T(lang, "Answer"), msg)
	return f.AddDataValidation(sheet, dv)
}

// finishSheet freezes the header, protects the locked cells and sets up printing.
func finishSheet(f *excelize.File, sheet string, last int, lang string) error {
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(columns))
	if err := f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", headerRow, lastCol, last), nil); err != nil {
		return err
	}
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: false,
	}); err != nil {
		return err
	}
	size, orient, fit := 9, "landscape", true // 9: A4
	one, zero := 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&R" + i18n.T(lang, "Page") + " &P / &N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow)})
}

// writeMeta fills the hidden sheet: identity in A:B, the answers as sent in G:K.
func writeMeta(f *excelize.File, m *Meta) error {
	rows := [][2]string{
		{"kind", m.Kind}, {"version", strconv.Itoa(m.Version)}, {"iso3", m.ISO3}, {"country", m.Country},
		{"framework", m.Framework}, {"ministry", m.Ministry}, {"lang", m.Lang}, {"created", m.Created},
		{"checksum", m.checksum()},
	}
	for i, kv := range rows {
		if err := f.SetCellStr(metaSheet, fmt.Sprintf("A%d", i+1), kv[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(metaSheet, fmt.Sprintf("B%d", i+1), kv[1]); err != nil {
			return err
		}
	}
	for i, id := range m.IDs {
		s := m.Sent[id]
		for j, v := range []string{id, s.Answer, s.Evidence, s.Notes, s.Confidence} {
			col, _ := excelize.ColumnNumberToName(7 + j)
			if err := f.SetCellStr(metaSheet, fmt.Sprintf("%s%d", col, i+1), v); err != nil {
				return err
			}
		}
	}
	if err := f.SetSheetVisible(metaSheet, false); err != nil {
		return err
	}
	return f.ProtectSheet(metaSheet, &excelize.SheetProtectionOptions{})
}

type styles struct {
	title, subtitle, note, header, locked, lockedWrap, answer, answerNum int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "Calibri", Size: size, Bold: bold}
	}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		id, e := f.NewStyle(st)
		err = e
		return id
	}
	locked := &excelize.Protection{Locked: true}
	open := &excelize.Protection{Locked: false}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	s.title = add(&excelize.Style{Font: font(14, true)})
	s.subtitle = add(&excelize.Style{Font: font(11, false)})
	s.note = add(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 10, Italic: true}, Alignment: top})
	s.header = add(&excelize.Style{Font: font(11, true), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5F0"}},
		Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: locked})
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	s.locked = add(&excelize.Style{Font: font(10, false), Fill: grey, Border: border, Alignment: top, Protection: locked, NumFmt: 49})
	s.lockedWrap = add(&excelize.Style{Font: font(10, false), Fill: grey, Border: border, Alignment: top, Protection: locked, NumFmt: 49})
	s.answer = add(&excelize.Style{Font: font(10, false), Border: border, Alignment: top, Protection: open, NumFmt: 49})
	s.answerNum = add(&excelize.Style{Font: font(10, false), Border: border, Alignment: top, Protection: open})
	return s, err
}
