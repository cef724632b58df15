// STR-4, STR-12, SES-15: the client cancels a request whose response is still open: the
// server stream sees 'aborted' and closes with CANCEL, no error on either side.
const { S, C, run, code } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 });
    stream.write('partial');
    stream.on('aborted', () => S.push('aborted'));
    stream.on('error', (e) => S.push(`error ${code(e)}`));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode} aborted ${stream.aborted}`));
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', () => { C.push('response'); req.close(8); });
  req.on('aborted', () => C.push('aborted'));
  req.on('error', (e) => C.push(`error ${code(e)}`));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
  req.resume();
});
