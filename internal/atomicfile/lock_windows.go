//go:build windows

package atomicfile

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

const lockSupported = true

// LockFileEx and UnlockFileEx from kernel32 (the standard library does not wrap them, and the
// domain packages that save files stay free of libraries beyond the standard one).
var (
	kernel32         = syscall.NewLazyDLL("kernel32.dll")
	procLockFileEx   = kernel32.NewProc("LockFileEx")
	procUnlockFileEx = kernel32.NewProc("UnlockFileEx")
)

const lockfileExclusiveLock = 0x2 // LOCKFILE_EXCLUSIVE_LOCK

// lockDir takes an exclusive lock (LockFileEx) on the folder's lock file, waiting for other
// writers of the folder, and returns its release: the same semantics as flock on a folder on
// Unix. Without a lock (a read-only folder, a file system without locks) the write goes on
// unlocked, as on Unix.
func lockDir(dir string) func() {
	name, err := syscall.UTF16PtrFromString(filepath.Join(dir, lockFileName))
	if err != nil {
		return func() {}
	}
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ|syscall.GENERIC_WRITE,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_HIDDEN, 0)
	if err != nil {
		return func() {}
	}
	ol := new(syscall.Overlapped)
	// Lock one byte at offset 0, waiting until it is free.
	if r, _, _ := procLockFileEx.Call(uintptr(h), lockfileExclusiveLock, 0, 1, 0, uintptr(unsafe.Pointer(ol))); r == 0 {
		syscall.CloseHandle(h)
		return func() {}
	}
	return func() {
		procUnlockFileEx.Call(uintptr(h), 0, 1, 0, uintptr(unsafe.Pointer(ol)))
		syscall.CloseHandle(h)
	}
}
