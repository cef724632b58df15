// PUSH-1, SST-4, SST-5, CST-2: the server pushes /style.css before answering /; the client
// session sees 'stream' for the pushed stream, which emits 'push' with its response headers.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    S.push(`stream ${headers[':path']} pushAllowed ${stream.pushAllowed}`);
    stream.pushStream({ ':path': '/style.css' }, (err, push, h) => {
      S.push(`pushStream err ${err} id ${push.id} path ${h[':path']}`);
      push.on('close', () => S.push('push close'));
      push.respond({ ':status': 200, 'content-type': 'text/css' });
      push.end('body{}');
      stream.respond({ ':status': 200 });
      stream.end('page');
    });
  });
}, (client) => {
  let left = 2;
  const done = () => { if (--left === 0) client.close(); };
  client.on('stream', (pushed, headers, flags) => {
    C.push(`session stream ${headers[':path']} id ${pushed.id} flags ${flags}`);
    pushed.on('push', (h, f) => C.push(`push ${h[':status']} ${h['content-type']} flags ${f}`));
    pushed.setEncoding('utf8');
    pushed.on('data', (d) => C.push(`push data ${d}`));
    pushed.on('close', () => { C.push('push close'); done(); });
  });
  const req = client.request({ ':path': '/' });
  req.setEncoding('utf8');
  req.on('response', (h) => C.push(`response ${h[':status']}`));
  req.on('data', (d) => C.push(`data ${d}`));
  req.on('close', () => { C.push('close'); done(); });
});
