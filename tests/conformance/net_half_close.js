// NET-1, NET-2: allowHalfOpen on the server: the client end()s its request, the server sees 'end' while still writable, writes its reply, then ends. Each side's lines are kept apart (server, then client).
const net = require('net');
const S = [], C = [];
const server = net.createServer({ allowHalfOpen: true }, (s) => {
  S.push(`connection allowHalfOpen ${s.allowHalfOpen}`);
  s.setEncoding('utf8');
  s.on('data', (d) => S.push(`data ${JSON.stringify(d)}`));
  s.on('end', () => {
    S.push(`end readyState ${s.readyState} writable ${s.writable} readable ${s.readable}`);
    const ok = s.write('reply');
    S.push(`write returned ${ok}`);
    s.end(() => S.push('end callback'));
    S.push(`end() readyState ${s.readyState} writableEnded ${s.writableEnded}`);
  });
  s.on('finish', () => S.push(`finish readyState ${s.readyState} destroyed ${s.destroyed}`));
  s.on('close', (hadError) => S.push(`close ${hadError}`));
});
server.on('close', () => {
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    C.push(`connect allowHalfOpen ${c.allowHalfOpen}`);
    c.end('request');
    C.push(`end() readyState ${c.readyState} writable ${c.writable}`);
  });
  c.setEncoding('utf8');
  c.on('finish', () => C.push(`finish readyState ${c.readyState}`));
  c.on('data', (d) => C.push(`data ${JSON.stringify(d)}`));
  c.on('end', () => C.push(`end readyState ${c.readyState}`));
  c.on('close', (hadError) => { C.push(`close ${hadError}`); server.close(); });
});
