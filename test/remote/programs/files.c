/* Opens, writes and closes a file, then prints a line: one syscall per marked line. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  int fd = open("out.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644); // #OPEN
  if (fd < 0) return 1;
  write(fd, "hello\n", 6); // #WRITE
  close(fd); // #CLOSE
  printf("to stdout\n");
  fflush(stdout);
  fprintf(stderr, "to stderr\n");
  return 0;
}
