// NET-2: setEncoding('utf8') delivers strings and never splits a character: a multi-byte character
// cut across two pushes arrives whole in the later 'data'; an incomplete one at the end is U+FFFD.
const { Duplex } = require('stream');

const d = new Duplex({ read() {}, write(chunk, enc, cb) { cb(); } });
d.setEncoding('utf8');
d.on('data', (chunk) => console.log('data', typeof chunk, JSON.stringify(chunk)));
d.on('end', () => console.log('end'));
const euro = Buffer.from('€');
const pushes = [
  Buffer.from([0x61, euro[0], euro[1]]),
  Buffer.from([euro[2], 0x62]),
  Buffer.from([0xc3]),
  Buffer.from([0xa9]),
  Buffer.from([0xf0, 0x9f]),
];
function next() {
  const b = pushes.shift();
  if (b === undefined) {
    d.push(null);
    return;
  }
  console.log('push', b.length, 'bytes');
  d.push(b);
  setImmediate(next);
}
setImmediate(next);
