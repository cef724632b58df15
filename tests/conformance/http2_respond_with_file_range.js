// SST-7: offset and length send part of a file; content-length is the part's length.
const path = require('path');
const { S, C, run } = require('./_h2');
const file = path.join(__dirname, 'fixtures', 'hello.txt');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respondWithFile(file, { ':status': 206 }, { offset: 6, length: 4 });
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('response', (h) => C.push(`response ${h[':status']} length ${h['content-length']}`));
  req.on('data', (d) => C.push(`data ${JSON.stringify(d)}`));
  req.on('close', () => { C.push('close'); client.close(); });
});
