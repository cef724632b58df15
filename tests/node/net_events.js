// Node 20 traces for tests/net_events.rs: `node tests/node/net_events.js` prints each
// scenario's events, separated by `--`; the expected lists in the Rust tests are this output.
const net = require('net');
const log = [];
const L = (s) => log.push(s);
function trace(name, s) {
  for (const e of ['connect', 'ready', 'end', 'finish', 'close', 'error', 'timeout']) {
    s.on(e, (a) => L(name + ' ' + e + (a !== undefined ? ' ' + (a && a.code ? a.code : a) : '')));
  }
  s.on('data', (d) => L(name + ' data ' + d));
}
const scenarios = [];
// 1: echo through pipe, client writes then ends at once.
scenarios.push((done) => {
  const srv = net.createServer((s) => { L('server connection pending=' + s.pending + ' rs=' + s.readyState); trace('S', s); s.pipe(s); });
  srv.on('close', () => L('server close'));
  srv.listen(0, '127.0.0.1', () => {
    L('listening');
    const c = net.connect(srv.address().port, '127.0.0.1', () => L('connect cb'));
    L('client pending=' + c.pending + ' connecting=' + c.connecting + ' rs=' + c.readyState);
    trace('C', c);
    c.write('hello');
    c.end();
    c.on('close', () => { srv.close(); setTimeout(done, 20); });
  });
});
// 2: destroy() without error inside the connect callback; the peer sees an end.
scenarios.push((done) => {
  const srv = net.createServer((s) => trace('S', s));
  srv.listen(0, '127.0.0.1', () => {
    const c = net.connect(srv.address().port, '127.0.0.1', () => { L('C destroy()'); c.destroy(); L('destroyed=' + c.destroyed + ' rs=' + c.readyState); });
    trace('C', c);
    setTimeout(() => { srv.close(); done(); }, 50);
  });
});
// 3: destroy(err).
scenarios.push((done) => {
  const srv = net.createServer((s) => trace('S', s));
  srv.listen(0, '127.0.0.1', () => {
    const c = net.connect(srv.address().port, '127.0.0.1', () => { const e = new Error('boom'); e.code = 'ERR_BOOM'; c.destroy(e); });
    trace('C', c);
    setTimeout(() => { srv.close(); done(); }, 50);
  });
});
// 4: connection refused.
scenarios.push((done) => {
  const c = net.connect(1, '127.0.0.1');
  trace('C', c);
  c.on('error', (e) => L('message=' + e.message + ' errno=' + e.errno + ' syscall=' + e.syscall + ' address=' + e.address + ' port=' + e.port));
  setTimeout(done, 50);
});
// 5: server.close() with a connection open: 'close' once it has closed.
scenarios.push((done) => {
  const srv = net.createServer((s) => { trace('S', s); });
  srv.on('close', () => L('server close'));
  srv.listen(0, '127.0.0.1', () => {
    const c = net.connect(srv.address().port, '127.0.0.1', () => {
      srv.close((e) => L('close cb ' + e));
      L('listening=' + srv.listening + ' address=' + srv.address());
      setTimeout(() => { L('client end'); c.end(); }, 20);
    });
    trace('C', c);
    setTimeout(() => { srv.close((e) => L('second close cb ' + (e && e.code))); setTimeout(done, 20); }, 100);
  });
});
// 6: idle timeout: 'timeout' once, the socket stays open.
scenarios.push((done) => {
  const srv = net.createServer((s) => { s.on('end', () => s.end()); });
  srv.listen(0, '127.0.0.1', () => {
    const c = net.connect(srv.address().port, '127.0.0.1');
    c.setTimeout(30);
    c.on('timeout', () => { L('timeout destroyed=' + c.destroyed + ' rs=' + c.readyState); setTimeout(() => c.end(), 60); });
    c.on('close', (h) => { L('close ' + h); srv.close(); done(); });
  });
});
let i = 0;
function next() {
  if (i > 0) { console.log(log.join('\n')); log.length = 0; if (i < scenarios.length) console.log('--'); }
  if (i < scenarios.length) scenarios[i++](next);
}
next();
