import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Relative SQLite paths are resolved against the working directory, as the app and the CLI do.
function datasourceUrl(url = 'file:./data/closeout.db'): string {
  if (!url.startsWith('file:') || path.isAbsolute(url.slice(5))) return url;
  return `file:${path.resolve(url.slice(5))}`;
}

export default defineConfig({
  schema: '../prisma/schema.prisma',
  migrations: { path: '../prisma/migrations' },
  datasource: { url: datasourceUrl(process.env.DATABASE_URL) },
});
