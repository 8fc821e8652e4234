module syscall-lens.samples/io-writer

go 1.18
