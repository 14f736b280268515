#!/usr/bin/python3
"""An OCSP responder that misbehaves on purpose, for the revocation tests.

    ocsp_responder.py PKI_DIR PORT MODE

MODE: good   - a correct answer (nonce echoed), as a baseline
      stale  - thisUpdate/nextUpdate ten days in the past
      nonce  - a nonce that is not the one asked for
      flip   - good to the first request, revoked to the second, then no
               answer at all (the connection is closed): a certificate
               revoked between two insertions, then the network gone
Serves on 127.0.0.1 only.
"""
import datetime as dt
import glob
import http.server
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

pki, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def load(path):
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


ca = load(pki + "/ca.pem")
responder = load(pki + "/ocsp.pem")
with open(pki + "/ocsp.key", "rb") as f:
    responder_key = serialization.load_pem_private_key(f.read(), None)
holders = {c.serial_number: c for c in (load(p) for p in glob.glob(pki + "/holders/*.pem"))}


requests = 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global requests
        requests += 1
        request = ocsp.load_der_ocsp_request(self.rfile.read(int(self.headers["Content-Length"])))
        if mode == "flip" and requests > 2:
            self.close_connection = True
            return
        cert = holders[request.serial_number]
        now = dt.datetime.utcnow()
        status, revoked_at = ocsp.OCSPCertStatus.GOOD, None
        if mode == "flip" and requests == 2:
            status, revoked_at = ocsp.OCSPCertStatus.REVOKED, now - dt.timedelta(minutes=5)
        this_update, next_update = now - dt.timedelta(minutes=1), now + dt.timedelta(hours=1)
        if mode == "stale":
            this_update, next_update = now - dt.timedelta(days=10), now - dt.timedelta(days=9)
        builder = (ocsp.OCSPResponseBuilder()
                   .add_response(cert=cert, issuer=ca, algorithm=hashes.SHA1(), cert_status=status,
                                 this_update=this_update, next_update=next_update, revocation_time=revoked_at,
                                 revocation_reason=None)
                   .responder_id(ocsp.OCSPResponderEncoding.HASH, responder)
                   .certificates([responder]))
        try:
            nonce = request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
        except x509.ExtensionNotFound:
            nonce = None
        if mode == "nonce":
            nonce = b"\x00" * 16
        if nonce is not None:
            builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
        body = builder.sign(responder_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
