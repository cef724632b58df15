// STR-3, SES-9, SES-14: a 1 MiB upload and a 1 MiB download on one stream, beyond every
// default window: flow control moves all of it, and each side counts every byte.
const { S, C, run } = require('./_h2');
const size = 1 << 20;
run(null, (server) => {
  server.on('stream', (stream) => {
    let got = 0;
    stream.on('data', (d) => { got += d.length; });
    stream.on('end', () => {
      S.push(`received ${got}`);
      stream.respond({ ':status': 200 });
      stream.end(Buffer.alloc(size, 'b'));
    });
  });
}, (client) => {
  const req = client.request({ ':path': '/', ':method': 'POST' });
  let got = 0;
  req.on('data', (d) => { got += d.length; });
  req.on('end', () => C.push(`received ${got}`));
  req.on('close', () => { C.push('close'); client.close(); });
  req.end(Buffer.alloc(size, 'a'));
});
