//go:build unix

package input

import (
	"os"
	"syscall"
)

// openFile opens a file for reading, as os.Open does but without
// registering it with the runtime's network poller: os.Open tries that
// for every file (an epoll_ctl that fails for regular files, and fcntl
// calls around it), which is a third of the system calls a run over
// thousands of small captures makes. A FIFO or a terminal opened this way
// is read with plain blocking reads, which is all a one-pass reader
// needs.
func openFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
