import MarkdownIt from "markdown-it";

export const escapeHtml: (text: string) => string = new MarkdownIt().utils.escapeHtml;

/** JSON safe to place inside a `<script type="application/json">` element. */
export function jsonForScriptTag(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
