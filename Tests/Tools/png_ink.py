"""Measure how much of a PNG screenshot is not white, without third-party packages.

Usage: python3 png_ink.py FILE
Prints: WIDTH HEIGHT INK_FRACTION BLUE_PIXELS, where ink is any pixel darker than 240 in some
channel and BLUE_PIXELS counts pixels close to the chart palette's first colour (#0072B2).
Handles 8-bit RGB and RGBA PNGs (what Chromium writes), all five row filters.
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), f"unsupported PNG (depth {depth}, colour type {colour})"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


width, height, channels, rows = read_png(sys.argv[1])
ink = blue = 0
for line in rows:
    for x in range(0, width * channels, channels):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if min(r, g, b) < 240:
            ink += 1
        if abs(r - 0x00) < 30 and abs(g - 0x72) < 30 and abs(b - 0xB2) < 30:
            blue += 1
print(width, height, round(ink / (width * height), 4), blue)
