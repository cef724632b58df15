// EM-3: listeners added or removed while an emit runs do not change that emit (copy-on-emit);
// the next emit sees the change. A once listener removed meanwhile still fires in that emit.
const EventEmitter = require('events');

const e = new EventEmitter();
function second() { console.log('second'); }
e.on('x', () => {
  console.log('first');
  e.removeListener('x', second);
  e.on('x', () => console.log('added'));
});
e.on('x', second);
e.emit('x');
console.log('--');
e.emit('x');
console.log('--');
e.emit('x');
console.log('--');
const o = new EventEmitter();
function late() { console.log('late once'); }
o.on('y', () => { console.log('removes late'); o.removeListener('y', late); });
o.once('y', late);
o.emit('y');
console.log('count', o.listenerCount('y'));
o.emit('y');
console.log('--');
const s = new EventEmitter();
s.on('z', () => { console.log('only'); s.on('z', () => console.log('added to single')); });
s.emit('z');
console.log('--');
s.emit('z');
