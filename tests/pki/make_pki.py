#!/usr/bin/python3
"""A test PKI shaped like Kamu SM's, generated fresh for each test run.

    make_pki.py OUTDIR [--ocsp-url URL] [--crl-url URL] [--ca-issuers-url URL] [--root-crl-url URL]

Writes to OUTDIR:
  root.pem / root.key          "Test Kök Sertifika Hizmet Sağlayıcısı"
  ca.pem / ca.key / ca.der     "Test Kamu Elektronik Sertifika Hizmet Sağlayıcısı", with a CRL
                               distribution point for the root's CRL (--root-crl-url; default
                               root.crl beside --crl-url), as Kamu SM's issuing CAs have
  root.crl                     the root's CRL: lists ca-revoked
  ca-expired, ca-not-yet-valid, ca-revoked (.pem/.der/.key, and .crl, empty)
                               issuing CAs under the root that are not valid: notAfter passed,
                               notBefore ahead, revoked by the root's CRL; each issued
  under/<ca>.pem/.der/.key     a holder that is valid in itself (NES, qualified)
  ocsp.pem / ocsp.key          delegated OCSP responder (id-kp-OCSPSigning)
  holders/<profile>.pem/.der/.key  one holder certificate per card profile:
      valid, renewal_due (40 days left), expired, not_yet_valid, revoked,
      pin_final_try, pin_locked, registrar (the registrar's NES) and
      registrar-role (the registrar's second certificate: policy
      2.16.792.1.2.1.1.5.7.50.1, our configurable registrar rule's default)
  holders/<profile>.json       name and TCKN, for tests to compare
  index.txt                    `openssl ca` database (revoked marked R)
  ca.crl                       CRL listing the revoked certificate
Certificates carry the NES policy 2.16.792.1.2.1.1.5.7.1.1, qcStatements
(0.4.0.1862.1.1 + 2.16.792.1.61.0.1.5070.1.1), keyUsage
digitalSignature+nonRepudiation (critical), CA:FALSE, and CDP/AIA URLs on
127.0.0.1 (defaults below; tests pass their own ports).
"""
import argparse
import datetime as dt
import json
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

NES_POLICY = "2.16.792.1.2.1.1.5.7.1.1"
REGISTRAR_POLICY = "2.16.792.1.2.1.1.5.7.50.1"
QC_STATEMENTS = ObjectIdentifier("1.3.6.1.5.5.7.1.3")

# Holders: profile -> (name, TCKN with valid checksum, days of validity left
# or a (not_before, not_after) offset pair in days).
HOLDERS = {
    "valid": ("Ayşe Yılmaz Öztürk", "10000000146", (-365, 730)),
    "renewal_due": ("İsmail Çağrı Şen", "19090909018", (-1055, 40)),
    "expired": ("Gülşen Ünal", "12345678950", (-1100, -5)),
    "not_yet_valid": ("Özge Işık", "23456789060", (10, 1105)),
    "revoked": ("Şükrü Doğan", "34567890170", (-200, 895)),
    "pin_final_try": ("Çiğdem Aydın", "45678901280", (-100, 995)),
    "pin_locked": ("Ömer Faruk Güneş", "56789012390", (-50, 1045)),
    "registrar": ("Hülya Kayıtçı Erdoğan", "67890123400", (-300, 795)),
}


def tckn_ok(t):
    d = [int(c) for c in t]
    return (len(t) == 11 and d[0] != 0 and d[9] == (7 * sum(d[0:9:2]) - sum(d[1:8:2])) % 10
            and d[10] == sum(d[:10]) % 10)


def der_qc_statements():
    # SEQUENCE { SEQUENCE { OID 0.4.0.1862.1.1 },
    #            SEQUENCE { OID 2.16.792.1.61.0.1.5070.1.1, UTF8String text } }
    def tlv(tag, body):
        n = len(body)
        length = bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 0xFF])
        return bytes([tag]) + length + body

    def oid(dotted):
        parts = [int(p) for p in dotted.split(".")]
        body = bytes([40 * parts[0] + parts[1]])
        for p in parts[2:]:
            chunk = [p & 0x7F]
            p >>= 7
            while p:
                chunk.insert(0, 0x80 | (p & 0x7F))
                p >>= 7
            body += bytes(chunk)
        return tlv(0x06, body)

    text = "Bu sertifika, 5070 sayılı Elektronik İmza Kanununa göre nitelikli elektronik sertifikadır.".encode()
    return tlv(0x30, tlv(0x30, oid("0.4.0.1862.1.1")) +
               tlv(0x30, oid("2.16.792.1.61.0.1.5070.1.1") + tlv(0x0C, text)))


def key():
    return ec.generate_private_key(ec.SECP256R1())


def name(cn, serial=None, org=None):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TR")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def write(path, cert, private_key):
    with open(path + ".pem", "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(path + ".der", "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.DER))
    with open(path + ".key", "wb") as f:
        f.write(private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--ocsp-url", default="http://127.0.0.1:18888/")
    parser.add_argument("--crl-url", default="http://127.0.0.1:18889/ca.crl")
    parser.add_argument("--ca-issuers-url", default="http://127.0.0.1:18889/ca.der")
    parser.add_argument("--root-crl-url", default=None)
    args = parser.parse_args()
    if args.root_crl_url is None:
        args.root_crl_url = args.crl_url.rsplit("/", 1)[0] + "/root.crl"
    out = args.outdir
    os.makedirs(os.path.join(out, "holders"), exist_ok=True)
    os.makedirs(os.path.join(out, "under"), exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    day = dt.timedelta(days=1)

    root_key = key()
    root_name = name("Test Kök Sertifika Hizmet Sağlayıcısı", org="Test Kamu Sertifikasyon Merkezi")
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - 3650 * day).not_valid_after(now + 3650 * day)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    write(os.path.join(out, "root"), root, root_key)

    def issuing_ca(cn, window, crl_url):
        ca_key = key()
        ca_name = name(cn, org="Test Kamu Sertifikasyon Merkezi")
        ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(root_name)
              .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now + window[0] * day).not_valid_after(now + window[1] * day)
              .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
              .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
              .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
              .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                  [x509.UniformResourceIdentifier(crl_url)], None, None, None)]), critical=False)
              .sign(root_key, hashes.SHA256()))
        return ca, ca_key, ca_name

    ca, ca_key, ca_name = issuing_ca("Test Kamu Elektronik Sertifika Hizmet Sağlayıcısı", (-3000, 3000),
                                     args.root_crl_url)
    write(os.path.join(out, "ca"), ca, ca_key)

    ocsp_key = key()
    ocsp = (x509.CertificateBuilder().subject_name(name("Test Kamu SM OCSP Sunucusu")).issuer_name(ca_name)
            .public_key(ocsp_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - 30 * day).not_valid_after(now + 365 * day)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    write(os.path.join(out, "ocsp"), ocsp, ocsp_key)

    def holder(cn, tckn, window, policy, qualified, label, issuer=None, directory="holders", crl_url=None):
        signer_key, signer_name = issuer or (ca_key, ca_name)
        holder_key = key()
        builder = (x509.CertificateBuilder().subject_name(name(cn, serial=tckn)).issuer_name(signer_name)
                   .public_key(holder_key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now + window[0] * day).not_valid_after(now + window[1] * day)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                                  critical=True)
                   .add_extension(x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier(policy), None)]),
                                  critical=False)
                   .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                       [x509.UniformResourceIdentifier(crl_url or args.crl_url)], None, None, None)]), critical=False)
                   .add_extension(x509.AuthorityInformationAccess([
                       x509.AccessDescription(x509.oid.AuthorityInformationAccessOID.OCSP,
                                              x509.UniformResourceIdentifier(args.ocsp_url)),
                       x509.AccessDescription(x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                                              x509.UniformResourceIdentifier(args.ca_issuers_url))]), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer_key.public_key()),
                                  critical=False))
        if qualified:
            builder = builder.add_extension(x509.UnrecognizedExtension(QC_STATEMENTS, der_qc_statements()),
                                            critical=False)
        cert = builder.sign(signer_key, hashes.SHA256())
        write(os.path.join(out, directory, label), cert, holder_key)
        with open(os.path.join(out, directory, label + ".json"), "w") as f:
            json.dump({"name": cn, "tckn": tckn}, f, ensure_ascii=False)
        return cert

    index = []
    revoked = []
    for profile, (cn, tckn, window) in HOLDERS.items():
        assert tckn_ok(tckn), (profile, tckn)
        cert = holder(cn, tckn, window, NES_POLICY, True, profile)
        revoked_now = profile == "revoked"
        index.append((cert, revoked_now))
        if revoked_now:
            revoked.append(cert)
    cn, tckn, window = HOLDERS["registrar"]
    index.append((holder(cn, tckn, window, REGISTRAR_POLICY, False, "registrar-role"), False))

    revoked_at = now - 2 * day
    with open(os.path.join(out, "index.txt"), "w") as f:
        for cert, is_revoked in index:
            expiry = cert.not_valid_after.strftime("%y%m%d%H%M%SZ")
            status = "R" if is_revoked else ("E" if cert.not_valid_after < now.replace(tzinfo=None) else "V")
            when = revoked_at.strftime("%y%m%d%H%M%SZ") if is_revoked else ""
            serial = f"{cert.serial_number:X}"
            serial = "0" * (len(serial) % 2) + serial  # openssl wants whole bytes
            subject = "".join("/" + a.rfc4514_string() for a in cert.subject)
            f.write(f"{status}\t{expiry}\t{when}\t{serial}\tunknown\t{subject}\n")
    with open(os.path.join(out, "index.txt.attr"), "w") as f:
        f.write("unique_subject = no\n")

    crl = x509.CertificateRevocationListBuilder().issuer_name(ca_name).last_update(now - day).next_update(now + 7 * day)
    for cert in revoked:
        crl = crl.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
                                          .revocation_date(revoked_at).build())
    with open(os.path.join(out, "ca.crl"), "wb") as f:
        f.write(crl.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))

    # Issuing CAs that are not valid, each with a holder that is valid in
    # itself: the verdict must come from the CA.
    base = args.crl_url.rsplit("/", 1)[0]
    bad_cas = {"ca-expired": (-3000, -2), "ca-not-yet-valid": (5, 3000), "ca-revoked": (-3000, 3000)}
    root_crl = (x509.CertificateRevocationListBuilder().issuer_name(root_name).last_update(now - day)
                .next_update(now + 30 * day))
    for label, window in bad_cas.items():
        bad, bad_key, bad_name = issuing_ca(f"Test {label} Sertifika Hizmet Sağlayıcısı", window, args.root_crl_url)
        write(os.path.join(out, label), bad, bad_key)
        if label == "ca-revoked":
            root_crl = root_crl.add_revoked_certificate(x509.RevokedCertificateBuilder()
                                                        .serial_number(bad.serial_number)
                                                        .revocation_date(revoked_at).build())
        # Its own CRL (empty), dated inside its validity when it has one now.
        when = now if window[0] < 0 < window[1] else now + window[0] * day if window[0] > 0 else now + window[1] * day
        own = (x509.CertificateRevocationListBuilder().issuer_name(bad_name).last_update(when - day)
               .next_update(now + 7 * day).sign(bad_key, hashes.SHA256()))
        with open(os.path.join(out, label + ".crl"), "wb") as f:
            f.write(own.public_bytes(serialization.Encoding.DER))
        cn, tckn, window_holder = HOLDERS["valid"]
        holder(cn, tckn, (-1, 300), NES_POLICY, True, label, issuer=(bad_key, bad_name), directory="under",
               crl_url=f"{base}/{label}.crl")
    with open(os.path.join(out, "root.crl"), "wb") as f:
        f.write(root_crl.sign(root_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))
    return 0


if __name__ == "__main__":
    sys.exit(main())
