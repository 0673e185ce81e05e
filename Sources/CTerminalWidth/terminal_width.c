// glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's importer does not set.
#define _XOPEN_SOURCE 700
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include "terminal_width.h"

int mle_wcwidth(int32_t scalar) { return wcwidth((wchar_t)scalar); }

int mle_ensure_utf8_ctype(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && strcmp(codeset, "UTF-8") == 0) return 1;
    setlocale(LC_CTYPE, "C.UTF-8");
    return 0;
}
