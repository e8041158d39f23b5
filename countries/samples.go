package countries

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.yaml
var sampleFiles embed.FS

// SampleNames lists the embedded sample countries, in name order.
func SampleNames() []string {
	entries, _ := fs.ReadDir(sampleFiles, ".")
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
		}
	}
	sort.Strings(names)
	return names
}

// SampleSource returns the text of a sample country file.
func SampleSource(name string) ([]byte, error) {
	name = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), ".yaml"))
	data, err := sampleFiles.ReadFile(name + ".yaml")
	if err != nil || strings.ContainsAny(name, `/\`) {
		return nil, fmt.Errorf("unknown sample %q; samples: %s", name, strings.Join(SampleNames(), ", "))
	}
	return data, nil
}

// Sample loads an embedded sample country. It has no path, so it cannot be saved in place.
func Sample(name string) (*Doc, error) {
	data, err := SampleSource(name)
	if err != nil {
		return nil, err
	}
	return Parse("sample:"+strings.ToLower(strings.TrimSpace(name)), data)
}
