import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 12: what the app process loads at start. Heavy packages (the chart stack, spreadsheets, the
 * playground) are imported lazily where they are used, or only inside the chart worker; this walks the
 * static (non-type) imports from an entry point and lists the packages it reaches.
 */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\bfrom\s+)?['"]([^'"]+)['"]/gm;

function staticPackages(entry: string): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const spec = match[1]!;
      if (spec.startsWith('.')) {
        visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  };
  visit(path.resolve(entry));
  return { packages, files };
}

const HEAVY = [
  'echarts',
  '@napi-rs/canvas',
  '@fontsource-variable/noto-sans-sc',
  'exceljs',
  'vite',
  'sirv',
  'preact',
  // Holiday rules for about 200 countries (issue 22): loaded when a board uses a country other than China.
  'date-holidays',
];

describe('lean start', () => {
  it('the app (npm start) loads no chart stack, spreadsheet or playground module at start', () => {
    const { packages, files } = staticPackages('src/main.ts');
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
    expect([...files].filter((f) => f.includes(`${path.sep}playground${path.sep}`))).toEqual([]);
  });

  it('npm start’s main thread (the front) loads no database client, schema library, listener or job', () => {
    const front = ['src/main.ts', 'src/runtime/front.ts', 'src/logging/logger.ts'].map((entry) =>
      staticPackages(entry),
    );
    const packages = new Set(front.flatMap((f) => [...f.packages]));
    const files = front.flatMap((f) => [...f.files]).map((f) => path.relative(path.resolve('src'), f));
    const engineOnly = [
      '@prisma/client',
      'better-sqlite3',
      'pg',
      'zod',
      'luxon',
      '@slack/web-api',
      'intl-messageformat',
    ];
    expect(engineOnly.filter((p) => packages.has(p))).toEqual([]);
    expect(files.filter((f) => /^(db|services|jobs|domain|i18n|slack\/listeners)\//.test(f))).toEqual([]);
    expect(files).not.toContain(path.join('runtime', 'listener-app.ts'));
  });

  it('npm start’s engine thread loads the routing tables at start, not the handlers (each loads on first use)', () => {
    const { files } = staticPackages('src/runtime/engine-thread.ts');
    const listeners = [...files]
      .map((f) => path.relative(path.resolve('src/slack/listeners'), f).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('..'));
    expect(listeners).toContain('commands/index.ts');
    expect(listeners.filter((f) => !/^(index|lazy|\w+\/index|\w+\/support\/[\w-]+)\.ts$/.test(f))).toEqual([]);
  });

  it('the CLI (run-job, import…) loads no chart stack, Bolt or playground (the digest chart draws in the worker)', () => {
    const { packages, files } = staticPackages('src/cli/main.ts');
    expect([...HEAVY, '@slack/bolt'].filter((p) => packages.has(p))).toEqual([]);
    expect([...files].filter((f) => f.includes(`${path.sep}playground${path.sep}`))).toEqual([]);
  });

  it('the CLI loads the import and export commands’ modules only when they run (run-job does not need them)', () => {
    const { packages, files } = staticPackages('src/cli/main.ts');
    expect(['cli-progress', 'csv-parse', 'csv-stringify'].filter((p) => packages.has(p))).toEqual([]);
    const lazy = ['csv-import.ts', 'csv-export.ts', 'xlsx-export.ts', 'slack-directory.ts', 'copy.ts'];
    expect([...files].filter((f) => lazy.includes(path.basename(f)))).toEqual([]);
  });

  it('the report worker loads the document stack, and no services, Prisma or zod (issue 24: its memory)', () => {
    const { packages, files } = staticPackages('src/charts/report/report-worker.ts');
    expect(packages.has('pdfkit')).toBe(true);
    expect(['@prisma/client', 'zod', 'echarts', '@napi-rs/canvas'].filter((p) => packages.has(p))).toEqual([]);
    expect([...files].filter((f) => f.includes(`${path.sep}services${path.sep}`))).toEqual([]);
  });

  it('the chart worker is where the chart stack is loaded', () => {
    const { packages } = staticPackages('src/charts/chart-worker.ts');
    expect(packages.has('echarts')).toBe(true);
    expect(packages.has('@napi-rs/canvas')).toBe(true);
  });
});
