module syscall-lens.samples/environment

go 1.18
