package xlsx

import (
	"fmt"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// styles are the workbook's cell styles (ids from excelize) and conditional formats.
type styles struct {
	title, subtitle, label, header, headerNum, headerRotated, headerMonth int
	text, textWrap, textMerged, indented, note, id, mark, center          int
	int, year, score, general, dec1, dec2, pct, date, month               int
	money, moneyBold, labelTotal                                          int
	status, statusUp                                                      map[string]int // reuse/upgrade/build; statusUp is turned upright
	grid, idIndented                                                      int
	// Conditional formats (dxf ids).
	ganttBar, ganttCritical, ganttBlocked int
}

// Colours.
const (
	colHeader    = "DDE5F0"
	colBorder    = "A6A6A6"
	colGrid      = "E3E3E3"
	colBar       = "8DB4E2"
	colCritical  = "1F4E79"
	colBlocked   = "C0504D"
	colReuse     = "C6EFCE"
	colReuseFg   = "006100"
	colUpgrade   = "FFEB9C"
	colUpgradeFg = "7F5F00"
	colBuild     = "FFC7CE"
	colBuildFg   = "9C0006"
)

const (
	fmtText  = 49 // "@": what is typed stays text
	fmtPct   = 9  // 0%
	fmtDate  = "yyyy-mm-dd"
	fmtMonth = "mmm yyyy"
	fmtMonHd = "mmm yy"
)

func strp(s string) *string { return &s }

func (b *book) newStyles() error {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		// Name the font: without it LibreOffice falls back to its own default (a serif).
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		if s.Font.Family == "" {
			s.Font.Family = "Calibri"
		}
		if s.Font.Size == 0 {
			s.Font.Size = 11
		}
		var id int
		id, err = b.f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	// Numbers keep a little space on their right, away from text in the next column.
	num := &excelize.Alignment{Horizontal: "right", Vertical: "top", Indent: 1}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	thin := []excelize.Border{{Type: "bottom", Color: colBorder, Style: 1}}
	cur := b.m.Plan.Currency
	// The language's locale tag (catalog entry "{workbook locale}", such as [$-40C] for French)
	// goes on every number and date format: month names are then the language's whatever the
	// reader's settings, and LibreOffice also writes the language's separators (Excel takes
	// them from the system). The language may also order dates its way. English keeps the
	// built-in formats.
	loc := i18n.T(b.lang, "{workbook locale}")
	if loc == "{workbook locale}" {
		loc = ""
	}
	dateFmt := i18n.T(b.lang, "{workbook date format}")
	if dateFmt == "{workbook date format}" {
		dateFmt = fmtDate
	}
	monthFmt := i18n.T(b.lang, "{workbook month format}")
	if monthFmt == "{workbook month format}" {
		monthFmt = fmtMonth
	}
	monHdFmt := i18n.T(b.lang, "{workbook month header format}")
	if monHdFmt == "{workbook month header format}" {
		monHdFmt = fmtMonHd
	}
	// numFmt gives st the built-in format id, or, with a locale tag, the same format as code.
	numFmt := func(st *excelize.Style, builtin int, code string) *excelize.Style {
		if loc == "" && builtin != 0 {
			st.NumFmt = builtin
		} else if loc != "" || code != "" {
			st.CustomNumFmt = strp(loc + code)
		}
		return st
	}
	moneyFmt := fmt.Sprintf(`#,##0 "%s";-#,##0 "%s";0 "%s"`, cur, cur, cur)

	s := &b.st
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}})
	s.subtitle = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	s.label = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	s.labelTotal = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: []excelize.Border{{Type: "top", Color: colBorder, Style: 1}}})
	hdrFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colHeader}}
	s.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: hdrFill, Border: thin,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, NumFmt: fmtText})
	s.headerNum = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: hdrFill, Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true, Indent: 1}, NumFmt: fmtText})
	s.headerRotated = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 9}, Fill: hdrFill, Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", TextRotation: 90}, NumFmt: fmtText})
	s.headerMonth = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 8}, Fill: hdrFill, Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", TextRotation: 90}, CustomNumFmt: strp(loc + monHdFmt)})
	s.text = add(&excelize.Style{Alignment: top, NumFmt: fmtText})
	s.textWrap = add(&excelize.Style{Alignment: wrapTop, NumFmt: fmtText})
	// For merged cells, whose rows are sized by hand (it differs from textWrap so that it is
	// a style of its own).
	s.textMerged = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, NumFmt: fmtText})
	s.indented = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}, NumFmt: fmtText})
	s.note = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: wrapTop, NumFmt: fmtText})
	s.id = add(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 10}, Alignment: top, NumFmt: fmtText})
	s.idIndented = add(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 10}, NumFmt: fmtText,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}})
	s.mark = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border: []excelize.Border{{Type: "left", Color: colGrid, Style: 1}, {Type: "right", Color: colGrid, Style: 1}, {Type: "bottom", Color: colGrid, Style: 1}}})
	s.center = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, NumFmt: fmtText})
	s.int = add(numFmt(&excelize.Style{Alignment: num}, 1, "0"))
	s.year = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, NumFmt: 1})
	s.score = add(numFmt(&excelize.Style{Alignment: num}, 1, "0"))
	s.general = add(numFmt(&excelize.Style{Alignment: num}, 0, "")) // 2, 2.5, 58.3 as they are
	if loc != "" {
		s.general = add(numFmt(&excelize.Style{Alignment: num}, 0, "General"))
	}
	s.dec1 = add(numFmt(&excelize.Style{Alignment: num}, 0, "0.0"))
	s.dec2 = add(numFmt(&excelize.Style{Alignment: num}, 2, "0.00"))
	// A language may set its percent format: French and Spanish put a no-break space before %.
	if pf := i18n.T(b.lang, "{workbook percent format}"); pf != "{workbook percent format}" {
		s.pct = add(numFmt(&excelize.Style{Alignment: num}, 0, pf))
	} else {
		s.pct = add(numFmt(&excelize.Style{Alignment: num}, fmtPct, "0%"))
	}
	s.date = add(numFmt(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}, 0, dateFmt))
	s.month = add(numFmt(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}, 0, monthFmt))
	s.money = add(numFmt(&excelize.Style{Alignment: num}, 0, moneyFmt))
	s.moneyBold = add(numFmt(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: num,
		Border: []excelize.Border{{Type: "top", Color: colBorder, Style: 1}}}, 0, moneyFmt))
	s.grid = add(&excelize.Style{Border: []excelize.Border{{Type: "left", Color: colGrid, Style: 1}, {Type: "bottom", Color: colGrid, Style: 1}}})
	s.status, s.statusUp = map[string]int{}, map[string]int{}
	for _, st := range []struct{ name, fill, font string }{{"reuse", colReuse, colReuseFg}, {"upgrade", colUpgrade, colUpgradeFg}, {"build", colBuild, colBuildFg}} {
		font := &excelize.Font{Bold: true, Color: st.font}
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{st.fill}}
		s.status[st.name] = add(&excelize.Style{Font: font, Fill: fill, NumFmt: fmtText,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
		s.statusUp[st.name] = add(&excelize.Style{Font: font, Fill: fill, NumFmt: fmtText,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}})
	}
	if err != nil {
		return err
	}
	cond := func(fill string) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}})
		return id
	}
	b.wraps = map[int]bool{s.textWrap: true, s.note: true, s.header: true, s.headerNum: true}
	s.ganttBar = cond(colBar)
	s.ganttCritical = cond(colCritical)
	s.ganttBlocked = cond(colBlocked)
	return err
}
