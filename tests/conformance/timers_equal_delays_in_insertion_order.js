// RT-2: timers with equal delays fire in insertion order; shorter delays first.
const names = [['a10', 10], ['b1', 1], ['c10', 10], ['d5', 5], ['e1', 1], ['f5', 5]];
for (const [name, ms] of names) setTimeout(() => console.log('timeout', name), ms);
console.log('scheduled');
process.on('exit', () => console.log('exit'));
