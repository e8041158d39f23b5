package atomicfile

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/govplan/govplan/internal/i18n"
)

// Reason says in lang why a write failed, without the temporary paths the system's error
// names: a full disk, a missing permission, a name too long, a commit that failed on one file.
func Reason(lang string, err error) string {
	var ce *CommitError
	if errors.As(err, &ce) {
		switch ce.Op {
		case OpFolder:
			return i18n.F(lang, "%s is a folder", ce.Target)
		case OpReplace:
			return i18n.F(lang, "replacing %s: %s", ce.Target, systemReason(lang, ce.Err))
		case OpWrite:
			return i18n.F(lang, "writing %s: %s", ce.Target, systemReason(lang, ce.Err))
		}
		return i18n.F(lang, "moving %s into place: %s", ce.Target, systemReason(lang, ce.Err))
	}
	return systemReason(lang, err)
}

// systemReason says the common system errors in lang, and the others as the system does.
func systemReason(lang string, err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return i18n.T(lang, "the disk is full")
	case errors.Is(err, syscall.EROFS):
		return i18n.T(lang, "the file system is read-only")
	case errors.Is(err, syscall.ENAMETOOLONG):
		return i18n.T(lang, "the file name is too long")
	case errors.Is(err, fs.ErrPermission):
		return i18n.T(lang, "permission denied")
	case errors.Is(err, fs.ErrNotExist):
		return i18n.T(lang, "no such file or folder")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
