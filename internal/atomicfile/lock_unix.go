//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

const lockSupported = true

// lockDir takes an exclusive advisory lock on a folder (flock), waiting for other writers of
// the folder, and returns its release. Without a lock (a folder that cannot be opened, a file
// system without flock) the write goes on unlocked.
func lockDir(dir string) func() {
	d, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	if err := syscall.Flock(int(d.Fd()), syscall.LOCK_EX); err != nil {
		d.Close()
		return func() {}
	}
	return func() {
		syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
		d.Close()
	}
}
