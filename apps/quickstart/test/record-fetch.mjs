// Preloaded into the quickstart by a test (node --import): records every fetch call by
// writing a marker line to stderr, so the test can prove that nothing was sent.
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  process.stderr.write("FETCH_CALLED\n");
  return original(input, init);
};
