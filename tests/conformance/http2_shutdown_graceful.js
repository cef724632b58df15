// SES-17: the seed's session.shutdown({ graceful: true }, cb): a first GOAWAY announcing the
// shutdown (last stream id 2^31-1), then the real one with the last stream processed, then the
// callback. Node 20 replaced shutdown() with close()/goaway(); this script does the same with
// goaway() and the golden is written by hand from the seed.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 });
    stream.end('ok', () => {
      const s = stream.session;
      s.goaway(0, 2 ** 31 - 1);
      setImmediate(() => { s.goaway(0, 1); S.push('shutdown callback'); });
    });
  });
}, (client) => {
  client.on('goaway', (code, last) => C.push(`goaway ${code} ${last}`));
  client.on('close', () => C.push('session close'));
  const req = client.request({ ':path': '/' });
  req.on('close', () => C.push('stream close'));
  req.resume();
}, null, true);
