// EM-3: 'error' with a listener is an ordinary event; with none, emit throws the error (a non-Error
// becomes ERR_UNHANDLED_ERROR); a listener that throws stops the emit.
const EventEmitter = require('events');

const e = new EventEmitter();
try { e.emit('error', new Error('boom')); } catch (err) { console.log('thrown', err.message); }
try { e.emit('error', 42); } catch (err) { console.log('thrown', err.code); }
e.once('error', (err) => console.log('error listener', err.message));
console.log('emit returned', e.emit('error', new Error('handled')));
try { e.emit('error', new Error('again')); } catch (err) { console.log('thrown', err.message); }
const t = new EventEmitter();
t.on('x', () => { throw new Error('listener threw'); });
t.on('x', () => console.log('not reached'));
try { t.emit('x'); } catch (err) { console.log('thrown', err.message); }
console.log('count', t.listenerCount('x'));
