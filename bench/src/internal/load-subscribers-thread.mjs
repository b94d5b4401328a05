// The entry of benchmark 3's subscriber threads: a worker thread does not inherit the loader
// that `tsx` registered in the main thread, so it registers tsx itself, then loads the
// TypeScript module that does the work.
import { register } from "tsx/esm/api";

register();
await import("./load-subscribers.ts");
