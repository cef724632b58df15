// STR-14, STR-2: stream.state through a request: open, then half-closed on each side, and the
// stream ids (client odd, 1 then 3).
const { S, C, run } = require('./_h2');
const show = (st) => `state ${st.state} localClose ${st.localClose} remoteClose ${st.remoteClose} weight ${st.weight}`;
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    S.push(`${headers[':path']} id ${stream.id} ${show(stream.state)}`);
    stream.respond({ ':status': 200 });
    stream.end('x');
  });
}, (client) => {
  let left = 2;
  for (const p of ['/one', '/two']) {
    const req = client.request({ ':path': p, ':method': 'POST' });
    req.on('ready', () => C.push(`${p} ready id ${req.id} ${show(req.state)}`));
    req.on('response', () => C.push(`${p} response ${show(req.state)}`));
    req.on('end', () => { C.push(`${p} end`); req.end(); });
    req.on('close', () => { C.push(`${p} close`); if (--left === 0) client.close(); });
    req.resume();
  }
});
