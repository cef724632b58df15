// NET-1, NET-2: the server destroy()s a connected socket without an error once it has read the client's bytes: 'close'(false) and no 'end'/'finish'/'error' on that side; a write after it calls back with ERR_STREAM_DESTROYED. The client sees the FIN: 'end', then (allowHalfOpen false) 'finish' and 'close'(false). Each side's lines are kept apart (server, then client).
const net = require('net');
const S = [], C = [];
const server = net.createServer((s) => {
  s.setEncoding('utf8');
  for (const e of ['end', 'finish']) s.on(e, () => S.push(e));
  s.on('error', (err) => S.push(`error ${err.message}`));
  s.on('data', (d) => {
    S.push(`data ${JSON.stringify(d)}`);
    s.destroy();
    S.push(`destroy() destroyed ${s.destroyed} readyState ${s.readyState} writable ${s.writable} readable ${s.readable}`);
    const ok = s.write('late', (err) => S.push(`write callback ${err && err.code}`));
    S.push(`write returned ${ok}`);
    process.nextTick(() => S.push('tick'));
  });
  s.on('close', (hadError) => { S.push(`close ${hadError}`); server.close(); });
});
server.on('close', () => S.push('server close'));
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => c.write('hello'));
  c.setEncoding('utf8');
  for (const e of ['connect', 'ready', 'end', 'finish']) c.on(e, () => C.push(`${e}`));
  c.on('data', (d) => C.push(`data ${JSON.stringify(d)}`));
  c.on('error', (err) => C.push(`error ${err.code}`));
  c.on('close', (hadError) => {
    C.push(`close ${hadError}`);
    console.log('server:'); for (const l of S) console.log(l);
    console.log('client:'); for (const l of C) console.log(l);
  });
});
