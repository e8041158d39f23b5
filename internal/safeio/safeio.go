// Package safeio reads the files users name with bounds that hold for every kind of file: a
// regular file, a device such as /dev/zero, a pipe or a FIFO. The size that stat reports is 0
// for devices and pipes, so the bound is on the read itself. A FIFO is opened without waiting
// for a writer, and files found by listing a folder must be regular files (never a FIFO or a
// device planted there).
package safeio

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// Errors of Open and ReadFile, to be told apart with errors.Is.
var (
	ErrTooLarge   = errors.New("file is larger than the limit")
	ErrNotRegular = errors.New("not a regular file")
	ErrIsDir      = errors.New("is a folder")
)

// Open opens path for reading without blocking on a FIFO and returns it with its mode. With
// regularOnly, anything but a regular file (after following links) is refused with
// ErrNotRegular before a byte is read.
func Open(path string, regularOnly bool) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	switch {
	case st.IsDir():
		f.Close()
		return nil, st, ErrIsDir
	case regularOnly && !st.Mode().IsRegular():
		f.Close()
		return nil, st, fmt.Errorf("%w (%s)", ErrNotRegular, kind(st.Mode()))
	}
	return f, st, nil
}

func kind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// ReadFile reads at most max bytes of path; more is ErrTooLarge (read stops at max+1 bytes, so
// /dev/zero costs max bytes of memory at most).
func ReadFile(path string, max int64, regularOnly bool) ([]byte, error) {
	f, st, err := Open(path, regularOnly)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Mode().IsRegular() && st.Size() > max {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, st.Size())
	}
	return ReadAll(f, max)
}

// ReadAll reads r up to max bytes; more is ErrTooLarge.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, ErrTooLarge
	}
	return data, nil
}

// LimitReader returns a reader of r that fails with ErrTooLarge once more than max bytes were
// read, for input read as a stream (a CSV file).
func LimitReader(r io.Reader, max int64) io.Reader { return &limited{r: r, left: max} }

type limited struct {
	r    io.Reader
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

// ErrLineTooLong is returned by LineLimitReader when a line is longer than its limit.
var ErrLineTooLong = errors.New("a line is longer than the limit")

// LineLimitReader fails with ErrLineTooLong once a line (bytes between line feeds) is longer
// than max: a reader of text lines (a CSV parser) holds a whole line in memory, and /dev/zero
// is one endless line.
func LineLimitReader(r io.Reader, max int) io.Reader { return &lineLimited{r: r, max: max} }

type lineLimited struct {
	r        io.Reader
	max, cur int
}

func (l *lineLimited) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.cur = 0
			continue
		}
		l.cur++
		if l.cur > l.max {
			return n, ErrLineTooLong
		}
	}
	return n, err
}
