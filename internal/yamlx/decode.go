package yamlx

import (
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Unmarshaler is implemented by types that decode themselves from a node (a text that is a
// string or a map of languages, an answer that is one mapping or a list). Errors go to d.
type Unmarshaler interface {
	UnmarshalYAMLNode(d *Decoder, n *yaml.Node)
}

// Defaulter is implemented by structs that set default field values before they are decoded.
type Defaulter interface {
	SetDefaults()
}

// Decoder decodes nodes into Go values strictly and collects every error.
type Decoder struct {
	doc  *Doc
	errs Errors
	path []any
}

// Decode decodes the document into v (a pointer) and returns every problem found.
func (d *Doc) Decode(v any) error {
	dec := &Decoder{doc: d}
	dec.Decode(d.Root, v)
	if len(dec.errs) > 0 {
		return dec.errs
	}
	return nil
}

// Decode decodes n into v (a pointer). It is for Unmarshaler implementations.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("yamlx: Decode needs a non-nil pointer")
	}
	d.decode(n, rv.Elem())
}

// DecodeAt decodes n into v with elem appended to the path used in messages.
func (d *Decoder) DecodeAt(elem any, n *yaml.Node, v any) {
	d.path = append(d.path, elem)
	d.Decode(n, v)
	d.path = d.path[:len(d.path)-1]
}

// Errorf records an error at node n, prefixed with the current path. format is the English
// message (a string literal, so that the test of the message catalogs finds it).
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	if p := PathString(d.path); p != "" {
		d.errs = append(d.errs, d.doc.Errorf(n, "%s: %s", p, Message{Format: format, Args: args}))
		return
	}
	d.errs = append(d.errs, d.doc.Errorf(n, format, args...))
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

func (d *Decoder) decode(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if v.Kind() == reflect.Pointer && isNull(n) {
			return
		}
		v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(d, n)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem())
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	case reflect.Slice:
		d.decodeSlice(n, v)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.Errorf(n, "expected text, got %s", describe(n))
			return
		}
		if isNull(n) {
			v.SetString("")
			return
		}
		v.SetString(n.Value)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, ok := d.Int(n)
		if ok {
			v.SetInt(int64(i))
		}
	case reflect.Float64:
		f, ok := d.Float(n)
		if ok {
			v.SetFloat(f)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.Errorf(n, "expected true or false, got %s", describe(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.Errorf(n, "%v", err)
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		panic("yamlx: unsupported kind " + v.Kind().String())
	}
}

// Int decodes a whole number from a scalar node.
func (d *Decoder) Int(n *yaml.Node) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		var i int
		if err := n.Decode(&i); err == nil {
			return i, true
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" {
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return int(f), true
		}
	}
	d.Errorf(n, "expected a whole number, got %s", describe(n))
	return 0, false
}

// Float decodes a finite number from a scalar node.
func (d *Decoder) Float(n *yaml.Node) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	d.Errorf(n, "expected a number, got %s", describe(n))
	return 0, false
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node holds, for messages ("a mapping", "the number 3"): a Message, so
// it is shown in the language of the message it is part of.
func describe(n *yaml.Node) Message {
	switch n.Kind {
	case yaml.MappingNode:
		return Msgf("a mapping")
	case yaml.SequenceNode:
		return Msgf("a list")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return Msgf("nothing")
		case "!!bool":
			return Msgf("true/false (%s)", n.Value)
		case "!!int", "!!float":
			return Msgf("the number %s", n.Value)
		}
		v := n.Value
		if r := []rune(v); len(r) > 40 {
			v = string(r[:37]) + "..."
		}
		return Message{Format: "%s", Args: []any{strconv.Quote(v)}}
	}
	return Msgf("an unexpected value")
}

// Describe is describe for Unmarshaler implementations.
func Describe(n *yaml.Node) Message { return describe(n) }

type fieldInfo struct {
	name  string
	index int
}

var fieldCache sync.Map // reflect.Type → []fieldInfo

func structFields(t reflect.Type) []fieldInfo {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]fieldInfo)
	}
	fs := computeFields(t)
	fieldCache.Store(t, fs)
	return fs
}

func computeFields(t reflect.Type) []fieldInfo {
	var fs []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs = append(fs, fieldInfo{name, i})
	}
	return fs
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() {
		if df, ok := v.Addr().Interface().(Defaulter); ok {
			df.SetDefaults()
		}
	}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected a mapping (key: value), got %s", describe(n))
		return
	}
	fields := structFields(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if prev, dup := seen[k.Value]; dup {
			d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, prev)
			continue
		}
		seen[k.Value] = k.Line
		var fi *fieldInfo
		for j := range fields {
			if fields[j].name == k.Value {
				fi = &fields[j]
				break
			}
		}
		if fi == nil {
			names := make([]string, len(fields))
			for j, f := range fields {
				names[j] = f.name
			}
			d.path = append(d.path, k.Value)
			d.Errorf(k, "unknown key %q; expected one of: %s", k.Value, strings.Join(names, ", "))
			d.path = d.path[:len(d.path)-1]
			continue
		}
		d.path = append(d.path, fi.name)
		d.decode(val, v.Field(fi.index))
		d.path = d.path[:len(d.path)-1]
	}
}

func (d *Decoder) decodeMap(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected a mapping (key: value), got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(v.Type(), len(n.Content)/2))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "a key must be plain text, got %s", describe(k))
			continue
		}
		fold := strings.ToLower(k.Value)
		if prev, dup := seen[fold]; dup {
			d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, prev)
			continue
		}
		seen[fold] = k.Line
		kv := reflect.New(v.Type().Key()).Elem()
		d.path = append(d.path, k.Value)
		d.decode(k, kv)
		ev := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, ev)
		d.path = d.path[:len(d.path)-1]
		v.SetMapIndex(kv, ev)
	}
}

func (d *Decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		v.SetZero()
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "expected a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	ptrs := v.Type().Elem().Kind() == reflect.Pointer
	for i, c := range n.Content {
		d.path = append(d.path, i)
		if ptrs && isNull(c) {
			// A bare "-" would leave a nil entry that every reader of the list must check.
			d.Errorf(c, "empty list item (a bare -); remove it or give a value")
		} else {
			d.decode(c, s.Index(i))
		}
		d.path = d.path[:len(d.path)-1]
	}
	v.Set(s)
}

// SortedKeys returns the keys of a string-keyed map in order, for deterministic output.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
