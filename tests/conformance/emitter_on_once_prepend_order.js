// EM-1: on / once / prependListener / prependOnceListener call order; once listeners fire once; emit returns whether anyone listened.
const EventEmitter = require('events');

const e = new EventEmitter();
e.on('x', (n) => console.log('on a', n));
e.once('x', (n) => console.log('once b', n));
e.prependListener('x', (n) => console.log('prepend c', n));
e.prependOnceListener('x', (n) => console.log('prependOnce d', n));
e.addListener('x', (n) => console.log('addListener e', n));
console.log('count', e.listenerCount('x'));
console.log('emit 1 returned', e.emit('x', 1));
console.log('count', e.listenerCount('x'));
console.log('emit 2 returned', e.emit('x', 2));
console.log('emit y returned', e.emit('y', 3));
