import type { QuickInfo } from "./tslabAdapter.js";

type Parts = ReadonlyArray<{ text: string; kind?: string }> | undefined;

const join = (parts: Parts) => (parts ?? []).map((p) => p.text).join("");

/** The signature without TypeScript's alias decoration (`(alias) …` and a trailing `export name` line). */
function signature(info: QuickInfo): string {
  return join(info.displayParts)
    .replace(/^\(alias\) /, "")
    .replace(/\nexport [\w$]+$/, "");
}

/** `@param` tags as a markdown list, then other JSDoc tags; tfjs's `@doc {heading: …}` is site-generator data and dropped. */
function tagSections(info: QuickInfo): string[] {
  const parameters: string[] = [];
  const others: string[] = [];
  for (const tag of info.tags ?? []) {
    if (tag.name === "doc" || !tag.text?.length) continue;
    if (tag.name === "param") {
      const [name, ...rest] = tag.text;
      parameters.push(`- \`${name?.text ?? ""}\`: ${join(rest).trim()}`);
    } else others.push(`${tag.name[0]!.toUpperCase()}${tag.name.slice(1)}: ${join(tag.text).trim()}`);
  }
  return [parameters.length > 0 ? `Parameters:\n\n${parameters.join("\n")}` : "", ...others].filter(Boolean);
}

/** Markdown as plain text: fenced code indented, emphasis, inline-code ticks and `{@link x}` dropped. */
export function markdownToPlainText(markdown: string): string {
  let inFence = false;
  const out: string[] = [];
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) out.push(`    ${line}`);
    else {
      out.push(
        line
          .replace(/\{@link\s+([^}|\s]+)(?:[\s|]+([^}]*))?\}/g, (_, target: string, label?: string) => label || target)
          .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, "$1$2")
          .replace(/`([^`]+)`/g, "$1"),
      );
    }
  }
  return out.join("\n");
}

/** An `inspect_reply`'s data: the signature and its documentation, as plain text and as markdown. */
export function inspectionBundle(info: QuickInfo): { "text/plain": string; "text/markdown": string } {
  const head = signature(info);
  const docs = join(info.documentation).trim();
  const markdownBody = [docs, ...tagSections(info)].filter(Boolean);
  const markdown = [`\`\`\`typescript\n${head}\n\`\`\``, ...markdownBody].join("\n\n");
  const plain = [head, ...markdownBody.map(markdownToPlainText)].join("\n\n");
  return { "text/plain": plain, "text/markdown": markdown };
}
