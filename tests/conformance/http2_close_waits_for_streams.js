// SES-11, SES-15: client.close() with a stream still open: no new requests, the open stream
// completes, then the session closes and the callback runs.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 });
    setTimeout(() => stream.end('late'), 20);
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('data', (d) => C.push(`data ${d}`));
  req.on('close', () => C.push('stream close'));
  req.on('response', () => {
    client.close(() => C.push('close callback'));
    C.push(`closed ${client.closed} destroyed ${client.destroyed}`);
    try { client.request({ ':path': '/more' }); } catch (e) { C.push(`request ${e.code}`); }
  });
  client.on('close', () => C.push('session close'));
});
