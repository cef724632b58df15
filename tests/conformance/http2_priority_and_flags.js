// STR-11, SES-20, SRV-1: request priority: the 'stream' flags carry PRIORITY (0x20) when the
// request sets a weight, and the server stream's state shows the weight; a plain GET is flags 5.
const { S, C, run } = require('./_h2');
S.byNumber = true;
run(null, (server) => {
  server.on('stream', (stream, headers, flags) => {
    S.push(`${headers['x-n']} ${headers[':method']} flags ${flags} weight ${stream.state.weight}`);
    stream.respond({ ':status': 200 });
    stream.end();
  });
}, (client) => {
  let left = 3;
  const reqs = [
    [{ ':path': '/', 'x-n': '1' }, {}],
    [{ ':path': '/', 'x-n': '2' }, { weight: 32 }],
    [{ ':path': '/', ':method': 'POST', 'x-n': '3' }, { weight: 200, endStream: true }],
  ];
  for (const [h, o] of reqs) {
    const req = client.request(h, o);
    req.on('response', () => C.push(`${h['x-n']} response weight ${req.state.weight}`));
    req.on('close', () => { if (--left === 0) client.close(); });
    req.resume();
  }
  C.byNumber = true;
});
