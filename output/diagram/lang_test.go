package diagram

import (
	"bytes"
	htmlstd "html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govplan/govplan/countries"
)

// sampleModelIn builds the model of a sample with the match and plan in lang.
func sampleModelIn(t testing.TB, name, lang string) *countries.Model {
	t.Helper()
	doc, err := countries.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	return buildModelIn(t, doc, lang)
}

// The French architecture and roadmap of bakana, byte for byte (go test -update rewrites them).
func TestGoldenDOTFrench(t *testing.T) {
	m := sampleModelIn(t, "bakana", "fr")
	for name, got := range map[string][]byte{
		"architecture": Architecture(m, "fr"),
		"roadmap":      Roadmap(m, "fr"),
	} {
		path := filepath.Join("testdata", "bakana-fr-"+name+".dot")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./output/diagram -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test ./output/diagram -update rewrites it after a deliberate change):\n%s", name, path, firstDiff(string(want), string(got)))
		}
	}
}

// Every fixed text of the diagrams is translated: the French and Spanish diagrams show the
// words of their language and none of the English ones.
func TestDiagramsInLanguage(t *testing.T) {
	nbsp := "\u00a0"
	want := map[string]map[string][]string{
		"fr": {
			"architecture": {"Republic of Bakana — architecture cible", "6 cas d'usage · 11 briques : 1 à réutiliser", "facteur de réutilisation 4,64",
				"Services prioritaires et cas d'usage dont ils ont besoin", "Briques fondamentales", "Briques fonctionnelles", "Hébergement",
				"✓ RÉUTILISER", "↑ METTRE À NIVEAU", "+ CONSTRUIRE", "produit : X-Road", "en place : National ID system",
				"⚠ conditionnée à", "cybersecurity.data-protection-law ≥ 3 (actuellement 1)", "? condition non évaluée",
				"<B>Légende</B>", "Sur site : chaque produit", "Médiateur d'information", "cas d'usage du catalogue", "priorité 18,3",
				"Allocation monétaire pour enfants", "Transfert monétaire social"},
			"roadmap": {"Republic of Bakana — feuille de route", "56 mois (avril 2026 → novembre 2030)", "21" + nbsp + "290" + nbsp + "000 USD de coûts ponctuels",
				"Phase 1 · avril 2026 – mars 2027", "◆ CRITIQUE 1/6 · ACQUÉRIR", "◆ CRITIQUE 2/6 · CONSTRUIRE", "GÉNÉRALISER", "3 équipes de réalisation", "MATURITÉ", "METTRE À NIVEAU", "PILOTE", "AJOUTÉE", "12 mois", "1" + nbsp + "400" + nbsp + "000 USD",
				"[en cours]", "◆ CRITIQUE i/6", "la i-ème des 6 activités qui fixent la date de fin", "Les 12 cibles sont atteintes à temps.", "Construire : Médiateur d'information"},
			"dependencies": {"dépendances entre briques et conditions préalables", "Conditions préalables (indicateurs du référentiel)",
				"✗ non remplie", "? non évaluée", "✓ remplie", "requise par 6 cas d'usage", "· fondamentale", "niveau actuel 1", "non évalué"},
			"usecase": {"Étapes, dans l'ordre", "Briques utilisées par les étapes", "cas d'usage du catalogue · 9 étapes × 8 briques",
				"pour Allocation monétaire pour enfants", "l'étape utilise la brique"},
		},
		"es": {
			"architecture": {"arquitectura objetivo", "✓ REUTILIZAR", "↑ ACTUALIZAR", "+ CONSTRUIR", "<B>Leyenda</B>", "Bloques fundacionales", "Alojamiento", "producto: X-Road"},
			"roadmap":      {"hoja de ruta", "Fase 1 · abril de 2026 – marzo de 2027", "◆ CRÍTICA 2/6 · CONSTRUIR", "21.290.000 USD de costo único", "12 meses", "[en curso]"},
			"dependencies": {"condiciones previas", "✗ no cumplida", "requerido por 6 casos de uso"},
			"usecase":      {"Pasos, en orden", "Bloques que usan los pasos"},
		},
	}
	english := []string{"Legend", "product:", "in place:", "REUSE", "UPGRADE", "BUILD", "CRITICAL", "Wave ", "delivery team", "gated", "not met",
		"not assessed", "needed by", "use cases", "Hosting", "months", " mo ", "one-off", "Steps, in order", "building blocks"}
	for lang, kinds := range want {
		m := sampleModelIn(t, "bakana", lang)
		uc, err := UseCase(m, "inst-1", lang)
		if err != nil {
			t.Fatal(err)
		}
		// Labels are HTML (an apostrophe is &#39;): compare the text they show.
		dots := map[string]string{"architecture": htmlstd.UnescapeString(string(Architecture(m, lang))),
			"roadmap": htmlstd.UnescapeString(string(Roadmap(m, lang))), "dependencies": htmlstd.UnescapeString(string(Dependencies(m, lang))),
			"usecase": htmlstd.UnescapeString(string(uc))}
		for kind, ws := range kinds {
			for _, w := range ws {
				if !strings.Contains(dots[kind], w) {
					t.Errorf("%s %s lacks %q", lang, kind, w)
				}
			}
			for _, e := range english {
				if strings.Contains(dots[kind], e) {
					t.Errorf("%s %s still has the English %q", lang, kind, e)
				}
			}
		}
		if _, err := UseCase(m, "nope-9", lang); err == nil || strings.Contains(err.Error(), "unknown use case") {
			t.Errorf("%s: the unknown use case error is not translated: %v", lang, err)
		}
	}
}

// French diagrams, with accents and « » quotes in the country's own texts, are valid for
// Graphviz's dot and for go-graphviz.
func TestFrenchDotAccepts(t *testing.T) {
	needRenderer(t)
	src, err := countries.SampleSource("bakana")
	if err != nil {
		t.Fatal(err)
	}
	old := "name: Republic of Bakana"
	if !strings.Contains(string(src), old) {
		t.Fatalf("the bakana sample no longer has %q", old)
	}
	s := strings.Replace(string(src), old, `name: "République « Bakana » — l'État"`, 1)
	doc, err := countries.Parse("fr.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	m := buildModelIn(t, doc, "fr")
	uc, err := UseCase(m, "land-transfer", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for kind, dot := range map[string][]byte{"architecture": Architecture(m, "fr"), "roadmap": Roadmap(m, "fr"),
		"dependencies": Dependencies(m, "fr"), "usecase": uc} {
		var b bytes.Buffer
		if err := SVG(dot, &b); err != nil {
			t.Fatalf("SVG %s: %v", kind, err)
		}
		lines, _ := texts(b.String())
		if !strings.Contains(strings.Join(lines, "\n"), "République « Bakana » — l'État") {
			t.Errorf("SVG %s: the country's name with accents and « » is not shown as written", kind)
		}
		if _, err := exec.LookPath("dot"); err == nil {
			svg := checkNativeDot(t, "fr "+kind, dot)
			lines, _ := texts(svg)
			if !strings.Contains(strings.Join(lines, "\n"), "République « Bakana » — l'État") {
				t.Errorf("dot %s: the country's name with accents and « » is not shown as written", kind)
			}
		}
	}
}
