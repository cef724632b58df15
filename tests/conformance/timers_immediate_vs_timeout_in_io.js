// RT-1: scheduled from an I/O callback (poll phase), setImmediate runs before setTimeout(0).
const fs = require('fs');
fs.readFile(__filename, () => {
  console.log('io callback');
  setTimeout(() => console.log('timeout 0'), 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
});
process.on('exit', () => console.log('exit'));
