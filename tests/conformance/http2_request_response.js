// SES-3, SES-9, SRV-1, CST-3, STR-3: one GET, every event on both sides, in order.
const http2 = require('http2');
const log = (...a) => console.log(a.join(' '));
const server = http2.createServer();
server.on('session', (s) => {
  log('server session');
  s.on('connect', () => log('server-session connect'));
  s.on('remoteSettings', () => log('server-session remoteSettings'));
  s.on('localSettings', () => log('server-session localSettings'));
  s.on('close', () => log('server-session close'));
});
server.on('stream', (stream, headers, flags) => {
  log('server stream', headers[':method'], headers[':path'], 'flags', flags);
  for (const e of ['end', 'finish', 'close', 'aborted'])
    stream.on(e, () => log('server-stream', e));
  stream.respond({ ':status': 200, 'content-type': 'text/plain' });
  stream.end('hello');
});
server.listen(0, () => {
  const client = http2.connect(`http://localhost:${server.address().port}`);
  client.on('connect', () => log('client connect'));
  client.on('remoteSettings', () => log('client remoteSettings'));
  client.on('localSettings', () => log('client localSettings'));
  client.on('close', () => { log('client close'); server.close(); });
  const req = client.request({ ':path': '/x' });
  log('request id', req.id);
  req.on('ready', () => log('client-stream ready id', req.id));
  req.on('response', (h, flags) => log('client-stream response', h[':status'], 'flags', flags));
  req.setEncoding('utf8');
  req.on('data', (d) => log('client-stream data', d));
  req.on('end', () => log('client-stream end'));
  req.on('finish', () => log('client-stream finish'));
  req.on('close', () => { log('client-stream close rstCode', req.rstCode); client.close(); });
});
