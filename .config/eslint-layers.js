import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layer rule. Each row is a layer, top first; a file may import its own folder and the layers below
 * its own, never above and never a sibling in its row (except at the bottom, where the four sit side by
 * side and may use each other). Files at src/'s root are named with their `.ts` (main.ts). A folder that is
 * in no row is refused until it is placed: the table is the whole rule, and test/lint/ checks every pair.
 *
 * `runtime/` holds the request path and the two boot modes (and the engine thread's entry); `platform/`
 * thread priority and V8 tuning.
 */
export const LAYERS = [
  ['cli', 'main.ts'],
  ['playground'],
  ['runtime'],
  ['slack'],
  ['jobs', 'charts'],
  ['services'],
  ['domain'],
  ['i18n', 'config', 'db', 'logging', 'platform'],
];
const BOTTOM = LAYERS.length - 1;
const rankOf = new Map(LAYERS.flatMap((row, rank) => row.map((unit) => [unit, rank])));

/** Prisma (its packages and the generated clients) is for services/ and jobs/' data access, and db/ itself. */
export const PRISMA_FOLDERS = ['services', 'jobs', 'db'];

const ORDER = LAYERS.map((row) => row.join(', ')).join(' → ');
const WHY = {
  cli: 'cli/ is the top layer: nothing imports it.',
  'main.ts': 'main.ts is the process entry: nothing imports it.',
  playground: 'Only cli/ and main.ts start the playground.',
  runtime: 'runtime/ is the top of the app: it imports the layers, not the other way round.',
  slack: 'inject what you need (see src/slack/sender.ts).',
  jobs: 'jobs/ sit above services/ and domain/: pass what you need in instead.',
  charts: 'charts/ sit beside jobs/, above services/: pass what you need in instead.',
  services: 'services/ sit above this layer.',
};

/**
 * Whether a file in `from` may import one in `to` (units as in LAYERS), and if not, why. The one decision
 * the lint rule and its table-driven test share.
 */
export function decide(from, to) {
  if (from === to) return { allowed: true };
  const [a, b] = [rankOf.get(from), rankOf.get(to)];
  if (a === undefined)
    return { allowed: false, why: `src/${from} is in no layer: place it in .config/eslint-layers.js.` };
  if (b === undefined)
    return { allowed: false, why: `src/${to} is in no layer: place it in .config/eslint-layers.js.` };
  if (from === 'domain' && to === 'db') return { allowed: false, why: 'domain/ is pure rules: no database.' };
  if (b > a || (a === BOTTOM && b === BOTTOM)) return { allowed: true };
  return { allowed: false, why: WHY[to] ?? `${to} sits above ${from}.` };
}

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

/** The layer unit of a path inside src/ (its first folder, or the file itself at the root), else null. */
function unitOf(file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.js$/, '.ts');
}

const isPrismaPath = (file) =>
  /^db\/generated(-pg)?(\/|$)/.test(path.relative(srcRoot, file).split(path.sep).join('/'));

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Layers point one way; Prisma only in services/, jobs/ and db/.' },
    schema: [],
  },
  create(context) {
    const filename = context.filename;
    const from = unitOf(filename);
    if (from === null) return {};
    const check = (node, source) => {
      const spec =
        source?.type === 'Literal'
          ? source.value
          : source?.type === 'TemplateLiteral' && source.expressions.length === 0
            ? source.quasis[0].value.cooked
            : null;
      if (typeof spec !== 'string') return; // a computed import() names no folder we can check
      const prisma = spec.startsWith('@prisma/');
      const target = spec.startsWith('.') ? path.resolve(path.dirname(filename), spec) : null;
      if ((prisma || (target && isPrismaPath(target))) && !PRISMA_FOLDERS.includes(from)) {
        context.report({ node, message: 'Prisma belongs in services/ (and jobs/ data access): call a service.' });
        return;
      }
      const to = target && unitOf(target);
      if (!to) return;
      const { allowed, why } = decide(from, to);
      if (!allowed) context.report({ node, message: `${from} may not import ${to}: ${why} Layers: ${ORDER}.` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export const layersPlugin = { rules: { imports: importsRule } };
