/** An error the user can fix: printed as one sentence on stderr, exit code 2, hub untouched. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
