// A Node http2 client for the interop tests (Node against our server). Prints one JSON line.
//   node client.js get URL [--path P] [--ca FILE] [--pause-ms MS] [--post-bytes N]
//       one request; with --pause-ms the response is paused after its first chunk and
//       resumed MS later (a slow reader); with --post-bytes a POST of the pattern.
//       -> {status, headers, len, checksum, trailers, pushes: [{path, status, body}]}
//   node client.js many URL --streams N [--path P]
//       N requests at once on one session -> {ok, statuses, lens}
'use strict';
const http2 = require('http2');
const fs = require('fs');
const { pattern, Checksum, args, limit } = require('./common.js');

limit();
const opts = args();
const [mode, url] = opts._;
const connectOptions = {};
if (opts.ca) connectOptions.ca = fs.readFileSync(opts.ca);
const client = http2.connect(url, connectOptions);
client.on('error', (e) => { console.error('session error', e.code || e.message); process.exit(1); });

function get() {
  const result = { pushes: [] };
  let open = 1;
  const done = () => { if (--open === 0) { console.log(JSON.stringify(result)); client.close(); } };
  client.on('stream', (pushed, requestHeaders) => {
    open++;
    const p = { path: requestHeaders[':path'], body: '' };
    result.pushes.push(p);
    pushed.on('push', (h) => { p.status = h[':status']; });
    pushed.setEncoding('utf8');
    pushed.on('data', (d) => { p.body += d; });
    pushed.on('end', done);
  });
  const headers = { ':path': opts.path || '/' };
  const post = opts['post-bytes'] !== undefined;
  if (post) headers[':method'] = 'POST';
  const req = client.request(headers, { endStream: !post });
  const sum = new Checksum();
  let paused = false;
  const chunks = [];
  req.on('response', (h) => { result.status = h[':status']; result.headers = h; });
  req.on('trailers', (t) => { result.trailers = t; });
  req.on('data', (chunk) => {
    sum.update(chunk);
    if (sum.len <= 65536) chunks.push(chunk);
    if (opts['pause-ms'] && !paused) {
      paused = true;
      req.pause();
      setTimeout(() => req.resume(), Number(opts['pause-ms']));
    }
  });
  req.on('end', () => {
    result.len = sum.len;
    result.checksum = sum.hash;
    if (sum.len <= 65536) result.body = Buffer.concat(chunks).toString('utf8');
    done();
  });
  req.on('error', (e) => { console.error('stream error', e.code || e.message); process.exit(1); });
  if (post) req.end(pattern(Number(opts['post-bytes'])));
}

function many() {
  const n = Number(opts.streams);
  const result = { ok: 0, statuses: {}, lens: {} };
  let left = n;
  for (let i = 0; i < n; i++) {
    const req = client.request({ ':path': `${opts.path || '/'}${opts.path && opts.path.includes('?') ? '&' : '?'}i=${i}` });
    let len = 0;
    let expected;
    req.on('response', (h) => {
      result.statuses[h[':status']] = (result.statuses[h[':status']] || 0) + 1;
      if (h['content-length'] !== undefined) expected = Number(h['content-length']);
    });
    req.on('data', (d) => { len += d.length; });
    req.on('end', () => {
      if (expected !== undefined && expected !== len) {
        console.error(`stream ${i}: content-length ${expected} but ${len} bytes received (rstCode ${req.rstCode})`);
        process.exit(1);
      }
      result.lens[len] = (result.lens[len] || 0) + 1;
      result.ok++;
      if (--left === 0) { console.log(JSON.stringify(result)); client.close(); }
    });
    req.on('error', (e) => { console.error('stream error', i, e.code || e.message); process.exit(1); });
  }
}

if (mode === 'get') get();
else if (mode === 'many') many();
else { console.error('unknown mode', mode); process.exit(2); }
