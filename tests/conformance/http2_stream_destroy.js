// STR-3, STR-5: the server destroys one stream without an error and one with an error.
const { S, C, run, code } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    const name = headers[':path'];
    stream.on('error', (e) => S.push(`${name} error ${e.message}`));
    stream.on('close', () => S.push(`${name} close rstCode ${stream.rstCode} destroyed ${stream.destroyed}`));
    if (name === '/plain') stream.destroy();
    else stream.destroy(new Error('boom'));
  });
}, (client) => {
  let open = 2;
  for (const p of ['/plain', '/error']) {
    const req = client.request({ ':path': p });
    req.on('error', (e) => C.push(`${p} error ${code(e)}`));
    req.on('close', () => { C.push(`${p} close rstCode ${req.rstCode}`); if (--open === 0) client.close(); });
    req.resume();
  }
});
