// SST-7: a file that does not exist: the server stream fails with ENOENT (nothing was sent), and
// the client's stream is reset with INTERNAL_ERROR.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.on('error', (e) => S.push(`error ${e.code}`));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
    stream.respondWithFile('/nonexistent/file.txt');
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', () => C.push('response'));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
  req.resume();
});
