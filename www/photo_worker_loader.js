// The photo worker's loader (in place of Trunk's shim, which fetches the wasm only once the glue
// has arrived): the wasm is asked for at once, beside the glue, one round trip sooner.
const wasm = fetch('./photo_worker_bg.wasm');
importScripts('./photo_worker.js');
wasm_bindgen({ module_or_path: wasm });
