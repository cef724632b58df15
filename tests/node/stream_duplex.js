const {Duplex}=require('stream');
const log=[];
function mk(opts){
 const d=new Duplex(Object.assign({
  read(){log.push('_read')},
  write(chunk,enc,cb){log.push('_write '+chunk); cb();},
  final(cb){log.push('_final'); cb();},
 },opts));
 for (const e of ['data','end','finish','prefinish','close','drain','pause','resume','error','readable']) if(e!=='readable') d.on(e,(a)=>log.push(e+(a!==undefined?' '+(a.code||a):'')));
 return d;
}
// 1: basic
let d=mk({});
log.push('write '+d.write('a'));
d.push('x'); d.push(null);
d.end('b');
log.push('sync done');
setTimeout(()=>{
 console.log(log.join('\n')); log.length=0;
 // 2: hwm + drain with async write
 const d2=mk({highWaterMark:4, write(chunk,enc,cb){log.push('_write '+chunk); setTimeout(cb,1);}});
 log.push('w '+d2.write('abc')); log.push('w '+d2.write('de')); log.push('w '+d2.write('f'));
 setTimeout(()=>{ d2.end(); setTimeout(()=>{ console.log('--'); console.log(log.join('\n')); log.length=0;
  // 3: destroy with error, write after end
  const d3=mk({});
  d3.end(); d3.write('late', (e)=>log.push('cb '+(e&&e.code)));
  setTimeout(()=>{console.log('--'); console.log(log.join('\n')); log.length=0;
    const d4=mk({}); d4.destroy(new Error('boom')); log.push('destroyed '+d4.destroyed);
    setTimeout(()=>{console.log('--'); console.log(log.join('\n')); log.length=0;
      // 5: allowHalfOpen false: end of readable ends writable
      const d5=mk({allowHalfOpen:false}); d5.push('q'); d5.push(null);
      setTimeout(()=>{console.log('--'); console.log(log.join('\n')); log.length=0;
        // 6: paused mode then resume
        const d6=mk({}); d6.pause(); d6.push('1'); d6.push('2'); log.push('len '+d6.readableLength);
        setTimeout(()=>{ d6.resume(); d6.push(null); setTimeout(()=>{console.log('--'); console.log(log.join('\n'));},10)},5);
      },10);
    },10);
  },10);
 },20)},20);
},10);
