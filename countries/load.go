package countries

import (
	"crypto/sha256"
	"errors"
	"os"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Doc is a loaded country file: its decoded content, its source and where it lives.
type Doc struct {
	// Path is the file on disk; empty for an embedded sample.
	Path string
	// Name is how messages name the file (the path, or "sample:<name>").
	Name string
	File *File
	// Warnings are problems that do not stop the file from being used.
	Warnings yamlx.Errors

	src  []byte
	yaml *yamlx.Doc
	hash [32]byte // of the bytes last read from or written to disk
	mode os.FileMode
	// settled is set by Settle: src and yaml are gone.
	settled bool
}

// Src returns the file's current source text (nil once settled).
func (d *Doc) Src() []byte { return d.src }

// Sum is the SHA-256 of the text last read from or written to disk: two reads of a file with
// the same sum read the same text.
func (d *Doc) Sum() [32]byte { return d.hash }

// ErrSettled is returned when a settled document is edited or saved.
var ErrSettled = errors.New("the file was read for reading only; load it again to change it")

// Settle frees what a document needs only to be edited, saved or to place a problem on a line:
// its source text and parsed YAML, about ten times the file's size in memory. It is for a
// document that is only read from then on (a compared country, planned for the portfolio). Problems
// found afterwards name the file without a line; editing or saving returns ErrSettled.
func (d *Doc) Settle() {
	d.src, d.settled = nil, true
	d.yaml = &yamlx.Doc{File: d.Name, Root: &yaml.Node{Kind: yaml.MappingNode}}
}

// Parse decodes and checks a country file's text on its own (without a framework). name is
// used in messages.
func Parse(name string, data []byte) (*Doc, error) {
	y, err := yamlx.Parse(name, data, yamlx.Msgf("a country file (schema, country, assessment, ...)"))
	if err != nil {
		return nil, err
	}
	f := &File{}
	if err := y.Decode(f); err != nil {
		return nil, err
	}
	f.normalize()
	errs := y.Locate(f.validate())
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &Doc{Name: name, File: f, Warnings: errs.Only(true), src: data, yaml: y, hash: sha256.Sum256(data)}, nil
}

// Load reads and checks a country file from disk.
func Load(path string) (*Doc, error) {
	data, err := yamlx.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	d.Path = path
	if st, err := os.Stat(path); err == nil {
		d.mode = st.Mode().Perm()
	}
	return d, nil
}

// Locate positions problems found by validators in this file.
func (d *Doc) Locate(ps yamlx.Problems) yamlx.Errors { return d.yaml.Locate(ps) }

// Framework finds the framework to score the file with: override (a --framework value) when
// given, else the one the file names. A different id is an error; the same id with another
// version is used with a warning that lists the answers it cannot score.
func (d *Doc) Framework(override string) (*assess.Framework, error) {
	spec := override
	if spec == "" {
		spec = d.File.Assessment.Framework
	}
	fw, mismatch, err := assess.Resolve(spec)
	if err != nil {
		if override == "" {
			e := d.yaml.Errorf(d.yaml.Find("assessment", "framework"), "%v", err)
			return nil, e
		}
		return nil, err
	}
	return d.FrameworkResolved(override, fw, mismatch)
}

// FrameworkResolved is Framework for an override already resolved (fw and mismatch are what
// assess.Resolve(override) returned), so that many files share one framework read once: a
// template file given with --framework is otherwise parsed again, and kept, for each file.
func (d *Doc) FrameworkResolved(override string, fw *assess.Framework, mismatch bool) (*assess.Framework, error) {
	fileID, fileVersion := assess.SplitRef(d.File.Assessment.Framework)
	if mismatch && override != "" {
		// A version asked for on the command line is never quietly replaced by another one
		// (init and import refuse it the same way); only the file's own reference falls back.
		return nil, yamlx.Errorf("", "framework %s is built in at version %s only", override, assess.BuiltinVersions(fw.ID))
	}
	if fw.ID != fileID {
		return nil, d.yaml.Errorf(d.yaml.Find("assessment", "framework"),
			"this file was assessed with framework %q, not %q; give a template of the same framework", fileID, fw.ID)
	}
	if fileVersion != "" && fileVersion != fw.Version {
		_ = mismatch
		var missing []string
		for _, id := range d.File.AnswerIDs() {
			if fw.Indicator(id) == nil && len(d.File.Answers[id].Given()) > 0 {
				missing = append(missing, id)
			}
		}
		at := d.yaml.Find("assessment", "framework")
		var e *yamlx.Error
		if len(missing) > 0 {
			e = d.yaml.Errorf(at, "file names %s@%s, scoring with %s; only the indicators both versions share are scored; not in %s: %s",
				fileID, fileVersion, fw.Ref(), fw.Version, strings.Join(missing, ", "))
		} else {
			e = d.yaml.Errorf(at, "file names %s@%s, scoring with %s; only the indicators both versions share are scored", fileID, fileVersion, fw.Ref())
		}
		e.Warning = true
		d.Warnings = append(d.Warnings, e)
	}
	return fw, nil
}

// Check validates the file against fw. Errors stop the caller; warnings are added to
// d.Warnings (answers to indicators fw does not have are kept and reported).
func (d *Doc) Check(fw *assess.Framework) error {
	errs := d.yaml.Locate(d.File.ValidateWith(fw))
	d.Warnings = append(d.Warnings, errs.Only(true)...)
	return errs.Err()
}

// Score scores the file with fw.
func (d *Doc) Score(fw *assess.Framework) *assess.Scorecard {
	return assess.Score(fw, d.File.Answers, &d.File.Targets)
}

// Open loads a country file and its framework and checks one against the other.
func Open(path, frameworkOverride string) (*Doc, *assess.Framework, error) {
	d, err := Load(path)
	if err != nil {
		return nil, nil, err
	}
	return d.withFramework(frameworkOverride)
}

func (d *Doc) withFramework(override string) (*Doc, *assess.Framework, error) {
	fw, err := d.Framework(override)
	if err != nil {
		return nil, nil, err
	}
	if err := d.Check(fw); err != nil {
		return nil, nil, err
	}
	return d, fw, nil
}

// CheckCatalog validates the file's needs against the catalog (use cases, custom use cases'
// blocks, services, inventory).
func (d *Doc) CheckCatalog(cat *catalog.Catalog) error {
	errs := d.yaml.Locate(cat.CheckNeeds(d.File.Needs()))
	d.Warnings = append(d.Warnings, errs.Only(true)...)
	return errs.Err()
}

// CheckGates checks that the framework's gates and raised_by name blocks of the catalog
// (positioned in the framework file). Every path that plans runs it.
func CheckGates(fw *assess.Framework, cat *catalog.Catalog) error {
	return fw.CheckGateBlocks(func(id string) bool { return cat.Block(id) != nil }, strings.Join(cat.BlockIDs(), ", "))
}

// appendUniqueErrs appends the errors of add that list does not hold yet (in linear time: a
// replan adds its warnings again, and a file can have tens of thousands).
func appendUniqueErrs(list, add yamlx.Errors) yamlx.Errors {
	if len(add) == 0 {
		return list
	}
	seen := make(map[string]bool, len(list))
	for _, x := range list {
		seen[x.Error()] = true
	}
	for _, e := range add {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			list = append(list, e)
		}
	}
	return list
}
