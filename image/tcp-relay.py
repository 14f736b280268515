#!/usr/bin/python3
"""Joins its stdin/stdout to a TCP connection: QEMU's guestfwd=…-cmd: runs one
per connection the guest opens, so a guest whose network is restricted
(restrict=on: no route to the host) reaches one host service and nothing else.

  tcp-relay.py HOST PORT
"""
import os
import socket
import sys
import threading

connection = socket.create_connection((sys.argv[1], int(sys.argv[2])))


def guest_to_host():
    while True:
        data = os.read(0, 65536)
        if not data:
            break
        connection.sendall(data)
    connection.shutdown(socket.SHUT_WR)


threading.Thread(target=guest_to_host, daemon=True).start()
while True:
    data = connection.recv(65536)
    if not data:
        break
    os.write(1, data)
