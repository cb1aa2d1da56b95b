"""Pixels of the PNGs the program writes (8-bit RGB or RGBA, not
interlaced), with the standard library only: shared by the shell tests'
colour counts (tests/cli) and the fleet tests (tests/fleet)."""
import struct
import zlib


def png_rows(path, nrows=None):
    """(width, bpp, rows) of the PNG at path: its first nrows rows (all by
    default), each a bytearray of width * bpp unfiltered bytes."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6) and body[12] == 0, f"{path}: unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev, rows = bytearray(stride), []
    for row in range(height if nrows is None else min(nrows, height)):
        start = row * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return width, bpp, rows


def png_pixel(path, x, y):
    """(r, g, b) at x, y."""
    _, bpp, rows = png_rows(path, y + 1)
    return tuple(rows[y][x * bpp:x * bpp + 3])
