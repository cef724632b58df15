// SES-21, SES-9, SES-19: the server allows one stream at a time (maxConcurrentStreams 1): the
// client's three requests go out one after another, each after the previous one closed.
const { S, C, run } = require('./_h2');
run({ settings: { maxConcurrentStreams: 1 } }, (server) => {
  server.on('stream', (stream, headers) => {
    S.push(`stream ${headers[':path']} open ${stream.session.state.outboundQueueSize >= 0}`);
    setTimeout(() => { stream.respond({ ':status': 200 }); stream.end(headers[':path']); }, 10);
  });
}, (client) => {
  let left = 3;
  client.on('remoteSettings', (s) => {
    if (left < 3) return;
    for (const p of ['/a', '/b', '/c']) {
      const req = client.request({ ':path': p });
      req.setEncoding('utf8');
      req.on('data', (d) => C.push(`${p} data ${d}`));
      req.on('close', () => { C.push(`${p} close`); if (--left === 0) client.close(); });
    }
  });
});
