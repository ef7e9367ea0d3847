/**
 * Run as its own process by worker-module.test.ts: starts a worker thread, lowers every other thread's
 * priority from the main thread, and prints what each thread's priority became. In a process of its own, so
 * the test runner's threads keep theirs.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { lowerOtherThreadsPriority } from '../../src/platform/threads.js';

const worker = new Worker(
  `const fs = require('node:fs'); const { parentPort } = require('node:worker_threads');
   parentPort.postMessage(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
   setInterval(() => {}, 1000);`,
  { eval: true },
);
const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
const before = os.getPriority(process.pid);
const lowered = lowerOtherThreadsPriority();
const self = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
process.stdout.write(
  JSON.stringify({ lowered, worker: os.getPriority(tid), main: os.getPriority(process.pid), before, self }),
);
await worker.terminate();
