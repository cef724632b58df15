// CST-1, STR-9, SRV-1: the client sends a body and then trailers; the server stream sees the
// data, then 'trailers', then 'end'.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream, headers, flags) => {
    S.push(`stream ${headers[':method']} flags ${flags}`);
    stream.setEncoding('utf8');
    stream.on('data', (d) => S.push(`data ${d}`));
    stream.on('trailers', (h, f) => S.push(`trailers x-sum=${h['x-sum']} flags ${f}`));
    stream.on('end', () => { S.push('end'); stream.respond({ ':status': 204 }, { endStream: true }); });
    stream.on('close', () => S.push('close'));
  });
}, (client) => {
  const req = client.request({ ':path': '/', ':method': 'POST' }, { waitForTrailers: true });
  req.on('wantTrailers', () => { C.push('wantTrailers'); req.sendTrailers({ 'x-sum': '42' }); });
  req.on('response', (h, flags) => C.push(`response ${h[':status']} flags ${flags}`));
  req.on('end', () => C.push('end'));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
  req.end('payload');
  req.resume();
});
