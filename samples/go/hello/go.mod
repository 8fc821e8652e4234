module syscall-lens.samples/hello

go 1.18
