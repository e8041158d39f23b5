package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Group writes several files into one folder all or nothing (an export, an import of many
// countries): each file is written into a hidden temporary folder that Group creates inside the
// folder, and Commit moves them into place together. A failing write (a full disk, a file that
// cannot be made) leaves the folder as it was.
//
// Files are only ever created inside the temporary folder, which nobody else can have prepared,
// and moved with rename, which replaces a directory entry and never follows it: a symbolic link
// or a FIFO planted in the folder under a file's name is replaced, never written through.
//
// Each file is flushed to disk (fsync) in the background once written, several at a time, and
// Commit waits for every flush before it moves anything: one flush after another cost an
// export of 31 files about 40 ms on a busy disk, while flushes in flight together share the
// file system's journal commits.
type Group struct {
	dir, tmp string
	names    []string

	flushing sync.WaitGroup
	slots    chan struct{} // bounds the files open awaiting their flush
	mu       sync.Mutex
	flushErr error // the first failed flush, as a CommitError
}

// maxFlushing is how many written files may await their flush at once (each holds a file
// handle until then).
const maxFlushing = 16

// groupPrefix starts the names of Group's temporary folders.
const groupPrefix = ".govplan-tmp-"

// NewGroup prepares a group of files for dir (created if missing). Temporary folders that a
// killed writer left there more than an hour ago are removed.
func NewGroup(dir string) (*Group, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	removeStaleGroups(dir)
	tmp, err := os.MkdirTemp(dir, groupPrefix+"*")
	if err != nil {
		return nil, err
	}
	return &Group{dir: dir, tmp: tmp, slots: make(chan struct{}, maxFlushing)}, nil
}

// Adopt makes a group of the plain files another writer finished in tmp, a folder inside
// dir, so that Commit moves them into dir all or nothing (the TUI's export stages its files
// that way). Anything in tmp that is not a regular file is refused.
func Adopt(dir, tmp string) (*Group, error) {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return nil, err
	}
	g := &Group{dir: dir, tmp: tmp, slots: make(chan struct{}, maxFlushing)}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("%s is not a plain file", filepath.Join(tmp, e.Name()))
		}
		g.names = append(g.names, e.Name())
	}
	return g, nil
}

// Path is where name will be once committed.
func (g *Group) Path(name string) string { return filepath.Join(g.dir, name) }

// Write writes the file name (a plain file name, no folders) of the group with fill.
func (g *Group) Write(name string, fill func(io.Writer) error) error {
	if name != filepath.Base(name) || name == "." || name == ".." || strings.HasPrefix(name, groupPrefix) {
		return fmt.Errorf("refusing to write %q: not a plain file name", name)
	}
	f, err := os.OpenFile(filepath.Join(g.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	g.names = append(g.names, name)
	g.slots <- struct{}{}
	g.flushing.Add(1)
	go func() {
		defer g.flushing.Done()
		defer func() { <-g.slots }()
		err := f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			g.mu.Lock()
			if g.flushErr == nil {
				g.flushErr = &CommitError{Target: g.Path(name), Op: OpWrite, Err: err}
			}
			g.mu.Unlock()
		}
	}()
	return nil
}

// Names returns the files written so far, in order.
func (g *Group) Names() []string { return append([]string(nil), g.names...) }

// ErrExists is returned by Commit without overwrite when a file of the group already exists.
var ErrExists = errors.New("already exists")

// Commit moves every file into place. Without overwrite, a file that already exists stops the
// commit before anything moves (checked under the folder's lock). If a move fails half-way, the
// files already moved are taken back and the files they replaced restored, so the folder is as
// before; the error says so. The temporary folder is removed in every case.
func (g *Group) Commit(overwrite bool) (err error) {
	defer os.RemoveAll(g.tmp)
	g.flushing.Wait()
	if g.flushErr != nil {
		return g.flushErr
	}
	unlock := lockDir(g.dir)
	defer unlock()
	type moved struct{ name, backup string }
	var done []moved
	rollback := func() {
		for i := len(done) - 1; i >= 0; i-- {
			d := done[i]
			target := filepath.Join(g.dir, d.name)
			os.Remove(target)
			if d.backup != "" {
				os.Rename(d.backup, target)
			}
		}
	}
	for _, name := range g.names {
		target := filepath.Join(g.dir, name)
		st, lerr := os.Lstat(target)
		if lerr == nil && !overwrite {
			rollback()
			return fmt.Errorf("%s: %w", target, ErrExists)
		}
		if lerr == nil && st.IsDir() {
			rollback()
			return &CommitError{Target: target, Op: OpFolder}
		}
		backup := ""
		if lerr == nil {
			if st.Mode().IsRegular() {
				os.Chmod(filepath.Join(g.tmp, name), st.Mode().Perm())
			}
			backup = filepath.Join(g.tmp, ".old-"+name)
			if err := os.Rename(target, backup); err != nil {
				rollback()
				return &CommitError{Target: target, Op: OpReplace, Err: err}
			}
		}
		if err := os.Rename(filepath.Join(g.tmp, name), target); err != nil {
			if backup != "" {
				os.Rename(backup, target)
			}
			rollback()
			return &CommitError{Target: target, Op: OpMove, Err: err}
		}
		done = append(done, moved{name, backup})
	}
	syncDir(g.dir)
	return nil
}

// CommitError is a Commit that failed on one file and was rolled back: the folder is as it
// was. Op says what failed, so that callers can say it in their language.
type CommitError struct {
	Target string // the file in the folder
	Op     string // OpFolder, OpReplace or OpMove
	Err    error  // the system's error (nil for OpFolder)
}

// What a failed Commit was doing.
const (
	OpFolder  = "folder"  // a folder stands where the file goes
	OpReplace = "replace" // moving the old file aside failed
	OpMove    = "move"    // moving the new file into place failed
	OpWrite   = "write"   // flushing a written file to disk failed (before anything moved)
)

func (e *CommitError) Error() string {
	switch e.Op {
	case OpFolder:
		return fmt.Sprintf("%s is a folder; nothing was written", e.Target)
	case OpReplace:
		return fmt.Sprintf("replacing %s: %v; nothing was written", e.Target, e.Err)
	case OpWrite:
		return fmt.Sprintf("writing %s: %v; nothing was written", e.Target, e.Err)
	}
	return fmt.Sprintf("moving %s into place: %v; nothing was written", e.Target, e.Err)
}

func (e *CommitError) Unwrap() error { return e.Err }

// Abort removes what was written; the folder stays as it was.
func (g *Group) Abort() {
	g.flushing.Wait()
	os.RemoveAll(g.tmp)
}

func removeStaleGroups(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, groupPrefix+"*"))
	for _, m := range matches {
		if st, err := os.Lstat(m); err == nil && st.IsDir() && time.Since(st.ModTime()) > time.Hour {
			os.RemoveAll(m)
		}
	}
}
