// NET-2: destroy() without an error: _destroy runs at once, then 'close' on the next tick, no
// 'error', 'end' or 'finish'; a second destroy() does nothing; write() after it calls back with
// ERR_STREAM_DESTROYED.
const { Duplex } = require('stream');

const d = new Duplex({
  read() { console.log('_read'); },
  write(chunk, enc, cb) { console.log('_write', chunk.toString()); cb(); },
  destroy(err, cb) { console.log('_destroy', err ? err.message : 'no error'); cb(err); },
});
for (const e of ['finish', 'end', 'close']) d.on(e, () => console.log(e));
d.on('error', (err) => console.log('error', err.message));
d.destroy();
console.log('destroyed', d.destroyed);
d.destroy();
console.log('write returned', d.write('x', (err) => console.log('write callback', err && err.code)));
process.nextTick(() => console.log('tick'));
