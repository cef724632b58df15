// SST-6: respondWithFD sends an open file's contents; the descriptor stays the caller's.
const fs = require('fs');
const path = require('path');
const { S, C, run } = require('./_h2');
const file = path.join(__dirname, 'fixtures', 'hello.txt');
run(null, (server) => {
  server.on('stream', (stream) => {
    const fd = fs.openSync(file, 'r');
    stream.respondWithFD(fd, { 'content-type': 'text/plain' });
    stream.on('close', () => { fs.closeSync(fd); S.push('close, fd closed by the handler'); });
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('response', (h) => C.push(`response ${h[':status']} length ${h['content-length']}`));
  req.on('data', (d) => C.push(`data ${JSON.stringify(d)}`));
  req.on('close', () => { C.push('close'); client.close(); });
});
