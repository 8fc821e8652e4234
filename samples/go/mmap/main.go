// mmap: map a file into memory. After mmap(2), reading and writing the file is plain memory
// access: the assignments below make no syscall at all, the kernel pages data in and out
// behind the scenes. msync(2) asks it to write the dirty pages back now; munmap(2) removes the
// mapping. Reading the file afterwards with read(2) shows what the memory writes did.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

func main() {
	dir, err := os.MkdirTemp("", "mmap-")
	check(err)
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "mapped.bin")

	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	check(err)
	defer f.Close()
	const size = 4096
	check(f.Truncate(size)) // #TRUNCATE

	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED) // #MMAP
	check(err)

	copy(data, "written through memory, not write(2)\n") // #NOSYSCALL
	data[size-1] = '\n'                                  // #NOSYSCALL

	_, _, errno := syscall.Syscall(syscall.SYS_MSYNC, uintptr(unsafe.Pointer(&data[0])), size, syscall.MS_SYNC) // #MSYNC
	if errno != 0 {
		check(errno)
	}
	check(syscall.Munmap(data)) // #MUNMAP

	back, err := os.ReadFile(path) // #READ
	check(err)
	fmt.Printf("file now starts with: %q\n", back[:37])
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "mmap:", err)
		os.Exit(1)
	}
}
