// Package atomicfile replaces files so that a reader (or a crash) sees either the old content
// or the new, never a half-written file: write a temporary file beside the target, flush it to
// disk, rename it over the target, and flush the folder.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write replaces path with data. perm is used when the file is new (0 means 0644).
func Write(path string, data []byte, perm os.FileMode) error {
	return WriteFunc(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc replaces path with what fill writes. When fill fails, path is left untouched.
func WriteFunc(path string, perm os.FileMode, fill func(io.Writer) error) (err error) {
	if perm == 0 {
		perm = 0o644
	}
	if st, statErr := os.Stat(path); statErr == nil {
		if st.IsDir() {
			return fmt.Errorf("%s is a folder", path)
		}
		if !st.Mode().IsRegular() {
			// A device or a pipe (/dev/null, /dev/stdout): write into it; renaming a file
			// over it would replace the device with a plain file.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			if err := fill(f); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
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
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
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
