package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/export"
)

// jsonDocs runs every command that prints JSON, in lang, on every sample (and the catalog's
// first item of each kind), and returns each document by schema name and a label.
func jsonDocs(t *testing.T, lang string) map[string]map[string][]byte {
	t.Helper()
	jsonDocsMu.Lock()
	defer jsonDocsMu.Unlock()
	if d, ok := jsonDocsCache[lang]; ok {
		return d
	}
	out := map[string]map[string][]byte{}
	defer func() { jsonDocsCache[lang] = out }()
	add := func(schema, label string, args ...string) {
		stdout, stderr, code := runCLI(t, append(args, "--lang", lang)...)
		if code != 0 && schema != "validate" {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		if out[schema] == nil {
			out[schema] = map[string][]byte{}
		}
		out[schema][label] = []byte(stdout)
	}
	add("version", "version", "version", "--format", "json")
	add("frameworks", "frameworks", "catalog", "frameworks", "--format", "json")
	add("samples", "samples", "catalog", "samples", "--format", "json")
	add("blocks", "blocks", "catalog", "blocks", "--format", "json")
	add("use_cases", "use_cases", "catalog", "usecases", "--format", "json")
	add("products", "products", "catalog", "products", "--format", "json")
	for _, kind := range []struct{ cmd, list, schema string }{
		{"blocks", "blocks", "block"}, {"usecases", "use_cases", "use_case"}, {"products", "products", "product"},
	} {
		var list map[string]any
		if err := json.Unmarshal(out[kind.list][kind.list], &list); err != nil {
			t.Fatalf("%s: %v", kind.list, err)
		}
		items, _ := list[kind.list].([]any)
		if len(items) == 0 {
			t.Fatalf("%s: empty list", kind.list)
		}
		for _, i := range []int{0, len(items) - 1} {
			id := items[i].(map[string]any)["id"].(string)
			add(kind.schema, id, "catalog", kind.cmd, id, "--format", "json")
		}
	}
	var samples []string
	for _, s := range countries.SampleNames() {
		add("score", s, "score", "--sample", s, "--format", "json")
		add("match", s, "match", "--sample", s, "--format", "json")
		add("roadmap", s, "roadmap", "--sample", s, "--format", "json")
		add("validate", s, "validate", "--sample", s, "--format", "json")
		samples = append(samples, "--sample", s)
		// The model document as export writes it (the JSON part only: drawing is slow).
		dir := t.TempDir()
		a := &app{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard, lang: lang}
		m, err := a.loadPlan(nil, countryFlags{sample: s})
		if err != nil {
			t.Fatal(err)
		}
		if err := export.Write(m, dir, lang, []string{export.JSON}, nil); err != nil {
			t.Fatal(err)
		}
		models, _ := filepath.Glob(filepath.Join(dir, "*-model.json"))
		if len(models) != 1 {
			t.Fatalf("export %s: %d model files", s, len(models))
		}
		b, err := os.ReadFile(models[0])
		if err != nil {
			t.Fatal(err)
		}
		if out["model"] == nil {
			out["model"] = map[string][]byte{}
		}
		out["model"][s] = b
	}
	add("compare", "samples", append([]string{"compare", "--format", "json"}, samples...)...)
	add("compare", "relative", append([]string{"compare", "--format", "json", "--relative"}, samples...)...)
	bad := filepath.Join("testdata", "bad", "bad-date.yaml")
	add("validate", "bad", "validate", bad, "--format", "json")
	return out
}

// jsonDocs runs the commands once per language for all the tests that read their output.
var (
	jsonDocsMu    sync.Mutex
	jsonDocsCache = map[string]map[string]map[string][]byte{}
)

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// dataKeyed are the keys whose value is an object keyed by data (ids, band names), not by
// field names.
var dataKeyed = map[string]bool{
	"bands": true, "spread": true, "answers": true, "capacity": true, "amounts": true,
	"blocks":  true,                     // an object in compare's portfolio (per country), an array elsewhere
	"pillars": true, "indicators": true, // objects in compare (arrays elsewhere)
}

// walkKeys calls f with the path of every field name in v.
func walkKeys(v any, path string, f func(path, key string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			f(path, k)
			if dataKeyed[k] {
				if m, ok := c.(map[string]any); ok {
					for id, cc := range m {
						if scalarMap(cc) && k == "blocks" {
							continue // portfolio blocks: country → block id → status
						}
						walkKeys(cc, path+"."+k+"["+id+"]", f)
					}
					continue
				}
			}
			walkKeys(c, path+"."+k, f)
		}
	case []any:
		for i, c := range x {
			walkKeys(c, fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

// scalarMap reports whether v is an object whose values are all strings.
func scalarMap(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, x := range m {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}

// TestJSONKeysSnakeCase: every field name of every JSON document is snake_case, and every
// document opens with schema_version and govplan_version.
func TestJSONKeysSnakeCase(t *testing.T) {
	for schema, docs := range jsonDocs(t, "fr") {
		for label, b := range docs {
			var v map[string]any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s %s: %v\n%.300s", schema, label, err, b)
			}
			if _, ok := v["schema_version"]; !ok {
				t.Errorf("%s %s: no schema_version", schema, label)
			}
			if _, ok := v["govplan_version"]; !ok {
				t.Errorf("%s %s: no govplan_version", schema, label)
			}
			walkKeys(v, "", func(path, key string) {
				if !snakeKey.MatchString(key) {
					t.Errorf("%s %s: key %q at %s is not snake_case", schema, label, key, path)
				}
			})
		}
	}
}

// machineKeys hold ids: the same whatever --lang asks for.
var machineKeys = map[string]bool{
	"band": true, "status": true, "kind": true, "decision": true, "quadrant": true, "strength": true,
	"basis": true, "state": true, "category": true, "id": true, "iso3": true, "block": true,
	"indicator": true, "pillar": true, "use_case": true, "deployment": true, "lifecycle": true,
	"scope": true, "open_source": true, "licence": true, "schema_version": true,
}

// machineValues lists path=value for every machine key of a document, arrays of objects
// sorted by their id so an order by translated name does not count.
func machineValues(v any, path string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if machineKeys[k] {
				if _, isObj := x[k].(map[string]any); !isObj {
					b, _ := json.Marshal(x[k])
					*out = append(*out, path+"."+k+"="+string(b))
					continue
				}
			}
			machineValues(x[k], path+"."+k, out)
		}
	case []any:
		var parts [][]string
		for _, c := range x {
			var p []string
			machineValues(c, path+"[]", &p)
			parts = append(parts, p)
		}
		sort.Slice(parts, func(i, j int) bool { return strings.Join(parts[i], "\n") < strings.Join(parts[j], "\n") })
		for _, p := range parts {
			*out = append(*out, p...)
		}
	}
}

// TestJSONMachineValuesIgnoreLang: every JSON document has the same machine values (band,
// status, kind, decision, quadrant, strength, basis, ids …) in English, French and Spanish,
// and band_name is the translated word beside the band id.
func TestJSONMachineValuesIgnoreLang(t *testing.T) {
	base := jsonDocs(t, "en")
	for _, lang := range []string{"fr", "es"} {
		other := jsonDocs(t, lang)
		for schema, docs := range base {
			for label, b := range docs {
				var ve, vo any
				if err := json.Unmarshal(b, &ve); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(other[schema][label], &vo); err != nil {
					t.Fatalf("%s %s %s: %v", lang, schema, label, err)
				}
				var me, mo []string
				machineValues(ve, "", &me)
				machineValues(vo, "", &mo)
				if len(me) == 0 {
					t.Errorf("%s %s: no machine values", schema, label)
				}
				if a, b := strings.Join(me, "\n"), strings.Join(mo, "\n"); a != b {
					t.Errorf("%s %s: machine values differ in %s:\n%s", schema, label, lang, firstLineDiff(a, b))
				}
			}
		}
	}
	// The band beside its name: the id stays English, the name follows --lang.
	var score struct {
		Overall struct {
			Band     string `json:"band"`
			BandName string `json:"band_name"`
		} `json:"overall"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "score", "--sample", "bakana", "--format", "json", "--lang", "fr")), &score); err != nil {
		t.Fatal(err)
	}
	if score.Overall.Band == "" || score.Overall.Band == score.Overall.BandName {
		t.Errorf("band %q, band_name %q: want the framework's id and the French word", score.Overall.Band, score.Overall.BandName)
	}
}

func firstLineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  en: %s\n  other: %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}

// frameworkShapes collects, for every "framework" field in v, whether it is the one shape
// every document uses: an object of exactly id and version.
func frameworkShapes(v any, path string, bad *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if k == "framework" {
				m, ok := c.(map[string]any)
				_, hasID := m["id"]
				_, hasVersion := m["version"]
				if !ok || len(m) != 2 || !hasID || !hasVersion {
					*bad = append(*bad, fmt.Sprintf("%s.framework = %v", path, c))
				}
				continue
			}
			frameworkShapes(c, path+"."+k, bad)
		}
	case []any:
		for i, c := range x {
			frameworkShapes(c, fmt.Sprintf("%s[%d]", path, i), bad)
		}
	}
}

// TestJSONFrameworkOneShape: "framework" is {id, version} in every document (it was a string
// "id@version" in model.json and catalog samples).
func TestJSONFrameworkOneShape(t *testing.T) {
	seen := 0
	for schema, docs := range jsonDocs(t, "en") {
		for label, b := range docs {
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s %s: %v", schema, label, err)
			}
			var bad []string
			frameworkShapes(v, "", &bad)
			for _, s := range bad {
				t.Errorf("%s %s: %s", schema, label, s)
			}
			if strings.Contains(string(b), `"framework"`) {
				seen++
			}
		}
	}
	if seen < 5 {
		t.Errorf("only %d documents name a framework; the test reads too little", seen)
	}
}
