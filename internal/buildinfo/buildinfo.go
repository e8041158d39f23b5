// Package buildinfo says which govplan this binary is: the module version, the commit and its
// date, from the build info Go stamps into every binary, or from the release build's -ldflags.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Set by the release build: -ldflags "-X github.com/govplan/govplan/internal/buildinfo.version=…"
// (and commit, date). Empty otherwise.
var (
	version = ""
	commit  = ""
	date    = ""
)

// Info is what the binary knows about itself.
type Info struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Date     string `json:"date,omitempty"`
	Modified bool   `json:"modified"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

var read = sync.OnceValue(func() Info {
	v := Info{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = "dev"
	}
	return v
})

// Read returns the build's information: `go install …@v1.2.3` gives the module version, a
// build in a git clone the commit and its time; a build with neither says "dev".
func Read() Info { return read() }

// Version is the version written into every JSON document.
func Version() string { return read().Version }

// String is the line `govplan --version` prints: "govplan v1.2.0 (abc123def456, 2026-…, go1.26.8, linux/amd64)".
func (v Info) String() string {
	var extra []string
	if v.Commit != "" {
		c := v.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if v.Modified {
			c += "+dirty"
		}
		extra = append(extra, c)
	}
	if v.Date != "" {
		extra = append(extra, v.Date)
	}
	extra = append(extra, v.Go, v.Platform)
	return fmt.Sprintf("govplan %s (%s)", v.Version, strings.Join(extra, ", "))
}
