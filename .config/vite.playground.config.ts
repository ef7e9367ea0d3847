import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The playground page (src/playground/web), built into dist/playground/web and served by the app. */
export default defineConfig({
  root: path.join(root, 'src/playground/web'),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: path.join(root, 'dist/playground/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
