// files: the life of a file, one syscall family per step. Create (openat with O_CREAT), write,
// fsync (File.Sync: wait until the data is on the storage device, not just in the page cache),
// stat (newfstatat: size, mode, times from the inode), rename (renameat: a new name for the same
// inode, atomic), a directory walk (getdents64 lists entries), and remove (unlinkat).
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	dir, err := os.MkdirTemp("", "files-") // #MKDIR
	check(err)
	defer os.RemoveAll(dir)

	draft := filepath.Join(dir, "draft.txt")
	f, err := os.Create(draft) // #OPEN
	check(err)
	_, err = f.WriteString("written, then synced to disk\n") // #WRITE
	check(err)
	check(f.Sync()) // #FSYNC
	check(f.Close())

	info, err := os.Stat(draft) // #STAT
	check(err)
	fmt.Printf("%s: %d bytes, mode %v\n", info.Name(), info.Size(), info.Mode())

	// Renaming within one file system moves no data: only the directory entry changes.
	final := filepath.Join(dir, "final.txt")
	check(os.Rename(draft, final)) // #RENAME

	check(os.MkdirAll(filepath.Join(dir, "sub", "deeper"), 0o755)) // #MKDIR
	check(os.WriteFile(filepath.Join(dir, "sub", "deeper", "leaf.txt"), []byte("leaf\n"), 0o644))

	// WalkDir opens each directory and reads its entries with getdents64; no stat per entry.
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error { // #GETDENTS
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Printf("  %-22s dir=%v\n", rel, d.IsDir())
		return nil
	})
	check(err)

	check(os.Remove(final))                           // #UNLINK
	if _, err := os.Stat(final); os.IsNotExist(err) { // #STAT
		fmt.Println("final.txt is gone:", err)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "files:", err)
		os.Exit(1)
	}
}
