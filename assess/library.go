package assess

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/templates"
	"go.yaml.in/yaml/v3"
)

// embeddedFile is one built-in framework: its id and version, read from the file's top-level
// lines without parsing it, and the framework, parsed on first use. A command that scores
// with one framework parses only that one (each is 150-200 KB of YAML, ≈15 ms).
type embeddedFile struct {
	file        templates.File
	id, version string
	once        sync.Once
	fw          *Framework
	err         error
}

var embeddedFiles = sync.OnceValue(func() []*embeddedFile {
	var out []*embeddedFile
	for _, f := range templates.Frameworks() {
		id, version := header(f.Data)
		out = append(out, &embeddedFile{file: f, id: ident.Norm(id), version: version})
	}
	return out
})

func (e *embeddedFile) framework() (*Framework, error) {
	e.once.Do(func() {
		e.fw, e.err = ParseFramework(e.file.Path, e.file.Data)
		if e.err != nil {
			e.err = fmt.Errorf("built-in framework %s is broken: %w", e.file.Name, e.err)
		}
	})
	return e.fw, e.err
}

// header reads the top-level id and version of a framework template from its lines (a plain
// or quoted scalar after "id:" and "version:" at the start of a line). TestEmbeddedHeaders
// checks it agrees with the full parse for every built-in framework.
func header(data []byte) (id, version string) {
	for line := range strings.Lines(string(data)) {
		k, v, ok := strings.Cut(strings.TrimRight(line, "\r\n"), ":")
		if !ok || (k != "id" && k != "version") {
			continue
		}
		var val string
		if err := yaml.Unmarshal([]byte("v:"+v), &struct {
			V *string `yaml:"v"`
		}{&val}); err != nil {
			continue
		}
		if k == "id" && id == "" {
			id = val
		} else if k == "version" && version == "" {
			version = val
		}
	}
	return id, version
}

// Embedded returns the built-in frameworks, each parsed once, in file name order.
func Embedded() ([]*Framework, error) {
	var list []*Framework
	for _, e := range embeddedFiles() {
		fw, err := e.framework()
		if err != nil {
			return nil, err
		}
		list = append(list, fw)
	}
	return list, nil
}

// IsPath reports whether a --framework value names a file rather than an embedded id.
func IsPath(spec string) bool {
	return strings.ContainsAny(spec, `/\`) || strings.HasSuffix(spec, ".yaml") || strings.HasSuffix(spec, ".yml")
}

// SplitRef splits "id@version" (the version may be empty).
func SplitRef(ref string) (id, version string) {
	id, version, _ = strings.Cut(strings.TrimSpace(ref), "@")
	return ident.Norm(id), strings.TrimSpace(version)
}

// Resolve finds a framework by a --framework value: a path to a template file, or an embedded
// id, optionally with @version. An embedded id with another version than asked is returned
// with versionMismatch set, so callers can warn and score what the two share.
func Resolve(spec string) (fw *Framework, versionMismatch bool, err error) {
	if IsPath(spec) {
		fw, err := LoadFramework(spec)
		return fw, false, err
	}
	id, version := SplitRef(spec)
	var ids []string
	var same []*embeddedFile
	for _, e := range embeddedFiles() {
		ids = append(ids, e.id+"@"+e.version)
		if e.id != id {
			continue
		}
		if version != "" && e.version == version {
			fw, err := e.framework()
			return fw, false, err
		}
		same = append(same, e)
	}
	if len(same) == 0 {
		return nil, false, fmt.Errorf("unknown framework %q; built-in frameworks: %s (or give the path of a template file)", spec, strings.Join(ids, ", "))
	}
	sort.SliceStable(same, func(i, j int) bool { return VersionLess(same[i].version, same[j].version) })
	if version == "" {
		fw, err := same[len(same)-1].framework() // the newest
		return fw, false, err
	}
	// Another version asked: the nearest embedded one, the newest not above it, else the oldest.
	pick := same[0]
	for _, e := range same {
		if !VersionLess(version, e.version) {
			pick = e
		}
	}
	fw, err = pick.framework()
	return fw, err == nil, err
}

// VersionLess compares dotted version numbers ("1.0.0" < "1.1.0" < "1.10.0"); parts that are
// not numbers compare as text.
func VersionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y string
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x == y {
			continue
		}
		nx, ex := strconv.Atoi(x)
		ny, ey := strconv.Atoi(y)
		if ex == nil && ey == nil {
			return nx < ny
		}
		return x < y
	}
	return false
}

// BuiltinVersions lists the embedded versions of framework id, oldest first ("1.0.0, 1.1.0").
func BuiltinVersions(id string) string {
	var vs []string
	for _, e := range embeddedFiles() {
		if e.id == ident.Norm(id) {
			vs = append(vs, e.version)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return VersionLess(vs[i], vs[j]) })
	return strings.Join(vs, ", ")
}
