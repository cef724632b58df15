// EM-1: a once() registration answers to its original listener: listeners() returns the original,
// rawListeners() the once wrapper, and removeListener(original) removes it (the latest registration first).
const EventEmitter = require('events');

const e = new EventEmitter();
function f() { console.log('f called'); }
e.once('x', f);
console.log('listeners[0] is f', e.listeners('x')[0] === f);
const raw = e.rawListeners('x')[0];
console.log('rawListeners[0] wraps f', raw !== f && raw.listener === f);
e.on('removeListener', (name, l) => console.log('removeListener', name, 'is f', l === f));
e.removeListener('x', f);
console.log('count after removeListener(f)', e.listenerCount('x'));
console.log('emit returned', e.emit('x'));
e.on('x', f);
e.once('x', f);
e.off('x', f);
const left = e.rawListeners('x');
console.log('left', left.length, 'plain f', left[0] === f);
console.log('emit returned', e.emit('x'));
console.log('emit returned', e.emit('x'));
