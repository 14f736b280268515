#!/usr/bin/python3
"""One of vcard.py's cards in a QEMU USB CCID reader (usb-ccid): speaks the
VSCard protocol of QEMU's ccid-card-passthru on a Unix socket that QEMU
connects to (QMP chardev-add), and answers the guest's APDUs with vcard.py's
card, so the guest reads it through its own USB stack, libccid, pcscd and
OpenSC's myeid driver. The card is in the reader while the connection lasts.

    vsc_card.py PROFILE --pki DIR --state DIR --socket PATH

QEMU's other card, ccid-card-emulated, takes its certificates from the first
card ever inserted and replays them for every later one; this one can be any
profile each time.
"""
import argparse
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcard  # noqa: E402

# libcacard's vscard_common.h (protocol version 0.0.2): a header of three
# big-endian words (type, reader id, payload length), then the payload.
VSC_INIT, VSC_ERROR, VSC_READER_ADD, VSC_READER_REMOVE, VSC_ATR, VSC_CARD_REMOVE, VSC_APDU = range(1, 8)
VSC_MAGIC = b"VSCD"
VSC_VERSION = 2
UNDEFINED_READER = 0xFFFFFFFF
READER = 0
# usb-ccid offers T=0 only and pcscd refuses the T=1 ATR vcard.py gives vpcd;
# OpenSC's myeid driver goes by the historical bytes, which stay the same.
ATR_T0 = bytes([0x3B, len(b"OsEID")]) + b"OsEID"


def send(conn, kind, payload=b"", reader=READER):
    conn.sendall(struct.pack(">III", kind, reader, len(payload)) + payload)


def recv_exact(conn, size):
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(card, conn):
    # Init: magic, version, one (empty) capabilities word.
    send(conn, VSC_INIT, VSC_MAGIC + struct.pack(">II", VSC_VERSION, 0), UNDEFINED_READER)
    send(conn, VSC_READER_ADD, b"eimza-test")
    card.powerUp()
    send(conn, VSC_ATR, ATR_T0)
    while True:
        header = recv_exact(conn, 12)
        if header is None:
            return
        kind, _, length = struct.unpack(">III", header)
        payload = recv_exact(conn, length) if length else b""
        if payload is None:
            return
        if kind == VSC_APDU:
            send(conn, VSC_APDU, card.execute(payload))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", choices=sorted(vcard.CARD_CERTS))
    parser.add_argument("--pki", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--socket", required=True)
    args = parser.parse_args()
    os.makedirs(args.state, exist_ok=True)
    card = vcard.CardOS(args.profile, args.pki, args.state)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(args.socket)
        listener.listen(1)
        conn, _ = listener.accept()
        with conn:
            serve(card, conn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
