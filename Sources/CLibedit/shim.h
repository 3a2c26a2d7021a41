#ifndef FISCAL_CLIBEDIT_SHIM_H
#define FISCAL_CLIBEDIT_SHIM_H
// libedit's variadic el_set/el_wset/history/history_w cannot be called from Swift;
// each use is wrapped here in a static inline function (see ../shared/notes/platform.md).
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <histedit.h>

static inline FILE *fiscal_stdin(void) { return stdin; }
static inline FILE *fiscal_stdout(void) { return stdout; }
static inline FILE *fiscal_stderr(void) { return stderr; }

#endif
