#!/usr/bin/env python3
"""The USB CCID path in the booted image, driven from outside like a person would:
QEMU's usb-ccid reader and ccid-card-emulated cards (libcacard's CAC card,
read by OpenSC's cac driver with no PIN) plugged in and out over QMP, the
screen judged by its colours and by OCR (tesseract -l tur). Run by
image/boot-test.sh on a booted image whose data partition holds the test PKI's
trust anchor; prints "ok   ..." / "FAIL ..." lines and writes the timings.

  ccid_test.py --qmp SOCK --guest SOCK --serial LOG --pki DIR --work DIR --out DIR
"""
import argparse
import difflib
import json
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qmp  # noqa: E402

# The cards: one NSS database each. libcacard's certificates backend wants three
# certificates with keys; the holder's is the first, and the test CA and root
# (whose keys the test PKI has) fill the other two, as chain certificates do on
# many real cards.
CARDS = ("valid", "renewal_due", "revoked")
CARD_READS = 10
UNREAD = ("verdict-neutral",)  # "Kart okunamadı": a card that could not be read stays unread
READER_PLUGS = 5


class Run:
    def __init__(self, args):
        self.args = args
        self.monitor = qmp.Monitor(args.qmp)
        self.checks = 0
        self.failed = 0
        self.ids = 0

    def check(self, what, ok, detail=""):
        self.checks += 1
        if ok:
            print(f"ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}{': ' + detail if detail else ''}", flush=True)
        return ok

    def new_id(self, kind):
        self.ids += 1
        return f"{kind}{self.ids}"

    def state(self):
        return qmp.screen_state(*qmp.grab(self.monitor))

    def wait_for(self, wanted, timeout, since=None, give_up=()):
        """Seconds from `since` (default now) until the screen shows `wanted`
        (polling screendumps), or None; None at once on a `give_up` screen (a
        card that could not be read stays unread)."""
        started = time.monotonic() if since is None else since
        while time.monotonic() - started < timeout:
            state = self.state()
            if state == wanted:
                return time.monotonic() - started
            if state in give_up:
                return None
            time.sleep(0.05)
        return None

    def shot(self, name):
        path = os.path.join(self.args.out, name + ".png")
        width, height, rgb = qmp.grab(self.monitor)
        qmp.write_png(path, width, height, rgb)
        text = subprocess.run(["tesseract", "-l", "tur", path, "-"], capture_output=True, text=True).stdout
        return " ".join(text.split())

    def serial_lines(self):
        with open(self.args.serial, errors="replace") as f:
            return f.read().splitlines()

    def plug_reader(self):
        reader = self.new_id("ccid")
        started = time.monotonic()
        self.monitor.command("device_add", driver="usb-ccid", id=reader, bus="uhci.0")
        return reader, started

    def insert(self, profile):
        card = self.new_id("card")
        self.inserted = time.monotonic()
        self.monitor.command("device_add", driver="ccid-card-emulated", id=card, backend="certificates",
                             db="sql:" + os.path.join(self.args.work, "nss", profile),
                             cert1="cert1", cert2="cert2", cert3="cert3")
        return card

    def remove(self, device):
        self.removed = time.monotonic()
        self.monitor.command("device_del", id=device)


def ocr_has(text, phrase, threshold=0.85):
    """Whether OCR text holds phrase, allowing a letter or two misread."""
    text, phrase = text.casefold(), phrase.casefold()
    if phrase in text:
        return True
    n = len(phrase)
    return any(difflib.SequenceMatcher(None, text[i:i + n], phrase).ratio() >= threshold
               for i in range(0, max(len(text) - n, 0) + 1))


def make_nss(pki, work):
    for profile in CARDS:
        db = os.path.join(work, "nss", profile)
        os.makedirs(db, exist_ok=True)
        subprocess.run(["certutil", "-N", "-d", "sql:" + db, "--empty-password"], check=True)
        for nickname, source in (("cert1", f"holders/{profile}"), ("cert2", "ca"), ("cert3", "root")):
            p12 = os.path.join(work, f"{profile}-{nickname}.p12")
            subprocess.run(["openssl", "pkcs12", "-export", "-in", os.path.join(pki, source + ".pem"),
                            "-inkey", os.path.join(pki, source + ".key"), "-name", nickname, "-out", p12,
                            "-passout", "pass:"], check=True)
            subprocess.run(["pk12util", "-i", p12, "-d", "sql:" + db, "-W", ""], check=True, capture_output=True)


def holder_name(pki, profile):
    with open(os.path.join(pki, "holders", profile + ".json"), encoding="utf-8") as f:
        return json.load(f)["name"]


def median_text(values):
    return f"median {statistics.median(values):.1f} s (min {min(values):.1f}, max {max(values):.1f}, n={len(values)})"


def main():
    parser = argparse.ArgumentParser()
    for name in ("qmp", "guest", "serial", "pki", "work", "out"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    make_nss(args.pki, args.work)
    run = Run(args)
    timings = {"reader_ready_s": [], "reader_gone_s": [], "card_verdict_s": [], "card_removed_home_s": [],
               "app_read_ms": [], "pkcs11_tool_ms": []}
    read_ms = re.compile(r"\[token\] read in (\d+) ms")
    first_frames = sum("first frame shown" in line for line in run.serial_lines())

    # No reader at boot.
    text = run.shot("ccid-0-no-reader")
    run.check("no reader: Home says so", run.state() == "home-no-reader" and ocr_has(text, "Kart okuyucu bulunamadı"),
              text[-120:])

    # The reader plugged in: Home turns ready.
    reader, started = run.plug_reader()
    seconds = run.wait_for("home-ready", 90, started)
    if seconds is not None:
        timings["reader_ready_s"].append(seconds)
    text = run.shot("ccid-1-reader-ready")
    run.check(f"reader hot-plugged: Home ready ({seconds:.1f} s)" if seconds else "reader hot-plugged: Home ready",
              seconds is not None and ocr_has(text, "Kart okuyucu hazır"), text[-120:])

    # The valid card, inserted and removed again and again.
    name = holder_name(args.pki, "valid")
    for attempt in range(CARD_READS):
        before = len([l for l in run.serial_lines() if read_ms.search(l)])
        card = run.insert("valid")
        seconds = run.wait_for("verdict-good", 60, run.inserted, UNREAD)
        if seconds is None:
            text = run.shot(f"ccid-2-valid-failed-{attempt}")
            run.check("valid card: verdict screen", False, f"attempt {attempt + 1}: {run.state()}; {text[:160]}")
            run.remove(card)
            run.wait_for("home-ready", 30)
            break
        timings["card_verdict_s"].append(seconds)
        if attempt == 0:
            # The revocation answer arrives after the verdict is drawn.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not any("[revocation] answer:" in l for l in run.serial_lines()):
                time.sleep(0.5)
            time.sleep(1)
            text = run.shot("ccid-2-valid")
            run.check("valid card: green verdict with the holder's Turkish name",
                      ocr_has(text, name) and ocr_has(text, "E-imzanız geçerli"), text[:200])
            run.check("valid card: not revoked, asked of the test PKI's OCSP responder from inside the guest",
                      any("[revocation] answer: good" in l for l in run.serial_lines()) and ocr_has(text, "İptal edilmemiş"),
                      text[:300])
            answer = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "guest.py"), args.guest,
                                     "pkcs11-objects"], capture_output=True, text=True).stdout
            found = re.search(r"pkcs11-tool exit 0 in (\d+) ms, (\d+) certificate objects", answer)
            if run.check("pkcs11-tool -O in the guest lists the card's certificates without a PIN",
                         bool(found) and int(found.group(2)) >= 1, answer.strip()):
                timings["pkcs11_tool_ms"].append(int(found.group(1)))
        lines = [l for l in run.serial_lines() if read_ms.search(l)]
        if len(lines) > before:
            timings["app_read_ms"].append(int(read_ms.search(lines[-1]).group(1)))
        run.remove(card)
        seconds = run.wait_for("home-ready", 30, run.removed)
        if seconds is None:
            run.check("valid card removed: Home", False, run.state())
            break
        timings["card_removed_home_s"].append(seconds)
    run.check(f"valid card read {len(timings['card_verdict_s'])} times out of {CARD_READS}",
              len(timings["card_verdict_s"]) == CARD_READS)
    run.check("card removed: Home every time", len(timings["card_removed_home_s"]) == len(timings["card_verdict_s"]))

    # A certificate due for renewal, and a revoked one.
    for profile, state, title in (("renewal_due", "verdict-warn", "Yenileme zamanı yaklaştı"),
                                  ("revoked", "verdict-bad", "Sertifikanız iptal edilmiş")):
        card = run.insert(profile)
        seconds = run.wait_for(state, 60, run.inserted, UNREAD)
        time.sleep(1)
        text = run.shot("ccid-3-" + profile.replace("_", "-"))
        run.check(f"{profile} card: {state} with the holder's Turkish name",
                  seconds is not None and ocr_has(text, holder_name(args.pki, profile)) and ocr_has(text, title),
                  f"{run.state()}; {text[:200]}")
        run.remove(card)
        run.check(f"{profile} card removed: Home", run.wait_for("home-ready", 30) is not None, run.state())

    # The reader pulled out with a card in it, then plugged in again, a few times.
    run.insert("valid")
    run.wait_for("verdict-good", 60)
    for plug in range(READER_PLUGS - 1):
        run.remove(reader)
        seconds = run.wait_for("home-no-reader", 60, run.removed)
        if plug == 0:
            text = run.shot("ccid-4-reader-pulled")
            run.check("reader pulled with a card in it: Home says no reader",
                      seconds is not None and ocr_has(text, "Kart okuyucu bulunamadı"), f"{run.state()}; {text[-120:]}")
        if seconds is None:
            break
        timings["reader_gone_s"].append(seconds)
        reader, started = run.plug_reader()
        seconds = run.wait_for("home-ready", 90, started)
        if seconds is None:
            run.check("reader plugged in again: Home ready", False, run.state())
            break
        timings["reader_ready_s"].append(seconds)
    text = run.shot("ccid-5-reader-back")
    run.check(f"reader plugged in again {READER_PLUGS - 1} times: Home ready each time",
              len(timings["reader_ready_s"]) == READER_PLUGS and ocr_has(text, "Kart okuyucu hazır"), text[-120:])
    run.check("the app never restarted during the CCID sequence",
              sum("first frame shown" in line for line in run.serial_lines()) == first_frames)

    with open(os.path.join(args.out, "ccid-timings.json"), "w") as f:
        json.dump(timings, f, indent=1)
    for key, values in timings.items():
        if values and key.endswith("_s"):
            print(f"time {key}: {median_text(values)}")
        elif values:
            print(f"time {key}: median {statistics.median(values):.0f} ms (n={len(values)})")
    print(f"{run.checks} checks, {run.failed} failed")
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
