module syscall-lens.samples/files

go 1.18
