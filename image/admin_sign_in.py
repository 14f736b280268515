#!/usr/bin/python3
"""Types the admin PIN on the kiosk's keypad as IT would, for
image/provision-test.sh. The keys are found on a screendump by their colour
(screens/widgets: secondary keys, the primary sign-in button), as rows of
buttons: three rows of three (1-9), then 0 and the erase key, then Cancel and
Sign in. Each digit is tapped through QMP, then Sign in; prints the screen's
text afterwards (OCR) and "admin screen shown" when it is the admin screen.

  admin_sign_in.py QMP_SOCKET PIN OUT.png
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qmp  # noqa: E402

ADMIN_TITLE = "Yönetim ve tanılama"  # assets/i18n/ui.yaml admin.title
PRIMARY = (11, 79, 156)


def runs(rgb, width, y, colour):
    """Centres of the runs of colour on row y as wide as a button. A row through
    a key's label splits its run into narrower ones, which are left out."""
    wanted = bytes(colour)
    row = rgb[y * width * 3:(y + 1) * width * 3]
    found, start = [], None
    for x in range(width + 1):
        hit = x < width and row[3 * x:3 * x + 3] == wanted
        if hit and start is None:
            start = x
        elif not hit and start is not None:
            found.append((start, x - 1))
            start = None
    return tuple((a + b) // 2 for a, b in found if 80 <= b - a <= 500)


def button_rows(rgb, width, height, colour):
    """(top, bottom, (x, ...)) of every band of buttons: rows of pixels showing
    the same buttons, across their labels, at least 20 pixels from top to
    bottom. Rows of keys one above the other make one band."""
    rows, band = [], None  # band: [key, centres, first y, last y]
    for y in range(height):
        centres = runs(rgb, width, y, colour)
        if not centres:
            continue
        key = tuple(c // 8 for c in centres)
        if band and band[0] == key and y - band[3] <= 30:
            band[3] = y
            continue
        if band and band[3] - band[2] >= 20:
            rows.append((band[2], band[3], band[1]))
        band = [key, centres, y, y]
    if band and band[3] - band[2] >= 20:
        rows.append((band[2], band[3], band[1]))
    return rows


def doubled(width, height, rgb):
    """The picture at twice its size: tesseract misreads the admin screen's
    small lines at 1280x800."""
    stride = width * 3
    out = bytearray()
    for y in range(height):
        row = rgb[y * stride:(y + 1) * stride]
        wide = bytearray(2 * stride)
        for c in range(3):
            wide[c::6] = row[c::3]
            wide[3 + c::6] = row[c::3]
        out += wide + wide
    return 2 * width, 2 * height, bytes(out)


def shot(monitor, png):
    width, height, rgb = qmp.grab(monitor)
    qmp.write_png(png, width, height, rgb)
    return width, height, rgb


def main():
    path, pin, out = sys.argv[1], sys.argv[2], sys.argv[3]
    monitor = qmp.Monitor(path)
    width, height, rgb = shot(monitor, out)
    bands = button_rows(rgb, width, height, qmp.PALETTE["secondary"])
    digits = [i for i, (_, _, xs) in enumerate(bands) if len(xs) == 3]
    if not digits or digits[0] + 1 >= len(bands) or len(bands[digits[0] + 1][2]) != 2:
        sys.exit(f"keypad not found on the screen (bands of keys: {bands})")
    # 1-9: one band of three rows of three keys.
    top, bottom, xs = bands[digits[0]]
    pitch = (bottom - top) / 3
    keys = {}
    for row, labels in enumerate(("123", "456", "789")):
        keys.update({label: (x, top + pitch * (row + 0.5)) for label, x in zip(labels, xs)})
    zero_top, zero_bottom, zero_xs = bands[digits[0] + 1]
    keys["0"] = (zero_xs[0], (zero_top + zero_bottom) / 2)
    sign_in = [band for band in button_rows(rgb, width, height, PRIMARY) if band[0] > zero_bottom]
    if not sign_in:
        sys.exit("sign-in button not found below the keypad")
    for digit in pin:
        x, y = keys[digit]
        qmp.touch(monitor, x / width, y / height)
        time.sleep(0.5)
    sign_in_top, sign_in_bottom, sign_in_xs = sign_in[0]
    qmp.touch(monitor, sign_in_xs[-1] / width, (sign_in_top + sign_in_bottom) / 2 / height)
    time.sleep(8)  # the PIN is checked on a worker (PBKDF2 under emulation)
    large = out[:-len(".png")] + "-2x.png"
    qmp.write_png(large, *doubled(*shot(monitor, out)))
    text = subprocess.run(["tesseract", "-l", "tur", large, "-"], capture_output=True, text=True).stdout
    os.remove(large)
    print(text)
    if ADMIN_TITLE in text:
        print("admin screen shown")


if __name__ == "__main__":
    main()
