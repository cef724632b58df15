// NET-2: destroy(err) while a write is in progress and another is buffered: _destroy gets the
// error, buffered write callbacks get ERR_STREAM_DESTROYED, then 'error' and 'close'; the
// in-progress write still completes.
const { Duplex } = require('stream');

const d = new Duplex({
  read() {},
  write(chunk, enc, cb) {
    console.log('_write', chunk.toString());
    setImmediate(() => { console.log('_write done', chunk.toString()); cb(); });
  },
  destroy(err, cb) { console.log('_destroy', err ? err.message : 'no error'); cb(err); },
});
for (const e of ['finish', 'end', 'close', 'drain']) d.on(e, () => console.log(e));
d.on('error', (err) => console.log('error', err.message));
d.write('a', (err) => console.log('callback a', err ? err.code || err.message : 'ok'));
d.write('b', (err) => console.log('callback b', err ? err.code || err.message : 'ok'));
d.destroy(new Error('boom'));
console.log('destroyed', d.destroyed, 'errored', d.errored && d.errored.message);
process.on('exit', () => console.log('exit'));
