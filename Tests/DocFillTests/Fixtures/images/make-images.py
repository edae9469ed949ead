#!/usr/bin/env python3
"""make-images.py - write the tiny test pictures of the images fixture (run in this folder).

  red.png    4x2 px RGB, red       (wide)
  green.png  2x4 px RGB, green     (tall)
  blue.png   3x3 px RGB, blue      (square)
  gray.jpg  16x8 px baseline JPEG, grayscale, two 8x8 blocks (dark | light)
  placeholder.png  2x1 px grey: the placeholder picture embedded in images.fodt (printed as base64)

PNG: signature, IHDR, one zlib-compressed IDAT (filter 0 on every row), IEND.
JPEG: written by hand: every 8x8 block is flat, so only its DC coefficient is non-zero;
quantisation table of ones, the standard luminance DC Huffman table and an AC table holding
only end-of-block.
"""
import base64, struct, zlib


def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def jpeg(block_values, height=8):
    """A grayscale baseline JPEG of len(block_values) flat 8x8 blocks side by side."""
    width = 8 * len(block_values)
    def segment(marker, payload):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    dc_vals = list(range(12))
    # Canonical codes of the standard DC table.
    codes, code, k = {}, 0, 0
    for length, count in enumerate(dc_bits, start=1):
        for _ in range(count):
            codes[dc_vals[k]] = (code, length); code += 1; k += 1
        code <<= 1
    bits = []
    def put(value, length):
        bits.extend((value >> (length - 1 - i)) & 1 for i in range(length))
    previous = 0
    for v in block_values:
        dc = 8 * (v - 128)            # DC of a flat block after level shift, quantised by 1
        diff, previous = dc - previous, dc
        size = abs(diff).bit_length()
        put(*codes[size])
        if size:
            put(diff if diff > 0 else diff + (1 << size) - 1, size)
        put(0, 1)                     # AC: end of block (the only code of the AC table: "0")
    while len(bits) % 8:
        bits.append(1)
    scan = bytearray()
    for i in range(0, len(bits), 8):
        byte = int("".join(map(str, bits[i:i + 8])), 2)
        scan.append(byte)
        if byte == 0xFF:
            scan.append(0)
    return (b"\xff\xd8"
            + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + b"\x01" * 64)
            + segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
            + segment(0xC4, b"\x00" + bytes(dc_bits) + bytes(dc_vals))
            + segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + bytes(scan) + b"\xff\xd9")


if __name__ == "__main__":
    files = {
        "red.png": png(4, 2, (220, 30, 30)),
        "green.png": png(2, 4, (30, 160, 60)),
        "blue.png": png(3, 3, (40, 60, 200)),
        "gray.jpg": jpeg([60, 200]),
    }
    for name, data in files.items():
        with open(name, "wb") as f:
            f.write(data)
        print("wrote", name, len(data), "bytes")
    print("placeholder.png base64:", base64.b64encode(png(2, 1, (190, 190, 190))).decode())
