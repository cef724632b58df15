// SES-15, STR-3, STR-5, STR-12: the server resets five streams, one per code (NO_ERROR,
// PROTOCOL_ERROR, INTERNAL_ERROR, REFUSED_STREAM, CANCEL); what each side sees.
const { S, C, run, code } = require('./_h2');
const codes = [0, 1, 2, 7, 8];
S.byNumber = true; // the server's streams interleave by timing
run(null, (server) => {
  server.on('stream', (stream, headers) => {
    const c = Number(headers['x-code']);
    stream.on('aborted', () => S.push(`${c} aborted`));
    stream.on('error', (e) => S.push(`${c} error ${code(e)}`));
    stream.on('close', () => S.push(`${c} close rstCode ${stream.rstCode}`));
    stream.close(c);
  });
}, (client) => {
  let open = codes.length;
  for (const c of codes) {
    const req = client.request({ ':path': '/', 'x-code': String(c) });
    req.on('response', () => C.push(`${c} response`));
    req.on('aborted', () => C.push(`${c} aborted`));
    req.on('error', (e) => C.push(`${c} error ${code(e)} ${e.message}`));
    req.on('end', () => C.push(`${c} end`));
    req.on('close', () => { C.push(`${c} close rstCode ${req.rstCode}`); if (--open === 0) client.close(); });
    req.resume();
  }
});
