// SES-1, SES-2, SES-4, SES-12: the client destroys its session with an error while a request is
// open: 'error' then 'close' on the client; the server's stream and session close.
const { S, C, run, code } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => {
    s.on('error', (e) => S.push(`session error ${code(e)}`));
    s.on('close', () => S.push('session close'));
  });
  server.on('stream', (stream) => {
    S.push('stream');
    stream.respond({ ':status': 200 });
    stream.write('x');
    stream.on('aborted', () => S.push('stream aborted'));
    stream.on('error', (e) => S.push(`stream error ${code(e)}`));
    stream.on('close', () => S.push(`stream close rstCode ${stream.rstCode}`));
  });
}, (client) => {
  client.on('error', (e) => C.push(`session error ${e.message}`));
  client.on('close', () => C.push(`session close destroyed ${client.destroyed}`));
  const req = client.request({ ':path': '/' });
  req.on('error', (e) => C.push(`stream error ${code(e)}`));
  req.on('close', () => C.push(`stream close rstCode ${req.rstCode}`));
  req.on('data', () => { C.push('data'); client.destroy(new Error('bye')); });
});
