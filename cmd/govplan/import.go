package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/safeio"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
)

// maxCSVSize is the largest table import reads.
const maxCSVSize = 64 << 20

// maxCSVLine is the longest line of a CSV table (the parser holds one line in memory).
const maxCSVLine = 1 << 20

// importCmd is the parent of the importers; each kind of source is one subcommand.
func (a *app) importCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "import",
		Short: i18n.T(a.lang, "Make country files from published indicator data (csv) or read back a planner's workbook"),
		Args:  a.noArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	c.AddCommand(
		a.importCSVCmd(),
		a.importWorkbookCmd(),
		a.importAnswersCmd(),
	)
	return c
}

// importCSVOptions are the flags of `govplan import csv`.
type importCSVOptions struct {
	framework  string
	countryCol string
	isoCol     string
	nameCol    string
	maps       []string
	date       string
	outDir     string
	force      bool
	delimiter  string
	comma      bool // --decimal-comma, when commaSet
	commaSet   bool // --decimal-comma was given
	levels     string
	sheet      string
}

func (a *app) importCSVCmd() *cobra.Command {
	var o importCSVOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "csv " + i18n.T(lang, "FILE --framework ID --country-column COL --map INDICATOR=COLUMN... -o DIR"),
		Short: i18n.T(lang, "Write one country file per row of a CSV table (for example the UN EGDI table)"),
		Long: localHelp(
			i18n.T(lang, "import csv reads a table with a header row and one country per row, and writes one country file per row into DIR (named after the country, <name>.yaml), with the mapped indicators answered and the table named as their source."),
			i18n.T(lang, "The country's name is the cell of --country-column (or --name-column), trimmed, exactly as the table writes it. Its ISO 3166 alpha-3 code comes from --iso-column, or else from the built-in table of country names; a row whose country cannot be mapped is reported and skipped, never guessed. Empty cells leave the indicator unanswered; a cell that is not a number is an error."),
			i18n.T(lang, "Example (the UN E-Government Survey 2024 table):"),
		) + `
  govplan import csv egdi-2024.csv --framework egdi --country-column Country \
    --map egdi.osi=Online_Service --map egdi.tii=Tele_Infra --map egdi.hci=Human_Capital \
    --date 2024-09-17 -o egdi-2024/`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.commaSet = cmd.Flags().Changed("decimal-comma")
			return a.runImportCSV(args[0], o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.framework, "framework", "", i18n.T(lang, "framework to import into: an embedded id (see govplan catalog frameworks) or a template path"))
	f.StringVar(&o.countryCol, "country-column", "", i18n.T(lang, "column holding the country's name"))
	f.StringArrayVar(&o.maps, "map", nil, i18n.T(lang, "INDICATOR=COLUMN: the column holding a number or yes/no indicator (repeat for each)"))
	f.StringVar(&o.isoCol, "iso-column", "", i18n.T(lang, "column holding ISO 3166 alpha-3 codes (default: look the name up)"))
	f.StringVar(&o.nameCol, "name-column", "", i18n.T(lang, "column whose value becomes the country's name in the file (default: the country column)"))
	f.StringVar(&o.date, "date", "", i18n.T(lang, "assessment date YYYY-MM-DD written in every file (default today)"))
	f.StringVarP(&o.outDir, "output", "o", "", i18n.T(lang, "folder to write the country files into (created if missing)"))
	f.BoolVar(&o.force, "force", false, i18n.T(lang, "replace country files that already exist in the folder"))
	f.StringVar(&o.delimiter, "delimiter", "", i18n.T(lang, "column delimiter: , ; or tab (default: found from the header)"))
	f.BoolVar(&o.comma, "decimal-comma", false, i18n.T(lang, "read 0,5 as a half (default: yes when the delimiter is ; or tab)"))
	f.StringVar(&o.levels, "levels", "", i18n.T(lang, "map the source's levels onto the framework's scale: MIN-MAX (e.g. 1-4, as the World Bank DGRA) or 1=0,2=1,3=3,4=4"))
	f.StringVar(&o.sheet, "sheet", "", i18n.T(lang, "for an .xlsx table: the sheet to read (default the first)"))
	_ = c.RegisterFlagCompletionFunc("delimiter", completeValues(",", ";", "tab"))
	for _, name := range []string{"framework", "country-column", "map", "output"} {
		_ = c.MarkFlagRequired(name)
	}
	return c
}

func (a *app) runImportCSV(path string, o importCSVOptions) error {
	if err := a.checkOut("import csv", "-o", o.outDir, outFolder, ""); err != nil {
		return err
	}
	fw, mismatch, err := assess.Resolve(o.framework)
	if err != nil {
		return inputError(err)
	}
	if mismatch {
		return inputMsg(i18n.F(a.lang, "framework %s is built in at version %s only", o.framework, assess.BuiltinVersions(fw.ID)))
	}
	day := time.Now()
	if o.date != "" {
		if day, err = time.Parse(countries.DateLayout, o.date); err != nil {
			return inputMsg(i18n.F(a.lang, "--date %q is not a date in the form YYYY-MM-DD", o.date))
		}
	}
	spec := assess.CSVImport{Framework: fw, CountryColumn: o.countryCol, ISOColumn: o.isoCol, NameColumn: o.nameCol}
	for _, m := range o.maps {
		cm, err := assess.ParseColumnMap(m)
		if err != nil {
			return inputError(err)
		}
		spec.Map = append(spec.Map, cm)
	}
	switch o.delimiter {
	case "":
	case ",", ";":
		spec.Delimiter = rune(o.delimiter[0])
	case "tab", `\t`, "\t":
		spec.Delimiter = '\t'
	default:
		return inputMsg(i18n.F(a.lang, "--delimiter %q is not one of , ; tab", o.delimiter))
	}
	if o.commaSet {
		spec.DecimalComma = &o.comma
	}
	if o.levels != "" {
		lm, err := assess.ParseLevelMap(o.levels)
		if err != nil {
			return inputError(err)
		}
		spec.Levels = lm
	}
	if path == "-" || strings.EqualFold(filepath.Ext(path), ".xlsx") {
		var data []byte
		if path == "-" {
			path = stdinName
			data, err = io.ReadAll(io.LimitReader(a.in, maxCSVSize+1))
			if err == nil && len(data) > maxCSVSize {
				return inputError(&yamlx.Error{File: path, Msg: i18n.F(a.lang, "file is larger than the %d MiB limit for tables", maxCSVSize>>20)})
			}
		} else {
			data, err = xlsxTable(path, o.sheet)
			spec.Delimiter, spec.DecimalComma = ',', new(bool)
		}
		if err != nil {
			return inputError(err)
		}
		res, err := assess.ReadCSV(path, bytes.NewReader(data), spec)
		if err != nil {
			return inputError(err)
		}
		return a.writeImported(path, fw, day, res, o)
	}
	// The size stat gives is 0 for a device or a pipe (/dev/zero, a FIFO), so the read itself is
	// bounded too; a FIFO is opened without waiting for a writer.
	file, st, err := safeio.Open(path, false)
	switch {
	case errors.Is(err, safeio.ErrIsDir):
		return inputError(&yamlx.Error{File: path, Msg: i18n.T(a.lang, "is a folder, expected a CSV file")})
	case err != nil:
		return inputError(&yamlx.Error{File: path, Msg: i18n.F(a.lang, "cannot open: %s", plainErr(err))})
	}
	defer file.Close()
	if st.Mode().IsRegular() && st.Size() > maxCSVSize {
		return inputError(&yamlx.Error{File: path, Msg: i18n.F(a.lang, "file is %s bytes, larger than the %d MiB limit for tables", i18n.Int(a.lang, float64(st.Size())), maxCSVSize>>20)})
	}
	res, err := assess.ReadCSV(path, safeio.LineLimitReader(safeio.LimitReader(file, maxCSVSize), maxCSVLine), spec)
	if errors.Is(err, safeio.ErrTooLarge) {
		return inputError(&yamlx.Error{File: path, Msg: i18n.F(a.lang, "file is larger than the %d MiB limit for tables", maxCSVSize>>20)})
	}
	if errors.Is(err, safeio.ErrLineTooLong) {
		return inputError(&yamlx.Error{File: path, Msg: i18n.F(a.lang, "a line is longer than %d MiB; is this a CSV table?", maxCSVLine>>20)})
	}
	if err != nil {
		return inputError(err)
	}
	return a.writeImported(path, fw, day, res, o)
}

// writeImported writes one country file per imported row.
func (a *app) writeImported(path string, fw *assess.Framework, day time.Time, res *assess.CSVResult, o importCSVOptions) error {
	a.warn(res.Skipped)
	a.warn(res.Warnings)
	if len(res.Rows) == 0 {
		return inputMsg(i18n.F(a.lang, "%s: no row could be imported", path))
	}

	names := importFileNames(res.Rows)
	if !o.force {
		var exist []string
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(o.outDir, n)); err == nil {
				exist = append(exist, n)
			}
		}
		if len(exist) > 0 {
			return inputMsg(i18n.F(a.lang, "%d of the files to write already exist in %s (%s); add --force to replace them, or choose another -o",
				len(exist), o.outDir, listNames(a.lang, exist, 3)))
		}
	}
	// All files or none: each is written into a temporary folder inside the output folder and
	// they are moved into place together (a full disk leaves the folder as it was).
	group, err := atomicfile.NewGroup(o.outDir)
	if err != nil {
		return inputMsg(i18n.F(a.lang, "cannot create the folder %s: %s", o.outDir, plainErr(err)))
	}
	defer group.Abort()
	source := filepath.Base(path)
	answered := 0
	bar := a.progress(i18n.T(a.lang, "Writing country files"), len(res.Rows))
	defer bar.Done()
	for i, row := range res.Rows {
		bar.Add(1)
		out := filepath.Join(o.outDir, names[i])
		text, err := countries.New(fw, countries.Country{Name: row.Name, ISO3: row.ISO3}, day)
		if err != nil {
			return fmt.Errorf("%s: %w", i18n.F(a.lang, "%s line %d (%s)", path, row.Line, row.Name), err)
		}
		doc, err := countries.Parse(out, text)
		if err != nil {
			return fmt.Errorf("%s: %w", i18n.F(a.lang, "%s line %d (%s)", path, row.Line, row.Name), err)
		}
		for _, v := range row.Values {
			ans := assess.Answers{{Value: v.Value, Level: v.Level, Source: fmt.Sprintf("%s, column %s", source, v.Column)}}
			if err := doc.SetAnswer(v.Indicator, ans); err != nil {
				return fmt.Errorf("%s, %s: %w", i18n.F(a.lang, "%s line %d (%s)", path, row.Line, row.Name), v.Indicator, err)
			}
			answered++
		}
		if err := group.Write(names[i], func(w io.Writer) error { _, err := w.Write(doc.Src()); return err }); err != nil {
			return fmt.Errorf("%s: %s; %s", i18n.F(a.lang, "writing %s", out), atomicfile.Reason(a.lang, err), i18n.F(a.lang, "nothing was written to %s", o.outDir))
		}
	}
	bar.Done()
	if err := group.Commit(o.force); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return inputMsg(i18n.F(a.lang, "%s; add --force to replace it; nothing was written", err))
		}
		return errors.New(i18n.F(a.lang, "%s; nothing was written to %s", atomicfile.Reason(a.lang, err), o.outDir))
	}
	a.note(i18n.N(a.lang, "wrote %d country files to %s (%s, assessed %s, %d answers from %s)",
		len(res.Rows), o.outDir, fw.Ref(), day.Format(countries.DateLayout), answered, source))
	delim := string(res.Delimiter)
	if res.Delimiter == '\t' {
		delim = "tab"
	}
	a.note(i18n.F(a.lang, "read %s as %s, columns separated by %s", source, res.Encoding, delim))
	if len(res.Skipped) > 0 {
		a.note(i18n.N(a.lang, "skipped %d rows that could not be mapped to a country (listed above)", len(res.Skipped)))
	}
	if res.Empty > 0 {
		a.note(i18n.N(a.lang, "%d empty cells left their indicators unanswered", res.Empty))
	}
	a.note(i18n.F(a.lang, "next: govplan compare %s", o.outDir))
	return nil
}

// xlsxTable reads a sheet of an .xlsx workbook (the first, or the one named) as CSV text,
// with the cells' values as stored (numbers with a decimal point, whatever the display).
func xlsxTable(path, sheet string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &yamlx.Error{File: path, Msg: fmt.Sprintf("cannot open: %s", plainErr(err))}
	}
	if st.Size() > maxCSVSize {
		return nil, yamlx.Errorf(path, "file is larger than the %d MiB limit for tables", maxCSVSize>>20)
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, yamlx.Errorf(path, "cannot read as an .xlsx workbook: %s", err.Error())
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet == "" && len(sheets) > 0 {
		sheet = sheets[0]
	}
	if !slices.Contains(sheets, sheet) {
		return nil, yamlx.Errorf(path, "no sheet %q; the workbook has: %s", sheet, strings.Join(sheets, ", "))
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, yamlx.Errorf(path, "cannot read the sheet %s: %s", sheet, err.Error())
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// importFileNames names each row's file <slug>.yaml; rows sharing a slug get their ISO code
// appended, and rows still sharing a name (one country twice) their line number.
func importFileNames(rows []assess.CSVRow) []string {
	slugs := make([]string, len(rows))
	count := map[string]int{}
	for i, r := range rows {
		slugs[i] = countries.Slug(r.Name, r.ISO3)
		count[slugs[i]]++
	}
	names := make([]string, len(rows))
	used := map[string]bool{}
	for i, r := range rows {
		s := slugs[i]
		if count[s] > 1 {
			s += "-" + strings.ToLower(r.ISO3)
		}
		if used[s] {
			s = fmt.Sprintf("%s-line%d", s, r.Line)
		}
		used[s] = true
		names[i] = s + ".yaml"
	}
	return names
}

func listNames(lang string, names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return i18n.F(lang, "%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

// plainErr drops the operation and path from an os error, which the caller names itself.
func plainErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
