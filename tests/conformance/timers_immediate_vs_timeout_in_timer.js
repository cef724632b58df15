// RT-1: scheduled from a timer callback, setImmediate runs before setTimeout(0): the check phase
// of this turn comes before the timers phase of the next.
setTimeout(() => {
  console.log('timeout');
  setTimeout(() => console.log('inner timeout 0'), 0);
  setImmediate(() => console.log('inner immediate'));
  process.nextTick(() => console.log('inner tick'));
}, 1);
