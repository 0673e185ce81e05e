// The one header through which Swift sees ncursesw: wide-character API on, and the macros
// and globals Swift cannot import wrapped as functions.
#ifndef MLE_NCURSES_SHIM_H
#define MLE_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

static inline WINDOW *mle_stdscr(void) { return stdscr; }
static inline int mle_lines(void) { return LINES; }
static inline int mle_cols(void) { return COLS; }
static inline int mle_colors(void) { return COLORS; }
static inline int mle_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t mle_a_bold(void) { return A_BOLD; }
static inline attr_t mle_a_dim(void) { return A_DIM; }
static inline attr_t mle_a_reverse(void) { return A_REVERSE; }
static inline attr_t mle_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mle_a_italic(void) { return A_ITALIC; }
static inline attr_t mle_a_normal(void) { return A_NORMAL; }
static inline int mle_key_resize(void) { return KEY_RESIZE; }
static inline int mle_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t mle_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t mle_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t mle_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t mle_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline const char *mle_codeset(void) { return nl_langinfo(CODESET); }
#endif
