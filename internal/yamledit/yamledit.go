// Package yamledit changes one entry of a YAML file by rewriting only the lines of that entry,
// so comments, blank lines, key order and every untouched value stay byte-identical and a
// change is a one-hunk diff. It works on block-style YAML (what people and govplan write);
// where a container is written in flow style it rewrites the nearest block-style entry whole.
// Every edit is checked by parsing the result again.
package yamledit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Set sets the value at path (mapping keys, matched exactly then without regard to case; ints
// index sequences) to value, creating missing mappings on the way. value is any Go value yaml
// can encode, or a *yaml.Node. When a mapping replaces a mapping, the file's key order, its
// style (block or flow), its comments and the way unchanged values are written stay as they
// were: keys it no longer has go, a new key goes after the one before it in value.
func Set(src []byte, path []any, value any) ([]byte, error) {
	return edit(src, path, func(parent, key, old *yaml.Node) (*yaml.Node, error) {
		n, err := toNode(value)
		if err != nil {
			return nil, err
		}
		return keepLayout(old, n), nil
	}, opSet)
}

// keepLayout returns nw laid out as old was: a mapping keeps old's key order, style and
// comments; a value equal to the old one is the old node as written (quotes, number form); a
// changed string keeps old's quoting. nw itself is not changed.
func keepLayout(old, nw *yaml.Node) *yaml.Node {
	if old == nil || nw == nil {
		return nw
	}
	if old.Kind == yaml.DocumentNode || nw.Kind == yaml.DocumentNode || old.Kind == yaml.AliasNode || old.Anchor != "" {
		return nw
	}
	if old.Kind != nw.Kind {
		return nw
	}
	switch nw.Kind {
	case yaml.ScalarNode:
		if sameNode(old, nw) == nil && old.ShortTag() == nw.ShortTag() {
			return old
		}
		out := *nw
		if old.ShortTag() == "!!str" && nw.ShortTag() == "!!str" && out.Style == 0 {
			// A block scalar (| or >) stays one only while the text has several lines.
			if multi := strings.Contains(nw.Value, "\n"); multi == (old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
				out.Style = old.Style
			}
		}
		if out.LineComment == "" {
			out.LineComment = old.LineComment
		}
		return &out
	case yaml.MappingNode:
		if len(nw.Content) == 0 && len(old.Content) > 0 {
			return nw
		}
		out := *old
		out.Content = nil
		used := make([]bool, len(nw.Content)/2)
		for i := 0; i+1 < len(old.Content); i += 2 {
			k := old.Content[i]
			for j := 0; j+1 < len(nw.Content); j += 2 {
				if !used[j/2] && nw.Content[j].Value == k.Value {
					used[j/2] = true
					out.Content = append(out.Content, k, keepLayout(old.Content[i+1], nw.Content[j+1]))
					break
				}
			}
		}
		// A new key goes after the key that comes before it in nw (first when none does).
		for j := 0; j+1 < len(nw.Content); j += 2 {
			if used[j/2] {
				continue
			}
			at := 0
			for p := j - 2; p >= 0 && at == 0; p -= 2 {
				for i := 0; i+1 < len(out.Content); i += 2 {
					if out.Content[i].Value == nw.Content[p].Value {
						at = i + 2
						break
					}
				}
			}
			out.Content = append(out.Content[:at], append([]*yaml.Node{nw.Content[j], nw.Content[j+1]}, out.Content[at:]...)...)
		}
		return &out
	case yaml.SequenceNode:
		if len(old.Content) != len(nw.Content) {
			out := *nw
			if len(nw.Content) > 0 && len(old.Content) > 0 {
				out.Style = old.Style
			}
			return &out
		}
		out := *old
		out.Content = make([]*yaml.Node, len(nw.Content))
		for i := range nw.Content {
			out.Content[i] = keepLayout(old.Content[i], nw.Content[i])
		}
		return &out
	}
	return nw
}

// Delete removes the entry at path (a mapping key or a sequence item). Deleting what is not
// there is not an error.
func Delete(src []byte, path []any) ([]byte, error) {
	return edit(src, path, nil, opDelete)
}

// Append adds value as the last item of the sequence at path, creating it when absent.
func Append(src []byte, path []any, value any) ([]byte, error) {
	return edit(src, path, func(parent, key, old *yaml.Node) (*yaml.Node, error) {
		return toNode(value)
	}, opAppend)
}

type op int

const (
	opSet op = iota
	opDelete
	opAppend
)

func toNode(v any) (*yaml.Node, error) {
	if n, ok := v.(*yaml.Node); ok {
		return n, nil
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	return &n, nil
}

// doc is a parsed source with line offsets.
type doc struct {
	src   []byte
	lines []int // byte offset where each line (0-based) starts; one extra = len(src)
	root  *yaml.Node
}

func parse(src []byte) (*doc, error) {
	var d yaml.Node
	if err := yaml.Unmarshal(src, &d); err != nil {
		return nil, err
	}
	dc := &doc{src: src}
	dc.lines = append(dc.lines, 0)
	for i, b := range src {
		if b == '\n' {
			dc.lines = append(dc.lines, i+1)
		}
	}
	if dc.lines[len(dc.lines)-1] != len(src) {
		dc.lines = append(dc.lines, len(src))
	}
	if len(d.Content) > 0 {
		dc.root = d.Content[0]
	}
	return dc, nil
}

func (dc *doc) nLines() int { return len(dc.lines) - 1 }

func (dc *doc) line(i int) string { // 0-based, without newline
	if i < 0 || i >= dc.nLines() {
		return ""
	}
	return strings.TrimRight(string(dc.src[dc.lines[i]:dc.lines[i+1]]), "\r\n")
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func blankOrComment(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || strings.HasPrefix(t, "#")
}

// entry is a block-style mapping entry or sequence item and the lines it spans.
type entry struct {
	first, last int // 0-based line span, inclusive
	indent      int // column (0-based) of the key or of the "-"
	seqItem     bool
}

// span finds the lines of the entry that starts at 0-based line first with its key (or dash)
// at 0-based column indent.
func (dc *doc) span(first, indent int, seqItem bool) entry {
	last := first
	for i := first + 1; i < dc.nLines(); i++ {
		l := dc.line(i)
		if blankOrComment(l) {
			continue
		}
		ind := indentOf(l)
		t := strings.TrimLeft(l, " ")
		if ind > indent || (!seqItem && ind == indent && (t == "-" || strings.HasPrefix(t, "- "))) {
			last = i
			continue
		}
		if t == "..." || t == "---" {
			break
		}
		break
	}
	return entry{first: first, last: last, indent: indent, seqItem: seqItem}
}

// mapEntrySpan returns the span of key k's entry in a block mapping (k must start its line).
func (dc *doc) mapEntrySpan(k *yaml.Node) (entry, bool) {
	l := dc.line(k.Line - 1)
	col := k.Column - 1
	if col > len(l) || strings.TrimSpace(l[:col]) != "" {
		// "- key: v" — a key that starts a sequence item shares the dash's line.
		pre := strings.TrimSpace(l[:min(col, len(l))])
		if pre != "-" {
			return entry{}, false
		}
	}
	return dc.span(k.Line-1, col, false), true
}

// itemSpan returns the span of a block sequence item whose content node is n.
func (dc *doc) itemSpan(n *yaml.Node) (entry, bool) {
	l := dc.line(n.Line - 1)
	col := n.Column - 1
	if col > len(l) {
		return entry{}, false
	}
	pre := l[:col]
	dash := strings.LastIndex(pre, "-")
	if dash < 0 || strings.TrimSpace(pre[:dash]) != "" && !strings.HasSuffix(strings.TrimSpace(pre[:dash]), "-") {
		return entry{}, false
	}
	// The first dash on the line starts this item (nested "- - x" is rare; handle the outer one).
	first := strings.Index(pre, "-")
	if strings.TrimSpace(pre[:first]) != "" {
		return entry{}, false
	}
	return dc.span(n.Line-1, first, true), true
}

// step is one level of a resolved path.
type step struct {
	container *yaml.Node // mapping or sequence holding the element
	key       *yaml.Node // mapping key node (nil for sequence items)
	value     *yaml.Node
	index     int // sequence index, or mapping pair index
}

func resolve(root *yaml.Node, path []any) ([]step, error) {
	var steps []step
	n := root
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if n == nil || n.Kind != yaml.MappingNode {
				return steps, nil
			}
			idx := -1
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					idx = i
					break
				}
			}
			if idx < 0 {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if strings.EqualFold(n.Content[i].Value, p) {
						idx = i
						break
					}
				}
			}
			if idx < 0 {
				return steps, nil
			}
			steps = append(steps, step{container: n, key: n.Content[idx], value: n.Content[idx+1], index: idx})
			n = n.Content[idx+1]
		case int:
			if n == nil || n.Kind != yaml.SequenceNode {
				return steps, nil
			}
			if p < 0 || p >= len(n.Content) {
				return nil, fmt.Errorf("item %d does not exist (the list has %d)", p, len(n.Content))
			}
			steps = append(steps, step{container: n, value: n.Content[p], index: p})
			n = n.Content[p]
		default:
			return nil, fmt.Errorf("bad path element %v", p)
		}
	}
	return steps, nil
}

func (dc *doc) isBlock(n *yaml.Node) bool {
	return n != nil && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0
}

func edit(src []byte, path []any, mk func(parent, key, old *yaml.Node) (*yaml.Node, error), o op) ([]byte, error) {
	if len(path) == 0 {
		return nil, errors.New("yamledit: empty path")
	}
	dc, err := parse(src)
	if err != nil {
		return nil, fmt.Errorf("the file does not parse: %w", err)
	}
	if dc.root == nil {
		dc.root = &yaml.Node{Kind: yaml.MappingNode}
	}
	if dc.root.Kind == yaml.MappingNode && dc.root.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("the file is written as one flow mapping ({...}); write it in block style to edit it")
	}
	steps, err := resolve(dc.root, path)
	if err != nil {
		return nil, err
	}
	// Build the new tree state on a copy so we can render the changed entry.
	var newVal *yaml.Node
	if o != opDelete {
		var old *yaml.Node
		if len(steps) == len(path) {
			old = steps[len(steps)-1].value
		}
		newVal, err = mk(nil, nil, old)
		if err != nil {
			return nil, err
		}
	}
	if o == opDelete && len(steps) < len(path) {
		return src, nil
	}
	out, err := dc.apply(steps, path, newVal, o)
	if err != nil {
		return nil, err
	}
	if err := verify(out, path, newVal, o); err != nil {
		return nil, fmt.Errorf("yamledit: the edit did not come out as intended (%v); the file was not changed", err)
	}
	return out, nil
}

// apply performs the edit as a text splice on the nearest block-style entry.
func (dc *doc) apply(steps []step, path []any, newVal *yaml.Node, o op) ([]byte, error) {
	found := len(steps) == len(path)
	switch {
	case found && o == opSet:
		last := steps[len(steps)-1]
		if last.key != nil && dc.isBlock(last.container) {
			if e, ok := dc.mapEntrySpan(last.key); ok {
				carryComment(last.value, newVal)
				return dc.replaceEntry(e, mappingOf(last.key, newVal), e.indent)
			}
		}
		if last.key == nil && dc.isBlock(last.container) {
			if e, ok := dc.itemSpan(last.value); ok {
				carryComment(last.value, newVal)
				return dc.replaceEntry(e, seqOf(newVal), e.indent)
			}
		}
		// Flow container: change the tree and re-render the nearest block entry above.
		if last.key != nil {
			last.container.Content[last.index+1] = newVal
		} else {
			last.container.Content[last.index] = newVal
		}
		return dc.rerender(steps[:len(steps)-1])
	case found && o == opDelete:
		last := steps[len(steps)-1]
		if dc.isBlock(last.container) {
			var e entry
			var ok bool
			if last.key != nil {
				e, ok = dc.mapEntrySpan(last.key)
			} else {
				e, ok = dc.itemSpan(last.value)
			}
			if ok {
				if (last.key != nil && len(last.container.Content) <= 2) || (last.key == nil && len(last.container.Content) == 1) {
					// Removing the only entry: re-render the parent with an empty container.
					return dc.removeOnly(steps)
				}
				return dc.splice(e.first, e.last, "")
			}
		}
		if last.key != nil {
			last.container.Content = append(last.container.Content[:last.index], last.container.Content[last.index+2:]...)
		} else {
			last.container.Content = append(last.container.Content[:last.index], last.container.Content[last.index+1:]...)
		}
		return dc.rerender(steps[:len(steps)-1])
	case found && o == opAppend:
		seq := steps[len(steps)-1].value
		if seq.Kind == yaml.ScalarNode && seq.ShortTag() == "!!null" {
			return dc.setMissing(steps, path, &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{newVal}})
		}
		if seq.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("%s is not a list", yamlx.PathString(path))
		}
		if dc.isBlock(seq) {
			lastItem := seq.Content[len(seq.Content)-1]
			if e, ok := dc.itemSpan(lastItem); ok {
				return dc.insertAfter(e.last, seqOf(newVal), e.indent)
			}
		}
		seq.Content = append(seq.Content, newVal)
		seq.Style = 0
		return dc.rerender(steps)
	default: // (part of) the path is missing: create it
		v := newVal
		if o == opAppend {
			v = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{newVal}}
		}
		return dc.setMissing(steps, path, v)
	}
}

// setMissing creates path[len(steps):] under the last existing step, holding v.
func (dc *doc) setMissing(steps []step, path []any, v *yaml.Node) ([]byte, error) {
	// Build the missing tail as nested mappings.
	tail := path[len(steps):]
	if len(tail) > 0 {
		for i := len(tail) - 1; i >= 1; i-- {
			k, ok := tail[i].(string)
			if !ok {
				return nil, fmt.Errorf("cannot create list item %v", tail[i])
			}
			v = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{keyNode(k), v}}
		}
	}
	var parent *yaml.Node
	if len(steps) == 0 {
		parent = dc.root
	} else {
		parent = steps[len(steps)-1].value
	}
	if len(tail) == 0 {
		// The final node exists but is null (append to a null list): replace it.
		last := steps[len(steps)-1]
		if last.key != nil && dc.isBlock(last.container) {
			if e, ok := dc.mapEntrySpan(last.key); ok {
				return dc.replaceEntry(e, mappingOf(last.key, v), e.indent)
			}
		}
		last.container.Content[last.index+1] = v
		return dc.rerender(steps[:len(steps)-1])
	}
	k, ok := tail[0].(string)
	if !ok {
		return nil, fmt.Errorf("cannot create list item %v", tail[0])
	}
	pair := mappingOf(keyNode(k), v)
	if parent.Kind == yaml.MappingNode && dc.isBlock(parent) {
		lastKey := parent.Content[len(parent.Content)-2]
		if e, ok := dc.mapEntrySpan(lastKey); ok {
			return dc.insertAfter(e.last, pair, e.indent)
		}
	}
	if parent == dc.root && len(parent.Content) == 0 {
		return dc.insertAfter(dc.nLines()-1, pair, 0)
	}
	if parent.Kind == yaml.ScalarNode && parent.ShortTag() == "!!null" || parent.Kind == yaml.MappingNode {
		m := parent
		if m.Kind != yaml.MappingNode {
			m = &yaml.Node{Kind: yaml.MappingNode}
		}
		if len(m.Content) == 0 {
			m.Style = 0
		}
		m.Content = append(m.Content, pair.Content...)
		if len(steps) == 0 {
			return nil, errors.New("cannot edit this file's top level")
		}
		last := steps[len(steps)-1]
		if last.key != nil {
			last.container.Content[last.index+1] = m
		} else {
			last.container.Content[last.index] = m
		}
		return dc.rerender(steps)
	}
	return nil, fmt.Errorf("%s is not a mapping", yamlx.PathString(path[:len(steps)]))
}

// rerender rewrites the entry at steps (its value already changed in the tree). With no steps
// it is the top level, which is always block style here.
func (dc *doc) rerender(steps []step) ([]byte, error) {
	for len(steps) > 0 {
		last := steps[len(steps)-1]
		if dc.isBlock(last.container) {
			if last.key != nil {
				if e, ok := dc.mapEntrySpan(last.key); ok {
					return dc.replaceEntry(e, mappingOf(last.key, last.container.Content[last.index+1]), e.indent)
				}
			} else if e, ok := dc.itemSpan(last.value); ok {
				return dc.replaceEntry(e, seqOf(last.container.Content[last.index]), e.indent)
			}
		}
		steps = steps[:len(steps)-1]
	}
	return nil, errors.New("cannot find a block-style entry to rewrite")
}

// removeOnly deletes the only entry of a container by emptying the container in place.
func (dc *doc) removeOnly(steps []step) ([]byte, error) {
	last := steps[len(steps)-1]
	if last.key != nil {
		last.container.Content = nil
		last.container.Style = yaml.FlowStyle
	} else {
		last.container.Content = nil
		last.container.Style = yaml.FlowStyle
	}
	if len(steps) == 1 {
		// Emptying the top level: splice out the entry's lines.
		e, ok := dc.mapEntrySpan(last.key)
		if !ok {
			return nil, errors.New("cannot find the entry")
		}
		return dc.splice(e.first, e.last, "")
	}
	return dc.rerender(steps[:len(steps)-1])
}

func keyNode(k string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
}

// mappingOf wraps one entry for rendering. The comments above and after the entry are not part
// of its lines (they stay in the file as they are), so the copies rendered drop them.
func mappingOf(k, v *yaml.Node) *yaml.Node {
	kc, vc := *k, *v
	kc.HeadComment, kc.FootComment, vc.FootComment = "", "", ""
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kc, &vc}}
}

func seqOf(v *yaml.Node) *yaml.Node {
	vc := *v
	vc.HeadComment, vc.FootComment = "", ""
	return &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{&vc}}
}

// carryComment keeps a line comment that sat on the old value when the new one has none.
func carryComment(old, nw *yaml.Node) {
	if old != nil && nw != nil && nw.LineComment == "" && old.LineComment != "" {
		if nw.Kind == yaml.ScalarNode || nw.Style&yaml.FlowStyle != 0 {
			nw.LineComment = old.LineComment
		}
	}
}

// render encodes n (a one-entry mapping or one-item sequence) indented by indent spaces.
func render(n *yaml.Node, indent int) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return "", err
	}
	enc.Close()
	text := strings.TrimRight(b.String(), "\n")
	pad := strings.Repeat(" ", indent)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "\n") + "\n", nil
}

func (dc *doc) replaceEntry(e entry, n *yaml.Node, indent int) ([]byte, error) {
	text, err := render(n, indent)
	if err != nil {
		return nil, err
	}
	return dc.splice(e.first, e.last, text)
}

func (dc *doc) insertAfter(line int, n *yaml.Node, indent int) ([]byte, error) {
	text, err := render(n, indent)
	if err != nil {
		return nil, err
	}
	at := 0
	if line >= 0 {
		at = dc.lines[line+1]
	}
	var out bytes.Buffer
	out.Write(dc.src[:at])
	if at > 0 && dc.src[at-1] != '\n' {
		out.WriteByte('\n')
	}
	out.WriteString(text)
	out.Write(dc.src[at:])
	return out.Bytes(), nil
}

// splice replaces lines first..last (inclusive, 0-based) with text (which ends in a newline).
func (dc *doc) splice(first, last int, text string) ([]byte, error) {
	start, end := dc.lines[first], dc.lines[last+1]
	var out bytes.Buffer
	out.Write(dc.src[:start])
	out.WriteString(text)
	if end == len(dc.src) && len(dc.src) > 0 && dc.src[len(dc.src)-1] != '\n' && text == "" {
		// Removing the last line of a file without a final newline: drop the dangling one.
		b := bytes.TrimSuffix(out.Bytes(), []byte("\n"))
		return append(b, dc.src[end:]...), nil
	}
	out.Write(dc.src[end:])
	return out.Bytes(), nil
}

// verify parses the result and checks the path holds what was set (or is gone).
func verify(out []byte, path []any, want *yaml.Node, o op) error {
	dc, err := parse(out)
	if err != nil {
		return err
	}
	if dc.root == nil {
		if o == opDelete {
			return nil
		}
		return errors.New("empty result")
	}
	steps, err := resolve(dc.root, path)
	if err != nil && o != opDelete {
		return err
	}
	switch o {
	case opDelete:
		return nil
	case opAppend:
		if len(steps) != len(path) {
			return errors.New("list missing")
		}
		seq := steps[len(steps)-1].value
		if seq.Kind != yaml.SequenceNode || len(seq.Content) == 0 {
			return errors.New("not a list")
		}
		return sameNode(seq.Content[len(seq.Content)-1], want)
	default:
		if len(steps) != len(path) {
			return errors.New("value missing")
		}
		return sameNode(steps[len(steps)-1].value, want)
	}
}

func sameNode(a, b *yaml.Node) error {
	var x, y any
	if err := a.Decode(&x); err != nil {
		return err
	}
	if err := b.Decode(&y); err != nil {
		return err
	}
	xa, _ := yaml.Marshal(x)
	ya, _ := yaml.Marshal(y)
	if !bytes.Equal(xa, ya) {
		return fmt.Errorf("got %s, want %s", strings.TrimSpace(string(xa)), strings.TrimSpace(string(ya)))
	}
	return nil
}
