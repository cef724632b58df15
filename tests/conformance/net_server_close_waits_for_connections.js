// NET-1: server.close() while a connection is open stops listening at once (a new connect is refused) but 'close' and the close callback wait for the last connection: they come once its socket is destroyed, on the next tick, before that socket's own 'close'. Each side's lines are kept apart (server, then client).
const net = require('net');
const S = [], C = [];
const server = net.createServer((s) => {
  S.push('connection');
  server.close((err) => S.push(`close callback ${err}`));
  S.push(`close() listening ${server.listening} address ${server.address()}`);
  server.getConnections((err, n) => S.push(`getConnections ${n}`));
  s.setEncoding('utf8');
  s.on('data', (d) => S.push(`data ${JSON.stringify(d)}`));
  for (const e of ['end', 'finish']) s.on(e, () => S.push(`socket ${e}`));
  s.on('close', (hadError) => S.push(`socket close ${hadError}`));
});
server.on('close', () => S.push('server close'));
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const c = net.connect(port, '127.0.0.1');
  for (const e of ['connect', 'end', 'finish']) c.on(e, () => C.push(e));
  c.on('close', (hadError) => {
    C.push(`close ${hadError}`);
    const late = net.connect(port, '127.0.0.1');
    late.on('connect', () => C.push('late connect'));
    late.on('error', (err) => C.push(`late error ${err.code}`));
    late.on('close', (hadError) => {
      C.push(`late close ${hadError}`);
      console.log('server:'); for (const l of S) console.log(l);
      console.log('client:'); for (const l of C) console.log(l);
    });
  });
  c.on('connect', () => c.end('last words'));
});
