/* Runs until killed: a getpid and a short sleep per tick, so a trace grows steadily. */
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec pause = {0, 50 * 1000 * 1000};
  for (;;) {
    getppid(); // #TICK
    nanosleep(&pause, NULL);
  }
}
