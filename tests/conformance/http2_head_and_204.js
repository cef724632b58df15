// SST-2, CST-3, STR-3: a HEAD request and a 204 response end without a body: 'response' carries
// END_STREAM (flags 5) and 'end' follows without 'data'.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream, headers, flags) => {
    S.push(`stream ${headers[':method']} ${headers[':path']} flags ${flags}`);
    if (headers[':path'] === '/none') stream.respond({ ':status': 204 });
    else stream.respond({ ':status': 200, 'content-length': '5' });
    stream.end();
  });
}, (client) => {
  let left = 2;
  for (const [method, path] of [['HEAD', '/head'], ['GET', '/none']]) {
    const req = client.request({ ':method': method, ':path': path });
    req.on('response', (h, flags) => C.push(`${path} response ${h[':status']} flags ${flags}`));
    req.on('data', () => C.push(`${path} data`));
    req.on('end', () => C.push(`${path} end`));
    req.on('close', () => { C.push(`${path} close`); if (--left === 0) client.close(); });
  }
});
