// NET-2: after setEncoding('utf8'), readableLength, read(n) and the high-water mark count UTF-16
// code units, as a JavaScript string's length does ('é' and '€' are one each, '😀' two), not bytes.
// (Three chunks, so read(3) does not meet Node 20.20's `n === buf.length` slip in fromList, which
// returns a whole chunk when n happens to equal the number of chunks.)
const { Duplex } = require('stream');

const d = new Duplex({ read() {}, write(chunk, enc, cb) { cb(); } });
d.push(Buffer.from('aé€'));
console.log('bytes buffered', d.readableLength);
d.setEncoding('utf8');
console.log('after setEncoding', d.readableLength);
d.push(Buffer.from('😀xy'));
d.push(Buffer.from('z'));
console.log('after pushing 7 more bytes', d.readableLength);
const a = d.read(2);
console.log('read(2)', JSON.stringify(a), d.readableLength);
const b = d.read(3);
console.log('read(3)', JSON.stringify(b), d.readableLength);
const c = d.read();
console.log('read()', JSON.stringify(c), d.readableLength);

const small = new Duplex({ readableHighWaterMark: 4, read() {}, write(chunk, enc, cb) { cb(); } });
small.setEncoding('utf8');
console.log('push 5 bytes, 2 characters ->', small.push(Buffer.from('é€')), small.readableLength);
console.log('push 2 more characters ->', small.push(Buffer.from('ab')), small.readableLength);
