// NET-2: destroy(err) calls back what is still pending, on the next tick and before 'error': a
// corked (buffered) write, or an end() callback whose _final never finished, gets the error.
const { Duplex } = require('stream');

const result = (err) => (err ? err.code || err.message : 'ok');
function mk(name) {
  const d = new Duplex({
    read() {},
    write(chunk, enc, cb) { console.log(name, '_write', chunk.toString()); cb(); },
    final(cb) { console.log(name, '_final (never calls back)'); },
  });
  for (const e of ['prefinish', 'finish', 'end', 'close']) d.on(e, () => console.log(name, e));
  d.on('error', (err) => console.log(name, 'error', err.message));
  return d;
}

const d1 = mk('d1');
d1.cork();
d1.write('a', (err) => console.log('d1 write a callback', result(err)));
d1.destroy(new Error('boom 1'));
console.log('d1 destroyed');
setImmediate(() => {
  const d2 = mk('d2');
  d2.end('b', (err) => console.log('d2 end callback', result(err)));
  setImmediate(() => {
    d2.destroy(new Error('boom 2'));
    console.log('d2 destroyed');
  });
});
