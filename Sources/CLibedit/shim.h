#ifndef FISCAL_CLIBEDIT_SHIM_H
#define FISCAL_CLIBEDIT_SHIM_H
// libedit's variadic el_set/el_wset/history/history_w cannot be called from Swift;
// each use is wrapped here in a static inline function (see ../shared/notes/platform.md).
// The wide-character API is used throughout: on Linux wchar_t is one Unicode scalar.
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <signal.h>
#include <histedit.h>

static inline FILE *fiscal_stdin(void) { return stdin; }
static inline FILE *fiscal_stdout(void) { return stdout; }
static inline FILE *fiscal_stderr(void) { return stderr; }

typedef wchar_t *(*fiscal_prompt_fn)(EditLine *);
typedef unsigned char (*fiscal_key_fn)(EditLine *, int);

/// Sets the prompt callback; it must return a stable buffer.
static inline int fiscal_el_set_prompt(EditLine *el, fiscal_prompt_fn fn) {
    return el_wset(el, EL_PROMPT, fn);
}
/// Chooses the emacs key bindings.
static inline int fiscal_el_set_editor_emacs(EditLine *el) {
    return el_wset(el, EL_EDITOR, L"emacs");
}
/// Lets libedit restore the terminal on SIGINT/SIGTSTP/SIGWINCH while it reads (1) or not (0).
static inline int fiscal_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}
/// Adds a named editor function.
static inline int fiscal_el_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, fiscal_key_fn fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}
/// Binds a key sequence (e.g. L"^I") to an editor function by name.
static inline int fiscal_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return el_wset(el, EL_BIND, key, function, NULL);
}
/// Turns off `isig` in edit mode so that ^C reaches the key binding instead of killing the process.
static inline int fiscal_el_tty_no_isig(EditLine *el) {
    return el_wset(el, EL_SETTY, L"-d", L"-isig", NULL);
}
/// Connects a wide history to the editor (up/down arrows, ^R search).
static inline int fiscal_el_set_history(EditLine *el, HistoryW *h) {
    return el_wset(el, EL_HIST, history_w, h);
}
/// Puts the terminal in libedit's editing mode (1) or back in the user's mode (0), around a
/// suspension (Ctrl-Z).
static inline int fiscal_el_prep_term(EditLine *el, int on) {
    return el_wset(el, EL_PREP_TERM, on);
}
/// Asks libedit to redraw the line.
static inline int fiscal_el_refresh(EditLine *el) {
    return el_wset(el, EL_REFRESH);
}

/// Caps the history at `size` entries.
static inline int fiscal_history_set_size(HistoryW *h, int size) {
    HistEventW ev; return history_w(h, &ev, H_SETSIZE, size);
}
/// Makes the history skip an entry equal to the previous one.
static inline int fiscal_history_set_unique(HistoryW *h, int on) {
    HistEventW ev; return history_w(h, &ev, H_SETUNIQUE, on);
}
/// Adds an entry.
static inline int fiscal_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev; return history_w(h, &ev, H_ENTER, line);
}
/// Loads entries from a file written by fiscal_history_save.
static inline int fiscal_history_load(HistoryW *h, const char *path) {
    HistEventW ev; return history_w(h, &ev, H_LOAD, path);
}
/// Saves every entry to a file (`_HiStOrY_V2_` format).
static inline int fiscal_history_save(HistoryW *h, const char *path) {
    HistEventW ev; return history_w(h, &ev, H_SAVE, path);
}
/// Moves to the oldest entry and returns its text, or NULL when the history is empty.
/// (libedit's H_FIRST is the newest entry, H_LAST the oldest.)
static inline const wchar_t *fiscal_history_oldest(HistoryW *h) {
    HistEventW ev; return history_w(h, &ev, H_LAST) == -1 ? NULL : ev.str;
}
/// Moves one entry towards the newest and returns its text, or NULL at the end.
static inline const wchar_t *fiscal_history_newer(HistoryW *h) {
    HistEventW ev; return history_w(h, &ev, H_PREV) == -1 ? NULL : ev.str;
}

#endif
