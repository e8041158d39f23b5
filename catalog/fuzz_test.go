package catalog

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCatalogFile checks that no catalog file makes the loader panic, and that an accepted
// one matches without trouble.
func FuzzCatalogFile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("data", "*.yaml"))
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("blocks:\n  - {id: identity, name: Identity, category: foundational, depends_on: [{block: consent, reason: loop}]}\n"))
	f.Add([]byte("use_cases:\n  - {id: x, name: X, steps: [{name: S, blocks: [teleport]}]}\n"))
	// The fields of issue 12: dependency strength and source, product scope, DPG, lifecycle.
	f.Add([]byte("blocks:\n  - {id: b1, name: B, category: feature, depends_on: [{block: identity, strength: recommended, reason: {en: r, fr: r}, source: spec/x.md}, {block: messaging, strength: required}]}\n"))
	f.Add([]byte("products:\n  - {id: p, name: P, blocks: [gis], scope: {sectors: [health], use_cases: [hltc-1], note: {en: n}}, dpg: null, lifecycle: {status: end-of-life, since: '2025-10', note: gone}, overlay: true}\n"))
	f.Add([]byte("products:\n  - {id: p, name: P, blocks: [gis], scope: {sectors: [health], functions: [plain, {en: a, fr: b}, {fr: only}, 3, [x]], note: n}}\n"))
	f.Add([]byte("products:\n  - {id: p, name: P, blocks: [gis], dpg: true, dpg_source: registry, dpg_verified: true, lifecycle: {status: licence-change, note: {en: x, es: y}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		c := def.clone()
		if c.add("fuzz.yaml", data) != nil || c.finish() != nil {
			return
		}
		var refs []UseCaseRef
		for _, u := range c.UseCases {
			refs = append(refs, UseCaseRef{ID: u.ID})
		}
		m := c.Match(Needs{UseCases: refs}, nil)
		if len(m.UseCases) != len(refs) {
			t.Fatalf("%d use cases matched, %d needed", len(m.UseCases), len(refs))
		}
	})
}
