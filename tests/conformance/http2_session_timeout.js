// SES-16: an idle client session times out; its callback closes it. Activity (a request)
// before that resets the timer.
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('stream', (stream) => { stream.respond({ ':status': 200 }); stream.end(); });
}, (client) => {
  client.setTimeout(40, () => { C.push(`timeout streams done ${done}`); client.close(); });
  let done = false;
  const req = client.request({ ':path': '/' });
  req.on('close', () => { done = true; C.push('stream close'); });
  req.resume();
  client.on('close', () => C.push('session close'));
});
