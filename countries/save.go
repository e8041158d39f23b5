package countries

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/yamledit"
	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// ErrChangedOnDisk is returned by Save when the file on disk is no longer what was loaded or
// last saved (another editor or another govplan wrote it). Nothing is written; reload first.
var ErrChangedOnDisk = errors.New("the file changed on disk since it was opened; reload it before saving")

// ErrNoPath is returned by Save for a document that has no file (an embedded sample).
var ErrNoPath = errors.New("this is an embedded sample; save a copy first (govplan init or --sample with -o)")

// Set changes the value at path in the file's text and re-reads it. value is a Go value (or a
// *yaml.Node). The change is only in memory until Save.
func (d *Doc) Set(path []any, value any) error {
	return d.apply(func(src []byte) ([]byte, error) { return yamledit.Set(src, path, value) })
}

// Delete removes the entry at path.
func (d *Doc) Delete(path []any) error {
	return d.apply(func(src []byte) ([]byte, error) { return yamledit.Delete(src, path) })
}

// Append adds value to the end of the list at path.
func (d *Doc) Append(path []any, value any) error {
	return d.apply(func(src []byte) ([]byte, error) { return yamledit.Append(src, path, value) })
}

// SetAnswer replaces the answers to indicator id: none writes "{}" (not answered), one a single
// mapping on one line, several a list with one line per ministry.
func (d *Doc) SetAnswer(id string, answers assess.Answers) error {
	n, err := AnswerNode(answers)
	if err != nil {
		return err
	}
	return d.Set([]any{"answers", ident.Norm(id)}, n)
}

// SetAnswerBy sets ministry by's answer to indicator id (nil removes it) and leaves every
// other ministry's answer as written: in a list only that ministry's line changes. The
// answer's By is set to by.
func (d *Doc) SetAnswerBy(id, by string, a *assess.Answer) error {
	id, by = ident.Norm(id), ident.Norm(by)
	cur := d.File.Answers[id]
	idx := -1
	for i, x := range cur {
		if x.By == by {
			idx = i
		}
	}
	var node *yaml.Node
	if a != nil {
		x := *a
		x.By = by
		n, err := flowNode(x)
		if err != nil {
			return err
		}
		node, a = n, &x
	}
	if len(cur) >= 2 {
		switch {
		case idx >= 0 && a != nil:
			return d.Set([]any{"answers", id, idx}, node)
		case idx >= 0:
			return d.Delete([]any{"answers", id, idx})
		case a != nil:
			return d.Append([]any{"answers", id}, node)
		}
		return nil
	}
	var next assess.Answers
	for _, x := range cur {
		if x.By != by && !(x.Empty() && x.By == "" && x.Evidence == "" && x.Notes == "" && x.Source == "") {
			next = append(next, x)
		}
	}
	if a != nil {
		next = append(next, *a)
	}
	return d.SetAnswer(id, next)
}

// AnswerNode renders answers as they are written in a country file.
func AnswerNode(answers assess.Answers) (*yaml.Node, error) {
	switch len(answers) {
	case 0:
		return &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}, nil
	case 1:
		return flowNode(answers[0])
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, a := range answers {
		n, err := flowNode(a)
		if err != nil {
			return nil, err
		}
		seq.Content = append(seq.Content, n)
	}
	return seq, nil
}

// FlowNode renders v as a one-line YAML flow mapping ({a: 1, b: x}).
func FlowNode(v any) (*yaml.Node, error) { return flowNode(v) }

func flowNode(v any) (*yaml.Node, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	n.Style = yaml.FlowStyle
	plainNumbers(&n)
	return &n, nil
}

// plainNumbers writes numbers the way people type them: 1500000 rather than the encoder's
// 1.5e+06, and 0.75 as it is.
func plainNumbers(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" {
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			n.Value = strconv.FormatFloat(f, 'f', -1, 64)
			if f == math.Trunc(f) && math.Abs(f) < 1e15 {
				n.Tag = "!!int"
			}
		}
	}
	for _, c := range n.Content {
		plainNumbers(c)
	}
}

func (d *Doc) apply(edit func([]byte) ([]byte, error)) error {
	if d.settled {
		return ErrSettled
	}
	out, err := edit(d.src)
	if err != nil {
		return err
	}
	nd, err := Parse(d.Name, out)
	if err != nil {
		return fmt.Errorf("the change would make the file invalid, so it was not made: %w", err)
	}
	d.File, d.yaml, d.src, d.Warnings = nd.File, nd.yaml, out, nd.Warnings
	return nil
}

// Replace swaps the whole text for src (an undo), keeping the file's path and what was last
// read from disk. src must parse; the change is only in memory until Save.
func (d *Doc) Replace(src []byte) error {
	return d.apply(func([]byte) ([]byte, error) { return append([]byte(nil), src...), nil })
}

// Dirty reports whether the text differs from what is on disk (as last read or written).
func (d *Doc) Dirty() bool { return sha256.Sum256(d.src) != d.hash }

// ChangedOnDisk reports whether the file on disk differs from what was loaded or last saved.
func (d *Doc) ChangedOnDisk() (bool, error) {
	if d.Path == "" {
		return false, nil
	}
	cur, err := os.ReadFile(d.Path)
	if err != nil {
		if os.IsNotExist(err) {
			return true, nil
		}
		return false, err
	}
	return sha256.Sum256(cur) != d.hash, nil
}

// Save writes the file atomically (temporary file, flush, rename). It refuses with
// ErrChangedOnDisk when someone else changed the file since it was read.
func (d *Doc) Save() error {
	if d.Path == "" {
		return ErrNoPath
	}
	if d.settled {
		return ErrSettled
	}
	changed, err := d.ChangedOnDisk()
	if err != nil {
		return err
	}
	if changed {
		return ErrChangedOnDisk
	}
	if !d.Dirty() {
		return nil
	}
	// The check runs again under the folder's lock right before the rename: between the check
	// above and the rename another writer (a second govplan, the TUI, a server) may have saved.
	err = atomicfile.WriteWith(d.Path, atomicfile.Options{Perm: d.mode, MaxCheckSize: 2 * yamlx.MaxFileSize,
		Check: func(cur []byte, exists bool) error {
			if !exists || sha256.Sum256(cur) != d.hash {
				return ErrChangedOnDisk
			}
			return nil
		}}, func(w io.Writer) error {
		_, err := w.Write(d.src)
		return err
	})
	if errors.Is(err, ErrChangedOnDisk) {
		return err
	}
	if err != nil {
		return fmt.Errorf("saving %s: %w", d.Path, err)
	}
	d.hash = sha256.Sum256(d.src)
	return nil
}

// SaveAs writes the document to a new path atomically and makes that its file. An existing
// file there is only replaced when overwrite is true.
func (d *Doc) SaveAs(path string, overwrite bool) error {
	if d.settled {
		return ErrSettled
	}
	errExists := fmt.Errorf("%s already exists; choose another name", path)
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return errExists
		}
	}
	o := atomicfile.Options{Perm: 0o644}
	if !overwrite {
		// Checked again under the lock, right before the rename.
		o.Check = func(_ []byte, exists bool) error {
			if exists {
				return errExists
			}
			return nil
		}
	}
	if err := atomicfile.WriteWith(path, o, func(w io.Writer) error {
		_, err := w.Write(d.src)
		return err
	}); err != nil {
		return err
	}
	d.Path, d.Name = path, path
	d.hash = sha256.Sum256(d.src)
	return nil
}

// Reload reads the file from disk again, dropping unsaved changes.
func (d *Doc) Reload() error {
	nd, err := Load(d.Path)
	if err != nil {
		return err
	}
	*d = *nd
	return nil
}

// Equal reports whether two documents hold the same text.
func (d *Doc) Equal(o *Doc) bool { return bytes.Equal(d.src, o.src) }
