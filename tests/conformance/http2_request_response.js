// SES-3, SES-9, SRV-1, CST-3, STR-3: one GET, every event of each side in order. Each side's
// lines are kept apart (server first, then client): the interleaving of two endpoints in one
// process depends on socket timing, not on the API.
const http2 = require('http2');
const S = [], C = [];
const server = http2.createServer();
server.on('session', (s) => {
  S.push('session');
  s.on('connect', () => S.push('session connect'));
  s.on('close', () => S.push('session close'));
});
server.on('stream', (stream, headers, flags) => {
  S.push(`stream ${headers[':method']} ${headers[':path']} flags ${flags}`);
  for (const e of ['end', 'finish', 'close', 'aborted'])
    stream.on(e, () => S.push(`stream ${e}`));
  stream.respond({ ':status': 200, 'content-type': 'text/plain' });
  stream.end('hello');
});
server.on('close', () => {
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, () => {
  const client = http2.connect(`http://localhost:${server.address().port}`);
  client.on('connect', () => C.push('connect'));
  client.on('close', () => { C.push('close'); server.close(); });
  const req = client.request({ ':path': '/x' });
  C.push(`request id ${req.id}`);
  req.on('ready', () => C.push(`stream ready id ${req.id}`));
  req.on('response', (h, flags) => C.push(`stream response ${h[':status']} flags ${flags}`));
  req.setEncoding('utf8');
  req.on('data', (d) => C.push(`stream data ${d}`));
  for (const e of ['end', 'finish', 'aborted'])
    req.on(e, () => C.push(`stream ${e}`));
  req.on('close', () => { C.push(`stream close rstCode ${req.rstCode}`); client.close(); });
});
