// SES-12, SES-6: the server destroys its session (no error) while a request is open: the client
// sees 'goaway' NO_ERROR and its open stream ends; both sessions close.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => s.on('close', () => S.push('session close')));
  server.on('stream', (stream) => {
    stream.on('close', () => S.push(`stream close rstCode ${stream.rstCode}`));
    stream.respond({ ':status': 200 });
    stream.write('x', () => stream.session.destroy());
  });
}, (client) => {
  client.on('goaway', (code, last) => C.push(`goaway ${code} ${last}`));
  client.on('close', () => C.push('session close'));
  const req = client.request({ ':path': '/' });
  req.on('data', () => C.push('data'));
  req.on('aborted', () => C.push('aborted'));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => C.push(`stream close rstCode ${req.rstCode}`));
}, null, true);
