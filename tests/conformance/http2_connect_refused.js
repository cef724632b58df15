// FN-3, SES-2: connecting to a port nobody listens on: the session emits 'error' ECONNREFUSED
// (syscall connect) and then 'close'; a request made meanwhile fails with the same error.
const http2 = require('http2');
const net = require('net');
const probe = net.createServer().listen(0, () => {
  const port = probe.address().port;
  probe.close(() => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    const req = client.request({ ':path': '/' });
    req.on('error', (e) => console.log(`stream error ${e.code}`));
    req.on('close', () => console.log('stream close'));
    client.on('error', (e) => console.log(`session error ${e.code} ${e.syscall}`));
    client.on('close', () => console.log(`session close destroyed ${client.destroyed}`));
  });
});
