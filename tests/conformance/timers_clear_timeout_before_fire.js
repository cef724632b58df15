// RT-2: clearTimeout before a timer fires prevents it, also from a callback of the same turn;
// clearing an already fired timer, or clearImmediate, does no harm.
const cleared = setTimeout(() => console.log('never: cleared in main'), 1);
clearTimeout(cleared);
let victim;
const first = setTimeout(() => {
  console.log('first clears the next one');
  clearTimeout(victim);
  const imm = setImmediate(() => console.log('never: cleared immediate'));
  clearImmediate(imm);
}, 1);
victim = setTimeout(() => console.log('never: cleared by first'), 1);
setTimeout(() => {
  console.log('last');
  clearTimeout(first);
}, 1);
process.on('exit', () => console.log('exit'));
