// inotify: let the kernel tell us when a directory changes, instead of polling it with stat.
// inotify_init1 makes a descriptor, inotify_add_watch says what to watch, and each change
// becomes a small record that read(2) on that descriptor returns. Here we watch a temporary
// directory, change it ourselves, then read the queued events.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

func main() {
	dir, err := os.MkdirTemp("", "inotify-")
	check(err)
	defer os.RemoveAll(dir)

	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC) // #INOTIFY
	check(err)
	defer syscall.Close(fd)
	mask := uint32(syscall.IN_CREATE | syscall.IN_MODIFY | syscall.IN_MOVED_TO | syscall.IN_DELETE)
	_, err = syscall.InotifyAddWatch(fd, dir, mask) // #INOTIFY
	check(err)

	// Three changes: each one queues an event on fd.
	path := filepath.Join(dir, "watched.txt")
	check(os.WriteFile(path, []byte("v1\n"), 0o644)) // IN_CREATE, IN_MODIFY
	check(os.Rename(path, path+".bak"))              // IN_MOVED_TO
	check(os.Remove(path + ".bak"))                  // IN_DELETE

	// The events are already queued, so this read returns at once. Each record is a
	// struct inotify_event followed by the file name, padded with NULs.
	buf := make([]byte, 4096)
	n, err := syscall.Read(fd, buf) // #READ
	check(err)
	for off := 0; off+syscall.SizeofInotifyEvent <= n; {
		ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
		nameBytes := buf[off+syscall.SizeofInotifyEvent : off+syscall.SizeofInotifyEvent+int(ev.Len)]
		fmt.Printf("event %-12s %s\n", maskName(ev.Mask), trimNUL(nameBytes))
		off += syscall.SizeofInotifyEvent + int(ev.Len)
	}
}

func maskName(m uint32) string {
	switch {
	case m&syscall.IN_CREATE != 0:
		return "IN_CREATE"
	case m&syscall.IN_MODIFY != 0:
		return "IN_MODIFY"
	case m&syscall.IN_MOVED_TO != 0:
		return "IN_MOVED_TO"
	case m&syscall.IN_DELETE != 0:
		return "IN_DELETE"
	}
	return fmt.Sprintf("0x%x", m)
}

func trimNUL(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "inotify:", err)
		os.Exit(1)
	}
}
