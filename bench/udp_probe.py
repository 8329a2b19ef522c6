#!/usr/bin/env python3
"""Measures a UDP request/response path: median round-trip time over sequential exchanges, and
datagrams per second with a window of datagrams in flight. Used by udp.sh for the direct path
and for the path through our transparent-UDP client and server."""
import socket
import statistics
import sys
import time

def main():
    host, port = sys.argv[1], int(sys.argv[2])
    exchanges = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    size = 512
    target = (host, port)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    payload = bytes(size)
    # Up: the first datagram opens the tunnel's connection.
    for _ in range(50):
        s.sendto(payload, target)
        try:
            s.recvfrom(65536)
            break
        except socket.timeout:
            pass
    rtts = []
    lost = 0
    for _ in range(exchanges):
        t0 = time.perf_counter_ns()
        s.sendto(payload, target)
        try:
            s.recvfrom(65536)
            rtts.append(time.perf_counter_ns() - t0)
        except socket.timeout:
            lost += 1
    # Throughput with a window of 32 datagrams in flight.
    window = 32
    s.settimeout(0.5)
    received = 0
    in_flight = 0
    end = time.perf_counter() + seconds
    start = time.perf_counter()
    while time.perf_counter() < end:
        while in_flight < window:
            s.sendto(payload, target)
            in_flight += 1
        try:
            s.recvfrom(65536)
            received += 1
            in_flight -= 1
        except socket.timeout:
            in_flight = 0  # datagrams lost: refill the window
    elapsed = time.perf_counter() - start
    print("%.1f %.0f %d" % (statistics.median(rtts) / 1000, received / elapsed, lost))

if __name__ == "__main__":
    main()
