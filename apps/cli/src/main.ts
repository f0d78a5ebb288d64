import 'reflect-metadata';
import { loadAppConfigOrExit } from '@app/core';
import { migrateCommand } from './commands/migrate.command.js';
import { aggregateCommand } from './commands/aggregate.command.js';
import { seedCommand } from './commands/seed.command.js';

/** Operator commands: `migrate …` and `seed`. Uses the same configuration and data source as the apps. */
async function main(): Promise<number> {
  const config = loadAppConfigOrExit();
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      return migrateCommand(config, args);
    case 'aggregate':
      return aggregateCommand(config, args);
    case 'seed':
      return seedCommand(config);
    default:
      console.error('用法 (usage): migrate [up|down|status|check|generate Name] | seed | aggregate [from] [to]');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
