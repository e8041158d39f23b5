package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/safeio"
	"github.com/govplan/govplan/internal/termtext"
	"github.com/xuri/excelize/v2"
)

// MaxWorkbookSize is the largest workbook ReadEdits opens.
const MaxWorkbookSize = 64 << 20

// ErrNoRoadmap is returned for a workbook without a Roadmap sheet (errors.Is finds it in the
// message ReadEditsIn writes in its language).
var ErrNoRoadmap = errors.New("the workbook has no " + SheetRoadmap + " sheet (is it a govplan workbook?)")

// noRoadmap is ErrNoRoadmap said in a language.
type noRoadmap struct{ msg string }

func (e noRoadmap) Error() string        { return e.msg }
func (e noRoadmap) Is(target error) bool { return target == ErrNoRoadmap }

// EditRow is one activity row of the Roadmap sheet as planners left it.
type EditRow struct {
	Row    int // the row number in the sheet (the header is row 1)
	ID     string
	Status string
	Owner  string
}

// Edits is what a planner's workbook says.
type Edits struct {
	// ISO3 is the country code on the Summary sheet ("" when it cannot be found).
	ISO3 string
	Rows []EditRow
	// HasStatus and HasOwner say whether the Roadmap sheet has those columns.
	HasStatus, HasOwner bool
}

// ReadRoadmapEdits reads the id, status and owner columns of a workbook's Roadmap sheet.
func ReadRoadmapEdits(path string) ([]EditRow, error) {
	e, err := ReadEdits(path)
	if err != nil {
		return nil, err
	}
	return e.Rows, nil
}

// ReadEdits reads a workbook govplan wrote and planners edited: the Roadmap sheet's id, status
// and owner columns (found by their headers in row 1, wherever they were moved) and the
// country code on the Summary sheet. Its errors are in English; ReadEditsIn says them in a
// language.
func ReadEdits(path string) (*Edits, error) { return ReadEditsIn(path, i18n.Default) }

// ReadEditsIn is ReadEdits with its errors in lang. The workbook may be in any language.
func ReadEditsIn(path, lang string) (*Edits, error) {
	// Read through a bound: stat says 0 bytes for /dev/zero or a FIFO, and excelize reads its
	// input whole.
	data, err := safeio.ReadFile(path, MaxWorkbookSize, false)
	switch {
	case errors.Is(err, safeio.ErrIsDir):
		return nil, errors.New(i18n.F(lang, "%s: is a folder, not a workbook", path))
	case errors.Is(err, safeio.ErrTooLarge):
		return nil, errors.New(i18n.F(lang, "%s: file is larger than the %d MiB limit for workbooks", path, MaxWorkbookSize>>20))
	case err != nil:
		return nil, fmt.Errorf("%s: %s: %w", path, i18n.T(lang, "cannot open"), unwrapPath(err))
	}
	fh := bytes.NewReader(data)
	e, err := readEdits(fh, lang)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

// ReadEditsFrom is ReadEdits on an open workbook. The workbook may be in any language govplan
// writes: the Roadmap sheet, its columns and the Summary's ISO code label are recognised by
// their names in every language.
func ReadEditsFrom(r io.Reader) (*Edits, error) { return readEdits(r, i18n.Default) }

func readEdits(r io.Reader, lang string) (*Edits, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 512 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", i18n.T(lang, "not a readable .xlsx workbook"), err)
	}
	defer f.Close()
	sheet := findSheet(f, func(n sheetNames) string { return n.roadmap })
	if sheet == "" {
		if lang == i18n.Default || lang == "" {
			return nil, ErrNoRoadmap
		}
		return nil, noRoadmap{i18n.F(lang, "the workbook has no %s sheet (is it a govplan workbook?)", namesIn(lang).roadmap)}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", i18n.F(lang, "reading the %s sheet", sheet), err)
	}
	cleanCells(rows)
	e := &Edits{ISO3: summaryISO(f)}
	if len(rows) == 0 {
		return nil, errors.New(i18n.F(lang, "the %s sheet is empty", sheet))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	// find returns the column whose header is the English header or its translation.
	find := func(header func(lang string) string) (int, bool) {
		for _, l := range i18n.Languages() {
			if i, ok := col[strings.ToLower(header(l))]; ok {
				return i, true
			}
		}
		return 0, false
	}
	idCol, ok := find(func(l string) string { return i18n.T(l, "ID") })
	if !ok {
		return nil, errors.New(i18n.F(lang, "the %s sheet has no %s column in row 1", sheet, i18n.T(lang, "ID")))
	}
	statusCol, hasStatus := find(func(l string) string { return i18n.T(l, "Status") })
	ownerCol, hasOwner := find(func(l string) string { return i18n.T(l, "Owner") })
	if !hasStatus && !hasOwner {
		return nil, errors.New(i18n.F(lang, "the %s sheet has neither a %s nor an %s column in row 1", sheet, i18n.T(lang, "Status"), i18n.T(lang, "Owner")))
	}
	e.HasStatus, e.HasOwner = hasStatus, hasOwner
	get := func(row []string, i int, ok bool) string {
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	for i, row := range rows[1:] {
		er := EditRow{Row: i + 2, ID: get(row, idCol, true), Status: get(row, statusCol, hasStatus), Owner: get(row, ownerCol, hasOwner)}
		if er.ID == "" && er.Status == "" && er.Owner == "" {
			continue
		}
		e.Rows = append(e.Rows, er)
	}
	return e, nil
}

// findSheet returns the workbook's sheet with the name (in any language) that name picks from
// the sheet names, or "".
func findSheet(f *excelize.File, name func(sheetNames) string) string {
	sheets := f.GetSheetList()
	for _, l := range i18n.Languages() {
		want := name(namesIn(l))
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), want) {
				return s
			}
		}
	}
	return ""
}

// summaryISO finds the value beside "ISO code" (in any language) on the Summary sheet.
func summaryISO(f *excelize.File) string {
	sheet := findSheet(f, func(n sheetNames) string { return n.summary })
	if sheet == "" {
		return ""
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		for _, l := range i18n.Languages() {
			if strings.EqualFold(strings.TrimSpace(r[0]), i18n.T(l, "ISO code")) {
				return strings.ToUpper(strings.TrimSpace(r[1]))
			}
		}
	}
	return ""
}

// unwrapPath drops the operation and path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// cleanCells removes escape sequences and control characters from cell texts (a cell can spell
// ESC as _x001B_), so nothing read from a workbook reaches a terminal or a country file raw.
func cleanCells(rows [][]string) {
	for _, r := range rows {
		for i, c := range r {
			r[i] = termtext.Clean(c)
		}
	}
}
