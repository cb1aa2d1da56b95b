#!/usr/bin/env python3
"""docs_architecture: the code keeps the rules of docs/development.md's map.

1. src/core includes no SDL header.
2. Folders depend only as the map allows (ALLOWED below): app -> display ->
   core; inside core, sys and time at the bottom.
3. No two modules (a .c file) depend on each other in a circle.

A dependency is an #include of another module's header, or -- read from the
built libraries with nm -- a call of a function another module defines (a
circle through a shared _private.h header shows only there).

Usage: architecture.py SOURCE_DIR [NM LIBRARY.a...]
"""
import collections
import glob
import os
import re
import subprocess
import sys

DOC = 'docs/development.md'
HERE = 'tests/docs/architecture.py'
# What each folder may use besides itself (the map's arrows).  A new folder
# goes here and in the map.
CORE = {'core/sys', 'core/time', 'core/text', 'core/config', 'core/import', 'core/show',
        'core/ctl'}
DISPLAY = {'display/gfx', 'display/text', 'display/scene'}
ALLOWED = {
    'app': DISPLAY | CORE,
    'display/scene': {'display/gfx', 'display/text'} | CORE,
    'display/text': {'display/gfx'} | CORE,
    'display/gfx': CORE,
    'core/show': {'core/sys', 'core/time', 'core/text', 'core/config'},
    'core/config': {'core/sys', 'core/time', 'core/text', 'core/import'},
    'core/import': {'core/sys', 'core/time', 'core/text', 'core/config'},
    'core/text': {'core/sys', 'core/time'},
    'core/time': {'core/sys'},
    'core/sys': set(),
    # The fleet's control protocol (core/ctl), its command-line client (ctl)
    # and the MQTT bridge (mqtt), separate programs that talk to the display
    # through its control socket.
    'core/ctl': {'core/sys'},
    'ctl': set(),
    'mqtt': CORE,
}
# Edges the map names as left to remove: (from, to) -> why.
EXCEPTIONS = {
    ('core/sys', 'core/config'): "bb_watch.c reads the list of files a config names",
}
# Circles allowed for now, each a set of module names ({'bb_a', 'bb_b'}), for
# one found that cannot be split at once.  Delete an entry once it is split.
# The four found when the sources were re-housed are split: none is left.
KNOWN_CIRCLES = []


def sources(root):
    """{module: folder} of the .c files, and every .c/.h path."""
    paths = sorted(glob.glob(os.path.join(root, 'src/**/*.[ch]'), recursive=True))
    folder = {}
    for p in paths:
        if p.endswith('.c'):
            folder[os.path.basename(p)[:-2]] = os.path.relpath(os.path.dirname(p), os.path.join(root, 'src'))
    return paths, folder


def include_edges(root, paths, folder):
    """(module or header's folder) edges from #include "bb_x.h" lines."""
    header_dir = {os.path.basename(p): os.path.relpath(os.path.dirname(p), os.path.join(root, 'src'))
                  for p in paths if p.endswith('.h')}
    mods, dirs = collections.defaultdict(set), collections.defaultdict(set)
    sdl = []
    for p in paths:
        me_dir = os.path.relpath(os.path.dirname(p), os.path.join(root, 'src'))
        me = os.path.basename(p)[:-2]
        for no, line in enumerate(open(p, encoding='utf-8'), 1):
            m = re.match(r'\s*#\s*include\s*[<"]([\w/.]+)[>"]', line)
            if not m:
                continue
            h = m.group(1)
            if me_dir.startswith('core') and h.startswith('SDL'):
                sdl.append('%s:%d: error: core includes %s: core has no SDL (%s, "Architecture map")'
                           % (os.path.relpath(p, root), no, h, DOC))
            if h not in header_dir:
                continue
            if header_dir[h] != me_dir:
                dirs[(me_dir, header_dir[h])].add('%s includes %s' % (os.path.basename(p), h))
            other = h[:-2]
            if p.endswith('.c') and other in folder and other != me:
                mods[me].add(other)
    return mods, dirs, sdl


def symbol_edges(nm, libs, folder):
    """Module edges from the libraries: A uses a symbol B defines."""
    defs, uses = {}, collections.defaultdict(set)
    for lib in libs:
        out = subprocess.run([nm, '-A', lib], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            m = re.match(r'.*?:(\w+)\.c\.o:\s*(?:[0-9a-fA-F]+)?\s+([A-Za-z])\s+(\S+)$', line)
            if not m:
                continue
            obj, kind, sym = m.groups()
            if kind == 'U':
                uses[obj].add(sym)
            elif kind in 'TDBR':
                defs[sym] = obj
    mods, dirs = collections.defaultdict(set), collections.defaultdict(set)
    for a, syms in uses.items():
        for s in syms:
            b = defs.get(s)
            if b and b != a:
                mods[a].add(b)
                if a in folder and b in folder and folder[a] != folder[b]:
                    dirs[(folder[a], folder[b])].add('%s.c calls %s() of %s.c' % (a, s, b))
    return mods, dirs


def circles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(100000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    return out


def main():
    root = sys.argv[1]
    paths, folder = sources(root)
    mods, dirs, problems = include_edges(root, paths, folder)
    if len(sys.argv) > 3:
        smods, sdirs = symbol_edges(sys.argv[2], sys.argv[3:], folder)
        for k, v in smods.items():
            mods[k] |= v
        for k, v in sdirs.items():
            dirs[k] |= v
    for f in sorted(set(folder.values())):
        if f not in ALLOWED:
            problems.append('src/%s: error: a folder the map does not know: add it to the map in %s '
                            'and to ALLOWED in %s with what it may use' % (f, DOC, HERE))
    for (a, b), why in sorted(dirs.items()):
        if a in ALLOWED and b not in ALLOWED[a] and (a, b) not in EXCEPTIONS:
            problems.append('src/%s: error: uses src/%s (%s), against the map in %s: move the code '
                            'to a folder both may use, or change the map and ALLOWED in %s'
                            % (a, b, '; '.join(sorted(why)[:3]), DOC, HERE))
    for comp in circles(mods):
        if not any(comp <= known for known in KNOWN_CIRCLES):
            problems.append('error: modules depend on each other in a circle: %s (two files that '
                            'call each other are one module, or need a third below both; a circle '
                            'to be split later goes in KNOWN_CIRCLES in %s)'
                            % (', '.join(sorted(comp)), HERE))
        else:
            print('note: a known circle, still to split: %s' % ', '.join(sorted(comp)))
    for p in problems:
        print(p)
    print('%d modules in %d folders; %d problem(s)' % (len(folder), len(set(folder.values())), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
