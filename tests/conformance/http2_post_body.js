// SES-9, SES-14, STR-*: a POST with a body in two writes; the server reads it and answers.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream, headers, flags) => {
    S.push(`stream ${headers[':method']} flags ${flags}`);
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (d) => { body += d; });
    stream.on('end', () => {
      S.push(`stream end body ${body}`);
      stream.respond({ ':status': 201 });
      stream.end(`got ${body.length}`);
    });
    stream.on('finish', () => S.push('stream finish'));
    stream.on('close', () => S.push(`stream close rstCode ${stream.rstCode}`));
  });
}, (client) => {
  const req = client.request({ ':method': 'POST', ':path': '/upload' });
  req.write('abc');
  req.end('def');
  req.on('response', (h) => C.push(`response ${h[':status']}`));
  req.setEncoding('utf8');
  req.on('data', (d) => C.push(`data ${d}`));
  req.on('end', () => C.push('end'));
  req.on('finish', () => C.push('finish'));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
});
