#!/usr/bin/env python3
"""docs_config: docs/config.md documents exactly the settings the parser accepts.

The parser's settings are its key lists in src/core/config/*.c -- the
`bb_keys NAME_keys = {...}` arrays that bb_rd_check_keys warns against (an
unknown key is "unknown setting"), the COMMON_KEYS of every slide and the
palette's names (display.colors) -- plus any key read by name
(bb_rd_*(r, g, "key", ...) or config_setting_get_member(g, "key")).

A setting is documented when it is named in backquotes in the first column of
a table whose first header is "setting" or "key", under the heading of its
group: `## display` for display_keys, `### agenda` for agenda_keys, and so on
(the few names that differ are in SECTION_OF below).  The man page
briefboard.cfg(5) is generated from docs/config.md (scripts/md2man.awk), so
this one check keeps the reference, the man page and the parser in step.

With the generated man page as a second argument it also checks that the page
names every documented setting (the converter dropped nothing) and that groff
renders it without a warning.

Usage: config_keys.py SOURCE_DIR [BUILD/docs/briefboard.cfg.5]
"""
import glob
import os
import re
import subprocess
import sys

# Key list -> the heading it is documented under, where the names differ.
SECTION_OF = {
    'root': 'top',          # "## Top level"
    'palette': 'colors',    # display.colors: "### colors"
    'window': 'quiet',      # quiet and a slide's hours: "## quiet, quiet_style"
    'COMMON_KEYS': 'slides',
    'schedule': 'schedules',
    'talk': 'talks',
    'expected': 'expected_by',
}
DOC = 'docs/config.md'


def parser_keys(root):
    """{list name: (file:line, [keys])}, the slide types, and keys read by name."""
    lists, by_name, types = {}, {}, []
    for path in sorted(glob.glob(os.path.join(root, 'src/core/config/*.[ch]'))):
        text = open(path, encoding='utf-8').read()
        rel = os.path.relpath(path, root)
        macros = {m.group(1): re.findall(r'"(\w+)"', m.group(2))
                  for m in re.finditer(r'#define\s+(\w+_KEYS)\s+(.*)', text)}
        for name, words in macros.items():
            lists[name] = (rel, words)
        for m in re.finditer(r'bb_keys\s+(\w+)_keys\s*=\s*\{([^}]*)\}', text):
            line = text.count('\n', 0, m.start()) + 1
            keys = []
            for tok in m.group(2).split(','):
                tok = tok.strip()
                if tok in macros:
                    continue        # documented with the macro's own section
                keys += re.findall(r'"(\w+)"', tok)
            lists[m.group(1)] = ('%s:%d' % (rel, line), keys)
        m = re.search(r'palette_names\[[^]]*\]\s*=\s*\{([^}]*)\}', text)
        if m:
            lists['palette'] = ('%s:%d' % (rel, text.count('\n', 0, m.start()) + 1),
                                re.findall(r'"(\w+)"', m.group(1)))
        m = re.search(r'type_words\[[^]]*\]\s*=\s*\{([^}]*)\}', text)
        if m and 'slides' in path:
            types = re.findall(r'"(\w+)"', m.group(1))
        for m in re.finditer(r'(?:bb_rd_\w+\(r,\s*\w+|config_setting_get_member\(\w+),\s*"(\w+)"', text):
            by_name.setdefault(m.group(1), '%s:%d' % (rel, text.count('\n', 0, m.start()) + 1))
    return lists, by_name, types


def documented(root):
    """{section: {key: line}} from the setting tables, and every heading."""
    sections, headings = {}, set()
    section, in_table, is_settings, fenced = None, False, False, False
    for no, line in enumerate(open(os.path.join(root, DOC), encoding='utf-8'), 1):
        if line.startswith('```'):
            fenced = not fenced
        if fenced:
            continue
        m = re.match(r'#{2,3}\s+(.*)', line)
        if m:
            section = re.split(r'[ ,:]', m.group(1).replace('`', '').strip().lower())[0]
            headings.add(section)
            continue
        if not line.startswith('|'):
            in_table = False
            continue
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if not in_table:
            in_table, is_settings = True, cells[0] in ('setting', 'key')
            continue
        if is_settings and not re.match(r'^[-: ]+$', cells[0]):
            for key in re.findall(r'`(\w+)`', cells[0]):
                sections.setdefault(section, {})[key] = no
    return sections, headings


def main():
    root = sys.argv[1]
    lists, by_name, types = parser_keys(root)
    docs, headings = documented(root)
    problems = []
    mapped = set()
    for list_name, (where, keys) in sorted(lists.items()):
        section = SECTION_OF.get(list_name, list_name)
        name = list_name if list_name.isupper() else (
            'palette_names' if list_name == 'palette' else list_name + '_keys')
        mapped.add(section)
        have = docs.get(section, {})
        if section not in headings:
            problems.append('%s: error: the parser reads a %r group (%s, %s) but %s has no '
                            'heading "## %s" or "### %s": add one with a table whose first header is '
                            '"setting" and one row per key: %s'
                            % (DOC, section, where, name, DOC, section, section, ', '.join(keys)))
            continue
        for key in keys:
            if key not in have:
                problems.append('%s: error: setting %r (%s, %s) is not documented: add a row '
                                '"| `%s` | type | default | meaning |" to the table under the '
                                'heading "%s" in %s' % (DOC, key, where, name, key, section, DOC))
        for key, no in sorted(have.items()):
            if key not in keys:
                problems.append('%s:%d: error: %r is documented under "%s" but the parser does not '
                                'accept it there (%s in %s): remove the row, or add the key to the parser'
                                % (DOC, no, key, section, name, where))
    for section, keys in sorted(docs.items()):
        if section not in mapped:
            problems.append('%s:%d: error: settings documented under "%s" (%s) but the parser has no '
                            'key list for that group: name the section after its bb_keys list, or '
                            'add the pair to SECTION_OF in tests/docs/config_keys.py'
                            % (DOC, min(keys.values()), section, ', '.join(sorted(keys))))
    all_documented = {k for keys in docs.values() for k in keys}
    all_listed = {k for _, keys in lists.values() for k in keys}
    for key, where in sorted(by_name.items()):
        if key not in all_documented and key not in all_listed:
            problems.append('%s: error: the parser reads %r (%s) but no setting table in %s names it: '
                            'add a row to the table of its group' % (DOC, key, where, DOC))
    for t in types:
        if t not in headings:
            problems.append('%s: error: slide type %r has no section: add "### %s" under "## slides" '
                            'with a table of its settings' % (DOC, t, t))
    if len(sys.argv) > 2:
        problems += check_man(sys.argv[2], docs)
    for p in problems:
        print(p)
    n = sum(len(k) for _, k in lists.values())
    print('%d key lists, %d keys, %d documented settings; %d problem(s)'
          % (len(lists), n, sum(len(v) for v in docs.values()), len(problems)))
    return 1 if problems else 0


def check_man(page, docs):
    """The generated page names every documented setting and renders cleanly."""
    problems = []
    text = open(page, encoding='utf-8').read()
    for section, keys in sorted(docs.items()):
        for key, no in sorted(keys.items()):
            if '\\fB%s\\fR' % key not in text:
                problems.append('%s:%d: error: %r is not in the generated man page %s: '
                                'scripts/md2man.awk dropped it' % (DOC, no, key, page))
    run = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-z', page],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8'))
    for line in (run.stderr.strip().splitlines() if run.stderr.strip() else []):
        problems.append('%s: error: groff: %s (from %s; fix the Markdown there or '
                        'scripts/md2man.awk)' % (page, line, DOC))
    if run.returncode != 0:
        problems.append('%s: error: groff exited with %d' % (page, run.returncode))
    return problems


if __name__ == '__main__':
    sys.exit(main())
