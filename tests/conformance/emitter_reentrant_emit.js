// EM-3: emit inside a listener runs the nested emit to completion first; a once listener fires in
// the innermost emit that reaches it, and never again in the outer ones.
const EventEmitter = require('events');

const e = new EventEmitter();
e.on('x', (depth) => {
  console.log('enter', depth);
  if (depth < 2) e.emit('x', depth + 1);
  console.log('leave', depth);
});
e.once('x', (depth) => console.log('once', depth));
e.on('x', (depth) => console.log('last', depth));
e.emit('x', 0);
console.log('--');
e.on('y', () => { console.log('y emits x'); e.emit('x', 2); console.log('y done'); });
e.emit('y');
