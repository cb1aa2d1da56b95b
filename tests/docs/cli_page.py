#!/usr/bin/env python3
"""docs_cli: the man page briefboard(1) names every option and environment
variable the program reads, and nothing it does not.

Options are the entries of the option table in src/app/bb_cli.c
({"--name", OPT_...}); variables are the "BRIEFBOARD_..." string literals in
the program's sources (src/core, src/display, src/app).  The page is hand-written (docs/briefboard.1), so this is what keeps it
in step.  Usage: cli_page.py SOURCE_DIR
"""
import glob
import os
import re
import subprocess
import sys

PAGE = 'docs/briefboard.1'


def main():
    root = sys.argv[1]
    options = set()
    for path in glob.glob(os.path.join(root, 'src/app/*.c')):
        options |= set(re.findall(r'\{"(--[a-z-]+)",\s*OPT_', open(path, encoding='utf-8').read()))
    variables = set()
    # The display program's sources; other programs (src/ctl, src/mqtt) have pages of their own.
    for path in [p for d in ('core', 'display', 'app')
                 for p in glob.glob(os.path.join(root, 'src', d, '**/*.[ch]'), recursive=True)]:
        variables |= set(re.findall(r'"(BRIEFBOARD_[A-Z_]+)"', open(path, encoding='utf-8').read()))
    page = open(os.path.join(root, PAGE), encoding='utf-8').read()
    plain = page.replace('\\-', '-')
    on_page = set(re.findall(r'(?<![\w-])(--[a-z][a-z-]*)', plain)) - {'--option'}
    page_vars = set(re.findall(r'BRIEFBOARD_[A-Z_]+', plain))
    problems = []
    for o in sorted(options - on_page):
        problems.append('%s: error: option %s (src/app/bb_cli.c) is not in the man page: add it '
                        'under .SH OPTIONS or MODES, written \\-\\-%s' % (PAGE, o, o[2:].replace('-', '\\-')))
    for o in sorted(on_page - options):
        problems.append('%s: error: the man page names %s, which src/app/bb_cli.c does not accept'
                        % (PAGE, o))
    for v in sorted(variables - page_vars):
        problems.append('%s: error: the program reads $%s but the man page does not say so: add '
                        'it under .SH ENVIRONMENT' % (PAGE, v))
    for v in sorted(page_vars - variables):
        problems.append('%s: error: the man page names $%s, which the program does not read'
                        % (PAGE, v))
    run = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-z', os.path.join(root, PAGE)],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8'))
    problems += ['%s: error: groff: %s' % (PAGE, l) for l in run.stderr.strip().splitlines()]
    if run.returncode != 0:
        problems.append('%s: error: groff exited with %d' % (PAGE, run.returncode))
    for p in problems:
        print(p)
    print('%d options, %d variables; %d problem(s)' % (len(options), len(variables), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
