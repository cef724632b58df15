// RT-1: a nextTick queued inside a nextTick runs in the same drain, after the ticks already queued,
// and before anything else (here an immediate).
setImmediate(() => console.log('immediate'));
process.nextTick(() => {
  console.log('tick 1');
  process.nextTick(() => {
    console.log('tick 1.1');
    process.nextTick(() => console.log('tick 1.1.1'));
  });
});
process.nextTick(() => console.log('tick 2'));
console.log('main end');
