#define _GNU_SOURCE
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include "clibc.h"

int mle_wcwidth(int32_t scalar) { return wcwidth((wchar_t)scalar); }

int mle_ensure_utf8_ctype(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && strcmp(codeset, "UTF-8") == 0) return 1;
    setlocale(LC_CTYPE, "C.UTF-8");
    return 0;
}

const void *mle_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

int mle_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

#include <spawn.h>
int mle_spawn_chdir(void *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np((posix_spawn_file_actions_t *)actions, path);
}

#include <malloc.h>
void mle_malloc_trim(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

int mle_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 1;
}

#include <termios.h>

static int savedTerminalFD = -1;
static struct termios savedTerminalMode;
static char resetBytes[256];
static size_t resetLength;

int mle_terminal_save(int fd) {
    if (tcgetattr(fd, &savedTerminalMode) != 0) return 0;
    savedTerminalFD = fd;
    return 1;
}

void mle_terminal_set_reset(const void *bytes, size_t length) {
    if (length > sizeof resetBytes) length = sizeof resetBytes;
    memcpy(resetBytes, bytes, length);
    resetLength = length;
}

void mle_terminal_restore_from_signal(void) {
    if (savedTerminalFD < 0) return;
    if (resetLength > 0) { ssize_t ignored = write(savedTerminalFD, resetBytes, resetLength); (void)ignored; }
    tcsetattr(savedTerminalFD, TCSANOW, &savedTerminalMode);
}

int mle_memory_file(const char *name) {
#if defined(__linux__)
    return memfd_create(name, MFD_CLOEXEC);
#else
    (void)name;
    return -1;
#endif
}

#include <signal.h>
#include <stdatomic.h>
static _Atomic int checkGroups[16];

void mle_check_group_add(int group) {
    for (int i = 0; i < 16; i++) {
        int empty = 0;
        if (atomic_compare_exchange_strong(&checkGroups[i], &empty, group)) return;
    }
}

void mle_check_group_remove(int group) {
    for (int i = 0; i < 16; i++) {
        int expected = group;
        if (atomic_compare_exchange_strong(&checkGroups[i], &expected, 0)) return;
    }
}

void mle_check_groups_stop(void) {
    for (int i = 0; i < 16; i++) {
        int group = atomic_load(&checkGroups[i]);
        if (group > 0) kill(-group, SIGTERM);
    }
}
