// SST-7: respondWithFile with a statCheck that adds last-modified: the client gets the
// content-length from the file's size and the body.
const path = require('path');
const { S, C, run } = require('./_h2');
const file = path.join(__dirname, 'fixtures', 'hello.txt');
run(null, (server) => {
  server.on('stream', (stream) => {
    stream.respondWithFile(file, { 'content-type': 'text/plain' }, {
      statCheck: (stat, headers) => { S.push(`statCheck size ${stat.size}`); headers['x-size'] = String(stat.size); },
    });
    stream.on('close', () => S.push(`close rstCode ${stream.rstCode}`));
  });
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('response', (h) => C.push(`response ${h[':status']} length ${h['content-length']} type ${h['content-type']} x-size ${h['x-size']}`));
  req.on('data', (d) => C.push(`data ${JSON.stringify(d)}`));
  req.on('close', () => { C.push('close'); client.close(); });
});
