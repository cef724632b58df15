// OBJ-2, SES-21, FN-5: invalid settings are refused with Node's codes before anything is sent,
// and the session stays usable.
const { S, C, run } = require('./_h2');
run(null, () => {}, (client) => {
  const attempt = (what, s) => {
    try { client.settings(s); C.push(`${what} ok`); } catch (e) { C.push(`${what} ${e.code}`); }
  };
  client.on('connect', () => {
    attempt('initialWindowSize 2^31', { initialWindowSize: 2 ** 31 });
    attempt('maxFrameSize 100', { maxFrameSize: 100 });
    attempt('maxFrameSize 2^24', { maxFrameSize: 2 ** 24 });
    attempt('maxConcurrentStreams 10', { maxConcurrentStreams: 10 });
    client.on('localSettings', (st) => {
      if (st.maxConcurrentStreams !== 10) return;
      C.push(`localSettings maxConcurrentStreams ${st.maxConcurrentStreams}`);
      client.close();
    });
  });
});
