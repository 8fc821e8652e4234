module syscall-lens.samples/exec

go 1.18
