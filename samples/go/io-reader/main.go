// io-reader: where reads come from. A file and stdin are read with read(2) into a buffer the
// caller owns, so the buffer's size is the count you see in the syscall. bufio.Scanner reads
// big chunks and hands out lines from memory; io.Copy, io.MultiReader and io.TeeReader only
// combine readers, and io.Pipe connects two goroutines through memory: no pipe is created.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	dir, err := os.MkdirTemp("", "io-reader-")
	check(err)
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "lines.txt")
	text := strings.Repeat("a line of text for the reader\n", 8) // 240 bytes
	check(os.WriteFile(path, []byte(text), 0o644))

	// 1. A file, read 64 bytes at a time: read(fd, …, 64) until it returns 0 (end of file).
	f, err := os.Open(path) // #OPEN
	check(err)
	buf := make([]byte, 64)
	total := 0
	for {
		n, err := f.Read(buf) // #READ
		total += n
		if err == io.EOF {
			break
		}
	}
	f.Close()
	fmt.Println("read", total, "bytes in 64-byte reads") // #WRITE

	// 2. bufio.Scanner: one big read(fd, …, 4096) fills its buffer, lines come from memory.
	f, _ = os.Open(path)
	sc := bufio.NewScanner(f)
	lines := 0
	for sc.Scan() { // #READ
		lines++
	}
	f.Close()
	// The same with a 16-byte starting buffer: read sizes grow as the buffer doubles.
	f, _ = os.Open(path)
	small := bufio.NewScanner(f)
	small.Buffer(make([]byte, 16), 1024)
	for small.Scan() { // #READ
	}
	f.Close()
	fmt.Println("scanned", lines, "lines")

	// 3. io.Copy from a file to stdout: read + write pairs (or copy_file_range/sendfile when
	//    both ends are descriptors the kernel can copy between directly).
	f, _ = os.Open(path)
	io.Copy(os.Stdout, io.LimitReader(f, 60)) // #COPY
	f.Close()

	// 4. io.MultiReader and io.TeeReader: glue in memory; only the file part reads.
	f, _ = os.Open(path)
	var copyOfWhatWasRead bytes.Buffer
	joined := io.MultiReader(strings.NewReader("[from memory] "), io.TeeReader(f, &copyOfWhatWasRead))
	head := make([]byte, 40)
	io.ReadFull(joined, head) // #READ
	f.Close()
	fmt.Printf("multi+tee: %q (tee kept %d bytes)\n", head, copyOfWhatWasRead.Len())

	// 5. io.Pipe: a writer goroutine and a reader joined by channels. No pipe2(2), no read(2).
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprint(pw, "through io.Pipe, in memory\n")
		pw.Close()
	}()
	piped, _ := io.ReadAll(pr)
	fmt.Print(string(piped))

	// 6. Standard input: read(0, …). Wait one second at most so the program ends by itself.
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(os.Stdin).ReadString('\n') // #READ
		got <- line
	}()
	select {
	case line := <-got:
		fmt.Printf("stdin said: %q\n", line)
	case <-time.After(time.Second):
		fmt.Println("no stdin within 1s (try: echo hi | ./io-reader)")
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "io-reader:", err)
		os.Exit(1)
	}
}
