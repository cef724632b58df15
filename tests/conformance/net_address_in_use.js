// NET-1: a second server listening on a port in use: 'error' EADDRINUSE (syscall 'listen') on the next tick, no 'listening'; it is not listening, and close() then calls back with ERR_SERVER_NOT_RUNNING.
const net = require('net');
const first = net.createServer();
first.listen(0, '127.0.0.1', () => {
  const port = first.address().port;
  console.log(`first listening ${first.listening}`);
  const second = net.createServer();
  second.on('listening', () => console.log('second listening'));
  second.on('error', (err) => {
    console.log(`second error ${err.code} syscall ${err.syscall} errno ${err.errno} address ${err.address === "127.0.0.1"} port ${err.port === port}`);
    console.log(`message ${err.message === `listen EADDRINUSE: address already in use 127.0.0.1:${port}`}`);
    console.log(`second listening ${second.listening} address ${second.address()}`);
    second.close((e) => {
      console.log(`second close callback ${e && e.code}`);
      first.close((e2) => console.log(`first close callback ${e2}`));
    });
  });
  second.on('close', () => console.log('second close'));
  first.on('close', () => console.log('first close'));
  second.listen(port, '127.0.0.1');
  console.log(`after listen(): second listening ${second.listening}`);
  process.nextTick(() => console.log('tick after listen()'));
});
