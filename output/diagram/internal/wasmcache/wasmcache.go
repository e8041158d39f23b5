// Package wasmcache gives go-graphviz a compilation cache folder of the user's own, in the
// user cache folder instead of the shared temporary folder.
//
// go-graphviz (v0.2.10) compiles its WebAssembly in a package init, in every process of a
// binary that links it, whatever the command, and caches the result in
// os.TempDir()/go-graphviz: about 0.6 s when that cache is missing (after every reboot that
// clears /tmp), about 0.03 s when it is there. Worse, when another user created that folder
// (mode 0755) its init panics with "permission denied", so the whole program dies before
// main. This package points the temporary folder at os.UserCacheDir()/govplan while
// go-graphviz initialises (or, when that folder is unusable, at a path that does not exist, so
// go-graphviz compiles without a cache instead of failing); Restore puts the environment back.
// No shared folder is used: the cache holds machine code that this process will run.
//
// It works because of the order Go initialises packages in (the spec: in import-path order,
// each package as soon as everything it imports is initialised): this package imports only
// the runtime and os, so it is initialised right after os, before wazero and
// therefore before go-graphviz's internal/wasm. It must never import go-graphviz or anything
// that does, and every package that imports go-graphviz must import this one and call Restore
// from its init. TestWasmCacheInit in the parent package checks the order.
package wasmcache

import (
	"os"
	"runtime"
)

// Dir is the folder go-graphviz keeps its cache in (in a go-graphviz subfolder), or "" when
// it has none and compiles on every start.
var Dir string

type saved struct {
	key, val string
	had      bool
}

var env []saved

const sep = string(os.PathSeparator)

func init() {
	tmp := ""
	if base, err := os.UserCacheDir(); err == nil && base != "" && writable(base+sep+"govplan") {
		tmp = base + sep + "govplan"
		Dir = tmp
	}
	if tmp == "" {
		// go-graphviz cannot create its folder under a path that does not exist, and then
		// runs without a cache rather than failing.
		tmp = os.TempDir() + sep + "govplan-no-such-folder" + sep + "x"
	}
	// os.TempDir reads TMPDIR on Unix and TMP (then TEMP) on Windows.
	keys := []string{"TMPDIR"}
	if runtime.GOOS == "windows" {
		keys = []string{"TMP", "TEMP"}
	}
	for _, k := range keys {
		v, had := os.LookupEnv(k)
		env = append(env, saved{k, v, had})
		os.Setenv(k, tmp)
	}
}

// writable reports whether dir/go-graphviz is (or can be made) a folder this process can
// write in.
func writable(dir string) bool {
	sub := dir + sep + "go-graphviz"
	if err := os.MkdirAll(sub, 0o700); err != nil {
		return false
	}
	f, err := os.CreateTemp(sub, ".probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// Restore puts back the environment variables init changed. It is safe to call more than once.
func Restore() {
	for _, s := range env {
		if s.had {
			os.Setenv(s.key, s.val)
		} else {
			os.Unsetenv(s.key)
		}
	}
	env = nil
}
