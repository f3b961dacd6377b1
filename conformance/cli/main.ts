/**
 * conform's command line: the only place that reads argv, talks to the terminal and chooses exit
 * statuses. Every failure of the tool itself is one line and a pointer to --help.
 */
import { ConformError, EXIT } from '../errors.ts';
import { runCommand, RUN_HELP } from './run-command.ts';
import { peerCommand, PEER_HELP } from './peer-command.ts';
import { reportCommand, REPORT_HELP } from './report-command.ts';
import { batchCommand, BATCH_HELP } from './batch-command.ts';
import { mergeCommand, MERGE_HELP } from './merge-command.ts';
import { diffCommand, DIFF_HELP } from './diff-command.ts';
import { fuzzCommand, FUZZ_HELP } from './fuzz-command.ts';

const HELP = `conform: grades and stress-tests peers of the circular-DHT assignment

Usage:
  conform run <submission> [options]   grade a peer program on all seven steps
  conform fuzz <submission> [options]  random sequences until one fails, shrunk to a scenario
  conform report <dir>                 judge a saved run again and rewrite its reports
  conform batch <dir> --out <results>  grade a whole class (folders and archives)
  conform merge --out <dir> <results>… join the shards of a class batch
  conform diff <old> <new>             what changed between two class results
  conform peer init|join ...           run the reference peer
  conform <command> --help             help on a command

Exit status: 0 all passed, 1 a step failed, 2 bad usage, 3 the submission could not be
built or started, 5 a saved run cannot be read, 130/143 interrupted.
`;

const commands: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  run: { run: runCommand, help: RUN_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  peer: { run: peerCommand, help: PEER_HELP },
  batch: { run: batchCommand, help: BATCH_HELP },
  merge: { run: mergeCommand, help: MERGE_HELP },
  diff: { run: diffCommand, help: DIFF_HELP },
  fuzz: { run: fuzzCommand, help: FUZZ_HELP },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? EXIT.usage : 0;
  }
  const command = commands[name];
  if (!command) throw new ConformError('usage', `unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConformError) {
    const hint = error.code === 'usage' ? ` (see 'conform ${process.argv[2] && process.argv[2] in commands ? process.argv[2] + ' ' : ''}--help')` : '';
    process.stderr.write(`conform: ${error.message}${hint}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`conform: internal error: ${(error as Error)?.message ?? String(error)} (please report it with the command you ran)\n`);
    process.exitCode = EXIT.internal;
  }
}
