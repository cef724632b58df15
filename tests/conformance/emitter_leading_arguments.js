// EM-2: a listener may take any leading part of the event's arguments.
const EventEmitter = require('events');

const e = new EventEmitter();
e.on('stream', (id, path, flags) => console.log('three', id, path, flags));
e.on('stream', (id, path) => console.log('two', id, path));
e.on('stream', (id) => console.log('one', id));
e.on('stream', () => console.log('none'));
console.log('emit returned', e.emit('stream', 1, '/a', 5));
