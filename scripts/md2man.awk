# md2man.awk: the man page of a Markdown page, for the subset docs/config.md
# uses: headings, paragraphs, "- " and "1. " lists, fenced code blocks,
# tables, and `code`, **bold**, *italic* and [links](...) inline.
#
#   awk -v name=briefboard.cfg -v section=5 -v version=0.1.0 \
#       -v summary="configuration file of briefboard" \
#       -v synopsis=/etc/briefboard/briefboard.cfg -f md2man.awk docs/config.md
#
# Why a converter and not a second hand-written page: the reference then
# exists once, and a setting added to docs/config.md is in the man page at the
# next build with nothing else to edit.  Why awk: it is on every Debian system
# (pandoc would be a large build dependency for one page).
#
# Markdown to roff:
#   # Title            the .TH line, NAME, SYNOPSIS; text up to the first ## is
#                      the DESCRIPTION
#   ## Heading         .SH HEADING          ### Heading    .SS Heading
#   a table            one .TP entry per row: the first cell is the tag; the
#                      column headed "meaning", "used for" or nothing is the
#                      text (without one, a bulleted list); the other cells go
#                      in parentheses after the tag
#                      ("type" without its name, "required: yes" as
#                      "required", the rest as "header: value")
#   <!-- man: skip --> ... <!-- man: end -->   left out of the man page (the
#                      page's list of contents, links between web pages)

BEGIN {
    in_code = 0; skip = 0; in_table = 0; need_pp = 0; started = 0
    printf ".\\\" %s(%s) -- generated from docs/config.md by scripts/md2man.awk; edit that file.\n", name, section
    printf ".TH %s %s \"\" \"briefboard %s\" \"File Formats\"\n", toupper(name), section, version
}

# Escape what roff would read as requests or escapes.
function esc(s) {
    gsub(/\\/, "\\e", s)
    s = uni(s)
    return s
}

# Typographic characters to roff's names, so the page renders in any locale.
function uni(s) {
    gsub(/–/, "\\(en", s); gsub(/—/, "\\(em", s); gsub(/×/, "\\(mu", s)
    gsub(/…/, "...", s); gsub(/→/, "\\(->", s); gsub(/≤/, "\\(<=", s)
    gsub(/≥/, "\\(>=", s); gsub(/·/, "\\(md", s); gsub(/“/, "\\(lq", s)
    gsub(/”/, "\\(rq", s); gsub(/‘/, "\\(oq", s); gsub(/’/, "\\(cq", s)
    return s
}

# A line of text: inline markup to fonts, dots and quotes at the start escaped.
function line(s) {
    s = inl(s)
    if (s ~ /^[.']/)
        s = "\\&" s
    return s
}

function inl(s,    out, c, i, j, rest, text, url) {
    out = ""
    while (length(s) > 0) {
        c = substr(s, 1, 1)
        if (c == "`" && (j = index(substr(s, 2), "`")) > 0) {
            out = out "\\fB" esc(substr(s, 2, j - 1)) "\\fR"
            s = substr(s, j + 2)
        } else if (substr(s, 1, 2) == "**" && (j = index(substr(s, 3), "**")) > 0) {
            out = out "\\fB" inl(substr(s, 3, j - 1)) "\\fR"
            s = substr(s, j + 4)
        } else if (c == "*" && substr(s, 2, 1) != " " && (j = index(substr(s, 2), "*")) > 1) {
            out = out "\\fI" inl(substr(s, 2, j - 1)) "\\fR"
            s = substr(s, j + 2)
        } else if (c == "[" && match(s, /^\[[^]]*\]\([^)]*\)/)) {
            rest = substr(s, RLENGTH + 1)
            j = index(s, "](")
            text = substr(s, 2, j - 2)
            url = substr(s, j + 2, RLENGTH - j - 2)
            out = out inl(text)
            if (url ~ /^https?:/)
                out = out " <" esc(url) ">"
            s = rest
        } else if (c == "\\") {
            out = out "\\e"
            s = substr(s, 2)
        } else {
            i = match(s, /[`*[\\]/)
            if (i == 1) {
                out = out c
                s = substr(s, 2)
            } else if (i == 0) {
                out = out uni(s)
                s = ""
            } else {
                out = out uni(substr(s, 1, i - 1))
                s = substr(s, i)
            }
        }
    }
    return out
}

function trim(s) {
    sub(/^[ \t]+/, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}

# Split a table row into cells[1..n]; returns n.
function cells_of(row, cells,    n, k, parts) {
    row = trim(row)
    sub(/^\|/, "", row)
    sub(/\|$/, "", row)
    n = split(row, parts, "|")
    for (k = 1; k <= n; k++)
        cells[k] = trim(parts[k])
    return n
}

function table_row(row,    cells, n, k, tag, paren, h, v) {
    n = cells_of(row, cells)
    tag = line(cells[1])
    paren = ""
    for (k = 2; k <= n && k <= ncols; k++) {
        if (k == body_col || cells[k] == "")
            continue
        h = header[k]; v = inl(cells[k])
        if (h == "type")
            v = v
        else if (h == "required")
            v = (cells[k] == "yes") ? "required" : ("required: " v)
        else
            v = h ": " v
        paren = paren (paren == "" ? "" : "; ") v
    }
    # A table without a text column (problem | severity) reads best as a list.
    print body_col ? ".TP" : ".IP \\(bu 2"
    print tag (paren == "" ? "" : " (" paren ")")
    if (body_col && cells[body_col] != "")
        print line(cells[body_col])
    need_pp = 1
}

/^<!-- man: skip -->/ { skip = 1; next }
/^<!-- man: end -->/ { skip = 0; next }
skip { next }
/^<!--.*-->$/ { next }

in_code && /^```/ { print ".fi"; print ".RE"; in_code = 0; need_pp = 1; next }
in_code {
    s = esc($0)
    if (s ~ /^[.']/)
        s = "\\&" s
    print s
    next
}
/^```/ { print ".PP"; print ".RS 4"; print ".nf"; in_code = 1; next }

# Tables: a header row, a |---| row, then rows.
/^\|/ {
    if (!in_table) {
        ncols = cells_of($0, header)
        body_col = 0
        for (k = 1; k <= ncols; k++)
            if (header[k] == "meaning" || header[k] == "used for" || header[k] == "")
                body_col = k
        if (body_col == 1)
            body_col = 0
        in_table = 1
        next
    }
    if ($0 ~ /^\|[-| :]+\|$/)
        next
    table_row($0)
    next
}
{ in_table = 0 }

/^# / {
    print ".SH NAME"
    printf "%s \\- %s\n", name, summary
    if (synopsis != "") {
        print ".SH SYNOPSIS"
        print ".I " synopsis
    }
    print ".SH DESCRIPTION"
    started = 1
    need_pp = 0
    next
}
/^## / { h = $0; sub(/^## +/, "", h); gsub(/`/, "", h); print ".SH " uni(toupper(h)); need_pp = 0; next }
/^### / { h = $0; sub(/^### +/, "", h); gsub(/`/, "", h); print ".SS " uni(h); need_pp = 0; next }

/^[ \t]*$/ { need_pp = 1; next }

/^- / {
    print ".IP \\(bu 2"
    print line(substr($0, 3))
    need_pp = 0
    in_list = 1
    next
}
/^[0-9]+\. / {
    n = index($0, ".")
    print ".IP " substr($0, 1, n) " 4"
    print line(trim(substr($0, n + 1)))
    need_pp = 0
    in_list = 1
    next
}
/^[ \t]+/ && in_list && !need_pp { print line(trim($0)); next }

{
    if (need_pp) {
        print ".PP"
        need_pp = 0
    }
    in_list = 0
    print line($0)
}
