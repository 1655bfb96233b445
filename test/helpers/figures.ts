/** Prints one measured figure (`[figures] …`): the README's Reliability section quotes these lines. */
export function printFigure(line: string): void {
  process.stdout.write(`[figures] ${line}\n`);
}
