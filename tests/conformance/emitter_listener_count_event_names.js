// EM-1: listenerCount and eventNames: names in first-registration order; once listeners count
// until they fire; a name leaves when its last listener goes and comes back at the end.
const EventEmitter = require('events');

const e = new EventEmitter();
const show = (what) => console.log(what, JSON.stringify(e.eventNames()),
  'a', e.listenerCount('a'), 'b', e.listenerCount('b'), 'c', e.listenerCount('c'));
show('empty');
function fa() {}
e.on('a', fa);
e.once('b', () => {});
e.on('c', () => {});
e.on('a', fa);
show('added');
e.emit('b');
show('after emit b');
e.off('a', fa);
show('off a once');
e.off('a', fa);
show('off a twice');
e.on('a', fa);
show('a again');
e.removeAllListeners('c');
show('removeAll c');
e.removeAllListeners();
show('removeAll');
