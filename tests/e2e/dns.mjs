// A small authoritative DNS server for the end-to-end suite, on the loopback port the reference
// server was told to ask (ONRAMP_DNS_PORT). Records can change while it runs.
import dgram from 'node:dgram';
import { createHash } from 'node:crypto';

const TYPES = { A: 1, CNAME: 5, TXT: 16, AAAA: 28 };

function encodeName(name) {
  const parts = name.split('.').filter(Boolean).map((l) => {
    const b = Buffer.from(l, 'ascii');
    return Buffer.concat([Buffer.from([b.length]), b]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function rdata(record) {
  switch (record.type) {
    case 'A': return Buffer.from(record.value.split('.').map(Number));
    case 'CNAME': return encodeName(record.value);
    case 'TXT': {
      const b = Buffer.from(record.value, 'utf8');
      return Buffer.concat([Buffer.from([b.length]), b]);
    }
    default: throw new Error(`unsupported ${record.type}`);
  }
}

/** The ownership token the reference server expects for a draft. */
export function challengeToken(draftId) {
  const hex = createHash('sha256').update(`onramp-challenge:${draftId}`).digest('hex').slice(0, 32);
  return `onramp-verify=${hex}`;
}

/** Starts the server; `records` is a mutable array of {name, type, value}. Returns stop(). */
export async function startDns(records) {
  const port = Number(process.env.ONRAMP_DNS_PORT);
  if (!port) throw new Error('ONRAMP_DNS_PORT is not set: run the suite with `cargo xtask test`');
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, peer) => {
    if (msg.length < 17) return;
    let off = 12;
    const labels = [];
    while (off < msg.length && msg[off] !== 0) {
      const len = msg[off];
      labels.push(msg.subarray(off + 1, off + 1 + len).toString('ascii'));
      off += len + 1;
    }
    off += 1;
    const qtype = msg.readUInt16BE(off);
    off += 4;
    const name = labels.join('.').toLowerCase();
    const known = records.some((r) => r.name === name);
    const answers = records
      .filter((r) => r.name === name && TYPES[r.type] === qtype)
      .map((r) => {
        const data = rdata(r);
        const fixed = Buffer.alloc(10);
        fixed.writeUInt16BE(qtype, 0);
        fixed.writeUInt16BE(1, 2);
        fixed.writeUInt32BE(60, 4);
        fixed.writeUInt16BE(data.length, 8);
        return Buffer.concat([Buffer.from([0xc0, 0x0c]), fixed, data]);
      });
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, msg.subarray(12, off), ...answers]), peer.port, peer.address);
  });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', resolve);
  });
  return () => new Promise((resolve) => socket.close(resolve));
}
