// Package atomicfile replaces files so that a reader (or a crash) sees either the old content
// or the new, never a half-written file: write a temporary file beside the target, flush it to
// disk, rename it over the target, and flush the folder.
//
// Every writer in the program (the CLI, the TUI, a server) goes through here, so the rules hold
// for all of them:
//   - writers of one folder take an advisory lock on it, and a Check runs under that lock right
//     before the rename, so two writers never lose each other's change (compare-and-swap);
//   - temporary files left by a writer that was killed (".NAME.tmp-*") are removed by the next
//     write of NAME;
//   - a target that is a symbolic link is written through the link (the link stays a link);
//   - a target that is a device or a pipe is written into, never replaced, and a pipe without
//     a reader is refused instead of waiting for one.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Options adjust a write.
type Options struct {
	// Perm is used when the file is new (0 means 0644); an existing file keeps its mode.
	Perm os.FileMode
	// Check, when set, runs under the folder's lock right before the rename, with the target's
	// current content (exists false when there is none). An error stops the write and is
	// returned as is, leaving the target untouched.
	Check func(current []byte, exists bool) error
	// MaxCheckSize bounds what Check reads (0 means 64 MiB).
	MaxCheckSize int64
}

// Write replaces path with data. perm is used when the file is new (0 means 0644).
func Write(path string, data []byte, perm os.FileMode) error {
	return WriteWith(path, Options{Perm: perm}, bytesFill(data))
}

// WriteFunc replaces path with what fill writes. When fill fails, path is left untouched.
func WriteFunc(path string, perm os.FileMode, fill func(io.Writer) error) error {
	return WriteWith(path, Options{Perm: perm}, fill)
}

func bytesFill(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// ErrNoReader is returned when the target is a pipe that nobody reads.
var ErrNoReader = errors.New("it is a pipe with no reader")

// WriteWith replaces path with what fill writes, with options.
func WriteWith(path string, o Options, fill func(io.Writer) error) (err error) {
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	path, err = resolveLinks(path)
	if err != nil {
		return err
	}
	if st, statErr := os.Stat(path); statErr == nil {
		if st.IsDir() {
			return fmt.Errorf("%s is a folder", path)
		}
		if !st.Mode().IsRegular() {
			return writeDevice(path, st, fill)
		}
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	unlock := lockDir(dir)
	defer unlock()
	removeStale(dir, filepath.Base(path))

	tmp, err := os.CreateTemp(dir, tempPrefix(filepath.Base(path))+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	if o.Check != nil {
		cur, exists, rerr := readBounded(path, o.MaxCheckSize)
		if rerr != nil {
			return rerr
		}
		if err = o.Check(cur, exists); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// lockFileName is the file in a folder that writers of the folder lock where a folder cannot
// be locked itself (Windows). It is created hidden, left in place and holds nothing.
const lockFileName = ".govplan.lock"

// tempPrefix is how the temporary files of name start.
func tempPrefix(name string) string { return "." + name + ".tmp-" }

// removeStale removes temporary files of name that an earlier writer left (killed before
// its rename). It runs under the folder's lock, so no live writer of name owns one.
func removeStale(dir, name string) {
	if !lockSupported {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(tempPrefix(name))+"*"))
	for _, m := range matches {
		if st, err := os.Lstat(m); err == nil && st.Mode().IsRegular() {
			os.Remove(m)
		}
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// resolveLinks follows path while it is a symbolic link, so the file the link points to is
// replaced and the link stays. A link to a missing file resolves to that file's path.
func resolveLinks(path string) (string, error) {
	for i := 0; i < 40; i++ {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// writeDevice writes into a device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming a file
// over it would replace the device with a plain file. A pipe is opened without waiting, so one
// that nobody reads is refused instead of hanging.
func writeDevice(path string, st os.FileInfo, fill func(io.Writer) error) error {
	flags := os.O_WRONLY
	if st.Mode()&os.ModeNamedPipe != 0 {
		flags |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			return fmt.Errorf("%s: %w", path, ErrNoReader)
		}
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readBounded reads a file for a Check, at most max bytes (0: 64 MiB); only regular files.
func readBounded(path string, max int64) ([]byte, bool, error) {
	if max <= 0 {
		max = 64 << 20
	}
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, true, err
	}
	if int64(len(data)) > max {
		return nil, true, fmt.Errorf("%s is larger than %d bytes", path, max)
	}
	return data, true, nil
}

// syncDir flushes a folder's entries so a rename survives a power cut (not possible on every
// system; failures are ignored).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
