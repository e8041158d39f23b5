package assess

import (
	"fmt"
	"strings"
	"testing"
)

func egdiFramework(t *testing.T) *Framework {
	t.Helper()
	fw, _, err := Resolve("egdi")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestReadCSV(t *testing.T) {
	fw := egdiFramework(t)
	const table = "\ufeffCountry,ISO,OSI,TII\n" +
		"Kenya ,KEN,0.5,0.25\n" +
		"  Viet Nam,VNM,0.7,\n" +
		"Atlantis,XAT,0.1,0.2\n" +
		"Korea,KOR,0.9,0.9\n" +
		"Türkiye,TUR,1,0\n"
	egdi := []ColumnMap{{"egdi.osi", "OSI"}, {"EGDI.TII", "tii"}}
	for _, tc := range []struct {
		name  string
		spec  CSVImport
		rows  string // name/iso/values of each row, "; "-separated
		skip  []string
		empty int
	}{
		{
			name: "names looked up, kept as written",
			spec: CSVImport{CountryColumn: "Country", Map: egdi},
			rows: "Kenya KEN 2 egdi.osi=0.5 egdi.tii=0.25; Viet Nam VNM 3 egdi.osi=0.7; Türkiye TUR 6 egdi.osi=1 egdi.tii=0",
			skip: []string{`test.csv:4:1: warning: row skipped: no ISO 3166 code is known for the country "Atlantis"`,
				`test.csv:5:1: warning: row skipped: no ISO 3166 code is known for the country "Korea"`},
			empty: 1,
		},
		{
			name: "codes from a column",
			spec: CSVImport{CountryColumn: "Country", ISOColumn: "ISO", Map: egdi[:1]},
			rows: "Kenya KEN 2 egdi.osi=0.5; Viet Nam VNM 3 egdi.osi=0.7; Atlantis XAT 4 egdi.osi=0.1; Korea KOR 5 egdi.osi=0.9; Türkiye TUR 6 egdi.osi=1",
		},
		{
			name: "name from another column",
			spec: CSVImport{CountryColumn: "Country", NameColumn: "ISO", ISOColumn: "ISO", Map: egdi[:1]},
			rows: "KEN KEN 2 egdi.osi=0.5; VNM VNM 3 egdi.osi=0.7; XAT XAT 4 egdi.osi=0.1; KOR KOR 5 egdi.osi=0.9; TUR TUR 6 egdi.osi=1",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.Framework = fw
			res, err := ReadCSV("test.csv", strings.NewReader(table), tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, r := range res.Rows {
				s := fmt.Sprintf("%s %s %d", r.Name, r.ISO3, r.Line)
				for _, v := range r.Values {
					s += fmt.Sprintf(" %s=%s", v.Indicator, v.Value)
				}
				rows = append(rows, s)
			}
			if got := strings.Join(rows, "; "); got != tc.rows {
				t.Errorf("rows\n got %s\nwant %s", got, tc.rows)
			}
			if len(res.Skipped) != len(tc.skip) {
				t.Fatalf("skipped %v", res.Skipped)
			}
			for i, s := range tc.skip {
				if !strings.HasPrefix(res.Skipped[i].Error(), s) {
					t.Errorf("skipped %d = %q, want %q…", i, res.Skipped[i], s)
				}
			}
			if res.Empty != tc.empty || res.Header[0] != "Country" {
				t.Errorf("empty %d, header %q", res.Empty, res.Header)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	fw := egdiFramework(t)
	gov, _, err := Resolve("govstack-readiness")
	if err != nil {
		t.Fatal(err)
	}
	const table = "Country,OSI,TII\nKenya,0.5,0.2\nGhana,n/a,0.3\nTogo,\"1,5\",x\n"
	osi := []ColumnMap{{"egdi.osi", "OSI"}}
	for _, tc := range []struct {
		name string
		fw   *Framework
		spec CSVImport
		want []string // each must appear in the error text
	}{
		{"unknown map column", fw, CSVImport{CountryColumn: "Country", Map: []ColumnMap{{"egdi.osi", "Online"}}},
			[]string{`test.csv:1:1: --map egdi.osi=Online: no column "Online"; the header has: "Country", "OSI", "TII"`}},
		{"unknown country column", fw, CSVImport{CountryColumn: "Nation", Map: osi},
			[]string{`--country-column: no column "Nation"; the header has: "Country", "OSI", "TII"`}},
		{"unknown indicator", fw, CSVImport{CountryColumn: "Country", Map: []ColumnMap{{"egdi.epi", "OSI"}}},
			[]string{`framework egdi@2024 has no indicator "egdi.epi"; number and yes/no indicators: egdi.osi, egdi.tii, egdi.hci`}},
		{"level indicator", gov, CSVImport{CountryColumn: "Country", Map: []ColumnMap{{"leadership.strategy", "OSI"}}},
			[]string{"0.5 is not a level of the framework's scale 0..4; if the source uses another scale, map it with --levels"}},
		{"not numbers", fw, CSVImport{CountryColumn: "Country", Map: []ColumnMap{{"egdi.osi", "OSI"}, {"egdi.tii", "TII"}}},
			[]string{`test.csv:3:7: Ghana, column OSI: "n/a" is not a number`, `test.csv:4:6: Togo, column OSI: "1,5" is not a number`, `test.csv:4:12: Togo, column TII: "x" is not a number`}},
		{"yes/no", gov, CSVImport{CountryColumn: "Country", Map: []ColumnMap{{"legal.e-signature-law", "TII"}}},
			[]string{`Kenya, column TII: "0.2" is not yes or no`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.Framework = tc.fw
			_, err := ReadCSV("test.csv", strings.NewReader(table), tc.spec)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\nlacks %q", err, w)
				}
			}
		})
	}
	if _, err := ParseColumnMap("egdi.osi"); err == nil {
		t.Error("a map without = was accepted")
	}
	if m, err := ParseColumnMap(" EGDI.OSI = Online Service "); err != nil || m != (ColumnMap{"egdi.osi", "Online Service"}) {
		t.Errorf("%+v %v", m, err)
	}
	if _, err := ReadCSV("empty.csv", strings.NewReader(""), CSVImport{Framework: fw, CountryColumn: "Country", Map: osi}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
}
