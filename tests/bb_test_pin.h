/*
 * bb_test_pin: keep every shared library loaded until exit, for tests that
 * open SDL video under LeakSanitizer.
 *
 * SDL loads the GL stack (libEGL, Mesa's driver, LLVM) with dlopen and
 * unloads it at SDL_QuitSubSystem(SDL_INIT_VIDEO).  Once a library is gone,
 * LeakSanitizer no longer scans its globals, so every block they pointed to
 * is reported as leaked, from "<unknown module>", where no suppression can
 * name it.  With the libraries pinned (RTLD_NODELETE) the same run reports
 * nothing: the reports were artefacts, not leaks.  Pinning changes nothing
 * else a test observes.
 */
#ifndef BB_TEST_PIN_H
#define BB_TEST_PIN_H

#include <dlfcn.h>
#include <link.h>
#include <stddef.h>

/* The including file defines _GNU_SOURCE before its first include. */

static int bb_test_pin_one(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    /* RTLD_NOLOAD: only a library already loaded; the handle is kept on
     * purpose, so the library stays. */
    if (info->dlpi_name && info->dlpi_name[0])
        (void)dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    return 0;
}

/* Pin every library loaded so far; call after SDL video has opened. */
static inline void bb_test_pin_libraries(void)
{
    dl_iterate_phdr(bb_test_pin_one, NULL);
}

#endif
