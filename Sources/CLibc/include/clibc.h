#ifndef MLE_CLIBC_H
#define MLE_CLIBC_H
// libc functions Swift's importer does not see, because glibc declares them only under
// _XOPEN_SOURCE or _GNU_SOURCE.
#include <stddef.h>
#include <stdint.h>

/// Columns a character takes in the terminal, as libc (and so ncurses) measures it: -1 for a
/// non-printable character. Needs a UTF-8 LC_CTYPE (see mle_ensure_utf8_ctype).
int mle_wcwidth(int32_t scalar);
/// Switches LC_CTYPE to C.UTF-8 when the current one is not UTF-8. Returns 1 if it was UTF-8.
int mle_ensure_utf8_ctype(void);
/// glibc's memmem: the first occurrence of needle in haystack, or NULL.
/// Hands memory freed in other threads' malloc arenas back to the system (glibc).
void mle_malloc_trim(void);

const void *mle_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
/// A file in memory (memfd_create, close-on-exec), or -1 where there is none (not Linux, an
/// old kernel): nothing on disk to create, or to leave behind.
int mle_memory_file(const char *name);
/// pipe2(fds, O_CLOEXEC): both ends closed in any program this process starts.
int mle_pipe_cloexec(int fds[2]);
/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int mle_spawn_chdir(void *actions, const char *path);
/// The rows and columns of the terminal on fd, as the kernel has them. 0 when fd is no terminal.
int mle_terminal_size(int fd, int *rows, int *cols);
/// Keeps the terminal's modes (before curses changes them) and the bytes that leave curses'
/// screen, in static memory, so that a signal handler can put the terminal back with
/// async-signal-safe calls only. Returns 0 when fd is no terminal.
int mle_terminal_save(int fd);
/// The reset sequences (at most 255 bytes are kept).
void mle_terminal_set_reset(const void *bytes, size_t length);
/// Writes the reset sequences and restores the saved modes: write and tcsetattr, nothing else.
void mle_terminal_restore_from_signal(void);
/// The process groups of the checks running now (at most 16 are kept), so that a signal that
/// ends this program can end them too: each runs in a group of its own, which neither a closed
/// terminal's SIGHUP nor a SIGTERM to this process reaches.
void mle_check_group_add(int group);
void mle_check_group_remove(int group);
/// SIGTERM to every group kept: kill, nothing else (async-signal-safe).
void mle_check_groups_stop(void);
#endif
