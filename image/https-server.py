#!/usr/bin/python3
"""Serves a directory over HTTPS on 127.0.0.1 for the image tests (the guest
reaches it through QEMU's guestfwd and image/tcp-relay.py). Answers
If-Modified-Since with 304 like any web server, so the kiosk's conditional
fetch is exercised.

  https-server.py DIR CERT.pem KEY.pem PORT
"""
import functools
import http.server
import ssl
import sys

directory, cert, key, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
