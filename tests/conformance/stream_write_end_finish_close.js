// NET-2: a Duplex over a synchronous underlying: write, end(chunk, cb), _final, 'prefinish',
// 'finish' on the writable side; 'data', 'end' on the readable side; 'close' once both are done.
const { Duplex } = require('stream');

const d = new Duplex({
  read() { console.log('_read'); },
  write(chunk, enc, cb) { console.log('_write', chunk.toString()); cb(); },
  final(cb) { console.log('_final'); cb(); },
});
for (const e of ['resume', 'prefinish', 'finish', 'end', 'close']) d.on(e, () => console.log(e));
d.on('data', (chunk) => console.log('data', chunk.toString()));
console.log('write returned', d.write('a', () => console.log('write callback')));
d.push('x');
d.push(null);
d.end('b', () => console.log('end callback'));
console.log('writableEnded', d.writableEnded, 'writableFinished', d.writableFinished);
console.log('sync done');
process.on('exit', () => console.log('exit destroyed', d.destroyed));
