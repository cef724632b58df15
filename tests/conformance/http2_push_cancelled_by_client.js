// PUSH-1, CST-2, STR-12: the client cancels a pushed stream it does not want: the server's
// pushed stream closes with CANCEL and no error, the main response is unaffected.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.pushStream({ ':path': '/unwanted' }, (err, push) => {
      push.on('error', (e) => S.push(`push error ${e.code}`));
      push.on('close', () => S.push(`push close rstCode ${push.rstCode}`));
      push.respond({ ':status': 200 });
      push.write('x'.repeat(100));
      setTimeout(() => { stream.respond({ ':status': 200 }); stream.end('main'); }, 20);
    });
  });
}, (client) => {
  client.on('stream', (pushed, headers) => {
    C.push(`pushed ${headers[':path']}`);
    pushed.on('close', () => C.push(`pushed close rstCode ${pushed.rstCode}`));
    pushed.close(8);
  });
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('data', (d) => C.push(`data ${d}`));
  req.on('close', () => { C.push('close'); client.close(); });
});
