// STR-3, SST-2, OBJ-4, OBJ-5: invalid headers are refused with Node's error codes and nothing is sent:
// a bad name, a connection-specific field, a bad :status, then respond twice.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    const attempt = (what, headers) => {
      try { stream.respond(headers); S.push(`${what} ok`); } catch (e) { S.push(`${what} ${e.code}`); }
    };
    attempt('bad name', { ':status': 200, 'bad name': 'x' });
    attempt('connection header', { ':status': 200, connection: 'close' });
    attempt('status 99', { ':status': 99 });
    attempt('status 200', { ':status': 200 });
    attempt('again', { ':status': 200 });
    stream.end();
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', (h) => C.push(`response ${h[':status']}`));
  req.on('close', () => { C.push('close'); client.close(); });
  req.resume();
});
