package assess

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/iso3166"
	"github.com/govplan/govplan/internal/safeio"
	"github.com/govplan/govplan/internal/yamlx"
)

// CSVImport says how to read a published table of indicator data, one country per row.
type CSVImport struct {
	Framework *Framework
	// CountryColumn names the column holding the country's name.
	CountryColumn string
	// ISOColumn, when set, names a column of ISO 3166 alpha-3 codes; otherwise the code is
	// looked up from the country's name in the built-in table (never guessed).
	ISOColumn string
	// NameColumn, when set, names the column whose value becomes the country's name in the
	// file; otherwise it is the country column's value. Names are trimmed, never replaced.
	NameColumn string
	// Map says which column holds each indicator; the indicators must be number or yesno
	// indicators of the framework.
	Map []ColumnMap
}

// ColumnMap maps one indicator to the column holding its values.
type ColumnMap struct {
	Indicator string
	Column    string
}

// ParseColumnMap reads "INDICATOR=COLUMN".
func ParseColumnMap(s string) (ColumnMap, error) {
	ind, col, ok := strings.Cut(s, "=")
	ind, col = ident.Norm(ind), strings.TrimSpace(col)
	if !ok || ind == "" || col == "" {
		return ColumnMap{}, fmt.Errorf("--map %q is not INDICATOR=COLUMN (for example egdi.osi=Online_Service)", s)
	}
	return ColumnMap{Indicator: ind, Column: col}, nil
}

// CSVRow is one country read from the table.
type CSVRow struct {
	// Line is the row's line in the file (the header is line 1).
	Line int
	Name string
	ISO3 string
	// Values are the row's values, in the order of the map; empty cells are left out.
	Values []CSVValue
}

// CSVValue is one indicator's value in a row.
type CSVValue struct {
	Indicator string
	Column    string
	Value     *Value
}

// CSVResult is what a table holds for the framework.
type CSVResult struct {
	Header []string
	Rows   []CSVRow
	// Skipped are the rows that could not be mapped to a country, one warning each.
	Skipped yamlx.Errors
	// Warnings are other things worth knowing (a country given twice).
	Warnings yamlx.Errors
	// Empty counts the empty cells, whose indicators are left unanswered.
	Empty int
}

// ReadCSV reads a published table: file names it in messages. The header row names the
// columns. Problems that make the import wrong (an unknown column, a mapped indicator that the
// framework does not have or that takes no number, a value that is not a number) are returned
// together as yamlx.Errors, positioned at the line and column of the cell; rows whose country
// cannot be mapped to an ISO code are skipped and listed in Skipped.
func ReadCSV(file string, r io.Reader, spec CSVImport) (*CSVResult, error) {
	fw := spec.Framework
	if fw == nil {
		return nil, errors.New("no framework to import into")
	}
	var errs yamlx.Errors
	errorf := func(line, col int, format string, args ...any) {
		errs = append(errs, &yamlx.Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(spec.CountryColumn) == "" {
		return nil, errors.New("--country-column is required: the column holding the country's name")
	}
	if len(spec.Map) == 0 {
		return nil, errors.New("give at least one --map INDICATOR=COLUMN")
	}
	seenInd := map[string]bool{}
	for _, m := range spec.Map {
		ind := fw.Indicator(m.Indicator)
		switch {
		case ind == nil:
			var ids []string
			for _, i := range fw.Indicators() {
				if i.Kind == KindNumber || i.Kind == KindYesNo {
					ids = append(ids, i.ID)
				}
			}
			errs = append(errs, &yamlx.Error{Msg: fmt.Sprintf("--map %s=%s: framework %s has no indicator %q; number and yes/no indicators: %s",
				m.Indicator, m.Column, fw.Ref(), m.Indicator, listIDs(ids, 20))})
		case ind.Kind != KindNumber && ind.Kind != KindYesNo:
			errs = append(errs, &yamlx.Error{Msg: fmt.Sprintf("--map %s=%s: %s is a %s indicator; only number and yes/no indicators can be imported from a table",
				m.Indicator, m.Column, ind.ID, ind.Kind)})
		case seenInd[ind.ID]:
			errs = append(errs, &yamlx.Error{Msg: fmt.Sprintf("--map gives indicator %s twice", ind.ID)})
		}
		seenInd[ident.Norm(m.Indicator)] = true
	}

	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &yamlx.Error{File: file, Msg: "the file is empty; expected a header row naming the columns"}
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	res := &CSVResult{Header: header}
	quoted := make([]string, len(header))
	for i, h := range header {
		quoted[i] = strconv.Quote(h)
	}
	column := func(flag, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		found := -1
		for i, h := range header {
			if strings.EqualFold(h, name) {
				if found >= 0 {
					found = -2
					break
				}
				found = i
			}
		}
		if found >= 0 {
			return found
		}
		errorf(1, 1, "%s: no column %q; the header has: %s", flag, name, strings.Join(quoted, ", "))
		return -1
	}
	countryCol := column("--country-column", strings.TrimSpace(spec.CountryColumn))
	isoCol, nameCol := -1, -1
	if spec.ISOColumn != "" {
		isoCol = column("--iso-column", strings.TrimSpace(spec.ISOColumn))
	}
	if spec.NameColumn != "" {
		nameCol = column("--name-column", strings.TrimSpace(spec.NameColumn))
	}
	type mapped struct {
		ind *Indicator
		col int
		m   ColumnMap
	}
	var maps []mapped
	for _, m := range spec.Map {
		col := column("--map "+m.Indicator+"="+m.Column, m.Column)
		if ind := fw.Indicator(m.Indicator); ind != nil && col >= 0 {
			maps = append(maps, mapped{ind: ind, col: col, m: ColumnMap{Indicator: ind.ID, Column: header[col]}})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}

	seenISO := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, safeio.ErrTooLarge) || errors.Is(err, safeio.ErrLineTooLong) {
			return nil, err
		}
		if err != nil {
			errs = append(errs, yamlx.AsErrors(csvError(file, err))...)
			if len(errs) >= 50 {
				break
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		line, _ := cr.FieldPos(0)
		at := func(col int) (int, int) { return cr.FieldPos(col) }
		country := strings.TrimSpace(rec[countryCol])
		name := country
		if nameCol >= 0 {
			if n := strings.TrimSpace(rec[nameCol]); n != "" {
				name = n
			}
		}
		skip := func(col int, format string, args ...any) {
			l, c := at(col)
			res.Skipped = append(res.Skipped, &yamlx.Error{File: file, Line: l, Col: c, Warning: true, Msg: "row skipped: " + fmt.Sprintf(format, args...)})
		}
		if country == "" && name == "" {
			skip(countryCol, "the %s cell is empty", header[countryCol])
			continue
		}
		var iso string
		if isoCol >= 0 {
			iso = strings.ToUpper(strings.TrimSpace(rec[isoCol]))
			if !iso3166.Valid(iso) {
				skip(isoCol, "%s: %q in column %s is not an ISO 3166 alpha-3 code", name, rec[isoCol], header[isoCol])
				continue
			}
		} else {
			code, ok := iso3166.Lookup(country)
			if !ok {
				skip(countryCol, "no ISO 3166 code is known for the country %q; give an --iso-column, or write the name as the UN or ISO does", country)
				continue
			}
			iso = code
		}
		row := CSVRow{Line: line, Name: name, ISO3: iso}
		for _, m := range maps {
			cell := strings.TrimSpace(rec[m.col])
			if cell == "" {
				res.Empty++
				continue
			}
			v, err := parseCell(m.ind, cell)
			if err != nil {
				l, c := at(m.col)
				errorf(l, c, "%s, column %s: %v", name, header[m.col], err)
				continue
			}
			row.Values = append(row.Values, CSVValue{Indicator: m.ind.ID, Column: header[m.col], Value: v})
		}
		if prev, dup := seenISO[iso]; dup {
			res.Warnings = append(res.Warnings, &yamlx.Error{File: file, Line: line, Col: 1, Warning: true,
				Msg: fmt.Sprintf("%s (%s) is also on line %d; both rows are imported", name, iso, prev)})
		} else {
			seenISO[iso] = line
		}
		res.Rows = append(res.Rows, row)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return res, nil
}

// parseCell reads a number, or yes/no for a yes/no indicator.
func parseCell(ind *Indicator, cell string) (*Value, error) {
	if ind.Kind == KindYesNo {
		switch strings.ToLower(cell) {
		case "true", "yes", "y", "1":
			return YesNo(true), nil
		case "false", "no", "n", "0":
			return YesNo(false), nil
		}
		return nil, fmt.Errorf("%q is not yes or no (%s is a yes/no indicator; write true/false, yes/no or 1/0)", cell, ind.ID)
	}
	f, err := strconv.ParseFloat(cell, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		unit := ""
		if ind.Unit != "" {
			unit = " (" + ind.Unit + ")"
		}
		return nil, fmt.Errorf("%q is not a number; %s takes a number%s: write it with a decimal point and no thousands separators, or leave the cell empty", cell, ind.ID, unit)
	}
	return Number(f), nil
}

func csvError(file string, err error) error {
	if errors.Is(err, safeio.ErrTooLarge) || errors.Is(err, safeio.ErrLineTooLong) {
		return err // the caller names the limit
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &yamlx.Error{File: file, Line: pe.Line, Col: pe.Column, Msg: "not a valid CSV row: " + pe.Err.Error()}
	}
	return &yamlx.Error{File: file, Msg: "cannot read: " + err.Error()}
}

func listIDs(ids []string, max int) string {
	if len(ids) == 0 {
		return "none"
	}
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s, ... (%d in all)", strings.Join(ids[:max], ", "), len(ids))
}
