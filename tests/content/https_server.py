#!/usr/bin/env python3
"""A real HTTPS server on 127.0.0.1 for the content-update tests.

Usage: https_server.py DIR PORT CERT KEY
Serves DIR (GET, HEAD) over TLS with CERT/KEY and prints "listening" once the
port is bound, so the test can wait for it instead of sleeping.
"""
import functools
import http.server
import ssl
import sys

root, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("listening", flush=True)
server.serve_forever()
