#!/usr/bin/env python3
"""Measures how much of a PNG is drawn on: the share of pixels that are not (near) white, over
the whole image and inside rectangles given as X,Y,W,H. Prints one JSON object.

Used by the browser test of the HTML report: a blank page or an empty chart shows up as ~0.
Standard library only (zlib), so CI needs nothing from PyPI for it.

    png-ink.py screenshot.png [X,Y,W,H ...] [#RRGGBB ...]
        "regions": the inked share of each rectangle;
        "colours": for each colour, how many pixels are close to it and the box around them
        (found charts by their colours, wherever the layout put them).
    png-ink.py screenshot.png --crop X,Y,W,H out.png    (cut a region out, to look at it)
"""
import json
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise SystemExit(f"{path}: only 8-bit, non-interlaced grey/RGB/RGBA PNGs are supported")
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def inked(row, x, channels):
    pixel = row[x * channels:(x + 1) * channels]
    colour = pixel[:3] if channels >= 3 else pixel[:1] * 3
    return min(colour) < 235


def share(image, box):
    width, height, channels, rows = image
    x0, y0, w, h = box
    x1, y1 = min(width, x0 + w), min(height, y0 + h)
    total = max(0, x1 - x0) * max(0, y1 - y0)
    if total == 0:
        return 0.0
    count = sum(1 for y in range(y0, y1) for x in range(x0, x1) if inked(rows[y], x, channels))
    return round(count / total, 4)


def write_png(path, width, height, channels, rows):
    kind = {1: 0, 3: 2, 4: 6}[channels]
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(name, body):
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body) & 0xFFFFFFFF)

    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, kind, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def main(arguments):
    if not arguments:
        raise SystemExit(__doc__)
    image = read_png(arguments[0])
    width, height, channels, rows = image
    if len(arguments) == 4 and arguments[1] == "--crop":
        x, y, w, h = (int(part) for part in arguments[2].split(","))
        cut = [row[x * channels:(x + w) * channels] for row in rows[y:y + h]]
        write_png(arguments[3], w, len(cut), channels, cut)
        return
    boxes = [tuple(int(part) for part in argument.split(",")) for argument in arguments[1:] if not argument.startswith("#")]
    colours = [argument[1:] for argument in arguments[1:] if argument.startswith("#")]
    # The whole image is sampled every 4th pixel: exact enough, and fast on a tall page.
    sampled = sum(1 for y in range(0, height, 4) for x in range(0, width, 4) if inked(rows[y], x, channels))
    whole = round(sampled / (((height + 3) // 4) * ((width + 3) // 4)), 4)
    print(json.dumps({
        "width": width, "height": height, "ink": whole, "regions": [share(image, box) for box in boxes],
        "colours": [find(image, colour) for colour in colours],
    }))


def find(image, colour, tolerance=8):
    width, height, channels, rows = image
    target = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    count, left, top, right, bottom = 0, width, height, -1, -1
    for y in range(height):
        row = rows[y]
        for x in range(width):
            pixel = row[x * channels:x * channels + 3]
            if abs(pixel[0] - target[0]) <= tolerance and abs(pixel[1] - target[1]) <= tolerance and abs(pixel[2] - target[2]) <= tolerance:
                count += 1
                left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
    box = [left, top, right - left + 1, bottom - top + 1] if count else [0, 0, 0, 0]
    return {"colour": "#" + colour, "count": count, "box": box}


main(sys.argv[1:])
