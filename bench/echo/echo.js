// TCP echo server in Node, for the echo benchmark (bench/echo/run.sh): each chunk read is
// written back, as server.rs does. `node bench/echo/echo.js [port]` (default 9202).
const net = require('net');
const port = Number(process.argv[2] || 9202);
net.createServer((socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('error', () => {});
}).listen(port, '127.0.0.1');
