// The web pages' templates (.eta) and assets (.css, .js) sit beside their controllers in
// apps/api/src/pages; tsc compiles only the TypeScript, so the build copies these into dist.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'apps/api/src/pages');
const to = path.join(root, 'dist/apps/api/src/pages');
const copied = /\.(eta|css|js)$/;

function copy(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) copy(source);
    else if (copied.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      const target = path.join(to, path.relative(from, source));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

copy(from);
