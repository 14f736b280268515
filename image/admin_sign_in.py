#!/usr/bin/python3
"""Types the admin PIN on the kiosk's keypad as IT would, for
image/provision-test.sh: the keys are found on a screendump by OCR (tesseract's
word boxes), each digit tapped through QMP, then "Giriş"; prints the screen's
text afterwards and "admin screen shown" when it is the admin screen.

  admin_sign_in.py QMP_SOCKET PIN OUT.png
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qmp  # noqa: E402

ADMIN_TITLE = "Yönetim ve tanılama"  # assets/i18n/ui.yaml admin.title


def shot(monitor, png):
    """The screen to png; its size."""
    width, height, rgb = qmp.grab(monitor)
    qmp.write_png(png, width, height, rgb)
    return width, height


def words(png, width, height):
    """OCR word boxes: (text, centre x, centre y) as fractions of the screen."""
    tsv = subprocess.run(["tesseract", "-l", "tur", "--psm", "11", png, "-", "tsv"],
                         capture_output=True, text=True).stdout
    found = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) == 12 and cols[11].strip():
            left, top, w, h = (int(v) for v in cols[6:10])
            found.append((cols[11].strip(), (left + w / 2) / width, (top + h / 2) / height))
    return found


def main():
    path, pin, out = sys.argv[1], sys.argv[2], sys.argv[3]
    monitor = qmp.Monitor(path)
    boxes = words(out, *shot(monitor, out))
    keys = {text: (x, y) for text, x, y in boxes if len(text) == 1 and text.isdigit()}
    missing = sorted(set(pin) - set(keys))
    sign_in = [(x, y) for text, x, y in boxes if text.startswith("Giri")]
    if missing or not sign_in:
        sys.exit(f"keypad not found on the screen (digits missing: {missing}; sign-in button: {bool(sign_in)})")
    for digit in pin:
        qmp.touch(monitor, *keys[digit])
        time.sleep(0.5)
    qmp.touch(monitor, *sign_in[-1])
    time.sleep(8)  # the PIN is checked on a worker (PBKDF2 under emulation)
    shot(monitor, out)
    text = subprocess.run(["tesseract", "-l", "tur", out, "-"], capture_output=True, text=True).stdout
    print(text)
    if ADMIN_TITLE in text:
        print("admin screen shown")


if __name__ == "__main__":
    main()
