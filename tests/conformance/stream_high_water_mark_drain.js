// NET-2: write() returns false once writableLength reaches the high-water mark; 'drain' fires when
// the buffer empties; a write-only Duplex (readable: false) closes after 'finish'.
const { Duplex } = require('stream');

const d = new Duplex({
  readable: false,
  writableHighWaterMark: 4,
  write(chunk, enc, cb) {
    console.log('_write', chunk.toString(), 'writableLength', this.writableLength);
    setImmediate(cb);
  },
  final(cb) { console.log('_final'); cb(); },
});
for (const e of ['prefinish', 'finish', 'close']) d.on(e, () => console.log(e));
for (const s of ['abc', 'de', 'f']) {
  console.log('write', s, 'returned', d.write(s, () => console.log('callback', s)));
}
console.log('needDrain', d.writableNeedDrain, 'writableLength', d.writableLength);
d.once('drain', () => {
  console.log('drain', 'needDrain', d.writableNeedDrain, 'writableLength', d.writableLength);
  console.log('write g returned', d.write('g'));
  d.end();
});
