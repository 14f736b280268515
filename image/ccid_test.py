#!/usr/bin/python3
"""The USB CCID path in the booted image, driven from outside as a person would
use it: QEMU's usb-ccid reader and its cards plugged in and out over QMP, the
screen judged by its colours (qmp.screen_state) and by OCR (tesseract -l tur).
Run by image/boot-test.sh on a booted image whose data partition holds the test
PKI's trust anchor; prints "ok   ..." / "FAIL ..." lines, the timings, and
writes them to OUT/ccid-timings.json.

Two kinds of card, two OpenSC drivers, both read without a PIN:
  cac    ccid-card-emulated: libcacard's CAC card, certificates from an NSS
         database. QEMU takes them from the first such card and replays them
         for every later one, so this is always the valid holder.
  myeid  ccid-card-passthru: tests/vcard/vsc_card.py serves vcard.py's card
         (the one the host tests use through vpcd), any profile each time.

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

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import guest  # noqa: E402
import qmp  # noqa: E402

VSC_CARD = os.path.join(here, "..", "tests", "vcard", "vsc_card.py")
CARD_READS = 10
READER_PLUGS = 5
# assets/i18n/triage.yaml: R01's title; R04's line on a ready Home begins with READY.
NO_READER = "Kart okuyucu takılı değil"
NO_READER_CODE = "Görevli için kod: R01"
READY = "Kart okuyucu hazır"
READ_MS = re.compile(r"\[token\] read in (\d+) ms")


class Run:
    def __init__(self, args):
        self.args = args
        self.monitor = qmp.Monitor(args.qmp)
        self.checks = 0
        self.failed = 0
        self.ids = 0
        self.bridges = {}  # myeid card id -> (chardev id, bridge process)
        self.inserted = self.removed = 0.0
        self.first_verdict = None

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

    def wait_for(self, wanted, timeout, since=None, card=False):
        """Seconds from `since` (default now) until the screen shows `wanted`
        (polling screendumps), or None. With card=True, None as soon as the app
        logs that the card could not be read, and self.first_verdict holds when
        the token screen first showed (a neutral "checking" banner until the
        revocation answer is in)."""
        started = time.monotonic() if since is None else since
        unread = self.log_count("card could not be read") if card else 0
        self.first_verdict = None
        while time.monotonic() - started < timeout:
            state = self.state()
            if state.startswith("verdict-") and self.first_verdict is None:
                self.first_verdict = time.monotonic() - started
            if state == wanted:
                return time.monotonic() - started
            if card and self.log_count("card could not be read") > unread:
                return None
            time.sleep(0.05)
        return None

    def shot(self, name):
        """Saves the screen as OUT/name.png; returns its OCR text on one line."""
        path = os.path.join(self.args.out, name + ".png")
        width, height, rgb = qmp.grab(self.monitor)
        qmp.write_png(path, width, height, rgb)
        text = subprocess.run(["tesseract", "-l", "tur", path, "-"], capture_output=True, text=True).stdout
        return " ".join(text.split())

    def serial_lines(self):
        with open(self.args.serial, errors="replace") as f:
            return f.read().splitlines()

    def log_count(self, text):
        return sum(text in line for line in self.serial_lines())

    def reads_logged(self):
        return [int(m.group(1)) for m in map(READ_MS.search, self.serial_lines()) if m]

    def plug_reader(self):
        reader = self.new_id("ccid")
        started = time.monotonic()
        self.monitor.command("device_add", driver="usb-ccid", id=reader, bus="uhci.0")
        return reader, started

    def insert_cac(self):
        card = self.new_id("cac")
        self.inserted = time.monotonic()
        self.monitor.command("device_add", driver="ccid-card-emulated", id=card, backend="certificates",
                             db="sql:" + os.path.join(self.args.work, "nss"), cert1="cert1", cert2="cert2",
                             cert3="cert3")
        return card

    def insert_myeid(self, profile):
        card = self.new_id("myeid")
        path = os.path.join(self.args.work, card + ".sock")
        env = dict(os.environ, EIMZA_VCARD_DIR=self.args.work)
        bridge = subprocess.Popen(["/usr/bin/python3", VSC_CARD, profile, "--pki", self.args.pki, "--state",
                                   os.path.join(self.args.work, "cards"), "--socket", path], env=env)
        for _ in range(100):
            if os.path.exists(path):
                break
            time.sleep(0.05)
        chardev = "chr-" + card
        self.monitor.command("chardev-add", id=chardev, backend={
            "type": "socket", "data": {"addr": {"type": "unix", "data": {"path": path}}, "server": False}})
        self.inserted = time.monotonic()
        self.monitor.command("device_add", driver="ccid-card-passthru", id=card, chardev=chardev)
        self.bridges[card] = (chardev, bridge)
        return card

    def remove(self, device):
        self.removed = time.monotonic()
        self.monitor.command("device_del", id=device)
        if device in self.bridges:
            chardev, bridge = self.bridges.pop(device)
            for _ in range(50):  # the chardev is busy until the card device is gone
                try:
                    self.monitor.command("chardev-remove", id=chardev)
                    break
                except RuntimeError:
                    time.sleep(0.1)
            try:
                bridge.wait(timeout=5)
            except subprocess.TimeoutExpired:
                bridge.kill()


def ocr_has(text, phrase, threshold=0.85):
    """Whether OCR text holds phrase, allowing a letter or two misread."""
    text, phrase = text.casefold(), phrase.casefold()
    if phrase in text:
        return True
    n = len(phrase)
    return any(difflib.SequenceMatcher(None, text[i:i + n], phrase).ratio() >= threshold
               for i in range(0, max(len(text) - n, 0) + 1))


def make_nss(pki, work):
    """The CAC card's NSS database. libcacard wants three certificates with keys:
    the valid holder's first; the test CA and root (whose keys the test PKI
    has) fill the other two, as chain certificates do on many real cards."""
    db = os.path.join(work, "nss")
    os.makedirs(db, exist_ok=True)
    subprocess.run(["certutil", "-N", "-d", "sql:" + db, "--empty-password"], check=True)
    for nickname, source in (("cert1", "holders/valid"), ("cert2", "ca"), ("cert3", "root")):
        p12 = os.path.join(work, nickname + ".p12")
        subprocess.run(["openssl", "pkcs12", "-export", "-in", os.path.join(pki, source + ".pem"),
                        "-inkey", os.path.join(pki, source + ".key"), "-name", nickname, "-out", p12,
                        "-passout", "pass:"], check=True)
        subprocess.run(["pk12util", "-i", p12, "-d", "sql:" + db, "-W", ""], check=True, capture_output=True)


def holder_name(pki, profile):
    with open(os.path.join(pki, "holders", profile + ".json"), encoding="utf-8") as f:
        return json.load(f)["name"]


def repeated_reads(run, driver, insert, timings):
    """CARD_READS insertions of the valid card: seconds to the token screen (name
    and a neutral "checking" banner), to the green verdict (after the OCSP
    answer), the app's own read time, seconds from removal back to Home, and
    pkcs11-tool -O on the same card in the guest (no login, so no PIN)."""
    firsts, verdicts, reads, homes, tool, tool_failures = [], [], [], [], [], []
    for attempt in range(CARD_READS):
        logged = len(run.reads_logged())
        card = insert()
        seconds = run.wait_for("verdict-good", 60, run.inserted, card=True)
        if seconds is None:
            text = run.shot(f"ccid-{driver}-failed")
            run.check(f"{driver}: valid card read", False, f"attempt {attempt + 1}: {run.state()}; {text[:160]}")
            run.remove(card)
            run.wait_for("home-ready", 30)
            break
        verdicts.append(seconds)
        firsts.append(run.first_verdict)
        time.sleep(0.5)
        if len(run.reads_logged()) > logged:
            reads.append(run.reads_logged()[-1])
        # The same card read by pkcs11-tool -O in the guest, once the kiosk is done with it.
        answer = guest.ask(run.args.guest, "pkcs11-objects")
        found = re.search(r"pkcs11-tool exit 0 in (\d+) ms, (\d+) certificate objects", answer)
        if found and int(found.group(2)) >= 1:
            tool.append(int(found.group(1)))
        else:
            tool_failures.append(answer.strip())
        run.remove(card)
        seconds = run.wait_for("home-ready", 30, run.removed)
        if seconds is None:
            run.check(f"{driver}: card removed: Home", False, run.state())
            break
        homes.append(seconds)
    run.check(f"{driver}: valid card read {len(verdicts)} times out of {CARD_READS}, Home after each removal",
              len(verdicts) == CARD_READS and len(homes) == CARD_READS)
    run.check(f"{driver}: pkcs11-tool -O in the guest lists the card's certificates without a PIN, each time",
              bool(verdicts) and not tool_failures, "; ".join(tool_failures[:2]))
    timings[f"{driver}_card_screen_s"] = firsts
    timings[f"{driver}_card_verdict_s"] = verdicts
    timings[f"{driver}_app_read_ms"] = reads
    timings[f"{driver}_removed_home_s"] = homes
    timings[f"{driver}_pkcs11_tool_ms"] = tool


def main():
    parser = argparse.ArgumentParser()
    for name in ("qmp", "guest", "serial", "pki", "work", "out"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    make_nss(args.pki, args.work)
    run = Run(args)
    timings = {"reader_ready_s": [], "reader_gone_s": []}
    first_frames = sum("first frame shown" in line for line in run.serial_lines())

    # No reader at boot.
    text = run.shot("ccid-0-no-reader")
    run.check("no reader: Home says so (R01)", run.state() == "home-broken" and ocr_has(text, NO_READER)
              and ocr_has(text, NO_READER_CODE), text[:160])

    # The reader plugged in: Home turns ready.
    reader, started = run.plug_reader()
    seconds = run.wait_for("home-ready", 90, started)
    if seconds is not None:
        timings["reader_ready_s"].append(seconds)
    text = run.shot("ccid-1-reader-ready")
    run.check("reader hot-plugged: Home ready", seconds is not None and ocr_has(text, READY),
              text[-120:])

    # The valid holder's card on each driver: the verdict, the Turkish name, the
    # OCSP answer from the test PKI's responder on the host.
    name = holder_name(args.pki, "valid")
    for driver, insert in (("cac", run.insert_cac), ("myeid", lambda: run.insert_myeid("valid"))):
        revocations = sum("[revocation] answer:" in line for line in run.serial_lines())
        card = insert()
        seconds = run.wait_for("verdict-good", 60, run.inserted, card=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and \
                sum("[revocation] answer:" in line for line in run.serial_lines()) == revocations:
            time.sleep(0.5)
        time.sleep(1)
        text = run.shot(f"ccid-2-{driver}-valid")
        run.check(f"{driver}: valid card: green verdict with the holder's Turkish name",
                  seconds is not None and ocr_has(text, name) and ocr_has(text, "E-imza sertifikanız geçerli"),
                  f"{run.state()}; {text[:200]}")
        last_answer = [line for line in run.serial_lines() if "[revocation] answer:" in line][-1:]
        run.check(f"{driver}: not revoked, answered by the test PKI's OCSP responder through guestfwd",
                  bool(last_answer) and last_answer[0].endswith("answer: good") and ocr_has(text, "İptal edilmemiş"),
                  f"{last_answer}; {text[:300]}")
        run.remove(card)
        run.wait_for("home-ready", 30)

    # Timings: the valid card in and out, again and again, on each driver.
    repeated_reads(run, "cac", run.insert_cac, timings)
    repeated_reads(run, "myeid", lambda: run.insert_myeid("valid"), timings)

    # A certificate due for renewal, and a revoked one (known only from OCSP).
    for profile, state, title in (("renewal_due", "verdict-warn", "Yenileme zamanı yaklaştı"),
                                  ("revoked", "verdict-bad", "Sertifikanız iptal edilmiş")):
        card = run.insert_myeid(profile)
        seconds = run.wait_for(state, 60, run.inserted, card=True)
        time.sleep(1)
        text = run.shot("ccid-3-" + profile.replace("_", "-"))
        run.check(f"myeid: {profile} card: {state} with the holder's Turkish name",
                  seconds is not None and ocr_has(text, holder_name(args.pki, profile)) and ocr_has(text, title),
                  f"{run.state()}; {text[:200]}")
        run.remove(card)
        run.check(f"myeid: {profile} card removed: Home", run.wait_for("home-ready", 30) is not None, run.state())

    # The reader pulled out with a card in it, then plugged in again, a few times.
    run.insert_cac()
    run.wait_for("verdict-good", 60, run.inserted, card=True)
    for plug in range(READER_PLUGS - 1):
        run.remove(reader)
        seconds = run.wait_for("home-broken", 60, run.removed)
        if plug == 0:
            text = run.shot("ccid-4-reader-pulled")
            run.check("reader pulled with a card in it: Home says no reader",
                      seconds is not None and ocr_has(text, NO_READER) and ocr_has(text, NO_READER_CODE),
                      f"{run.state()}; {text[:160]}")
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
              len(timings["reader_ready_s"]) == READER_PLUGS and ocr_has(text, READY), text[-120:])
    run.check("the app never restarted during the CCID sequence",
              sum("first frame shown" in line for line in run.serial_lines()) == first_frames)

    with open(os.path.join(args.out, "ccid-timings.json"), "w") as f:
        json.dump(timings, f, indent=1)
    for key, values in timings.items():
        if not values:
            continue
        if key.endswith("_s"):
            print(f"time {key}: median {statistics.median(values):.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f}, n={len(values)})")
        else:
            print(f"time {key}: median {statistics.median(values):.0f} ms (n={len(values)})")
    print(f"{run.checks} checks, {run.failed} failed")
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
