#!/usr/bin/env node
import { leanRuntime } from '../platform/v8-tuning.js';
import { runCli } from './program.js';

leanRuntime();

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: process.stderr.isTTY === true,
});
