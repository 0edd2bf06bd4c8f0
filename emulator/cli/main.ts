// mhr: the local runner. Every command loads the compiled add-on (build/Code.js) into a fresh
// node:vm context around the hub's emulated services, does its work, and saves the hub folder
// atomically. Errors are one sentence on stderr with exit code 2; the hub is left untouched.
import * as fs from "node:fs";
import { Command, CommanderError } from "commander";
import { CliError } from "./errors";
import { registerCommands } from "./commands";

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("mhr")
    .description(
      "Maths Hub Recruitment, run locally: the compiled add-on against an in-memory Apps Script.",
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its message (or the help, which is not an error).
      return err.exitCode === 0 ||
        err.code === "commander.helpDisplayed" ||
        err.code === "commander.version"
        ? 0
        : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`mhr: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`mhr: ${message}\n`);
    if (process.env.MHR_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

export function readTextFile(file: string, what: string): string {
  if (!fs.existsSync(file)) throw new CliError(`The ${what} ${file} does not exist.`);
  return fs.readFileSync(file, "utf8");
}
