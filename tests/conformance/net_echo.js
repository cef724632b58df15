// NET-1, NET-2: an echo server and a client writing lines one at a time, each after the echo of the one before; 'connect', 'data', 'end', 'finish', 'close' on both sides. Each side's lines are kept apart (server, then client): how two endpoints in one process interleave depends on socket timing.
const net = require('net');
const S = [], C = [];
const server = net.createServer((s) => {
  S.push(`connection readyState ${s.readyState} pending ${s.pending}`);
  s.setEncoding('utf8');
  s.on('data', (d) => { S.push(`data ${JSON.stringify(d)}`); s.write(d); });
  for (const e of ['end', 'finish']) s.on(e, () => S.push(`${e} readyState ${s.readyState}`));
  s.on('close', (hadError) => S.push(`close ${hadError} destroyed ${s.destroyed}`));
});
server.on('close', () => {
  S.push('server close');
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const lines = ['one\n', 'two\n', 'three\n'];
  const c = net.connect(server.address().port, '127.0.0.1');
  C.push(`connecting ${c.connecting} pending ${c.pending} readyState ${c.readyState}`);
  c.setEncoding('utf8');
  for (const e of ['connect', 'ready']) c.on(e, () => C.push(`${e} readyState ${c.readyState}`));
  c.on('connect', () => c.write(lines.shift()));
  c.on('data', (d) => {
    C.push(`data ${JSON.stringify(d)}`);
    if (lines.length) c.write(lines.shift());
    else { c.end(); C.push(`end() readyState ${c.readyState}`); }
  });
  for (const e of ['end', 'finish']) c.on(e, () => C.push(`${e} readyState ${c.readyState}`));
  c.on('close', (hadError) => {
    C.push(`close ${hadError} bytesRead ${c.bytesRead} bytesWritten ${c.bytesWritten}`);
    server.close();
  });
});
