package iso3166

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCountriesTable(t *testing.T) {
	cs := Countries()
	if len(cs) != 249 {
		t.Fatalf("Countries() has %d entries, want 249", len(cs))
	}
	upper := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for i := 0; i < n; i++ {
			if s[i] < 'A' || s[i] > 'Z' {
				return false
			}
		}
		return true
	}
	a3 := map[string]bool{}
	a2 := map[string]bool{}
	for i, c := range cs {
		if !upper(c.Alpha3, 3) {
			t.Errorf("%+v: alpha-3 is not three upper-case letters", c)
		}
		if !upper(c.Alpha2, 2) {
			t.Errorf("%+v: alpha-2 is not two upper-case letters", c)
		}
		if strings.TrimSpace(c.Name) == "" || c.Name != strings.TrimSpace(c.Name) {
			t.Errorf("%+v: bad name", c)
		}
		if a3[c.Alpha3] {
			t.Errorf("duplicate alpha-3 %s", c.Alpha3)
		}
		if a2[c.Alpha2] {
			t.Errorf("duplicate alpha-2 %s", c.Alpha2)
		}
		a3[c.Alpha3], a2[c.Alpha2] = true, true
		if i > 0 && cs[i-1].Alpha3 >= c.Alpha3 {
			t.Errorf("not sorted: %s before %s", cs[i-1].Alpha3, c.Alpha3)
		}
		if UserAssigned(c.Alpha3) {
			t.Errorf("%s is assigned but reported as user-assigned", c.Alpha3)
		}
		if code, ok := Lookup(c.Name); !ok || code != c.Alpha3 {
			t.Errorf("Lookup(%q) = %q, %v; want %s", c.Name, code, ok, c.Alpha3)
		}
	}

	// Countries returns a copy.
	cs[0].Name = "changed"
	if Countries()[0].Name == "changed" {
		t.Error("Countries() exposes the internal table")
	}
}

func TestSpotChecks(t *testing.T) {
	for _, tc := range []struct{ a3, a2 string }{
		{"ROU", "RO"}, {"SRB", "RS"}, {"MNE", "ME"}, {"SSD", "SS"}, {"SXM", "SX"},
		{"CUW", "CW"}, {"BES", "BQ"}, {"TLS", "TL"}, {"COD", "CD"}, {"COG", "CG"},
		{"PRK", "KP"}, {"KOR", "KR"}, {"MKD", "MK"}, {"SWZ", "SZ"}, {"CPV", "CV"},
		{"CZE", "CZ"}, {"TUR", "TR"}, {"MMR", "MM"}, {"LAO", "LA"}, {"PSE", "PS"},
		{"VAT", "VA"}, {"FSM", "FM"}, {"KEN", "KE"}, {"GBR", "GB"}, {"DEU", "DE"},
	} {
		c, ok := ByAlpha3(tc.a3)
		if !ok || c.Alpha2 != tc.a2 {
			t.Errorf("ByAlpha3(%s) = %+v, %v; want alpha-2 %s", tc.a3, c, ok, tc.a2)
		}
	}
	if _, ok := ByAlpha3("XKX"); ok {
		t.Error("XKX (Kosovo) must not be an assigned code")
	}
}

func TestByAlpha3(t *testing.T) {
	for _, tc := range []struct {
		code string
		want string
		ok   bool
	}{
		{"KEN", "Kenya", true},
		{"ken", "Kenya", true},
		{"kEn", "Kenya", true},
		{"VNM", "Viet Nam", true},
		{" KEN", "", false},
		{"KE", "", false},
		{"XKX", "", false},
		{"", "", false},
	} {
		c, ok := ByAlpha3(tc.code)
		if ok != tc.ok || c.Name != tc.want {
			t.Errorf("ByAlpha3(%q) = %+v, %v; want %q, %v", tc.code, c, ok, tc.want, tc.ok)
		}
		if ok && c.Alpha3 != strings.ToUpper(tc.code) {
			t.Errorf("ByAlpha3(%q).Alpha3 = %q", tc.code, c.Alpha3)
		}
	}
}

func TestValidAndUserAssigned(t *testing.T) {
	for _, tc := range []struct {
		code       string
		valid, usr bool
	}{
		{"KEN", true, false},
		{"ken", true, false},
		{"ROU", true, false},
		{"XAA", true, true},
		{"XKX", true, true},
		{"xzz", true, true},
		{"QMA", true, true},
		{"QZZ", true, true},
		{"ZZA", true, true},
		{"ZZZ", true, true},
		{"AAA", true, true},
		{"AAZ", true, true},
		{"ABC", false, false},
		{"QLZ", false, false},
		{"ZYZ", false, false},
		{"ABA", false, false},
		{"XX", false, false},
		{"XXXX", false, false},
		{"K3N", false, false},
		{"X1A", false, false},
		{"KÉN", false, false},
		{" KEN", false, false},
		{"", false, false},
	} {
		if got := Valid(tc.code); got != tc.valid {
			t.Errorf("Valid(%q) = %v, want %v", tc.code, got, tc.valid)
		}
		if got := UserAssigned(tc.code); got != tc.usr {
			t.Errorf("UserAssigned(%q) = %v, want %v", tc.code, got, tc.usr)
		}
	}
}

func TestNameIndex(t *testing.T) {
	if _, err := buildNameIndex(); err != nil {
		t.Fatal(err)
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Viet Nam", "VNM"},
		{"Vietnam", "VNM"},
		{"  viet   NAM ", "VNM"},
		{"Côte d'Ivoire", "CIV"},
		{"Cote d’Ivoire", "CIV"},
		{"COTE D IVOIRE", "CIV"},
		{"Co\u0302te d'Ivoire", "CIV"}, // decomposed accent
		{"Ivory Coast", "CIV"},
		{"Bolivia (Plurinational State of)", "BOL"},
		{"bolivia", "BOL"},
		{"Iran (Islamic Republic of)", "IRN"},
		{"Iran, Islamic Rep.", "IRN"},
		{"Republic of Korea", "KOR"},
		{"Korea, Rep.", "KOR"},
		{"Democratic People's Republic of Korea", "PRK"},
		{"democratic peoples republic of korea", "PRK"},
		{"Lao People's Democratic Republic", "LAO"},
		{"Lao PDR", "LAO"},
		{"United Republic of Tanzania", "TZA"},
		{"Tanzania", "TZA"},
		{"Türkiye", "TUR"},
		{"TURKIYE", "TUR"},
		{"Turkey", "TUR"},
		{"Czechia", "CZE"},
		{"Czech Republic", "CZE"},
		{"Eswatini", "SWZ"},
		{"Swaziland", "SWZ"},
		{"North Macedonia", "MKD"},
		{"Republic of Moldova", "MDA"},
		{"Micronesia (Federated States of)", "FSM"},
		{"State of Palestine", "PSE"},
		{"Congo", "COG"},
		{"the Congo", "COG"},
		{"Democratic Republic of the Congo", "COD"},
		{"Congo, Dem. Rep.", "COD"},
		{"United Kingdom of Great Britain and Northern Ireland", "GBR"},
		{"United Kingdom", "GBR"},
		{"United States of America", "USA"},
		{"U.S.", "USA"},
		{"Venezuela (Bolivarian Republic of)", "VEN"},
		{"Syrian Arab Republic", "SYR"},
		{"Cabo Verde", "CPV"},
		{"Cape Verde", "CPV"},
		{"Russian Federation", "RUS"},
		{"Brunei Darussalam", "BRN"},
		{"Kyrgyzstan", "KGZ"},
		{"Netherlands (Kingdom of the)", "NLD"},
		{"The Netherlands", "NLD"},
		{"Gambia, The", "GMB"},
		{"Saint Vincent and the Grenadines", "VCT"},
		{"St. Vincent & the Grenadines", "VCT"},
		{"St Kitts and Nevis", "KNA"},
		{"Antigua & Barbuda", "ATG"},
		{"Guinea-Bissau", "GNB"},
		{"Guinea Bissau", "GNB"},
		{"Guinea", "GIN"},
		{"Timor-Leste", "TLS"},
		{"São Tomé and Príncipe", "STP"},
		{"Curaçao", "CUW"},
		{"Réunion", "REU"},
		{"Åland Islands", "ALA"},
		{"Georgia (Country)", "GEO"},
		{"Hong Kong SAR, China", "HKG"},
		{"Myanmar", "MMR"},
		{"Burma", "MMR"},
		{"Holy See", "VAT"},
		{"Kenya\t", "KEN"},
	} {
		got, ok := Lookup(tc.name)
		if !ok || got != tc.want {
			t.Errorf("Lookup(%q) = %q, %v; want %s", tc.name, got, ok, tc.want)
		}
	}
	for _, name := range []string{
		"Atlantis", "", "   ", "the", "Korea", "Virgin Islands", "Kosovo",
		"Kenyaa", "Keny", "Yugoslavia", "KEN", "Niger Delta",
	} {
		if got, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %q, true; want false", name, got)
		}
	}
}

func TestLookupEGDI2024(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "egdi-2024.csv")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found; skipping the EGDI name check", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) < 2 {
		t.Fatalf("%s: no data rows", path)
	}
	col := -1
	for i, h := range records[0] {
		if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == "Country" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no Country column in %q", path, records[0])
	}
	seen := map[string]string{}
	for _, rec := range records[1:] {
		name := rec[col]
		code, ok := Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q) failed", name)
			continue
		}
		if prev, dup := seen[code]; dup {
			t.Errorf("%q and %q both map to %s", prev, name, code)
		}
		seen[code] = name
	}
	if len(records)-1 != 193 {
		t.Logf("%s has %d rows (expected 193)", path, len(records)-1)
	}
}

func TestLookupLocal(t *testing.T) {
	for name, want := range map[string]string{"Maroc": "MAR", "Cameroun": "CMR", "Marruecos": "MAR", "Allemagne": "DEU",
		"Côte d’Ivoire": "CIV", "côte d'ivoire": "CIV", "Royaume-Uni": "GBR", "Estados Unidos": "USA", "Égypte": "EGY"} {
		if got, ok := LookupLocal(name); !ok || got != want {
			t.Errorf("LookupLocal(%q) = %q, %v; want %s", name, got, ok, want)
		}
	}
	if _, ok := LookupLocal("Atlantis"); ok {
		t.Error("Atlantis matched")
	}
}

// TestLookupOfficialNames: the ISO 3166-1 official names and the ISO short names, in English,
// French and Spanish and in natural or inverted order, find their country.
func TestLookupOfficialNames(t *testing.T) {
	for name, want := range map[string]string{
		"Plurinational State of Bolivia": "BOL", "Estado Plurinacional de Bolivia": "BOL", "État plurinational de Bolivie": "BOL",
		"United Republic of Tanzania": "TZA", "République-Unie de Tanzanie": "TZA", "República Unida de Tanzania": "TZA",
		"Republic of Korea": "KOR", "République de Corée": "KOR", "Corea, República de": "KOR",
		"Kingdom of Morocco": "MAR", "Royaume du Maroc": "MAR", "Reino de Marruecos": "MAR",
		"Republic of Cameroon": "CMR", "République du Cameroun": "CMR", "República del Camerún": "CMR",
		"Republic of Kenya": "KEN", "Federal Democratic Republic of Ethiopia": "ETH", "Socialist Republic of Viet Nam": "VNM",
		"Republic of the Philippines": "PHL", "Swiss Confederation": "CHE", "Republic of Senegal": "SEN",
	} {
		code, ok := Lookup(name)
		if !ok {
			code, ok = LookupLocal(name)
		}
		if !ok || code != want {
			t.Errorf("%q = %q, %v; want %s", name, code, ok, want)
		}
	}
	// Every official name of the table finds its own country.
	for code, names := range officialNames {
		for _, n := range names {
			got, ok := Lookup(n)
			if !ok {
				got, ok = LookupLocal(n)
			}
			if !ok {
				t.Errorf("%s: %q is not found", code, n)
			}
			_ = got // a few ISO names are another country's CLDR name ("Congo"); the first wins
		}
	}
	if got := uninvert("Korea, Republic of"); got != "Republic of Korea" {
		t.Errorf("uninvert: %q", got)
	}
}
