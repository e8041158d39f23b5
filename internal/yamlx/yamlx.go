// Package yamlx reads the YAML files users write: it refuses oversized, non-UTF-8, tab-indented,
// multi-document and aliased input with a positioned message, and decodes a node tree into Go
// values strictly (unknown and duplicate keys are errors), collecting every error with its
// file, line and column.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/govplan/govplan/internal/safeio"
	"github.com/govplan/govplan/internal/termtext"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest file accepted; larger files are refused before they are read.
const MaxFileSize = 8 << 20

// Error is one problem in a file, at a line and column (both 1-based; 0 when unknown).
// Msg is the message in English. An error built from a format (Doc.Errorf, Decoder.Errorf,
// Errorf, a located Problem) also keeps the format and its arguments, so In can show it in
// another language; one built with Msg alone is shown as Msg in every language.
type Error struct {
	File      string
	Line, Col int
	Msg       string
	Warning   bool
	Format    string
	Args      []any
}

func (e *Error) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	return e.where() + msg
}

// where is the "file:line:col: " the message follows ("" when the error has no place).
func (e *Error) where() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d:", e.Line, e.Col)
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	return b.String()
}

// Errors is a list of problems; as an error it prints one per line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return joinLines(lines)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// Err returns es as an error, or nil when it holds no errors (warnings do not count).
func (es Errors) Err() error {
	for _, e := range es {
		if !e.Warning {
			return es.Only(false)
		}
	}
	return nil
}

// Only returns the errors (warnings=false) or the warnings (warnings=true) of es.
func (es Errors) Only(warnings bool) Errors {
	var out Errors
	for _, e := range es {
		if e.Warning == warnings {
			out = append(out, e)
		}
	}
	return out
}

// AsErrors flattens err into a list of positioned errors (an unpositioned error becomes one entry).
func AsErrors(err error) Errors {
	if err == nil {
		return nil
	}
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return Errors{{Msg: err.Error()}}
}

// ReadFile reads a file the user named, refusing one larger than MaxFileSize. A device or a
// pipe is read too, but never more than MaxFileSize bytes (stat says 0 for them, so the read
// itself is bounded), and a FIFO is opened without waiting for a writer.
func ReadFile(path string) ([]byte, error) { return readFile(path, false) }

// ReadListedFile reads a file found by listing a folder (a --catalog folder, a compare folder):
// only a regular file is opened; a FIFO, a device or a socket planted there is refused.
func ReadListedFile(path string) ([]byte, error) { return readFile(path, true) }

func readFile(path string, regularOnly bool) ([]byte, error) {
	data, err := safeio.ReadFile(path, MaxFileSize, regularOnly)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, safeio.ErrIsDir):
		return nil, Errorf(path, "is a folder, expected a YAML file")
	case errors.Is(err, safeio.ErrNotRegular):
		return nil, Errorf(path, "is not a regular file (a pipe, a device or a socket); refused without reading")
	case errors.Is(err, safeio.ErrTooLarge):
		return nil, Errorf(path, "file is larger than the %d MiB limit; refused", MaxFileSize>>20)
	}
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Op == "open" {
		return nil, Errorf(path, "cannot open: %s", OSReason(err))
	}
	return nil, Errorf(path, "cannot read: %s", OSReason(err))
}

// OSReason is the system's reason for a failed file operation without the path ("no such
// file or directory"), as a message argument translated when it is one of the common reasons.
func OSReason(err error) any {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch msg := err.Error(); msg {
	case "no such file or directory":
		return Msgf("no such file or directory")
	case "permission denied":
		return Msgf("permission denied")
	case "is a directory":
		return Msgf("is a directory")
	case "not a directory":
		return Msgf("not a directory")
	default:
		return msg
	}
}

// Doc is one parsed YAML document with its source.
type Doc struct {
	File string
	Src  []byte
	Root *yaml.Node // the document's content node (never the DocumentNode itself)

	// keys indexes the keys of large mappings for find, so that locating many problems in a
	// large mapping is not quadratic.
	keys map[*yaml.Node]*keyIndex
}

type keyIndex struct{ exact, folded map[string]int }

// mapEntry is MapEntry through the index of large mappings.
func (d *Doc) mapEntry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if len(m.Content) < 64 {
		return MapEntry(m, key)
	}
	if d.keys == nil {
		d.keys = map[*yaml.Node]*keyIndex{}
	}
	ix := d.keys[m]
	if ix == nil {
		ix = &keyIndex{exact: map[string]int{}, folded: map[string]int{}}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i].Value
			if _, ok := ix.exact[k]; !ok {
				ix.exact[k] = i
			}
			if _, ok := ix.folded[strings.ToLower(k)]; !ok {
				ix.folded[strings.ToLower(k)] = i
			}
		}
		d.keys[m] = ix
	}
	i, ok := ix.exact[key]
	if !ok {
		if i, ok = ix.folded[strings.ToLower(key)]; !ok {
			return nil, nil
		}
	}
	return m.Content[i], m.Content[i+1]
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse checks and parses data as one YAML document. want names what the file should hold, for
// the message given when the file is empty (for example "a country file", or a Message such as
// Msgf("a country file") to show it in the reader's language).
func Parse(file string, data []byte, want any) (*Doc, error) {
	if len(data) > MaxFileSize {
		return nil, Errorf(file, "file is larger than the %d MiB limit", MaxFileSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return nil, at(Errorf(file, "UTF-16 text (it starts with a UTF-16 byte-order mark); save the file as UTF-8"), 1, 1)
	}
	if utf16Like(data) {
		return nil, at(Errorf(file, "looks like UTF-16 text without a byte-order mark; save the file as UTF-8"), 1, 1)
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		line, col := lineCol(data, off)
		return nil, at(Errorf(file, "not UTF-8 text (byte 0x%02x); save the file as UTF-8", data[off]), line, col)
	}
	if off, r := firstControl(data); off >= 0 {
		line, col := lineCol(data, off)
		return nil, at(Errorf(file, "control character U+%04X is not allowed in YAML text; remove it", r), line, col)
	}
	if off := overNodes(data, MaxNodes); off >= 0 {
		// The parser builds the whole tree before anything can be checked: 8 MiB of "1," is
		// four million nodes and most of a gigabyte, so the count is bounded first.
		line, col := lineCol(data, off)
		return nil, at(Errorf(file, "the file holds more than %d values; refused (govplan files are far smaller)", MaxNodes), line, col)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Errorf(file, "file is empty; expected %s", want)
		}
		return nil, parseError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, at(Errorf(file, "a second YAML document (---) is not allowed; one file holds one document"), extra.Line, extra.Column)
	} else if !errors.Is(err, io.EOF) {
		return nil, parseError(file, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, Errorf(file, "file is empty; expected %s", want)
	}
	root := doc.Content[0]
	if a := findAlias(root, 0); a != nil {
		return nil, at(Errorf(file, "YAML aliases (*%s) are not supported; write the value out in full", a.Value), a.Line, a.Column)
	}
	cleanScalars(root)
	return &Doc{File: file, Src: data, Root: root}, nil
}

func parseError(file string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if strings.HasPrefix(m[2], "did not find expected") {
			// yaml.v3 reports parser errors (unlike scanner errors) with a 0-based line.
			line++
		}
		// A tab in the indentation at or before the failing line is the usual cause; a tab
		// elsewhere (inside a block scalar, between tokens) is valid YAML and never reported.
		if tl, tc, ok := tabIndent(data, line); ok {
			return at(Errorf(file, "tab character in indentation; YAML indents with spaces only"), tl, tc)
		}
		if m[2] == "found unexpected end of stream" {
			// The library reports the end of the file; the mistake is the quote that opened.
			if ql, qc, ok := unclosedQuote(data); ok {
				return at(Errorf(file, "YAML syntax: this quote is not closed: the text runs on to the end of the file"), ql, qc)
			}
		}
		return at(syntaxError(file, m[2]), line, firstNonSpace(data, line))
	}
	if strings.Contains(msg, "exceeded max depth") {
		line, col := deepest(data)
		return at(Errorf(file, "values are nested more than %d levels deep", maxDepth), line, col)
	}
	return at(syntaxError(file, strings.TrimPrefix(msg, "yaml: ")), 1, 1)
}

// syntaxError says what the YAML library's problem means for someone editing a govplan file
// and what to do about it (each message is translated); a problem not listed keeps the
// library's English words.
func syntaxError(file, problem string) *Error {
	switch problem {
	case "found unexpected end of stream":
		return Errorf(file, "YAML syntax: the file ends inside quoted text: a quote opened above is not closed")
	case "mapping values are not allowed in this context":
		return Errorf(file, "YAML syntax: a ':' where none is expected: check the indentation of this line and the one above (a key with a value on its own line cannot also have keys under it), or put a value that contains \": \" in quotes")
	case "did not find expected key":
		return Errorf(file, "YAML syntax: something here is not where a key is expected: check the indentation against the keys above, that list items start with \"- \", and that nothing follows a quoted value or a closing bracket")
	case "could not find expected ':'":
		return Errorf(file, "YAML syntax: a key without ':': write \"key: value\", or put a text that runs over several lines in quotes")
	case "did not find expected '-' indicator":
		return Errorf(file, "YAML syntax: a list item must start with \"- \" and line up with the items above it")
	case "did not find expected ',' or ']'":
		return Errorf(file, "YAML syntax: a list in [brackets] is not closed with ']', or its items are not separated by ','")
	case "did not find expected ',' or '}'":
		return Errorf(file, "YAML syntax: a mapping in {braces} is not closed with '}', or its entries are not separated by ','")
	case "found character that cannot start any token":
		return Errorf(file, "YAML syntax: a value cannot start with this character (such as @ or `): put the value in quotes")
	case "did not find expected node content":
		return Errorf(file, "YAML syntax: a value is missing or cannot start here: write the value, or put it in quotes")
	case "found unknown escape character":
		return Errorf(file, "YAML syntax: an unknown escape (a backslash) in double-quoted text: write \\\\ for one backslash, or use single quotes")
	case "block sequence entries are not allowed in this context":
		return Errorf(file, "YAML syntax: a list item (\"- \") where a value is expected: start the list on the next line, indented under its key")
	case "did not find expected comment or line break", "did not find expected whitespace or line break":
		return Errorf(file, "YAML syntax: more text after a quoted value on this line: put the whole value in quotes, or start a comment with \" #\"")
	case "found undefined tag handle", "did not find expected alphabetic or numeric character", "mapping keys are not allowed in this context":
		return Errorf(file, "YAML syntax: a value starts with a character YAML reserves (!, &, * or ?): put the value in quotes")
	case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
		return Errorf(file, "tab character in indentation; YAML indents with spaces only")
	}
	return Errorf(file, "YAML syntax: %s", problem)
}

// MaxNodes bounds the values (keys, items, mappings, lists) a file may hold. A country file
// holds a few thousand; the built-in catalog about ten thousand.
const MaxNodes = 250_000

// overNodes estimates the values of a YAML text from its separators (a flow comma or bracket,
// a "- " item, a "key:"), outside quoted strings and comments, and returns the offset where the
// count passes max; -1 when it never does. It overcounts separators inside block scalars,
// which is safe.
func overNodes(b []byte, max int) int {
	n := 0
	var quote byte
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if quote != 0 {
			switch {
			case c == '\\' && quote == '"':
				i++
			case c == quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '\n':
			lineStart = true
			continue
		case ' ', '\t':
			continue
		case '#':
			if i == 0 || b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
				i--
				continue
			}
		case '"', '\'':
			if i == 0 || strings.IndexByte(" \t\n[{,:-", b[i-1]) >= 0 {
				quote = c
			}
		case ',', '[', '{':
			n++
		case '-':
			if lineStart || i > 0 && b[i-1] == ' ' {
				if i+1 >= len(b) || b[i+1] == ' ' || b[i+1] == '\n' {
					n++
				}
			}
		case ':':
			if i+1 >= len(b) || b[i+1] == ' ' || b[i+1] == '\n' {
				n += 2
			}
		}
		lineStart = false
		if n > max {
			return i
		}
	}
	return -1
}

// maxDepth is the YAML parser's nesting limit.
const maxDepth = 10000

// deepest estimates where a file nests deepest (flow brackets plus block indentation), to
// place the parser's "too deep" error, which has no position of its own.
func deepest(b []byte) (int, int) {
	bestLine, bestCol, best := 1, 1, -1
	line, col, flow, indent := 1, 1, 0, 0
	atStart, inQuote := true, byte(0)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			line, col, atStart, indent = line+1, 1, true, 0
			if inQuote == '\'' {
				inQuote = 0
			}
			continue
		}
		if atStart && (c == ' ' || c == '-') {
			indent++
		} else {
			atStart = false
		}
		switch {
		case inQuote != 0:
			if c == inQuote && (c != '"' || i == 0 || b[i-1] != '\\') {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '[' || c == '{':
			flow++
		case c == ']' || c == '}':
			flow--
		}
		if d := flow + indent; d > best {
			best, bestLine, bestCol = d, line, col
		}
		if c < 0x80 || c >= 0xc0 {
			col++
		}
	}
	return bestLine, bestCol
}

// utf16Like reports text that is UTF-16 without a byte-order mark: NUL bytes in every other
// position of its start.
func utf16Like(b []byte) bool {
	n := min(len(b), 64) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	return even*4 >= n*3/2 || odd*4 >= n*3/2
}

// firstControl finds the first character YAML does not allow in a file (C0 controls other
// than tab, line feed and carriage return; DEL; C1 controls other than NEL), as its byte
// offset and rune; -1 when there is none. data must be valid UTF-8.
func firstControl(b []byte) (int, rune) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return i, rune(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x80 && r <= 0x9f && r != 0x85 || r == 0xfffe || r == 0xffff {
			return i, r
		}
		i += size
	}
	return -1, 0
}

// at places e at a line and column.
func at(e *Error, line, col int) *Error {
	e.Line, e.Col = line, col
	return e
}

func findAlias(n *yaml.Node, depth int) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	if depth > 10000 {
		return nil
	}
	for _, c := range n.Content {
		if a := findAlias(c, depth+1); a != nil {
			return a
		}
	}
	return nil
}

// cleanScalars removes terminal escape sequences and control characters that a quoted string
// can spell ("\e]0;title\a", "\x1b[2J", "\u009b"), from every key and value, so no text of a
// file reaches a terminal, a TUI screen or an export raw. Line feeds and tabs stay.
func cleanScalars(root *yaml.Node) {
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.ScalarNode {
			n.Value = termtext.Clean(n.Value)
		}
		stack = append(stack, n.Content...)
	}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// lineCol turns a byte offset into a 1-based line and column (columns count runes).
func lineCol(b []byte, off int) (int, int) {
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(b[start:off])
}

// tabIndent finds the first tab inside a line's leading whitespace, up to line upTo.
func tabIndent(b []byte, upTo int) (int, int, bool) {
	for i, line := range strings.SplitN(string(b), "\n", upTo+1) {
		if i >= upTo {
			break
		}
		for j, r := range line {
			if r == ' ' {
				continue
			}
			if r == '\t' && strings.TrimSpace(line) != "" {
				return i + 1, j + 1, true
			}
			break
		}
	}
	return 0, 0, false
}

func firstNonSpace(b []byte, line int) int {
	lines := strings.Split(string(b), "\n")
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	return 1 + len(l) - len(strings.TrimLeft(l, " "))
}

// Errorf returns an error positioned at node n of d. format is the English message (a string
// literal, so that the test of the message catalogs finds it).
func (d *Doc) Errorf(n *yaml.Node, format string, args ...any) *Error {
	e := &Error{File: d.File, Msg: fmt.Sprintf(format, args...), Format: format, Args: args}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	return e
}

// Find walks path from the root: a string selects a mapping key (matched exactly, then without
// regard to case), an int a sequence item. It returns the deepest node reached, so a problem
// with a missing key is reported at its parent.
func (d *Doc) Find(path ...any) *yaml.Node {
	n, _ := d.find(d.Root, path, false)
	return n
}

// FindKey is Find, but for a final string element it returns the key node instead of the value.
func (d *Doc) FindKey(path ...any) *yaml.Node {
	n, _ := d.find(d.Root, path, true)
	return n
}

// Exists reports whether every element of path is present.
func (d *Doc) Exists(path ...any) bool {
	_, ok := d.find(d.Root, path, false)
	return ok
}

func (d *Doc) find(n *yaml.Node, path []any, key bool) (*yaml.Node, bool) {
	for i, p := range path {
		switch p := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return n, false
			}
			k, v := d.mapEntry(n, p)
			if v == nil {
				return n, false
			}
			if key && i == len(path)-1 {
				return k, true
			}
			n = v
		case int:
			if n.Kind != yaml.SequenceNode || p < 0 || p >= len(n.Content) {
				return n, false
			}
			n = n.Content[p]
		default:
			return n, false
		}
	}
	return n, true
}

// MapEntry returns the key and value nodes of key in mapping m, matched exactly first and then
// without regard to case; nil, nil when absent.
func MapEntry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// Problem is a finding of a validator, addressed by its path in the file. Msg is the message
// in English; Format and Args, when set (Add, Warn, AddKey, WarnKey do), let it be shown in
// another language (In, and the Error that Locate makes of it).
type Problem struct {
	Path    []any
	Msg     string
	Warning bool
	AtKey   bool // point at the key of the last path element rather than its value
	Format  string
	Args    []any
}

// Problems is a validator's list of findings.
type Problems []Problem

// HasErrors reports whether any problem is an error (not a warning).
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Add appends an error at path. format is the English message (a string literal, so that
// the test of the message catalogs finds it).
func (ps *Problems) Add(path []any, format string, args ...any) {
	*ps = append(*ps, Problem{Path: clonePath(path), Msg: fmt.Sprintf(format, args...), Format: format, Args: args})
}

// Warn appends a warning at path.
func (ps *Problems) Warn(path []any, format string, args ...any) {
	*ps = append(*ps, Problem{Path: clonePath(path), Msg: fmt.Sprintf(format, args...), Format: format, Args: args, Warning: true})
}

// AddKey appends an error pointing at the key of path's last element (a key that should not
// be there) rather than at its value.
func (ps *Problems) AddKey(path []any, format string, args ...any) {
	*ps = append(*ps, Problem{Path: clonePath(path), Msg: fmt.Sprintf(format, args...), Format: format, Args: args, AtKey: true})
}

// WarnKey appends a warning pointing at the key of path's last element.
func (ps *Problems) WarnKey(path []any, format string, args ...any) {
	*ps = append(*ps, Problem{Path: clonePath(path), Msg: fmt.Sprintf(format, args...), Format: format, Args: args, AtKey: true, Warning: true})
}

func clonePath(p []any) []any { return append([]any(nil), p...) }

// Locate turns problems into positioned errors of d.
func (d *Doc) Locate(ps Problems) Errors {
	out := make(Errors, 0, len(ps))
	for _, p := range ps {
		var n *yaml.Node
		if p.AtKey {
			n = d.FindKey(p.Path...)
		} else {
			n = d.Find(p.Path...)
		}
		e := &Error{File: d.File, Msg: p.Msg, Format: p.Format, Args: p.Args, Warning: p.Warning}
		if n != nil {
			e.Line, e.Col = n.Line, n.Column
		}
		out = append(out, e)
	}
	return out
}

// PathString renders a path as dotted text for messages ("answers.x[2].level").
func PathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}

// unclosedQuote finds where the quoted text that runs to the end of the file opens: the last
// quote that starts a value (at the start of a line's text, after ": ", "- " or "? ", or
// after "[", "{" or ",") and is never closed. Comments and block scalars (| and >) are skipped. Its line and
// column count from 1, the column in characters.
func unclosedQuote(b []byte) (line, col int, ok bool) {
	var quote rune       // the quote of the text being read, 0 outside quoted text
	var openL, openC int // where it opened
	block := -1          // indentation of the key of the block scalar being skipped, -1 outside one
	for i, text := range strings.Split(string(b), "\n") {
		if block >= 0 {
			if t := strings.TrimLeft(text, " "); t == "" || len(text)-len(t) > block {
				continue
			}
			block = -1
		}
		indent := len(text) - len(strings.TrimLeft(text, " "))
		var prev rune // the last character that is not a space, outside quoted text
		c := 0
		rs := []rune(text)
		for k := 0; k < len(rs); k++ {
			r := rs[k]
			c++
			switch {
			case quote == '"' && r == '\\':
				k++
				c++
			case quote == '\'' && r == '\'' && k+1 < len(rs) && rs[k+1] == '\'':
				k++
				c++
			case quote != 0 && r == quote:
				quote = 0
				prev = r
			case quote != 0:
			case r == '#' && (k == 0 || rs[k-1] == ' '):
				k = len(rs)
			case (r == '"' || r == '\'') && (prev == 0 || strings.ContainsRune("[{,", prev) || strings.ContainsRune(":-?", prev) && rs[k-1] == ' '):
				quote, openL, openC = r, i+1, c
			case r != ' ':
				prev = r
			}
		}
		if quote == 0 {
			if blockHeader.MatchString(strings.TrimRight(text, " ")) {
				block = indent
			}
		}
	}
	return openL, openC, quote != 0
}

// blockHeader matches a line that ends in a block scalar's header with its modifiers ("|-",
// ">+2").
var blockHeader = regexp.MustCompile(`(^ *|[:-] )[|>][-+0-9]*( +#.*)?$`)
