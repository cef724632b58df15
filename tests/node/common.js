// Shared by the interop scripts and mirrored in tests/common/mod.rs: the body pattern of big
// transfers (byte i is i % 251) and its checksum (FNV-1a, 32 bits), so both sides can check
// several megabytes without sending them twice.
'use strict';

function pattern(len) {
  const buf = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) buf[i] = i % 251;
  return buf;
}

class Checksum {
  constructor() { this.hash = 0x811c9dc5; this.len = 0; }
  update(buf) {
    let h = this.hash;
    for (let i = 0; i < buf.length; i++) {
      h ^= buf[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.hash = h >>> 0;
    this.len += buf.length;
  }
}

// --name value pairs and bare flags from process.argv.
function args() {
  const out = { _: [] };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true;
      else { out[a.slice(2)] = next; i++; }
    } else out._.push(a);
  }
  return out;
}

// Every script stops itself after a minute, whatever happens.
function limit(ms = 60000) {
  setTimeout(() => { console.error('time limit reached'); process.exit(3); }, ms).unref();
}

module.exports = { pattern, Checksum, args, limit };
