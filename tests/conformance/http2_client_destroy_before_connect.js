// SES-12, CST-1: a client destroyed before it connected: its pending request fails with
// ERR_HTTP2_STREAM_CANCEL, then the session closes; the server sees nothing of it.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', () => S.push('stream'));
}, (client) => {
  const req = client.request({ ':path': '/' });
  req.on('error', (e) => C.push(`stream error ${e.code}`));
  req.on('close', () => C.push('stream close'));
  client.on('close', () => C.push(`session close destroyed ${client.destroyed}`));
  client.destroy();
}, null, true);
