#!/usr/bin/env python3
"""Waits until pcscd reports a vpcd reader empty (or holding a card).

A real reader always reports a pull before the next insertion; our emulator
swaps cards over a TCP connection faster than pcscd polls, so without this
wait a swap can be invisible to PC/SC (the same card, the same event count).
Usage: wait_reader.py empty|present [--slot N] [--timeout S]
Exit 0 when reached, 1 on timeout, 0 at once when pcscd is not running
(there is nobody to tell).
"""
import argparse
import ctypes
import sys
import time

SCARD_S_SUCCESS = 0
SCARD_SCOPE_SYSTEM = 2
SCARD_STATE_UNAWARE = 0x0000
SCARD_STATE_EMPTY = 0x0010
SCARD_STATE_PRESENT = 0x0020


class ReaderState(ctypes.Structure):
    _fields_ = [("reader", ctypes.c_char_p), ("user", ctypes.c_void_p),
                ("current", ctypes.c_ulong), ("event", ctypes.c_ulong),
                ("atr_len", ctypes.c_ulong), ("atr", ctypes.c_ubyte * 33)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("want", choices=["empty", "present"])
    parser.add_argument("--slot", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()
    lib = ctypes.CDLL("libpcsclite.so.1")
    context = ctypes.c_long()
    if lib.SCardEstablishContext(SCARD_SCOPE_SYSTEM, None, None, ctypes.byref(context)) != SCARD_S_SUCCESS:
        return 0
    try:
        size = ctypes.c_ulong(0)
        if lib.SCardListReaders(context, None, None, ctypes.byref(size)) != SCARD_S_SUCCESS:
            return 0
        buffer = ctypes.create_string_buffer(size.value)
        lib.SCardListReaders(context, None, buffer, ctypes.byref(size))
        names = [n for n in buffer.raw[:size.value].split(b"\0") if n]
        suffix = f" {args.slot:02d}".encode()
        reader = next((n for n in names if n.startswith(b"Virtual PCD") and n.endswith(suffix)), None)
        if reader is None:
            return 0
        wanted = SCARD_STATE_EMPTY if args.want == "empty" else SCARD_STATE_PRESENT
        state = ReaderState(reader, None, SCARD_STATE_UNAWARE, 0, 0)
        deadline = time.monotonic() + args.timeout
        while True:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0:
                return 1
            lib.SCardGetStatusChange(context, ctypes.c_ulong(left), ctypes.byref(state), ctypes.c_ulong(1))
            if state.event & wanted:
                return 0
            state.current = state.event
    finally:
        lib.SCardReleaseContext(context)


if __name__ == "__main__":
    sys.exit(main())
