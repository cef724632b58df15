// RT-1: process.nextTick callbacks run as soon as the current callback returns: after the main
// script before any timer, after a timer callback before the immediate it queued.
setTimeout(() => {
  console.log('timeout');
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick from timeout'));
  console.log('timeout end');
}, 0);
process.nextTick(() => console.log('tick from main'));
console.log('main end');
process.on('exit', () => console.log('exit'));
