// RT-1: immediates queued while the check phase runs wait for the next turn: the immediates queued
// before it run first, then a timer that became due, then the new immediate.
setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => console.log('immediate from immediate 1'));
});
setImmediate(() => console.log('immediate 2'));
setImmediate(() => {
  console.log('immediate 3');
  setTimeout(() => console.log('timeout from immediate 3'), 1);
  // Make the 1 ms timer due before the next turn's timers phase.
  const end = Date.now() + 5;
  while (Date.now() < end);
});
