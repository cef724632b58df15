// RT-2: setTimeout(cb, 0) is setTimeout(cb, 1) (delays under 1 ms become 1), so it queues behind an
// earlier 1 ms timer and ahead of a later one; a 2 ms timer scheduled after them comes last.
setTimeout(() => console.log('timeout 1ms first'), 1);
setTimeout(() => console.log('timeout 0ms'), 0);
setTimeout(() => console.log('timeout 1ms last'), 1);
setTimeout(() => console.log('timeout 2ms'), 2);
process.on('exit', () => console.log('exit'));
