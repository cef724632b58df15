// NET-2: src.pipe(dst) when dst fails a write: dst.write() returns false so src pauses; dst's
// 'error' unpipes it first, then 'close'; src is left paused, not destroyed.
const { Duplex } = require('stream');

const chunks = ['a', 'b', 'c'];
const src = new Duplex({
  writable: false,
  read() {
    const c = chunks.shift();
    console.log('src _read', c === undefined ? 'null' : c);
    this.push(c === undefined ? null : c);
  },
});
const dst = new Duplex({
  readable: false,
  write(chunk, enc, cb) {
    console.log('dst _write', chunk.toString());
    cb(new Error('disk full'));
  },
});
for (const e of ['pause', 'resume', 'end', 'close']) src.on(e, () => console.log('src', e));
for (const e of ['finish', 'close']) dst.on(e, () => console.log('dst', e));
dst.on('unpipe', () => console.log('dst unpipe'));
dst.on('error', (err) => console.log('dst error', err.message));
src.pipe(dst);
process.on('exit', () => console.log('exit src destroyed', src.destroyed, 'flowing', src.readableFlowing));
