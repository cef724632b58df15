// RT-2: setInterval repeats until clearInterval, which may be called from its own callback; the
// loop then ends.
let n = 0;
const t = setInterval(() => {
  n += 1;
  console.log('interval', n);
  if (n === 3) {
    clearInterval(t);
    console.log('cleared');
  }
}, 1);
process.on('exit', () => console.log('exit after', n));
