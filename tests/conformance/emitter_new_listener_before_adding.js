// EM-1: 'newListener' fires before the listener is added, with the original listener; a listener
// it adds for the same event lands first.
const EventEmitter = require('events');

const e = new EventEmitter();
e.once('newListener', (name) => {
  console.log('newListener', name, 'count before add', e.listenerCount(name));
  e.on(name, () => console.log('added inside newListener'));
});
e.on('x', () => console.log('original'));
console.log('count', e.listenerCount('x'));
e.emit('x');
function g() {}
e.on('newListener', (name, l) => console.log('watcher', name, 'is g', l === g));
e.on('y', g);
e.once('y', g);
e.prependListener('newListener', () => console.log('prepended watcher'));
e.on('z', g);
console.log('names', e.eventNames().join(','));
