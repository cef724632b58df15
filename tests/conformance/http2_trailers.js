// STR-9, CST-4, SST-2: the server sends trailers after the body (the seed's getTrailers; Node 20
// spells it waitForTrailers + sendTrailers): the client sees 'trailers' after the data, before 'end'.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'x-checksum': 'abc' }));
    stream.on('finish', () => S.push('finish'));
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
    stream.end('body');
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('response', (h, flags) => C.push(`response ${h[':status']} flags ${flags}`));
  req.on('data', (d) => C.push(`data ${d}`));
  req.on('trailers', (h, flags) => C.push(`trailers x-checksum=${h['x-checksum']} flags ${flags}`));
  req.on('end', () => C.push('end'));
  req.on('close', () => { C.push(`close rstCode ${req.rstCode}`); client.close(); });
});
