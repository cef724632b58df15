// NET-1, NET-2: the client destroy(err)s a connected socket after reading the server's reply: 'error' with that error, then 'close'(true); no 'end'/'finish'; errored and destroyed are set at once and a write after it calls back with ERR_STREAM_DESTROYED. The server sees the FIN: 'end', then (allowHalfOpen false) 'finish' and 'close'(false). Each side's lines are kept apart (server, then client).
const net = require('net');
const S = [], C = [];
const server = net.createServer((s) => {
  s.setEncoding('utf8');
  s.on('data', (d) => { S.push(`data ${JSON.stringify(d)}`); s.write('bye'); });
  for (const e of ['end', 'finish']) s.on(e, () => S.push(e));
  s.on('error', (err) => S.push(`error ${err.code}`));
  s.on('close', (hadError) => { S.push(`close ${hadError}`); server.close(); });
});
server.on('close', () => {
  S.push('server close');
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => c.write('hello'));
  c.setEncoding('utf8');
  for (const e of ['connect', 'ready', 'end', 'finish']) c.on(e, () => C.push(`${e}`));
  c.on('data', (d) => {
    C.push(`data ${JSON.stringify(d)}`);
    c.destroy(new Error('boom'));
    C.push(`destroy(err) destroyed ${c.destroyed} errored ${c.errored && c.errored.message} readyState ${c.readyState}`);
    const ok = c.write('late', (err) => C.push(`write callback ${err && err.code}`));
    C.push(`write returned ${ok}`);
    process.nextTick(() => C.push('tick'));
  });
  c.on('error', (err) => C.push(`error ${err.message} destroyed ${c.destroyed}`));
  c.on('close', (hadError) => C.push(`close ${hadError}`));
});
