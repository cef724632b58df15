// RT-1: the nextTick queue drains after every timer callback and every immediate callback, not at
// the end of the phase.
setTimeout(() => {
  console.log('timeout 1');
  process.nextTick(() => console.log('tick from timeout 1'));
  setImmediate(() => {
    console.log('immediate 1');
    process.nextTick(() => console.log('tick from immediate 1'));
  });
  setImmediate(() => console.log('immediate 2'));
}, 1);
setTimeout(() => {
  console.log('timeout 2');
  process.nextTick(() => console.log('tick from timeout 2'));
}, 1);
// Both timers must be due in the same timers phase: wait past their delay before the loop starts
// (each setTimeout reads the clock, so the second may start a millisecond after the first).
const end = Date.now() + 5;
while (Date.now() < end);
