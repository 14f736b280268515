#!/usr/bin/python3
"""A virtual e-signature card for vpcd, built on Debian's vicc library.

    vcard.py PROFILE --pki DIR --state DIR [--port 35963] [--faults RATE [--seed N]]

Connecting to vpcd inserts the card; exiting removes it. The card presents a
PKCS#15 file system that OpenSC's myeid driver binds with the stock
opensc.conf (an ATR whose historical bytes end in "OsEID", GET DATA 01A0
answered), holds the profile's certificates, and implements ISO VERIFY for
the user PIN (reference 1) with a try counter kept in the state directory,
so a PIN blocked by wrong attempts stays blocked across re-insertion. An
empty VERIFY reports the counter without spending a try.

Profiles: valid renewal_due expired not_yet_valid revoked pin_final_try
pin_locked registrar (NES + registrar certificate), no_pkcs15 (a card with no
PKCS#15 application), garbage (answers nonsense).

--faults RATE makes a flaky card: that fraction of its answers is corrupted
(random bytes and status word), truncated, oversized (more than asked for)
or stalled (the right answer after up to a second), as a worn contact or a
confused applet does.
"""
import argparse
import json
import os
import random
import socket
import struct
import sys
import time


def _vicc_import_path():
    """Debian's vicc lives outside sys.path and imports 'Crypto', which
    Debian ships as 'Cryptodome': a symlink in a shim directory bridges it."""
    shim = os.path.join(os.environ.get("EIMZA_VCARD_DIR", "/run/eimza-vcard"), "pyshim")
    os.makedirs(shim, exist_ok=True)
    link = os.path.join(shim, "Crypto")
    if not os.path.islink(link):
        os.symlink("/usr/lib/python3/dist-packages/Cryptodome", link)
    sys.path[:0] = ["/usr/lib/python3/site-packages/virtualsmartcard", shim]


_vicc_import_path()
from virtualsmartcard.VirtualSmartcard import (  # noqa: E402
    SmartcardOS, VPCD_CTRL_ATR, VPCD_CTRL_LEN, VPCD_CTRL_OFF, VPCD_CTRL_ON, VPCD_CTRL_RESET)

PKCS15_AID = bytes.fromhex("A000000063504B43532D3135")
MAX_TRIES = 3
TEST_PIN = b"1234"
# The certificates on each profile's card, from the test PKI's holders/.
CARD_CERTS = {
    "valid": ["valid"], "renewal_due": ["renewal_due"], "expired": ["expired"],
    "not_yet_valid": ["not_yet_valid"], "revoked": ["revoked"], "pin_final_try": ["pin_final_try"],
    "pin_locked": ["pin_locked"], "registrar": ["registrar", "registrar-role"],
}
# PIN tries left when a profile's card is first made.
INITIAL_TRIES = {"pin_final_try": 1, "pin_locked": 0}

SW_OK = b"\x90\x00"
SW_NOT_FOUND = b"\x6a\x82"
SW_WRONG_P1P2 = b"\x6b\x00"
SW_INS_UNSUPPORTED = b"\x6d\x00"
SW_BLOCKED = b"\x69\x83"
SW_DATA_NOT_FOUND = b"\x6a\x88"


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xFF])
    return bytes([tag]) + length + body


def atr(historical):
    """T=1 ATR shaped like MyEID's, with the given historical bytes and TCK."""
    body = bytes([0xF0 | len(historical), 0x18, 0x00, 0x00, 0x81, 0x31, 0xFE, 0x45]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return bytes([0x3B]) + body + bytes([tck])


def path(*fids):
    return tlv(0x30, tlv(0x04, b"".join(fids)))


def pkcs15_files(certs, serial, label):
    """The PKCS#15 application: file id (under 3F00/5015) -> content."""
    files = {}
    cdf = b""
    for i, (cert_label, der) in enumerate(certs):
        fid = bytes([0x43, 0x01 + i])
        files[fid] = der
        cert_id = bytes([0x45, 0x01 + i])
        cdf += tlv(0x30,
                   tlv(0x30, tlv(0x0C, cert_label.encode())) +
                   tlv(0x30, tlv(0x04, cert_id)) +
                   tlv(0xA1, tlv(0x30, path(b"\x3f\x00", b"\x50\x15", fid))))
    pin_attributes = (tlv(0x03, b"\x02\x4c") +        # local, initialized, needs-padding
                      tlv(0x0A, b"\x01") +            # ascii-numeric
                      tlv(0x02, b"\x04") + tlv(0x02, b"\x08") + tlv(0x02, b"\x08") +
                      tlv(0x80, b"\x01") +            # pinReference 1
                      tlv(0x04, b"\xff") +            # padChar
                      path(b"\x3f\x00", b"\x50\x15"))
    aodf = tlv(0x30,
               tlv(0x30, tlv(0x0C, b"PIN") + tlv(0x03, b"\x06\x40")) +
               tlv(0x30, tlv(0x04, b"\x01")) +
               tlv(0xA1, tlv(0x30, pin_attributes)))
    odf = (tlv(0xA8, path(b"\x3f\x00", b"\x50\x15", b"\x44\x01")) +
           tlv(0xA4, path(b"\x3f\x00", b"\x50\x15", b"\x44\x04")))
    token_info = tlv(0x30,
                     tlv(0x02, b"\x00") + tlv(0x04, serial) +
                     tlv(0x0C, "Test Kamu SM (sanal kart)".encode()) +
                     tlv(0x80, label.encode()) + tlv(0x03, b"\x07\x80"))
    files[b"\x50\x31"] = odf
    files[b"\x50\x32"] = token_info
    files[b"\x44\x01"] = aodf
    files[b"\x44\x04"] = cdf
    return files


class CardOS(SmartcardOS):
    """ISO 7816 commands enough for OpenSC to list certificates and PIN state."""

    def __init__(self, profile, pki, state_dir):
        self.profile = profile
        self.state_file = os.path.join(state_dir, profile + ".json")
        self.atr = atr(b"OsEID")
        self.mf = {}   # path (bytes, from 3F00) -> content; DFs map to None
        self.dfs = {b"\x3f\x00": None}
        self.current_df = b"\x3f\x00"
        self.current_ef = None
        if profile in CARD_CERTS:
            certs = []
            for name in CARD_CERTS[profile]:
                with open(os.path.join(pki, "holders", name + ".pem"), "rb") as f:
                    certs.append((self.cert_label(name), self.pem_to_der(f.read())))
            serial = bytes.fromhex("20261123") + bytes([sorted(CARD_CERTS).index(profile)])
            app = b"\x3f\x00\x50\x15"
            self.dfs[app] = PKCS15_AID
            for fid, content in pkcs15_files(certs, serial, "e-imza " + profile).items():
                self.mf[app + fid] = content
            self.mf[b"\x3f\x00\x2f\x00"] = tlv(0x61, tlv(0x4F, PKCS15_AID) + tlv(0x50, b"e-imza") +
                                                tlv(0x51, app))

    @staticmethod
    def cert_label(name):
        return "Kayıtçı Sertifikası" if name.endswith("-role") else "Nitelikli Elektronik Sertifika"

    @staticmethod
    def pem_to_der(pem):
        import base64
        lines = [l for l in pem.decode().splitlines() if l and not l.startswith("-----")]
        return base64.b64decode("".join(lines))

    # PIN counter, persisted so that a blocked PIN survives re-insertion.
    def tries(self):
        try:
            with open(self.state_file) as f:
                return json.load(f)["tries"]
        except (OSError, ValueError, KeyError):
            return INITIAL_TRIES.get(self.profile, MAX_TRIES)

    def set_tries(self, n):
        tmp = self.state_file + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"tries": n}, f)
        os.replace(tmp, self.state_file)

    def getATR(self):
        return self.atr

    def powerUp(self):
        self.current_df = b"\x3f\x00"
        self.current_ef = None

    def powerDown(self):
        pass

    def reset(self):
        self.powerUp()

    def fcp(self, full_path):
        fid = full_path[-2:]
        if full_path in self.dfs:
            body = tlv(0x82, b"\x38") + tlv(0x83, fid)
            if self.dfs[full_path]:
                body += tlv(0x84, self.dfs[full_path])
        else:
            size = len(self.mf[full_path])
            body = tlv(0x80, struct.pack(">H", size)) + tlv(0x82, b"\x01") + tlv(0x83, fid)
        body += tlv(0x86, b"\x00\xff\xff") + tlv(0x8A, b"\x07")  # readable by all; activated
        return tlv(0x62, body)

    def select(self, p1, p2, data):
        if p1 == 0x04:  # by AID
            for df, aid in self.dfs.items():
                if aid and aid == data:
                    return self.enter(df, p2)
            return SW_NOT_FOUND
        if p1 == 0x08:  # path from MF, without 3F00
            target = b"\x3f\x00" + data
        elif p1 == 0x00:
            if data in (b"", b"\x3f\x00"):
                target = b"\x3f\x00"
            elif self.current_df + data in self.dfs or self.current_df + data in self.mf:
                target = self.current_df + data
            elif b"\x3f\x00" + data in self.dfs:
                target = b"\x3f\x00" + data
            else:
                return SW_NOT_FOUND
        elif p1 == 0x09:  # path from current DF
            target = self.current_df + data
        else:
            return SW_WRONG_P1P2
        return self.enter(target, p2)

    def enter(self, target, p2):
        if target in self.dfs:
            self.current_df = target
            self.current_ef = None
        elif target in self.mf:
            self.current_df = target[:-2]
            self.current_ef = target
        else:
            return SW_NOT_FOUND
        if p2 & 0x0C == 0x0C:
            return SW_OK
        return self.fcp(target) + SW_OK

    def read_binary(self, p1, p2, le):
        if self.current_ef is None:
            return b"\x69\x86"
        offset = (p1 << 8) | p2
        content = self.mf[self.current_ef]
        if offset > len(content):
            return SW_WRONG_P1P2
        chunk = content[offset:offset + (le or 256)]
        return chunk + SW_OK

    def verify(self, p2, data):
        if p2 != 0x81 and p2 != 0x01:
            return SW_DATA_NOT_FOUND
        tries = self.tries()
        if tries == 0:
            return SW_BLOCKED
        if not data:  # empty VERIFY: report, spend nothing
            return bytes([0x63, 0xC0 | tries])
        if data.rstrip(b"\xff") == TEST_PIN:
            self.set_tries(MAX_TRIES)
            return SW_OK
        tries -= 1
        self.set_tries(tries)
        return SW_BLOCKED if tries == 0 else bytes([0x63, 0xC0 | tries])

    def execute(self, msg):
        if len(msg) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = msg[:4]
        body = msg[4:]
        data, le = b"", 0
        if len(body) == 1:
            le = body[0]
        elif len(body) > 1:
            lc = body[0]
            data = body[1:1 + lc]
            if len(body) > 1 + lc:
                le = body[1 + lc]
        if ins == 0xA4:
            return self.select(p1, p2, data)
        if ins == 0xB0:
            return self.read_binary(p1, p2, le)
        if ins == 0x20:
            return self.verify(p2, data)
        if ins == 0xCA and p1 == 0x01 and p2 == 0xA0:
            # MyEID applet info: 20 bytes, version 3.5.0 at offsets 5..7.
            return bytes([0, 0, 0, 0, 0, 3, 5, 0]) + bytes(12) + SW_OK
        if ins == 0xCA:
            return SW_DATA_NOT_FOUND
        return SW_INS_UNSUPPORTED


class GarbageOS(CardOS):
    """Answers every command with nonsense, as a broken or foreign card might."""

    def execute(self, msg):
        return os.urandom(7) + b"\x6f\x00"


class Faults:
    """Spoils a fraction of a card's answers."""

    def __init__(self, rate, seed):
        self.rate = rate
        self.random = random.Random(seed)

    def __call__(self, answer):
        r = self.random
        if r.random() >= self.rate:
            return answer
        kind = r.choice(("corrupt", "truncate", "oversize", "stall"))
        if kind == "corrupt":
            return r.randbytes(r.randint(0, len(answer))) + r.randbytes(2)
        if kind == "truncate":
            # Never nothing at all: a reader reports a silent card as mute,
            # and vpcd waits forever for an empty answer.
            return answer[:r.randint(1, max(1, len(answer) - 1))]
        if kind == "oversize":
            return answer[:-2] + r.randbytes(r.randint(1, 64)) + answer[-2:]
        time.sleep(r.uniform(0.1, 1.0))
        return answer


def serve(card, port, spoil=lambda answer: answer):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def recv_exact(n):
        buf = b""
        while len(buf) < n:
            # Re-arm before every read: Linux clears QUICKACK after use, and
            # vpcd's request/response rhythm otherwise waits ~40 ms for the
            # delayed ACK on every APDU.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def send(msg):
        sock.sendall(struct.pack(">H", len(msg)) + msg)

    while True:
        header = recv_exact(2)
        if header is None:
            return
        size = struct.unpack(">H", header)[0]
        msg = recv_exact(size) if size else b""
        if msg is None:
            return
        if size == VPCD_CTRL_LEN:
            code = msg[0]
            if code == VPCD_CTRL_ATR:
                send(card.getATR())
            elif code == VPCD_CTRL_ON:
                card.powerUp()
            elif code == VPCD_CTRL_OFF:
                card.powerDown()
            elif code == VPCD_CTRL_RESET:
                card.reset()
            continue
        send(spoil(card.execute(msg)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("profile")
    parser.add_argument("--pki", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--port", type=int, default=35963)
    parser.add_argument("--faults", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    os.makedirs(args.state, exist_ok=True)
    # no_pkcs15 is a CardOS with no files: OpenSC's driver binds, finds no application.
    kinds = {"garbage": GarbageOS, "no_pkcs15": CardOS}
    if args.profile not in CARD_CERTS and args.profile not in kinds:
        print("unknown profile " + args.profile, file=sys.stderr)
        return 2
    card = kinds.get(args.profile, CardOS)(args.profile, args.pki, args.state)
    try:
        serve(card, args.port, Faults(args.faults, args.seed) if args.faults > 0 else (lambda answer: answer))
    except (ConnectionError, OSError) as e:
        print("vcard: " + str(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
