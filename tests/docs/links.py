#!/usr/bin/env python3
"""docs_links: every relative link in README.md and docs/*.md resolves.

A link to a file must name a file of the tree; a link to #anchor must name a
heading of the page it points to (GitHub's anchors: lower case, punctuation
dropped, spaces to hyphens).  Links to http(s) and mailto are not followed:
the test stays offline.  Usage: links.py SOURCE_DIR
"""
import os
import re
import sys

LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)\)')


def anchors(path):
    """The anchors GitHub makes for the headings of a Markdown file."""
    out, seen, fenced = set(), {}, False
    for line in open(path, encoding='utf-8'):
        if line.startswith('```'):
            fenced = not fenced
        if fenced or not line.startswith('#'):
            continue
        text = line.lstrip('#').strip().lower()
        slug = re.sub(r'[^\w\- ]', '', text).replace(' ', '-')
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else '%s-%d' % (slug, n))
    return out


def links(path):
    """(line number, target) of each Markdown link outside code blocks."""
    fenced = False
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        if line.startswith('```'):
            fenced = not fenced
            continue
        if fenced:
            continue
        for m in LINK.finditer(re.sub(r'`[^`]*`', '', line)):
            yield no, m.group(1)


def main():
    root = sys.argv[1]
    pages = [os.path.join(root, 'README.md')]
    docs = os.path.join(root, 'docs')
    pages += sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith('.md'))
    bad = 0
    for page in pages:
        for no, target in links(page):
            if re.match(r'[a-z]+:', target):
                continue
            file_part, _, anchor = target.partition('#')
            dest = os.path.normpath(os.path.join(os.path.dirname(page), file_part)) if file_part else page
            where = '%s:%d' % (os.path.relpath(page, root), no)
            if not os.path.exists(dest):
                print('%s: error: link to %s: no such file' % (where, target))
                bad += 1
            elif anchor and dest.endswith('.md') and anchor not in anchors(dest):
                print('%s: error: link to %s: %s has no heading with that anchor'
                      % (where, target, os.path.relpath(dest, root)))
                bad += 1
    print('%d page(s), %d broken link(s)' % (len(pages), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
