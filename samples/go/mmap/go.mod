module syscall-lens.samples/mmap

go 1.18
