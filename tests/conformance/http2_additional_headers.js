// SST-1, CST-3: a 103 informational response before the final one: the client stream sees
// 'headers' for the 1xx, then 'response'.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.additionalHeaders({ ':status': 103, link: '</a.css>; rel=preload' });
    S.push(`headersSent ${stream.headersSent}`);
    stream.respond({ ':status': 200 });
    S.push(`headersSent ${stream.headersSent}`);
    stream.end('ok');
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('headers', (h, flags) => C.push(`headers ${h[':status']} link ${h.link} flags ${flags}`));
  req.on('response', (h, flags) => C.push(`response ${h[':status']} flags ${flags}`));
  req.on('end', () => C.push('end'));
  req.on('close', () => { C.push('close'); client.close(); });
  req.resume();
});
