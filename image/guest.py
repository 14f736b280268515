#!/usr/bin/python3
"""Asks image/guest-control.sh, inside the booted test image, one request over
the second serial port and prints its answer.

  guest.py SOCKET REQUEST [TIMEOUT_SECONDS]   (requests: see image/guest-control.sh)
"""
import socket
import sys


def ask(path, request, timeout=60.0):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(request.encode() + b"\n")
        answer = b""
        while not answer.endswith(b"END\n"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the guest's control port closed")
            answer += chunk
    return answer[:-len(b"END\n")].decode(errors="replace")


if __name__ == "__main__":
    sys.stdout.write(ask(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 60.0))
