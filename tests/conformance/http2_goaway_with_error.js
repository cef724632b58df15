// SES-6, SES-17: the server sends GOAWAY with ENHANCE_YOUR_CALM and opaque data: the client sees
// 'goaway' with the code, last stream id and data, then is destroyed with ERR_HTTP2_SESSION_ERROR.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => {
    s.on('close', () => S.push('session close'));
    s.on('error', (e) => S.push(`session error ${e.code}`));
  });
  server.on('stream', (stream, h, f) => {
    stream.respond({ ':status': 200 });
    stream.end('x', () => stream.session.goaway(11, 1, Buffer.from('calm down')));
  });
}, (client) => {
  client.on('goaway', (code, last, data) => C.push(`goaway ${code} ${last} ${data.toString()}`));
  client.on('error', (e) => C.push(`session error ${e.code} ${e.message}`));
  client.on('close', () => C.push('session close'));
  const req = client.request({ ':path': '/' });
  req.on('end', () => C.push('stream end'));
  req.on('close', () => C.push(`stream close rstCode ${req.rstCode}`));
  req.resume();
}, null, true);
