module syscall-lens.samples/signals

go 1.18
