#!/usr/bin/python3
"""Talks to a QEMU monitor (QMP) for image/boot-test.sh and image/ccid_test.py.

  qmp.py SOCKET screendump OUT.png     screen -> PNG; prints "WxH bg=F% distinct=N"
  qmp.py SOCKET screen                 what the screen shows (screen_state below)
  qmp.py SOCKET keys KEY[+KEY...]      press a key combination (QEMU qcode names)
  qmp.py SOCKET plug-usb-stick DRIVE   attach drive DRIVE as a USB stick on bus xhci.0
  qmp.py SOCKET tap X Y                touch the usb-tablet at X, Y (fractions of the screen)
  qmp.py SOCKET hold X Y SECONDS       touch and hold
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
# screens/widgets/widgets.h: banner and badge colours, Home's buttons and its
# reader line.
PALETTE = {"good": (22, 116, 52), "warn": (166, 84, 0), "bad": (176, 0, 32), "neutral": (84, 92, 104),
           "secondary": (226, 232, 242), "text_muted": (70, 78, 90)}


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
    """What the kiosk shows, from colours at fixed places of its layout (1920x1080
    scaled to the screen; landscape only):
      home-ready / home-checking / home-broken / home-card-left: Home, known by its
        row of three "no card?" buttons; broken is a red triage badge (R01..R03),
        card-left an orange one; ready has its reader line at the bottom, checking
        does not;
      verdict-good / -warn / -bad / -neutral: a token screen with its banner in the
        verdict's colour (neutral: checking, or the card could not be read);
      other: anything else (reading, processes, admin)."""
    band = (height * 12 // 100, height * 26 // 100)
    if colour_share(width, rgb, PALETTE["secondary"], height * 76 // 100, height * 82 // 100) > 0.3:
        if colour_share(width, rgb, PALETTE["bad"], *band) > 0.25:
            return "home-broken"
        if colour_share(width, rgb, PALETTE["warn"], *band) > 0.25:
            return "home-card-left"
        line = colour_share(width, rgb, PALETTE["text_muted"], height * 86 // 100, height * 95 // 100, step=1)
        return "home-ready" if line > 0.001 else "home-checking"
    for name in ("good", "warn", "bad", "neutral"):
        if colour_share(width, rgb, PALETTE[name], *band) > 0.25:
            return "verdict-" + name
    return "other"


def screendump(monitor, out):
    width, height, rgb = grab(monitor)
    write_png(out, width, height, rgb)
    pixels = width * height
    background = sum(1 for i in range(0, len(rgb), 3 * 7)
                     if tuple(rgb[i:i + 3]) == BACKGROUND) * 7
    distinct = len({rgb[i:i + 3] for i in range(0, len(rgb), 3 * 97)})
    print(f"{width}x{height} bg={100 * background // max(pixels, 1)}% distinct={distinct}")


def touch(monitor, x, y, seconds=0.15):
    """Presses the usb-tablet at (x, y), fractions of the screen, for seconds."""
    monitor.command("input-send-event", events=[
        {"type": "abs", "data": {"axis": "x", "value": int(x * 32767)}},
        {"type": "abs", "data": {"axis": "y", "value": int(y * 32767)}}])
    time.sleep(0.1)
    monitor.command("input-send-event", events=[{"type": "btn", "data": {"down": True, "button": "left"}}])
    time.sleep(seconds)
    monitor.command("input-send-event", events=[{"type": "btn", "data": {"down": False, "button": "left"}}])


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
    elif action == "tap":
        touch(monitor, float(sys.argv[3]), float(sys.argv[4]))
    elif action == "hold":
        touch(monitor, float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]))
    elif action == "quit":
        monitor.command("quit")
    else:
        sys.exit(f"unknown action {action}")


if __name__ == "__main__":
    main()
