// Package templates embeds the built-in framework templates (*.yaml in this folder) and the
// default cost model (costs/*.yaml). It holds data only.
package templates

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed *.yaml costs/*.yaml
var files embed.FS

// Frameworks returns the embedded framework templates, file name → content, in name order.
func Frameworks() []File { return list(".") }

// CostModels returns the embedded cost models, file name → content, in name order.
func CostModels() []File { return list("costs") }

// File is one embedded file.
type File struct {
	Name string // file name without folder or .yaml
	Path string // "embedded:templates/<name>.yaml", for messages
	Data []byte
}

func list(dir string) []File {
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil
	}
	var out []File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := files.ReadFile(p)
		if err != nil {
			continue
		}
		out = append(out, File{Name: strings.TrimSuffix(e.Name(), ".yaml"), Path: "embedded:templates/" + p, Data: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
