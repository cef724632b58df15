// SES-6, SES-17: the server sends GOAWAY with an error code and debug data; the client sees
// 'goaway' (code, last stream id, data) and shuts down.
const { S, C, run, code } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 });
    stream.end('ok', () => stream.session.goaway(2, 1, Buffer.from('tired')));
  });
}, (client) => {
  client.on('goaway', (c, last, data) => C.push(`goaway ${c} ${last} ${data.toString()}`));
  client.on('error', (e) => C.push(`error ${code(e)} ${e.message}`));
  client.on('close', () => C.push('close'));
  const req = client.request({ ':path': '/' });
  req.resume();
  req.on('end', () => C.push('stream end'));
  req.on('close', () => C.push(`stream close rstCode ${req.rstCode}`));
}, null, true);
