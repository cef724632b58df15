// NET-1, NET-2: write() returns false once the kernel is full and writableLength reaches writableHighWaterMark; 'drain' comes after the paused server resumes reading. Each side's lines are kept apart (server, then client); byte counts depend on kernel buffers and are not printed.
const net = require('net');
const S = [], C = [];
const CHUNK = 4096;
let serverSocket = null, received = 0, written = 0;
const server = net.createServer((s) => {
  serverSocket = s;
  s.pause();
  S.push(`connection paused ${s.isPaused()}`);
  s.on('data', (d) => { received += d.length; });
  s.on('resume', () => S.push('resume'));
  s.on('end', () => S.push(`end received all ${received === written}`));
  s.on('finish', () => S.push('finish'));
  s.on('close', (hadError) => S.push(`close ${hadError}`));
});
server.on('close', () => {
  console.log('server:'); for (const l of S) console.log(l);
  console.log('client:'); for (const l of C) console.log(l);
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    C.push(`connect writableHighWaterMark ${c.writableHighWaterMark}`);
    const chunk = Buffer.alloc(CHUNK, 'x');
    let ok = true;
    while (ok) { ok = c.write(chunk); written += CHUNK; }
    C.push(`write returned false writableNeedDrain ${c.writableNeedDrain} writableLength >= hwm ${c.writableLength >= c.writableHighWaterMark}`);
    setImmediate(() => {
      C.push(`still waiting writableNeedDrain ${c.writableNeedDrain}`);
      serverSocket.resume();
    });
    c.once('drain', () => {
      C.push(`drain writableNeedDrain ${c.writableNeedDrain} writableLength ${c.writableLength}`);
      c.end();
    });
  });
  c.on('finish', () => C.push('finish'));
  c.on('end', () => C.push('end'));
  c.on('close', (hadError) => { C.push(`close ${hadError}`); server.close(); });
});
