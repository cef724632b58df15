// STR-8, STR-13, STR-3: an idle server stream times out: its 'timeout' listener resets it with CANCEL;
// the client sees the stream close with code 8 and no error.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.setTimeout(30, () => { S.push('timeout'); stream.close(8); });
    stream.on('aborted', () => S.push('aborted'));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', () => C.push('response'));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
  req.resume();
});
