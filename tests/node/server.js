// A Node http2 server for the interop tests (our client against Node).
//   node server.js --port N [--cert FILE --key FILE] [--silent]
// Paths: /            "hello from node"
//        /big?bytes=N the pattern, N bytes
//        /push        pushes /pushed.txt ("pushed by node"), then answers "main"
//        /echo        (POST) answers {"len": …, "checksum": …} of the request body
//        /trailers    "body" and the trailer abc: node trailer
// --silent: accepts requests and never answers (for the stream timeout example).
'use strict';
const http2 = require('http2');
const fs = require('fs');
const { pattern, Checksum, args } = require('./common.js');

const opts = args();
const port = Number(opts.port);

const server = opts.cert
  ? http2.createSecureServer({ cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) })
  : http2.createServer();

server.on('stream', (stream, headers) => {
  if (opts.silent) return;
  const url = new URL(headers[':path'], 'http://x');
  stream.on('error', (e) => console.error('stream error', e.code || e.message));
  switch (url.pathname) {
    case '/big': {
      const n = Number(url.searchParams.get('bytes'));
      stream.respond({ ':status': 200, 'content-length': n });
      stream.end(pattern(n));
      break;
    }
    case '/push':
      stream.respond({ ':status': 200 });
      stream.pushStream({ ':path': '/pushed.txt' }, (err, push) => {
        if (err) { console.error('push failed', err.code); return; }
        push.respond({ ':status': 200, 'content-type': 'text/plain' });
        push.end('pushed by node');
        stream.end('main');
      });
      break;
    case '/echo': {
      const sum = new Checksum();
      stream.on('data', (chunk) => sum.update(chunk));
      stream.on('end', () => {
        stream.respond({ ':status': 200, 'content-type': 'application/json' });
        stream.end(JSON.stringify({ len: sum.len, checksum: sum.hash }));
      });
      break;
    }
    case '/trailers':
      stream.respond({ ':status': 200 }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ abc: 'node trailer' }));
      stream.end('body');
      break;
    default:
      stream.respond({ ':status': 200, 'content-type': 'text/plain' });
      stream.end('hello from node');
  }
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
