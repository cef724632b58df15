// STR-7, STR-12: the seed's 'streamClosed'(code) fires on both ends when a stream closes, just
// before 'error'/'close'. Node 20 no longer has it, so this script prints it from 'close' and
// the golden is written by hand from the seed.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.on('error', (e) => S.push(`error ${e.code}`));
    stream.on('close', () => { S.push(`streamClosed ${stream.rstCode}`); S.push('close'); });
    stream.close(2);
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('streamClosed', (code) => C.push(`streamClosed ${code}`));
  req.on('error', (e) => C.push(`error ${e.code}`));
  req.on('close', () => { C.push('close'); client.close(); });
  req.resume();
});
