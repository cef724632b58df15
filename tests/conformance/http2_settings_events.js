// SES-7, SES-13, SES-21, OBJ-2: settings in flight: the callback and 'localSettings' when the peer
// acknowledges, 'remoteSettings' on the peer; pendingSettingsAck while waiting. (maxConcurrentStreams is
// set explicitly: Node advertises none by default, we advertise 100, the limit we enforce.)
const { S, C, run } = require('./_h2');
run(null, (server) => {
  server.on('session', (s) => {
    let n = 0;
    s.on('remoteSettings', (st) => S.push(`remoteSettings ${++n} initialWindowSize ${st.initialWindowSize} maxConcurrentStreams ${st.maxConcurrentStreams}`));
  });
}, (client) => {
  let n = 0;
  client.on('localSettings', (st) => {
    C.push(`localSettings ${++n} initialWindowSize ${st.initialWindowSize} maxConcurrentStreams ${st.maxConcurrentStreams}`);
    if (n === 3) client.close();
  });
  client.on('connect', () => {
    client.settings({ initialWindowSize: 1000 }, (err, st) => C.push(`callback 1 err ${err} initialWindowSize ${st.initialWindowSize}`));
    C.push(`pendingSettingsAck ${client.pendingSettingsAck}`);
    client.settings({ maxConcurrentStreams: 7 }, (err, st) => C.push(`callback 2 err ${err} maxConcurrentStreams ${st.maxConcurrentStreams}`));
  });
}, { settings: { initialWindowSize: 50000, maxConcurrentStreams: 50 } });
