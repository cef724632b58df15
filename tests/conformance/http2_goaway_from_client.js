// SES-6: the client closes its session (GOAWAY NO_ERROR) after a request: the server session
// sees 'goaway' and closes too.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => {
    s.on('goaway', (c, last) => S.push(`goaway ${c} ${last}`));
    s.on('close', () => S.push('session close'));
  });
  server.on('stream', (stream) => { stream.respond({ ':status': 200 }); stream.end(); });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.resume();
  req.on('close', () => { C.push('stream close'); client.close(() => C.push('close callback')); });
  client.on('close', () => C.push('close'));
});
