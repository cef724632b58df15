// SRV-1, SES-16: server.setTimeout: an idle session is reported with the server's 'timeout'
// (the session as argument); the listener closes the session.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.setTimeout(40);
  server.on('timeout', (session) => { S.push(`timeout session ${session.constructor.name}`); session.close(); });
  server.on('session', (s) => s.on('close', () => S.push('session close')));
}, (client) => {
  client.on('goaway', (code) => C.push(`goaway ${code}`));
  client.on('close', () => C.push('session close'));
  client.on('connect', () => C.push('connect'));
});
