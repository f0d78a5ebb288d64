/**
 * Jest runs globalSetup outside its module registry, so moduleNameMapper does not apply there. This teaches
 * Node's resolver the same two mappings (the @app/* aliases and nodenext's '.js' on relative TypeScript imports)
 * so the setup can use the application's own libraries.
 */
import Module from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolver._resolveFilename;

moduleWithResolver._resolveFilename = function (request, parent, ...rest) {
  let mapped = request;
  const alias = /^@app\/([a-z-]+)(\/.*)?$/.exec(request);
  if (alias) {
    mapped = alias[1] === 'migrations' ? join(root, 'migrations') : join(root, 'libs', alias[1], 'src', alias[2] ?? '');
  } else if (request.startsWith('.') && request.endsWith('.js') && parent?.filename) {
    const candidate = join(dirname(parent.filename), request.replace(/\.js$/, '.ts'));
    if (existsSync(candidate)) mapped = candidate;
  }
  return original.call(this, mapped, parent, ...rest);
};
