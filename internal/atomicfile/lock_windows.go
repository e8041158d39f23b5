//go:build windows

package atomicfile

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

const lockSupported = true

// lockDir takes an exclusive lock (LockFileEx) on the folder's lock file, waiting for other
// writers of the folder, and returns its release: the same semantics as flock on a folder on
// Unix. Without a lock (a read-only folder, a file system without locks) the write goes on
// unlocked, as on Unix.
func lockDir(dir string) func() {
	name, err := windows.UTF16PtrFromString(filepath.Join(dir, lockFileName))
	if err != nil {
		return func() {}
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_HIDDEN, 0)
	if err != nil {
		return func() {}
	}
	ol := new(windows.Overlapped)
	if err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, ol); err != nil {
		windows.CloseHandle(h)
		return func() {}
	}
	return func() {
		windows.UnlockFileEx(h, 0, 1, 0, ol)
		windows.CloseHandle(h)
	}
}
