// STR-12: the seed's rstWith* shortcuts (rstWithNoError, rstWithProtocolError, rstWithCancel,
// rstWithRefuse, rstWithInternalError; Node 20 spells them close(code)): the code each sends.
const { S, C, run } = require('./_h2');
const shortcuts = [['rstWithNoError', 0], ['rstWithProtocolError', 1], ['rstWithCancel', 8], ['rstWithRefuse', 7], ['rstWithInternalError', 2]];
C.byNumber = true;
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    const i = Number(headers['x-i']);
    stream.on('error', () => {});
    stream.close(shortcuts[i][1]);
  });
}, (client) => {
  let open = shortcuts.length;
  shortcuts.forEach(([name], i) => {
    const req = client.request({ ':path': '/', 'x-i': String(i) });
    req.on('error', () => {});
    req.on('close', () => { C.push(`${i} ${name} rstCode ${req.rstCode}`); if (--open === 0) client.close(); });
    req.resume();
  });
});
