#!/usr/bin/python3
"""Talks to a QEMU monitor (QMP) for image/boot-test.sh and image/ccid_test.py.

  qmp.py SOCKET screendump OUT.png     screen -> PNG; prints "WxH bg=F% distinct=N"
  qmp.py SOCKET screen                 what the screen shows (screen_state below)
  qmp.py SOCKET keys KEY[+KEY...]      press a key combination (QEMU qcode names)
  qmp.py SOCKET plug-usb-stick DRIVE   attach drive DRIVE as a USB stick on bus xhci.0
  qmp.py SOCKET quit
"""
import json
import os
import socket
import struct
import sys
import tempfile
import time
import zlib

# The kiosk's clear colour (kiosk/app/app.cpp): most of a Home screen is this.
BACKGROUND = (246, 247, 249)
# screens/widgets/widgets.h: a verdict's banner colour; "bad" is also the colour
# of Home's line when no reader works; "neutral" is the reader in Home's picture.
PALETTE = {"good": (22, 116, 52), "warn": (166, 84, 0), "bad": (176, 0, 32), "neutral": (84, 92, 104)}


class Monitor:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(path)
        self.buffer = b""
        self._read()  # greeting
        self.command("qmp_capabilities")

    def _read(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("QEMU closed the monitor")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **arguments):
        request = {"execute": name}
        if arguments:
            request["arguments"] = arguments
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        while True:
            reply = self._read()
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"{name}: {reply['error']}")


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, position = [], 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("not an 8-bit P6 PPM")
    return int(fields[1]), int(fields[2]), data[position + 1:]


def write_png(path, width, height, rgb):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def grab(monitor):
    """The guest's screen now: (width, height, rgb bytes)."""
    with tempfile.TemporaryDirectory() as scratch:
        ppm = os.path.join(scratch, "screen.ppm")
        monitor.command("screendump", filename=ppm)
        for _ in range(50):
            if os.path.exists(ppm) and os.path.getsize(ppm) > 0:
                break
            time.sleep(0.1)
        return read_ppm(ppm)


def colour_share(width, rgb, colour, top, bottom, step=3):
    """Share (0..1) of the pixels in rows [top, bottom) that are exactly colour."""
    wanted = bytes(colour)
    hits = total = 0
    stride = width * 3
    for y in range(top, bottom, step):
        row = rgb[y * stride:(y + 1) * stride]
        for x in range(0, len(row), 3 * step):
            total += 1
            hits += row[x:x + 3] == wanted
    return hits / max(total, 1)


def screen_state(width, height, rgb):
    """verdict-good / -warn / -bad / -neutral (unreadable): a token screen with its
    banner (a full-width band under the top bar; Home's "card left in the reader"
    badge looks like a warn banner); home-ready / home-no-reader: Home, told apart
    by the colour of its reader line at the bottom; else other."""
    band = (height * 12 // 100, height * 26 // 100)
    for name in ("good", "warn", "bad", "neutral"):
        if colour_share(width, rgb, PALETTE[name], *band) > 0.25:
            return "verdict-" + name
    if colour_share(width, rgb, PALETTE["neutral"], height // 4, height // 2) > 0.02:
        no_reader = colour_share(width, rgb, PALETTE["bad"], height * 85 // 100, height, step=1) > 0.001
        return "home-no-reader" if no_reader else "home-ready"
    return "other"


def screendump(monitor, out):
    width, height, rgb = grab(monitor)
    write_png(out, width, height, rgb)
    pixels = width * height
    background = sum(1 for i in range(0, len(rgb), 3 * 7)
                     if tuple(rgb[i:i + 3]) == BACKGROUND) * 7
    distinct = len({rgb[i:i + 3] for i in range(0, len(rgb), 3 * 97)})
    print(f"{width}x{height} bg={100 * background // max(pixels, 1)}% distinct={distinct}")


def main():
    path, action = sys.argv[1], sys.argv[2]
    monitor = Monitor(path)
    if action == "screendump":
        screendump(monitor, sys.argv[3])
    elif action == "screen":
        print(screen_state(*grab(monitor)))
    elif action == "keys":
        keys = [{"type": "qcode", "data": key} for key in sys.argv[3].split("+")]
        monitor.command("send-key", keys=keys, **{"hold-time": 200})
    elif action == "plug-usb-stick":
        monitor.command("device_add", driver="usb-storage", drive=sys.argv[3], id="stick0", bus="xhci.0")
    elif action == "quit":
        monitor.command("quit")
    else:
        sys.exit(f"unknown action {action}")


if __name__ == "__main__":
    main()
