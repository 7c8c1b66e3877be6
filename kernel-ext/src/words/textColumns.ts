import stringWidth from "string-width";

// Text output is read in a monospace font, where a Han character takes two columns: padding by
// `.length` would push every column after a Chinese header out of line.

/** The columns a text takes in a monospace font (a Han character takes two). */
export const textColumns = (text: string): number => stringWidth(text);

export function padEndColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - textColumns(text)));
}

export function padStartColumns(text: string, columns: number): string {
  return " ".repeat(Math.max(0, columns - textColumns(text))) + text;
}
