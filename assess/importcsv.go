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
	// Map says which column holds each indicator: number and yes/no indicators, and level
	// indicators whose cells are levels (mapped through Levels when the source uses another
	// scale).
	Map []ColumnMap
	// Delimiter is the column delimiter; 0 finds it from the header (, ; or tab).
	Delimiter rune
	// DecimalComma reads "0,5" as a half. Auto (nil) means yes when the delimiter is ; or tab,
	// as spreadsheets write tables in languages with a decimal comma.
	DecimalComma *bool
	// Levels maps the source's levels onto the framework's scale; nil takes the cells as
	// levels of the framework's scale.
	Levels *LevelMap
}

// LevelMap maps the levels of a source scale (the World Bank DGRA's 1–4, say) onto the
// framework's.
type LevelMap struct {
	// From is the source's range; a value in it is mapped linearly onto the framework's scale
	// and rounded to the nearest level, unless Explicit names it.
	FromMin, FromMax float64
	Explicit         map[float64]int
}

// ParseLevelMap reads --levels: "1-4" (a source range mapped linearly onto the framework's
// scale) or "1=0,2=1,3=3,4=4" (each source level given its framework level).
func ParseLevelMap(s string) (*LevelMap, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "=") {
		m := &LevelMap{Explicit: map[float64]int{}}
		first := true
		for _, part := range strings.Split(s, ",") {
			from, to, ok := strings.Cut(part, "=")
			f, err1 := strconv.ParseFloat(strings.TrimSpace(from), 64)
			t, err2 := strconv.Atoi(strings.TrimSpace(to))
			if !ok || err1 != nil || err2 != nil {
				return nil, fmt.Errorf("--levels %q: %q is not SOURCE=LEVEL (for example 1=0,2=1,3=3,4=4)", s, part)
			}
			m.Explicit[f] = t
			if first || f < m.FromMin {
				m.FromMin = f
			}
			if first || f > m.FromMax {
				m.FromMax = f
			}
			first = false
		}
		return m, nil
	}
	lo, hi, ok := strings.Cut(s, "-")
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
	if !ok || err1 != nil || err2 != nil || b <= a {
		return nil, fmt.Errorf("--levels %q is not a range MIN-MAX (for example 1-4) or a list 1=0,2=1,3=3,4=4", s)
	}
	return &LevelMap{FromMin: a, FromMax: b}, nil
}

// level maps a source value onto the scale min..max.
func (m *LevelMap) level(v float64, min, max int) (int, bool) {
	if m.Explicit != nil {
		l, ok := m.Explicit[v]
		return l, ok && l >= min && l <= max
	}
	if v < m.FromMin || v > m.FromMax {
		return 0, false
	}
	return min + int(math.Round((v-m.FromMin)/(m.FromMax-m.FromMin)*float64(max-min))), true
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
	Value     *Value // for number and yes/no indicators
	Level     *int   // for level indicators
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
	// Encoding and Delimiter are what the table was read as.
	Encoding  string
	Delimiter rune
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
		case ind.Kind != KindNumber && ind.Kind != KindYesNo && ind.Kind != KindLevel:
			errs = append(errs, &yamlx.Error{Msg: fmt.Sprintf("--map %s=%s: %s is a %s indicator; only number, yes/no and level indicators can be imported from a table",
				m.Indicator, m.Column, ind.ID, ind.Kind)})
		case seenInd[ind.ID]:
			errs = append(errs, &yamlx.Error{Msg: fmt.Sprintf("--map gives indicator %s twice", ind.ID)})
		}
		seenInd[ident.Norm(m.Indicator)] = true
	}

	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err // the caller's reader says why (too large, a line too long)
	}
	text, enc := DecodeTable(data)
	delim := spec.Delimiter
	if delim == 0 {
		delim = SniffDelimiter(text)
	}
	decimalComma := delim != ','
	if spec.DecimalComma != nil {
		decimalComma = *spec.DecimalComma
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.LazyQuotes = true
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
	res := &CSVResult{Header: header, Encoding: enc, Delimiter: delim}
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
				code, ok = iso3166.LookupLocal(country)
			}
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
			if decimalComma {
				cell = commaNumber(cell)
			}
			if m.ind.Kind == KindLevel {
				lv, err := parseLevel(fw, m.ind, cell, spec.Levels)
				if err != nil {
					l, c := at(m.col)
					errorf(l, c, "%s, column %s: %v", name, header[m.col], err)
					continue
				}
				row.Values = append(row.Values, CSVValue{Indicator: m.ind.ID, Column: header[m.col], Level: &lv})
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

// parseLevel reads a level: a level of the framework's scale, or of the source's scale mapped
// through levels.
func parseLevel(fw *Framework, ind *Indicator, cell string, levels *LevelMap) (int, error) {
	f, err := strconv.ParseFloat(cell, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a level; %s takes a level %d..%d", cell, ind.ID, fw.Scale.Min, fw.Scale.Max)
	}
	if levels != nil {
		l, ok := levels.level(f, fw.Scale.Min, fw.Scale.Max)
		if !ok {
			return 0, fmt.Errorf("%s is not a level of the source scale --levels gives (%g..%g)", cell, levels.FromMin, levels.FromMax)
		}
		return l, nil
	}
	if f != math.Trunc(f) || f < float64(fw.Scale.Min) || f > float64(fw.Scale.Max) {
		return 0, fmt.Errorf("%s is not a level of the framework's scale %d..%d; if the source uses another scale, map it with --levels (for example --levels 1-4)", cell, fw.Scale.Min, fw.Scale.Max)
	}
	return int(f), nil
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
		if len(ind.Unit) > 0 {
			unit = " (" + ind.Unit.String() + ")"
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
