// Known-answer vectors for Shadowsocks 2022 (SIP022) TCP and UDP, computed with implementations
// that share no code with ours: @noble/hashes' BLAKE3 and @noble/ciphers' AES-GCM, AES-ECB,
// ChaCha20-Poly1305 and XChaCha20-Poly1305. Regenerate (from the repository root) with:
//   d=$(mktemp -d) && cp dispatcher-engine/src/test/node/sip022-vectors.mjs "$d" && \
//   (cd "$d" && npm install --silent @noble/hashes@2.4.0 @noble/ciphers@2.4.0 && node sip022-vectors.mjs) \
//     > dispatcher-engine/src/test/resources/org/ptdispatcher/engine/transport/shadow/sip022-vectors.properties
// Output: key=value lines, bytes in hex. The Java tests read the checked-in file; they never run Node.
import { blake3 } from '@noble/hashes/blake3.js';
import { ecb, gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';

const hex = (b) => Buffer.from(b).toString('hex');
const ascii = (s) => new Uint8Array(Buffer.from(s, 'ascii'));
const seq = (n, start) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
const cat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const u16 = (v) => Uint8Array.of(v >>> 8, v & 0xff);
const u64 = (v) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(v)); return b; };

const methods = [
  ['2022-blake3-aes-128-gcm', 16, (k, n) => gcm(k, n)],
  ['2022-blake3-aes-256-gcm', 32, (k, n) => gcm(k, n)],
  ['2022-blake3-chacha20-poly1305', 32, (k, n) => chacha20poly1305(k, n)],
];

// SIP022 2.2: derive_key("shadowsocks 2022 session subkey", psk || salt), as long as the key.
const subkey = (psk, salt) => blake3(cat(psk, salt), { context: ascii('shadowsocks 2022 session subkey'), dkLen: psk.length });

// SIP022 3.1.1: a 12-byte little-endian counter from zero, one per seal.
function sealer(key, aead) {
  const nonce = new Uint8Array(12);
  return (plain) => {
    const out = aead(key, nonce.slice()).encrypt(plain);
    for (let i = 0; i < 12; i++) { if (++nonce[i] !== 0) break; }
    return out;
  };
}

const TIMESTAMP = 1700000000;
const address = Uint8Array.of(1, 127, 0, 0, 1, 0x1f, 0x90); // 127.0.0.1:8080
const request = ascii('GET / HTTP/1.1\r\n\r\n');
const requestMore = ascii('second chunk');
const response = ascii('HTTP/1.1 200 OK\r\n\r\nhello');
const responseMore = ascii('and more');

for (const [name, size, aead] of methods) {
  const psk = seq(size, 0x40);
  const requestSalt = seq(size, 0x01);
  const responseSalt = seq(size, 0x81);
  const p = name;
  console.log(`${p}.psk=${Buffer.from(psk).toString('base64')}`);
  console.log(`${p}.requestSalt=${hex(requestSalt)}`);
  console.log(`${p}.responseSalt=${hex(responseSalt)}`);
  console.log(`${p}.requestSubkey=${hex(subkey(psk, requestSalt))}`);
  console.log(`${p}.responseSubkey=${hex(subkey(psk, responseSalt))}`);

  // Request with an initial payload (no padding), then one more chunk.
  let seal = sealer(subkey(psk, requestSalt), aead);
  let variable = cat(address, u16(0), request);
  let wire = cat(requestSalt, seal(cat(Uint8Array.of(0), u64(TIMESTAMP), u16(variable.length))), seal(variable),
    seal(u16(requestMore.length)), seal(requestMore));
  console.log(`${p}.requestWithPayload=${hex(wire)}`);

  // Request without a payload: 32 bytes of zero padding.
  seal = sealer(subkey(psk, requestSalt), aead);
  variable = cat(address, u16(32), new Uint8Array(32));
  wire = cat(requestSalt, seal(cat(Uint8Array.of(0), u64(TIMESTAMP), u16(variable.length))), seal(variable));
  console.log(`${p}.requestPadded=${hex(wire)}`);

  // Response: its header carries the request salt and the first payload's length.
  seal = sealer(subkey(psk, responseSalt), aead);
  wire = cat(responseSalt, seal(cat(Uint8Array.of(1), u64(TIMESTAMP), requestSalt, u16(response.length))), seal(response),
    seal(u16(responseMore.length)), seal(responseMore));
  console.log(`${p}.response=${hex(wire)}`);
}

// SIP022 3.2 (AES) and 4.1 (ChaCha): one client-to-server and one server-to-client UDP packet per
// method, with fixed session ids, packet ids and, for ChaCha, nonces in place of random ones.
const clientSession = seq(8, 0x01);
const serverSession = seq(8, 0x91);
const CLIENT_PACKET_ID = 5;
const SERVER_PACKET_ID = 3;
const udpRequest = ascii('udp request');
const udpResponse = ascii('udp response');
const clientMain = cat(Uint8Array.of(0), u64(TIMESTAMP), u16(16), new Uint8Array(16), address, udpRequest);
const serverMain = cat(Uint8Array.of(1), u64(TIMESTAMP), clientSession, u16(0), address, udpResponse);

// AES: the separate header [session id][u64 packet id] under AES-ECB with the PSK; the body under
// AES-GCM with the session's subkey and the separate header's last 12 bytes as nonce.
function aesPacket(psk, session, packetId, main) {
  const separate = cat(session, u64(packetId));
  const body = gcm(subkey(psk, session), separate.slice(4)).encrypt(main);
  return cat(ecb(psk, { disablePadding: true }).encrypt(separate), body);
}

// ChaCha: a random 24-byte nonce, then XChaCha20-Poly1305 under the PSK itself of
// [session id][u64 packet id][main header][payload].
const chachaPacket = (psk, nonce, session, packetId, main) =>
  cat(nonce, xchacha20poly1305(psk, nonce).encrypt(cat(session, u64(packetId), main)));

for (const [name, size] of methods) {
  const psk = seq(size, 0x40);
  const p = name;
  if (name.includes('chacha')) {
    const clientNonce = seq(24, 0x21);
    const serverNonce = seq(24, 0x51);
    console.log(`${p}.udpClientNonce=${hex(clientNonce)}`);
    console.log(`${p}.udpServerNonce=${hex(serverNonce)}`);
    console.log(`${p}.udpClient=${hex(chachaPacket(psk, clientNonce, clientSession, CLIENT_PACKET_ID, clientMain))}`);
    console.log(`${p}.udpServer=${hex(chachaPacket(psk, serverNonce, serverSession, SERVER_PACKET_ID, serverMain))}`);
  } else {
    console.log(`${p}.udpClient=${hex(aesPacket(psk, clientSession, CLIENT_PACKET_ID, clientMain))}`);
    console.log(`${p}.udpServer=${hex(aesPacket(psk, serverSession, SERVER_PACKET_ID, serverMain))}`);
  }
}
console.log(`udpClientSession=${hex(clientSession)}`);
console.log(`udpServerSession=${hex(serverSession)}`);
console.log(`udpClientPacketId=${CLIENT_PACKET_ID}`);
console.log(`udpServerPacketId=${SERVER_PACKET_ID}`);
console.log(`timestamp=${TIMESTAMP}`);
