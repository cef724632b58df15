// SST-7: statCheck returns false to cancel the file and the handler answers 304 itself (the
// seed's if-modified-since example).
const path = require('path');
const { S, C, run } = require('./_h2');
const file = path.join(__dirname, 'fixtures', 'hello.txt');
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    stream.respondWithFile(file, {}, {
      statCheck: () => {
        S.push(`statCheck if-modified-since ${headers['if-modified-since'] !== undefined}`);
        stream.respond({ ':status': 304 });
        return false;
      },
    });
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
  });
}, (client) => {
  const req = client.request({ ':path': '/', 'if-modified-since': new Date(Date.now() + 86400000).toUTCString() });
  req.on('response', (h, flags) => C.push(`response ${h[':status']} flags ${flags}`));
  req.on('data', () => C.push('data'));
  req.on('close', () => { C.push('close'); client.close(); });
});
