// NET-2: src.pipe(dst): each chunk is written to dst; when dst.write() returns false the source
// pauses until dst's 'drain'; at the source's 'end' dst is ended; 'unpipe' once dst finishes.
const { Duplex } = require('stream');

const chunks = ['a1', 'b2', 'c3', 'd4'];
const src = new Duplex({
  writable: false,
  read() {
    const c = chunks.shift();
    console.log('src _read ->', c === undefined ? 'null' : c);
    this.push(c === undefined ? null : c);
  },
});
const dst = new Duplex({
  readable: false,
  writableHighWaterMark: 3,
  write(chunk, enc, cb) {
    console.log('dst _write', chunk.toString(), 'writableLength', this.writableLength);
    setImmediate(cb);
  },
  final(cb) { console.log('dst _final'); cb(); },
});
for (const e of ['pause', 'resume', 'end', 'close']) src.on(e, () => console.log('src', e));
for (const e of ['drain', 'finish', 'close']) dst.on(e, () => console.log('dst', e));
dst.on('pipe', (s) => console.log('dst pipe', s === src));
dst.on('unpipe', (s) => console.log('dst unpipe', s === src));
console.log('pipe returned dst', src.pipe(dst) === dst);
