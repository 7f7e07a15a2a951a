require('reflect-metadata'); const t = require('/work/main/packages/tsnets/dist/src/index.js');
(async () => {
  await t.useBackend(process.argv[2] || 'tsnets-native'); console.log(t.backendName());
  const net = new t.convolution.Classifier([[28,28,1],{form:'conv2',size:20,filter_size:5},'pool2',{form:'conv2',size:50,filter_size:5},'pool2','flat',[500,'relu'],10]);
  const x = t.tf.randomNormal([640, 28, 28, 1]); const y = t.tf.tensor1d(Array.from({length:640},(_, i)=>i%10),'int32');
  const tr = new t.Trainer(net);
  let last = performance.now(); let n = 0;
  tr.on('batch', () => { n++; if (n % 5 === 0) { const now = performance.now(); console.log('5 steps', ((now-last)/5).toFixed(1), 'ms/step'); last = now; } });
  await tr.train([x, y], { algo: 'adam', batch_size: 64, max_updates: 2, validate_every: 100 });
})();
