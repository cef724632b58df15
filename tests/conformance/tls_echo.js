// NET-3, NET-1: a TLS echo server and client with a self-signed certificate the client trusts (_tls_cert.pem, _tls_key.pem): client 'connect', 'secureConnect' with authorized and the ALPN protocol chosen; server 'connection' then 'secureConnection'; the echo, 'end', 'finish', 'close' on both sides. Each side's lines are kept apart (server, then client).
const tls = require('tls');
const fs = require('fs');
const cert = fs.readFileSync('_tls_cert.pem');
const key = fs.readFileSync('_tls_key.pem');
const S = [], C = [];
const server = tls.createServer({ cert, key, ALPNProtocols: ['h2', 'http/1.1'] }, (s) => {
  S.push(`secureConnection encrypted ${s.encrypted} alpnProtocol ${s.alpnProtocol} authorized ${s.authorized}`);
  s.setEncoding('utf8');
  s.on('data', (d) => { S.push(`data ${JSON.stringify(d)}`); s.write(d.toUpperCase()); });
  for (const e of ['end', 'finish']) s.on(e, () => S.push(e));
  s.on('close', (hadError) => S.push(`close ${hadError}`));
});
server.on('connection', () => S.push('connection'));
server.on('tlsClientError', (err) => S.push(`tlsClientError ${err.code}`));
server.on('close', () => {
  S.push('server close');
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({
    port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: cert,
    ALPNProtocols: ['http/1.1', 'h2'],
  }, () => {
    C.push(`secureConnect callback authorized ${c.authorized} alpnProtocol ${c.alpnProtocol} encrypted ${c.encrypted}`);
    c.write('hello');
  });
  c.setEncoding('utf8');
  for (const e of ['connect', 'secureConnect', 'end', 'finish']) c.on(e, () => C.push(e));
  c.on('data', (d) => { C.push(`data ${JSON.stringify(d)}`); c.end(); });
  c.on('error', (err) => C.push(`error ${err.code}`));
  c.on('close', (hadError) => { C.push(`close ${hadError}`); server.close(); });
});
