#!/usr/bin/env node
// Compiles the apps (all, or those named) and the libs they use into dist/, one .js file per
// .ts file with swc (decorator metadata included, which Nest's dependency injection needs).
// `@callcart/*` imports become relative paths, so `node dist/apps/<app>/src/main.js` runs as is.
import { cpSync, readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const allApps = readdirSync(join(root, 'apps')).filter((name) => existsSync(join(root, 'apps', name, 'src', 'main.ts')));
const apps = process.argv.slice(2);
for (const app of apps) {
  if (!allApps.includes(app)) {
    console.error(`build: no app "${app}" (apps: ${allApps.join(', ')})`);
    process.exit(2);
  }
}
const projects = [...(apps.length ? apps : allApps).map((app) => `apps/${app}`), ...readdirSync(join(root, 'libs')).filter((lib) => lib !== 'testing').map((lib) => `libs/${lib}`)];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|spec-helper)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const started = Date.now();
let files = 0;
for (const project of projects) {
  rmSync(join(root, 'dist', project), { recursive: true, force: true });
  for (const file of sources(join(root, project, 'src'))) {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      jsc: { ...swcrc.jsc, baseUrl: root, paths },
      sourceMaps: true,
      outputPath: out,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${out}.map`, map);
    files += 1;
  }
  // Files an app reads at run time (call-ingest's prompts) go beside its code, at the same relative path.
  if (existsSync(join(root, project, 'assets'))) cpSync(join(root, project, 'assets'), join(root, 'dist', project, 'assets'), { recursive: true });
}
console.log(`build: ${files} files in ${Date.now() - started} ms -> dist/ (${projects.join(', ')})`);
