// STR-4, STR-12: the client cancels a POST in the middle of its body: the server stream sees the
// data so far, then 'aborted' and close with CANCEL, no error.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.setEncoding('utf8');
    stream.on('data', (d) => { S.push(`data ${d}`); });
    stream.on('aborted', () => S.push('aborted'));
    stream.on('end', () => S.push('end'));
    stream.on('error', (e) => S.push(`error ${e.code}`));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
    stream.respond({ ':status': 200 });
    stream.write('go');
  });
}, (client) => {
  const req = client.request({ ':path': '/', ':method': 'POST' });
  req.write('part');
  req.on('response', () => C.push('response'));
  req.on('data', () => { C.push('data, cancelling'); req.close(8); });
  req.on('aborted', () => C.push('aborted'));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
});
