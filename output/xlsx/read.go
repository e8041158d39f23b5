package xlsx

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxWorkbookSize is the largest workbook ReadEdits opens.
const MaxWorkbookSize = 64 << 20

// ErrNoRoadmap is returned for a workbook without a Roadmap sheet.
var ErrNoRoadmap = errors.New("the workbook has no " + SheetRoadmap + " sheet (is it a govplan workbook?)")

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
// country code on the Summary sheet.
func ReadEdits(path string) (*Edits, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open: %w", path, unwrapPath(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a workbook", path)
	}
	if st.Size() > MaxWorkbookSize {
		return nil, fmt.Errorf("%s: file is %d MiB, larger than the %d MiB limit for workbooks", path, st.Size()>>20, MaxWorkbookSize>>20)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open: %w", path, unwrapPath(err))
	}
	defer fh.Close()
	e, err := ReadEditsFrom(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

// ReadEditsFrom is ReadEdits on an open workbook.
func ReadEditsFrom(r io.Reader) (*Edits, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 512 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(SheetRoadmap); err != nil || idx < 0 {
		return nil, ErrNoRoadmap
	}
	rows, err := f.GetRows(SheetRoadmap, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("reading the %s sheet: %w", SheetRoadmap, err)
	}
	e := &Edits{ISO3: summaryISO(f)}
	if len(rows) == 0 {
		return nil, fmt.Errorf("the %s sheet is empty", SheetRoadmap)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	idCol, ok := col[strings.ToLower(HeaderID)]
	if !ok {
		return nil, fmt.Errorf("the %s sheet has no %q column in row 1", SheetRoadmap, HeaderID)
	}
	statusCol, hasStatus := col[strings.ToLower(HeaderStatus)]
	ownerCol, hasOwner := col[strings.ToLower(HeaderOwner)]
	if !hasStatus && !hasOwner {
		return nil, fmt.Errorf("the %s sheet has neither a %q nor an %q column in row 1", SheetRoadmap, HeaderStatus, HeaderOwner)
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

// summaryISO finds the value beside "ISO code" on the Summary sheet.
func summaryISO(f *excelize.File) string {
	rows, err := f.GetRows(SheetSummary, excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	for _, r := range rows {
		if len(r) >= 2 && strings.TrimSpace(r[0]) == labelISO {
			return strings.ToUpper(strings.TrimSpace(r[1]))
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
