// The registry this project installs from serves only some platforms' prebuilt binary packages, so `npm install`
// leaves the other platforms' optional packages out of package-lock.json and `npm ci` then refuses the lock as
// "Missing: … from lock file". This adds a stub entry (version, os, cpu, optional) for each such package: npm ci
// skips a package whose os/cpu do not match without downloading it. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const platform = (name) => {
  const tail = name.split('/').pop();
  const os = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'wasm32'].find(
    (o) => tail.includes(`-${o}-`) || tail.endsWith(`-${o}`),
  );
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'].find((c) =>
    new RegExp(`-${c}(-|$)`).test(tail),
  );
  return { os, cpu, libc: /-musl/.test(tail) ? 'musl' : /-gnu/.test(tail) ? 'glibc' : undefined };
};
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const dir = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[dir] || packages[hoisted]) continue;
    const { os, cpu, libc } = platform(name);
    if (!os && !cpu) continue;
    packages[hoisted] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
      ...(libc ? { libc: [libc] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added += 1;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile-platform-stubs: added ${added} platform stub entries`);
