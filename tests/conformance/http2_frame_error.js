// SES-5, STR-6: a response header block larger than maxSendHeaderBlockLength is never sent:
// the stream gets 'frameError' (HEADERS, the nghttp2 code) and is destroyed; the client's
// stream is reset.
const { S, C, run } = require('./_h2');
run({ maxSendHeaderBlockLength: 100 }, (server) => {
  server.on('stream', (stream) => {
    stream.on('frameError', (type, code, id) => S.push(`frameError type ${type} code ${code} id ${id}`));
    stream.on('error', (e) => S.push(`error ${e.code}`));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode} destroyed ${stream.destroyed}`));
    stream.respond({ ':status': 200, 'x-big': 'x'.repeat(200) });
    stream.end('never');
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', () => C.push('response'));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
  req.resume();
});
