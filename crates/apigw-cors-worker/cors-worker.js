// Starts the template importer and request simulator in its web worker (the page runs `new Worker('./cors-worker.js')`).
// The wasm-bindgen glue (no-modules target) defines `wasm_bindgen`; instantiating the wasm runs
// the crate's start function, which answers the page's messages. Trunk copies this file as is
// and names the worker's glue and wasm after the crate, without a hash.
importScripts('./apigw-cors-worker.js');
// A module that cannot be fetched or compiled only rejects a promise, which the page would never
// hear of: thrown again from a task, it reaches the page's error handler like any exception.
wasm_bindgen({ module_or_path: './apigw-cors-worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
