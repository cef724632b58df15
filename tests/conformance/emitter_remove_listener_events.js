// EM-1: 'removeListener' fires after each removal with the original listener (a once listener too);
// removeAllListeners(name) removes last-added first; removeAllListeners() goes event by event,
// 'removeListener' itself last.
// Node 20 hands 'removeListener' the once wrapper (not the original) when the event had several
// listeners; Rust has no wrapper, so the name is looked up through `.listener` to print the fact.
const EventEmitter = require('events');

const e = new EventEmitter();
const names = new Map();
function named(n) { const f = () => console.log('called', n); names.set(f, n); return f; }
const nameOf = (l) => names.get(l) || names.get(l.listener) || 'watcher';
const a = named('a'), b = named('b'), c = named('c'), d = named('d');
e.on('x', a);
e.on('x', b);
e.on('y', c);
e.once('y', d);
e.on('removeListener', (name, l) => {
  console.log('removeListener', name, nameOf(l), 'left', e.listenerCount(name));
});
console.log('off a', e.listenerCount('x'));
e.removeListener('x', a);
console.log('off a again');
e.removeListener('x', a);
console.log('emit y');
e.emit('y');
e.on('x', a);
console.log('removeAllListeners x');
e.removeAllListeners('x');
e.on('z', a);
e.on('x', b);
console.log('names', e.eventNames().join(','));
console.log('removeAllListeners');
e.removeAllListeners();
console.log('names', JSON.stringify(e.eventNames()));
