// RT-2: an unref'd timer does not keep the loop alive (the process exits without it), but fires if
// the loop is still running for other reasons when it is due; ref() restores it.
const never = setTimeout(() => console.log('never'), 100000);
never.unref();
console.log('never hasRef', never.hasRef());
const early = setTimeout(() => console.log('unref timeout 1 fires'), 1);
early.unref();
const interval = setInterval(() => console.log('never interval'), 100000);
interval.unref();
const back = setTimeout(() => console.log('ref again fires'), 2);
back.unref();
back.ref();
console.log('back hasRef', back.hasRef());
setTimeout(() => console.log('ref timeout 20'), 20);
process.on('exit', () => console.log('exit'));
