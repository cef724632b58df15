// Node 20 traces for tests/net_stream.rs (`node tests/node/net_stream.js`).
const net = require('net');
const log = [];
const L = (s) => log.push(s);
function trace(name, s) {
  for (const e of ['end', 'finish', 'close', 'error']) s.on(e, (a) => L(name + ' ' + e + (a !== undefined ? ' ' + (a && a.code ? a.code : a) : '')));
  s.on('data', (d) => L(name + ' data ' + d));
}
// half-close: the client ends; the server (allowHalfOpen false) ends by itself.
const srv = net.createServer((s) => { trace('S', s); L('S rs=' + s.readyState); });
srv.listen(0, '127.0.0.1', () => {
  const c = net.connect(srv.address().port, '127.0.0.1', () => { c.end('bye'); L('C rs after end=' + c.readyState); });
  trace('C', c);
  c.on('close', () => { srv.close(); console.log(log.join('\n')); log.length = 0; reentrant(); });
});
// re-entrancy: 'data' listener destroys its own socket; 'connection' listener closes the server.
function reentrant() {
  const srv2 = net.createServer((s) => {
    L('connection'); srv2.close(() => L('server close cb'));
    s.on('data', (d) => { L('S data ' + d + ' then destroy'); s.destroy(); s.write('ignored', (e) => L('write cb ' + (e && e.code))); });
    s.on('error', (e) => L('S error ' + e.code));
    s.on('close', (h) => L('S close ' + h));
  });
  srv2.listen(0, '127.0.0.1', () => {
    const c = net.connect(srv2.address().port, '127.0.0.1', () => c.write('x'));
    c.on('end', () => L('C end'));
    c.on('close', (h) => { L('C close ' + h); setTimeout(() => console.log('--\n' + log.join('\n')), 10); });
  });
}
