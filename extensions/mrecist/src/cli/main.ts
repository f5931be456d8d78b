/**
 * The `mrecist` command-line program: one subcommand per file in ./commands, registered in ./commands/index.ts.
 * Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file and field), 1 internal fault.
 */
import { Command, CommanderError } from 'commander';
import dcmjs from 'dcmjs';
import { isInputError } from '../core/errors';
import { registerCommands } from './commands';
import { terminalText } from './terminalText';

/**
 * dcmjs logs what it tolerates ("Invalid vr type ox - using OW", "Unknown name in dataset") on the console;
 * a user of the CLI gets our one line instead, so its loggers are silenced for this process.
 */
export function silenceDcmjs(): void {
  const log = dcmjs.log as unknown as { setLevel(l: string): void; getLoggers?(): Record<string, { setLevel(l: string): void }> };
  log.setLevel('silent');
  for (const logger of Object.values(log.getLoggers?.() ?? {})) logger.setLevel('silent');
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('mrecist')
    .description('mRECIST / RECIST 1.1 / EASL response assessment, brachytherapy dosimetry and reports')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false)
    // Before a command runs, not at start: loading dcmjs is most of the start-up, and --help never needs it.
    .hook('preAction', silenceDcmjs);
  registerCommands(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

/** Turns any failure into one line on stderr and an exit code; never a stack trace unless MRECIST_DEBUG is set. */
export function reportFailure(e: unknown): number {
  if (e instanceof CommanderError) {
    // Help and version output are successful exits; commander has already printed its message.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  if (isInputError(e)) {
    process.stderr.write(`mrecist: ${terminalText(e.message)}\n`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`mrecist: internal error: ${terminalText(message.split('\n')[0])}\n`);
  if (process.env.MRECIST_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return 1;
}
