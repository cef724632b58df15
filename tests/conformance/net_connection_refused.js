// NET-1: connecting to a port nobody listens on (a server's port after it closed): 'error' ECONNREFUSED with syscall 'connect', then 'close' with hadError true; never 'connect', 'end' or 'finish'.
const net = require('net');
const server = net.createServer();
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  server.close(() => {
    console.log('server closed');
    const c = net.connect(port, '127.0.0.1');
    console.log(`connecting ${c.connecting} readyState ${c.readyState}`);
    for (const e of ['connect', 'ready', 'end', 'finish', 'lookup']) c.on(e, () => console.log(e));
    c.write('lost', (err) => console.log(`write callback ${err && err.code}`));
    c.on('error', (err) => {
      console.log(`error ${err.code} syscall ${err.syscall} errno ${err.errno} address ${err.address === '127.0.0.1'} port ${err.port === port}`);
      console.log(`message names the address ${err.message === `connect ECONNREFUSED 127.0.0.1:${port}`}`);
      console.log(`in error: destroyed ${c.destroyed} connecting ${c.connecting} readyState ${c.readyState}`);
    });
    c.on('close', (hadError) => console.log(`close ${hadError} destroyed ${c.destroyed}`));
  });
});
