package assess

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/templates"
)

var embedded struct {
	once sync.Once
	list []*Framework
	err  error
}

// Embedded returns the built-in frameworks, parsed once, in id order.
func Embedded() ([]*Framework, error) {
	embedded.once.Do(func() {
		for _, f := range templates.Frameworks() {
			fw, err := ParseFramework(f.Path, f.Data)
			if err != nil {
				embedded.err = fmt.Errorf("built-in framework %s is broken: %w", f.Name, err)
				return
			}
			embedded.list = append(embedded.list, fw)
		}
	})
	return embedded.list, embedded.err
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
	list, err := Embedded()
	if err != nil {
		return nil, false, err
	}
	var ids []string
	var same []*Framework
	for _, fw := range list {
		ids = append(ids, fw.Ref())
		if fw.ID != id {
			continue
		}
		if version != "" && fw.Version == version {
			return fw, false, nil
		}
		same = append(same, fw)
	}
	if len(same) == 0 {
		return nil, false, fmt.Errorf("unknown framework %q; built-in frameworks: %s (or give the path of a template file)", spec, strings.Join(ids, ", "))
	}
	sort.SliceStable(same, func(i, j int) bool { return VersionLess(same[i].Version, same[j].Version) })
	if version == "" {
		return same[len(same)-1], false, nil // the newest
	}
	// Another version asked: the nearest embedded one, the newest not above it, else the oldest.
	pick := same[0]
	for _, fw := range same {
		if !VersionLess(version, fw.Version) {
			pick = fw
		}
	}
	return pick, true, nil
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
	list, _ := Embedded()
	var vs []string
	for _, fw := range list {
		if fw.ID == ident.Norm(id) {
			vs = append(vs, fw.Version)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return VersionLess(vs[i], vs[j]) })
	return strings.Join(vs, ", ")
}
