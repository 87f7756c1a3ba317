// Starts the import worker from its TypeScript source (vitest, tsx scripts): tsx compiles it in this
// thread. The production build never uses this file; Turbopack bundles the worker itself.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
