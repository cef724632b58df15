// NET-2: pause() stops 'data' and buffers what is pushed; resume() emits 'resume', then the buffered
// chunks in order, then reads on; 'end' once the end is pushed and consumed.
const { Duplex } = require('stream');

const d = new Duplex({
  read() { console.log('_read'); },
  write(chunk, enc, cb) { cb(); },
});
for (const e of ['pause', 'resume', 'end', 'close']) d.on(e, () => console.log(e));
d.pause();
d.on('data', (chunk) => console.log('data', chunk.toString()));
console.log('isPaused', d.isPaused(), 'flowing', d.readableFlowing);
d.push('1');
d.push('2');
console.log('readableLength', d.readableLength);
setImmediate(() => {
  console.log('resume()');
  d.resume();
  console.log('isPaused', d.isPaused(), 'flowing', d.readableFlowing);
  setImmediate(() => {
    d.push('3');
    console.log('pause()');
    d.pause();
    d.push('4');
    d.push(null);
    setImmediate(() => {
      console.log('resume() again');
      d.resume();
    });
  });
});
