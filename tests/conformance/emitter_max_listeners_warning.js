// EM-1: more than getMaxListeners() listeners for one event gives one MaxListenersExceededWarning
// per event (Node delivers it on the next tick); setMaxListeners(0) means unlimited.
const EventEmitter = require('events');

process.on('warning', (w) => console.log('warning', `${w.name}: ${w.message}`));
const e = new EventEmitter();
console.log('default max', e.getMaxListeners());
for (let i = 0; i < 11; i++) e.on('x', () => {});
console.log('added 11 x');
e.on('x', () => {});
console.log('added 12th x');
e.setMaxListeners(1);
console.log('max', e.getMaxListeners());
e.on('y', () => {});
e.on('y', () => {});
e.on('y', () => {});
console.log('added 3 y');
const u = new EventEmitter();
u.setMaxListeners(0);
for (let i = 0; i < 20; i++) u.on('z', () => {});
console.log('added 20 z with max 0');
process.nextTick(() => console.log('sync part done'));
