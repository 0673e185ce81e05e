#ifndef MLE_TERMINAL_WIDTH_H
#define MLE_TERMINAL_WIDTH_H
#include <stdint.h>
/// Columns a character takes in the terminal, as libc (and so ncurses) measures it: -1 for a
/// non-printable character. Needs a UTF-8 LC_CTYPE (see mle_ensure_utf8_ctype).
int mle_wcwidth(int32_t scalar);
/// Switches LC_CTYPE to C.UTF-8 when the current one is not UTF-8. Returns 1 if it was UTF-8.
int mle_ensure_utf8_ctype(void);
#endif
