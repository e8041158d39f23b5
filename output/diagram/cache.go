package diagram

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Drawings by Graphviz's dot are kept in a cache folder, keyed by everything dot was given:
// the DOT, the arguments, and which dot program drew it (its path, size and modification
// time, so that an upgraded Graphviz draws again). A diagram whose DOT has not changed since
// it was last drawn is not drawn again: an export after one answer changed redraws only the
// diagrams that answer changed. Each dot process costs 15–35 ms of start-up (loading its
// libraries and reading the whole font configuration), more than most of govplan's diagrams
// take to lay out, and one process cannot draw several graphs the same way twice (see Draw).
// Doxygen and Sphinx keep their Graphviz drawings the same way.
//
// The folder is GOVPLAN_CACHE when it names one, "off" turns the cache off, and by default
// it is govplan/svg in the user cache folder (os.UserCacheDir). An entry is written to a
// temporary file and renamed into place, and starts with a checksum of what follows it: a
// torn or edited entry is drawn again, never used. The folder keeps at most cacheMaxEntries
// entries and cacheMaxBytes bytes; the least recently used go first.

const (
	cacheMagic      = "govplan-dot-cache 1 "
	cacheMaxEntries = 2000
	cacheMaxBytes   = 64 << 20
	cacheSuffix     = ".svgc"
)

// cacheDir is the cache folder, or "" when caching is off or no cache folder can be named.
func cacheDir() string {
	switch v := os.Getenv("GOVPLAN_CACHE"); {
	case v == "off":
		return ""
	case v != "":
		return filepath.Join(v, "svg")
	}
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		return ""
	}
	return filepath.Join(base, "govplan", "svg")
}

// cacheKey names the entry for running prog with args on input, or "" when prog cannot be
// identified (then nothing is cached).
func cacheKey(prog string, args []string, input []byte) string {
	st, err := os.Stat(prog)
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, s := range append([]string{cacheMagic, prog, strconv.FormatInt(st.Size(), 10), strconv.FormatInt(st.ModTime().UnixNano(), 10)}, args...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(input)
	return hex.EncodeToString(h.Sum(nil))
}

// cacheGet returns the output kept under key, if there is a whole one.
func cacheGet(dir, key string) ([]byte, bool) {
	if dir == "" || key == "" {
		return nil, false
	}
	path := filepath.Join(dir, key+cacheSuffix)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	head, body, ok := bytes.Cut(data, []byte{'\n'})
	sum := sha256.Sum256(body)
	if !ok || string(head) != cacheMagic+hex.EncodeToString(sum[:]) {
		os.Remove(path) // torn or changed: drawn again, and written again whole
		return nil, false
	}
	now := time.Now()
	os.Chtimes(path, now, now) // recently used: kept longest
	return body, true
}

var pruneOnce sync.Once

// cachePut keeps out under key. Failing to keep it is not an error: the drawing was made.
func cachePut(dir, key string, out []byte) {
	if dir == "" || key == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	pruneOnce.Do(func() { pruneCache(dir, cacheMaxEntries, cacheMaxBytes) })
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	sum := sha256.Sum256(out)
	_, werr := f.WriteString(cacheMagic + hex.EncodeToString(sum[:]) + "\n")
	if werr == nil {
		_, werr = f.Write(out)
	}
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), filepath.Join(dir, key+cacheSuffix)) != nil {
		os.Remove(f.Name())
	}
}

// pruneCache removes the least recently used entries until at most three quarters of each
// limit is left, when either limit is passed, and temporary files left by a process that
// stopped while writing (older than an hour).
func pruneCache(dir string, maxEntries int, maxBytes int64) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var all []entry
	var total int64
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if filepath.Ext(e.Name()) != cacheSuffix {
			if len(e.Name()) > 5 && e.Name()[:5] == ".tmp-" && time.Since(info.ModTime()) > time.Hour {
				os.Remove(path)
			}
			continue
		}
		all = append(all, entry{path, info.Size(), info.ModTime()})
		total += info.Size()
	}
	if len(all) <= maxEntries && total <= maxBytes {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].used.Before(all[j].used) })
	left := len(all)
	for _, e := range all {
		if left <= maxEntries*3/4 && total <= maxBytes*3/4 {
			break
		}
		if os.Remove(e.path) == nil {
			left--
			total -= e.size
		}
	}
}
