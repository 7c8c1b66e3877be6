import { AnsiUp } from "ansi_up";

const ansiUp = new AnsiUp();
ansiUp.use_classes = true;

/** Terminal text (tracebacks, coloured logs) as escaped HTML with ANSI colours turned into classed spans. */
export function ansiToHtml(text: string): string {
  return ansiUp.ansi_to_html(applyCarriageReturns(text));
}

/** A terminal overwrites a line on `\r`, so progress bars printed that way keep only their last state. */
function applyCarriageReturns(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n");
}
