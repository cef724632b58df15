// Shared by the http2_*.js scenarios: a server and a client in one process, each side's
// events kept apart and printed at the end (server, then client), because the interleaving
// of two endpoints in one process depends on socket timing, not on the API.
const http2 = require('http2');
exports.S = [];
exports.C = [];
exports.http2 = http2;
// A side whose array has `byNumber` set is printed ordered by each line's leading number
// (a stable sort), for scenarios where streams' events interleave by timing.
const ordered = (lines) => (lines.byNumber ? [...lines].sort((a, b) => parseInt(a) - parseInt(b)) : lines);
const print = () => {
  console.log('server:'); for (const l of ordered(exports.S)) console.log(l);
  console.log('client:'); for (const l of ordered(exports.C)) console.log(l);
};
// Prints when the server closes, or (printOnClientClose) when the client session closes.
exports.run = (serverOptions, onServer, onClient, clientOptions, printOnClientClose) => {
  const server = http2.createServer(serverOptions || {});
  if (!printOnClientClose) server.on('close', print);
  onServer(server);
  server.listen(0, () => {
    const client = http2.connect(`http://localhost:${server.address().port}`, clientOptions || {});
    client.on('close', () => { if (printOnClientClose) print(); server.close(); });
    onClient(client, server);
  });
};
exports.code = (e) => (e && e.code) || e;
