// NET-1, NET-2: an accepted socket piped into a Writable: 'pipe', every byte written, dest.end() when the socket ends, then 'finish' and 'unpipe'; the socket itself still ends, finishes and closes. Each side's lines are kept apart (server, then client); chunk boundaries depend on timing, so the sink prints what it got at the end.
const net = require('net');
const { Writable } = require('stream');
const S = [], C = [];
const server = net.createServer((s) => {
  let got = '';
  const sink = new Writable({
    write(chunk, enc, cb) { got += chunk; cb(); },
    final(cb) { S.push(`sink _final got ${JSON.stringify(got)}`); cb(); },
  });
  sink.on('pipe', (src) => S.push(`sink pipe src is socket ${src === s}`));
  sink.on('unpipe', (src) => S.push(`sink unpipe src is socket ${src === s}`));
  for (const e of ['finish', 'close']) sink.on(e, () => S.push(`sink ${e}`));
  for (const e of ['end', 'finish']) s.on(e, () => S.push(`socket ${e}`));
  s.on('close', (hadError) => S.push(`socket close ${hadError}`));
  const r = s.pipe(sink);
  S.push(`pipe returned sink ${r === sink} flowing ${s.readableFlowing}`);
});
server.on('close', () => {
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    for (const w of ['alpha ', 'beta ', 'gamma']) C.push(`write ${w.trim()} returned ${c.write(w)}`);
    c.end();
  });
  for (const e of ['end', 'finish']) c.on(e, () => C.push(e));
  c.on('close', (hadError) => { C.push(`close ${hadError}`); server.close(); });
});
