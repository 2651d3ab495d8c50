//! The wasm-bindgen face: converts JS values to the core's and back. No logic here.
//! (being written)
