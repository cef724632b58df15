// NET-2, EM-3: destroy(err) on a stream with no 'error' listener: the 'error' is uncaught (Node
// throws; our run() returns the error) and 'close' is never emitted.
// The uncaughtException handler stands in for the crash; nothing is scheduled after it, because
// Node would go on running and our run() stops.
const { Duplex } = require('stream');

process.on('uncaughtException', (err) => console.log('uncaught', err.message));
const d = new Duplex({ read() {}, write(chunk, enc, cb) { cb(); } });
d.on('close', () => console.log('close'));
d.destroy(new Error('boom'));
console.log('sync done');
process.on('exit', () => console.log('exit closed', d.closed, 'destroyed', d.destroyed));
