module syscall-lens.samples/goroutines

go 1.18
