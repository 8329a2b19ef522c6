#!/usr/bin/env python3
"""JA4 and JA3 of each TLS ClientHello in a capture, computed from the ClientHello's own bytes
(tshark extracts the TCP payloads; Debian's tshark 4.0 knows JA3 but not JA4, and its
signature-algorithm field mixes in signature_algorithms_cert).

JA4 (FoxIO): t, TLS version (highest of supported_versions), d/i (SNI or not), cipher count,
extension count, first and last character of the first ALPN value; then the first 12 hex digits
of SHA-256 over the sorted cipher suites, and over the sorted extensions without SNI and ALPN,
'_', and signature_algorithms in their order. GREASE values are left out everywhere.
JA3: version,ciphers,extensions,groups,point formats in the order sent, GREASE left out, MD5.

  ja4.py LABEL capture.pcap   prints: LABEL, JA4, JA3, SNI, ALPN (JA4_DETAIL=1 adds extensions and sigalgs)
"""
import hashlib
import os
import struct
import subprocess
import sys

DETAIL = os.environ.get("JA4_DETAIL") == "1"


def grease(v):
    return (v & 0x0f0f) == 0x0a0a and (v >> 8) == (v & 0xff)


def u16s(data):
    return [struct.unpack(">H", data[i:i + 2])[0] for i in range(0, len(data) - 1, 2)]


def parse(hello):
    """A ClientHello handshake message (type 1) -> its fields."""
    p = 4
    legacy_version = struct.unpack(">H", hello[p:p + 2])[0]
    p += 2 + 32
    p += 1 + hello[p]
    n = struct.unpack(">H", hello[p:p + 2])[0]
    ciphers = u16s(hello[p + 2:p + 2 + n])
    p += 2 + n
    p += 1 + hello[p]
    end = p + 2 + struct.unpack(">H", hello[p:p + 2])[0]
    p += 2
    f = {"version": legacy_version, "ciphers": ciphers, "extensions": [], "groups": [], "points": [], "sigalgs": [],
         "versions": [], "alpn": [], "sni": ""}
    while p + 4 <= end:
        t, n = struct.unpack(">HH", hello[p:p + 4])
        d = hello[p + 4:p + 4 + n]
        p += 4 + n
        f["extensions"].append(t)
        if t == 0x0000 and len(d) > 5:
            f["sni"] = d[5:5 + struct.unpack(">H", d[3:5])[0]].decode("ascii", "replace")
        elif t == 0x000a:
            f["groups"] = u16s(d[2:])
        elif t == 0x000b:
            f["points"] = list(d[1:])
        elif t == 0x000d:
            f["sigalgs"] = u16s(d[2:])
        elif t == 0x002b:
            f["versions"] = u16s(d[1:])
        elif t == 0x0010:
            q = 2
            while q < len(d):
                f["alpn"].append(d[q + 1:q + 1 + d[q]].decode("ascii", "replace"))
                q += 1 + d[q]
    return f


def fingerprints(f):
    clean = lambda xs: [x for x in xs if not grease(x)]
    ciphers, exts = clean(f["ciphers"]), clean(f["extensions"])
    versions = clean(f["versions"]) or [f["version"]]
    version = {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10"}.get(max(versions), "00")
    alpn = f["alpn"][0] if f["alpn"] else ""
    a = "t%s%s%02d%02d%s" % (version, "d" if f["sni"] else "i", min(len(ciphers), 99), min(len(exts), 99),
                             (alpn[0] + alpn[-1]) if alpn else "00")
    b = hashlib.sha256(",".join("%04x" % c for c in sorted(ciphers)).encode()).hexdigest()[:12]
    ext_text = ",".join("%04x" % e for e in sorted(e for e in exts if e not in (0x0000, 0x0010)))
    sig_text = ",".join("%04x" % s for s in clean(f["sigalgs"]))
    c = hashlib.sha256((ext_text + ("_" + sig_text if sig_text else "")).encode()).hexdigest()[:12]
    ja3_text = "%d,%s,%s,%s,%s" % (f["version"], "-".join(map(str, ciphers)), "-".join(map(str, exts)),
                                   "-".join(map(str, clean(f["groups"]))), "-".join(map(str, f["points"])))
    out = ["%s_%s_%s" % (a, b, c), hashlib.md5(ja3_text.encode()).hexdigest(), f["sni"] or "-", ",".join(f["alpn"]) or "-"]
    if DETAIL:
        out += [ext_text, sig_text, ",".join("%04x" % g for g in clean(f["groups"]))]
    return out


def main():
    label, capture = sys.argv[1], sys.argv[2]
    out = subprocess.run(["tshark", "-r", capture, "-Y", "tls.handshake.type == 1", "-T", "fields", "-e", "tcp.payload"],
                         capture_output=True, text=True, check=True).stdout
    for line in out.split():
        record = bytes.fromhex(line.replace(":", ""))
        # One TLS record holding the ClientHello (as every client here sends it).
        print("\t".join([label] + fingerprints(parse(record[5:]))))


if __name__ == "__main__":
    main()
