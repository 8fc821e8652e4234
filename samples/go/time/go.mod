module syscall-lens.samples/time

go 1.18
