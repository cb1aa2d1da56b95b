/*
 * bb_powerctl: `briefboard --power off|on` talking to the running display.
 *
 * A deliberately small mechanism until a local control socket exists: the
 * running display keeps its pid and the panel's real power state in its
 * runtime directory; the command writes a request file there and sends
 * SIGUSR2; the display applies the request, removes the file and writes
 * the new state, which the command then prints.
 *
 *   <dir>/briefboard.pid   the display's pid
 *   <dir>/power-request    "on" or "off" (written by the command)
 *   <dir>/power            "on" or "off": the panel's real state
 *
 * The directory: $BRIEFBOARD_RUNTIME_DIR, else $RUNTIME_DIRECTORY (systemd's
 * RuntimeDirectory=, /run/briefboard for the service), else /run/briefboard
 * when it exists, else $XDG_RUNTIME_DIR/briefboard.
 */
#ifndef BB_POWERCTL_H
#define BB_POWERCTL_H

#include <stdbool.h>
#include <stdio.h>

/* How long the command waits for the display to answer, ms. */
#define BB_POWERCTL_TIMEOUT_MS 5000

/* The runtime directory as above, into buf (cap bytes); NULL when none can
 * be named (no variable set and no /run/briefboard). */
const char *bb_powerctl_dir(char *buf, int cap);

/* The display's side.  Make the directory (mode 0755) and write the pid
 * file; returns 0 or -1 (errno).  dir borrowed. */
int bb_powerctl_publish(const char *dir);

/* Remove the pid and state files (at exit). */
void bb_powerctl_unpublish(const char *dir);

/* Read a pending request: 1 with *on set (answer it with
 * bb_powerctl_answer), 0 when there is none, -1 when the file says
 * something else (it is removed and logged). */
int bb_powerctl_take(const char *dir, bool *on);

/* Write the panel's real state (after every change). */
void bb_powerctl_write_state(const char *dir, bool on);

/* After a request: write the real state, then remove the request, which
 * tells the waiting command to read the state. */
void bb_powerctl_answer(const char *dir, bool on);

/*
 * The command's side: ask the display to switch the panel, wait for it (at
 * most BB_POWERCTL_TIMEOUT_MS) and print the state it reports to out.
 * Errors (no display running, no permission, no answer) go to err.
 * Returns the process exit status: 0 on success.
 */
int bb_powerctl_request(bool on, FILE *out, FILE *err);

#endif
