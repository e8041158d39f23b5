package countries

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/yamlx"
)

// place is the "file:line:col: " an error line starts with.
func place(line string) string {
	parts := strings.SplitN(line, ": ", 2)
	return parts[0]
}

// checkLang checks that errs in lang are the English errors, in the same order and places,
// with every message translated.
func checkLang(t *testing.T, errs yamlx.Errors, lang string, want ...string) {
	t.Helper()
	en := strings.Split(errs.Error(), "\n")
	got := strings.Split(errs.In(lang), "\n")
	if len(got) != len(en) {
		t.Fatalf("%s: %d lines, English has %d", lang, len(got), len(en))
	}
	for i := range en {
		if place(got[i]) != place(en[i]) {
			t.Errorf("%s: %q is not at the place of %q", lang, got[i], en[i])
		}
		if got[i] == en[i] {
			t.Errorf("%s: %q is not translated", lang, got[i])
		}
	}
	for _, w := range want {
		if !strings.Contains(errs.In(lang), w) {
			t.Errorf("%s: messages lack %q:\n%s", lang, w, errs.In(lang))
		}
	}
}

// A bad country file gives its messages in the reader's language at the same file:line:col,
// while Error() stays English (the CLI's corpus tests check it).
func TestBadFileMessagesInLanguage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// Decoding: unknown key, wrong type.
	p := write("decode.yaml", `schema: 1
country: {name: Republic of X, iso3: XRX, capital: Xville}
assessment: {framework: govstack-readiness@1.0.0, date: 2026-03-14}
ministries: {id: ict}
`)
	_, err := Load(p)
	errs := yamlx.AsErrors(err)
	if len(errs) != 2 {
		t.Fatalf("want 2 decoding errors, got %v", err)
	}
	if want := p + `:2:43: country.capital: unknown key "capital"; expected one of: name, iso3, region, fictional, notes`; errs[0].Error() != want {
		t.Errorf("English changed:\n got %s\nwant %s", errs[0].Error(), want)
	}
	checkLang(t, errs, "fr",
		p+`:2:43: country.capital : clé "capital" inconnue ; clés possibles : name, iso3, region, fictional, notes`,
		p+":4:13: ministries : attendu : une liste ; trouvé : un dictionnaire")
	checkLang(t, errs, "es", p+":4:13: ministries: se esperaba una lista; se encontró un mapeo")

	// Validation of the file alone.
	p = write("validate.yaml", `schema: 1
country: {name: Republic of X, iso3: X1}
assessment: {framework: govstack-readiness@1.0.0, date: 14/03/2026}
ministries:
  - {id: ict, name: Ministry of ICT}
investments:
  - {funder: Bank, block: payments, amount: 0}
`)
	_, err = Load(p)
	errs = yamlx.AsErrors(err)
	if len(errs) != 3 {
		t.Fatalf("want 3 validation errors, got %v", err)
	}
	checkLang(t, errs, "fr",
		p+`:2:38: "X1" n'est pas un code ISO 3166 alpha-3`,
		p+`:3:57: la date "14/03/2026" n'est pas au format AAAA-MM-JJ`,
		p+":7:45: le montant de l'investissement doit être supérieur à 0")

	// Validation against the framework and the catalog, with a warning.
	p = write("framework.yaml", `schema: 1
country: {name: Republic of X, iso3: XRX}
assessment: {framework: govstack-readiness@1.0.0, date: 2026-03-14}
ministries:
  - {id: ict, name: Ministry of ICT}
answers:
  leadership.strategy: {level: 7, by: finance}
  no.such-indicator: {level: 1}
inventory:
  paiements: {status: operational}
`)
	d, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := d.Framework("")
	if err != nil {
		t.Fatal(err)
	}
	errs = yamlx.AsErrors(d.Check(fw))
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	errs = append(errs, yamlx.AsErrors(d.CheckCatalog(cat))...)
	errs = append(errs, d.Warnings...)
	checkLang(t, errs, "fr",
		p+":7:39: la réponse à leadership.strategy vient de \"finance\", qui n'est pas un ministère de ce fichier",
		p+":7:32: le niveau 7 pour leadership.strategy est hors de l'échelle 0..4",
		p+`:10:3: l'inventaire nomme une brique inconnue "paiements"`,
		p+`:8:3: avertissement : le référentiel govstack-readiness@1.0.0 n'a pas d'indicateur "no.such-indicator"`)
	checkLang(t, errs, "es", p+`:8:3: advertencia: el marco govstack-readiness@1.0.0 no tiene el indicador "no.such-indicator"`)
}
