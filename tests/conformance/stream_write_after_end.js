// NET-2: write() after end() returns false, calls back with ERR_STREAM_WRITE_AFTER_END and destroys
// the stream with it: 'error' then 'close'.
const { Duplex } = require('stream');

const d = new Duplex({
  read() {},
  write(chunk, enc, cb) { console.log('_write', chunk.toString()); cb(); },
  final(cb) { console.log('_final'); cb(); },
});
for (const e of ['prefinish', 'finish', 'end', 'close']) d.on(e, () => console.log(e));
d.on('error', (err) => console.log('error', err.code));
d.end();
console.log('write returned', d.write('late', (err) => console.log('write callback', err && err.code)));
console.log('destroyed', d.destroyed, 'writable', d.writable);
