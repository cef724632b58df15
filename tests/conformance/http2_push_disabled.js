// PUSH-1, SST-3, SST-4, SES-21: a client with enablePush false: the server stream's pushAllowed is false
// and pushStream fails with ERR_HTTP2_PUSH_DISABLED.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    S.push(`pushAllowed ${stream.pushAllowed}`);
    try {
      stream.pushStream({ ':path': '/x' }, () => S.push('pushed'));
    } catch (e) { S.push(`pushStream ${e.code}`); }
    stream.respond({ ':status': 200 });
    stream.end();
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('response', (h) => C.push(`response ${h[':status']}`));
  req.on('close', () => { C.push('close'); client.close(); });
  req.resume();
}, { settings: { enablePush: false } });
