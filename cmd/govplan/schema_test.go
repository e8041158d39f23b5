package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/govplan/govplan/output/report"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var updateSchemas = flag.Bool("update-schemas", false, "rewrite docs/schema/*.schema.json from the Go types")

// schemaDir holds one JSON Schema (draft 2020-12) per kind of JSON document govplan writes.
const schemaDir = "../../docs/schema"

// Mirrors of the row types the catalog commands declare inside their functions: a renamed
// field there no longer validates against these.
type (
	schemaFrameworkRow struct {
		ID         string `json:"id"`
		Version    string `json:"version"`
		Name       string `json:"name"`
		Pillars    int    `json:"pillars"`
		Indicators int    `json:"indicators"`
	}
	schemaSampleRow struct {
		Name      string               `json:"name"`
		Country   string               `json:"country"`
		ISO3      string               `json:"iso3"`
		Framework report.FrameworkJSON `json:"framework"`
		Date      string               `json:"date"`
	}
)

// schemaDocs are the documents: schema name → title, the Go type printed, and for a list,
// the key holding it.
var schemaDocs = map[string]struct {
	title string
	typ   reflect.Type
	list  string
}{
	"version":    {"govplan version --format json", reflect.TypeFor[report.VersionJSON](), ""},
	"frameworks": {"govplan catalog frameworks --format json", reflect.TypeFor[schemaFrameworkRow](), "frameworks"},
	"samples":    {"govplan catalog samples --format json", reflect.TypeFor[schemaSampleRow](), "samples"},
	"blocks":     {"govplan catalog blocks --format json", reflect.TypeFor[report.BlockJSON](), "blocks"},
	"block":      {"govplan catalog blocks ID --format json", reflect.TypeFor[report.BlockJSON](), ""},
	"use_cases":  {"govplan catalog usecases --format json", reflect.TypeFor[report.UseCaseJSON](), "use_cases"},
	"use_case":   {"govplan catalog usecases ID --format json", reflect.TypeFor[report.UseCaseJSON](), ""},
	"products":   {"govplan catalog products --format json", reflect.TypeFor[report.ProductJSON](), "products"},
	"product":    {"govplan catalog products ID --format json", reflect.TypeFor[report.ProductJSON](), ""},
	"score":      {"govplan score --format json", reflect.TypeFor[report.ScoreJSON](), ""},
	"match":      {"govplan match --format json", reflect.TypeFor[report.MatchJSON](), ""},
	"roadmap":    {"govplan roadmap --format json", reflect.TypeFor[report.RoadmapJSON](), ""},
	"validate":   {"govplan validate --format json", reflect.TypeFor[report.ValidateJSON](), ""},
	"compare":    {"govplan compare --format json", reflect.TypeFor[report.CompareJSON](), ""},
	"model":      {"<country>-model.json written by govplan export", reflect.TypeFor[report.ModelJSON](), ""},
}

// fractionFields are the keys whose numbers are fractions 0..1 (people see them ×100).
var fractionFields = map[string]bool{"score": true, "completeness": true, "target": true, "overall": true, "min": true, "max": true, "mean": true}

const fractionNote = "A fraction from 0 to 1; people see it as 0–100 (multiplied by 100)."

// schemaOf builds the JSON Schema of a Go type as encoding/json writes it: objects closed
// (additionalProperties false) with every field not marked omitempty required, pointers and
// slices nullable only where Go can write null.
func schemaOf(t reflect.Type, key string) map[string]any {
	switch t {
	case reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	case reflect.TypeFor[json.RawMessage]():
		return map[string]any{}
	}
	if t.Kind() == reflect.Struct && t.Name() == "Value" && strings.HasSuffix(t.PkgPath(), "/assess") {
		return map[string]any{"type": []any{"number", "boolean"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem(), key)
		return nullable(s)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string"}
		}
		return map[string]any{"type": []any{"array", "null"}, "items": schemaOf(t.Elem(), key)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), key)}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		s := map[string]any{"type": "number"}
		if fractionFields[key] {
			s["description"] = fractionNote
		}
		return s
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		var add func(t reflect.Type)
		add = func(t reflect.Type) {
			for i := range t.NumField() {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" || (!f.IsExported() && !f.Anonymous) {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if f.Anonymous && name == "" {
					ft := f.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					add(ft)
					continue
				}
				if name == "" {
					name = f.Name
				}
				props[name] = schemaOf(f.Type, name)
				if !strings.Contains(opts, "omitempty") {
					required = append(required, name)
				}
			}
		}
		add(t)
		sort.Strings(required)
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	panic(fmt.Sprintf("schemaOf: %s", t))
}

func nullable(s map[string]any) map[string]any {
	switch ty := s["type"].(type) {
	case string:
		s["type"] = []any{ty, "null"}
		return s
	case []any:
		for _, x := range ty {
			if x == "null" {
				return s
			}
		}
		s["type"] = append(ty, "null")
		return s
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

// documentSchema is the whole schema of one document: the header every document opens with
// and the body (or, for a list, the key holding the rows).
func documentSchema(name string) map[string]any {
	d := schemaDocs[name]
	var s map[string]any
	if d.list != "" {
		s = map[string]any{"type": "object", "additionalProperties": false,
			"properties": map[string]any{d.list: map[string]any{"type": []any{"array", "null"}, "items": schemaOf(d.typ, "")}},
			"required":   []string{d.list}}
	} else {
		s = schemaOf(d.typ, "")
	}
	props := s["properties"].(map[string]any)
	props["schema_version"] = map[string]any{"const": report.SchemaVersion,
		"description": "The version of this document's shape: it goes up when a key is renamed or removed or its meaning changes; added keys keep it."}
	props["govplan_version"] = map[string]any{"type": "string", "description": "The govplan build that wrote the document."}
	req := append([]string{"govplan_version", "schema_version"}, toStrings(s["required"])...)
	sort.Strings(req)
	s["required"] = dedupe(req)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/govplan/govplan/docs/schema/" + name + ".schema.json"
	s["title"] = d.title
	s["description"] = "Written by " + d.title + ". Keys are snake_case and stable; machine values (band, status, kind, decision, quadrant, strength, basis, state, ids) do not change with --lang, names and reasons do (band_name is the band in the language asked for). " +
		"Scores, completeness and targets are fractions from 0 to 1; people see them as 0–100. A missing value is null."
	return s
}

func toStrings(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	}
	return nil
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestSchemasUpToDate: the schemas in docs/schema are the Go types' (go test -run
// TestSchemasUpToDate -update-schemas rewrites them; review the diff: a changed key needs
// SchemaVersion raised).
func TestSchemasUpToDate(t *testing.T) {
	for name := range schemaDocs {
		b, err := json.MarshalIndent(documentSchema(name), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, '\n')
		path := filepath.Join(schemaDir, name+".schema.json")
		if *updateSchemas {
			if err := os.MkdirAll(schemaDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/govplan -run TestSchemasUpToDate -update-schemas writes it)", err)
		}
		if !bytes.Equal(have, b) {
			t.Errorf("%s is not the schema of the Go types any more: rerun with -update-schemas and review the diff", path)
		}
	}
}

// TestJSONMatchesSchema validates every JSON document every command prints, for every sample
// and in three languages, against its schema in docs/schema.
func TestJSONMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	schemas := map[string]*jsonschema.Schema{}
	for name := range schemaDocs {
		path, _ := filepath.Abs(filepath.Join(schemaDir, name+".schema.json"))
		s, err := c.Compile(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		schemas[name] = s
	}
	for _, lang := range []string{"en", "fr", "es"} {
		for name, docs := range jsonDocs(t, lang) {
			s := schemas[name]
			if s == nil {
				t.Errorf("no schema for %s", name)
				continue
			}
			for label, b := range docs {
				v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s %s: %v", name, label, err)
				}
				if err := s.Validate(v); err != nil {
					t.Errorf("%s %s (%s) does not match docs/schema/%s.schema.json: %v", name, label, lang, name, err)
				}
			}
		}
	}
	// A renamed key fails: the schema is strict.
	var doc map[string]any
	if err := json.Unmarshal(jsonDocs(t, "en")["score"]["bakana"], &doc); err != nil {
		t.Fatal(err)
	}
	overall := doc["overall"].(map[string]any)
	overall["bandName"] = overall["band_name"]
	delete(overall, "band_name")
	b, _ := json.Marshal(doc)
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if schemas["score"].Validate(v) == nil {
		t.Error("a score document with band_name renamed still matches its schema")
	}
}
