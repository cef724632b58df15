// SES-14: a ping with an 8-byte payload: the callback gets no error and the same payload; the
// peer's session sees 'ping' with it.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => s.on('ping', (p) => S.push(`ping ${p.toString()}`)));
}, (client) => {
  client.on('connect', () => {
    const ok = client.ping(Buffer.from('abcdefgh'), (err, duration, payload) => {
      C.push(`callback err ${err} duration ${typeof duration} payload ${payload.toString()}`);
      client.close();
    });
    C.push(`ping returned ${ok}`);
  });
});
