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

// unmarshalerCache remembers, per type, whether a pointer to it implements Unmarshaler
// (reflect's Implements walks the method set, on every value otherwise).
var unmarshalerCache sync.Map // reflect.Type → bool

func isUnmarshaler(t reflect.Type) bool {
	if ok, found := unmarshalerCache.Load(t); found {
		return ok.(bool)
	}
	ok := reflect.PointerTo(t).Implements(unmarshalerType)
	unmarshalerCache.Store(t, ok)
	return ok
}

func (d *Decoder) decode(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() && isUnmarshaler(v.Type()) {
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
		if i, ok := plainInt(n.Value); ok {
			return i, true
		}
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
		if f, ok := plainFloat(n.Value); ok {
			return f, true
		}
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	d.Errorf(n, "expected a number, got %s", describe(n))
	return 0, false
}

// plainInt reads a plain decimal whole number ("0", "-42", "2026") without yaml's own
// decoder, which builds a decoder per call; other spellings (0x1F, 1_000, 012) go to it.
func plainInt(s string) (int, bool) {
	digits := strings.TrimPrefix(s, "-")
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

// plainFloat reads a plain decimal number ("3", "-0.25", "1.5e3") without yaml's decoder;
// other spellings (.inf, 1_000.5, 0x…, 012) go to it.
func plainFloat(s string) (float64, bool) {
	t := strings.TrimPrefix(s, "-")
	if len(t) == 0 || t[0] < '0' || t[0] > '9' || (t[0] == '0' && len(t) > 1 && t[1] != '.' && t[1] != 'e' && t[1] != 'E') {
		return 0, false
	}
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0)
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
	index int // in the struct
}

// structInfo is what decoding needs of a struct type, computed once per type: its YAML keys
// in field order, and each key's position in that list.
type structInfo struct {
	fields []fieldInfo
	byName map[string]int
}

var structCache sync.Map // reflect.Type → *structInfo

func structFields(t reflect.Type) *structInfo {
	if si, ok := structCache.Load(t); ok {
		return si.(*structInfo)
	}
	si, _ := structCache.LoadOrStore(t, computeFields(t))
	return si.(*structInfo)
}

func computeFields(t reflect.Type) *structInfo {
	si := &structInfo{byName: map[string]int{}}
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
		si.byName[name] = len(si.fields)
		si.fields = append(si.fields, fieldInfo{name, i})
	}
	return si
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
	si := structFields(v.Type())
	// seen holds the line each known key was first met on (0: not yet), on the stack for
	// the usual struct of a few dozen fields.
	var buf [32]int
	var seen []int
	if len(si.fields) <= len(buf) {
		seen = buf[:len(si.fields)]
	} else {
		seen = make([]int, len(si.fields))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		j, known := si.byName[k.Value]
		if !known {
			if prev := earlierKey(n, i); prev != nil {
				d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, prev.Line)
				continue
			}
			names := make([]string, len(si.fields))
			for j, f := range si.fields {
				names[j] = f.name
			}
			d.path = append(d.path, k.Value)
			d.Errorf(k, "unknown key %q; expected one of: %s", k.Value, strings.Join(names, ", "))
			d.path = d.path[:len(d.path)-1]
			continue
		}
		if seen[j] != 0 {
			d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, seen[j])
			continue
		}
		seen[j] = max(k.Line, 1)
		fi := si.fields[j]
		d.path = append(d.path, fi.name)
		d.decode(val, v.Field(fi.index))
		d.path = d.path[:len(d.path)-1]
	}
}

// earlierKey is the first key of mapping n before position i with the same text, or nil.
func earlierKey(n *yaml.Node, i int) *yaml.Node {
	for p := 0; p < i; p += 2 {
		if n.Content[p].Value == n.Content[i].Value {
			return n.Content[p]
		}
	}
	return nil
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
