module syscall-lens.samples/tcp

go 1.18
