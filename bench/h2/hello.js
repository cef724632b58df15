// The seed's hello-world server in Node's http2 (the same handler as examples/hello_server.rs).
const http2 = require('http2');
const body = process.env.BODY_SIZE ? 'x'.repeat(Number(process.env.BODY_SIZE)) : '<h1>Hello World</h1>';
const server = http2.createServer();
server.on('stream', (stream) => {
  stream.respond({ 'content-type': 'text/html', ':status': 200 });
  stream.end(body);
});
server.listen(Number(process.env.PORT || 8080));
