import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './local-pipeline-process.ts';

/** A command README.md or a page in docs/ shows: a command of a shell block, or an inline `npm …`, `curl …`, `node …` in the prose. */
export interface ReadmeCommand {
  /** As written; a block command keeps its line breaks. */
  readonly text: string;
  readonly where: 'shell block' | 'inline';
  /** The `# …` comment written after it (on its line or the next), e.g. the output it shows. */
  readonly comment?: string;
}

/** The pages whose commands are tested: README.md and every Markdown page in docs/ (docs/api.md included). */
const shownDocuments = (): { readonly path: string; readonly markdown: string }[] =>
  [
    'README.md',
    ...readdirSync(join(projectRoot, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ].map((path) => ({ path, markdown: readFileSync(join(projectRoot, path), 'utf8') }));

/** Every command README.md and the docs/ pages show, each with the page it is on. */
export const documentedCommands = (): (ReadmeCommand & { readonly page: string })[] =>
  shownDocuments().flatMap(({ path, markdown }) => readmeCommands(markdown).map((command) => ({ ...command, page: path })));

// Inline code that starts like a command line (programs the README tells a reader to run), with
// at least one argument: `npm` alone names the program, `npm run demo` is a command.
const inlineCommand = /^(?:[A-Z_]+=\S+\s+)*(?:npm|npx|node|curl|aws|cdk|jq|rm|faketime|\|\s*jq)\s+\S/;

/**
 * Every command a Markdown page shows. Shell blocks are split into commands as bash would read them:
 * backslash continuations, quotes and `while … done` / `case … esac` span lines, `&&` separates
 * commands, `# …` comments are kept apart.
 *
 * @example
 * readmeCommands(readme()).map((command) => command.text); // ['npm install', 'npm start', …]
 */
function readmeCommands(markdown: string): ReadmeCommand[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].flatMap((match) => shellCommands(match[1]!));
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)]
    .map((match) => match[1]!)
    .filter((text) => inlineCommand.test(text))
    .map((text): ReadmeCommand => ({ text, where: 'inline' }));
  return [...blocks, ...inline];
}

/**
 * The one command README.md or the docs/ pages show that starts with `prefix`, to run it as
 * written (the same command may appear on several pages).
 *
 * @example
 * readmeCommand('npm run redrive').text;
 */
export function readmeCommand(prefix: string): ReadmeCommand {
  const found = documentedCommands().filter((command) => command.text.startsWith(prefix));
  const distinct = new Set(found.map((command) => command.text));
  if (distinct.size !== 1) throw new Error(`README.md and docs/ show ${distinct.size} commands starting with ${prefix}: ${[...distinct].join(' | ')}`);
  return found[0]!;
}

function shellCommands(block: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (const line of block.split('\n')) {
    const startsInQuote = quote !== undefined;
    let code = line;
    let comment: string | undefined;
    for (let index = 0; index < line.length; index += 1) {
      if (quote === undefined && line[index] === '#' && (index === 0 || /\s/.test(line[index - 1]!))) {
        code = line.slice(0, index).trimEnd();
        comment = line.slice(index + 1).trim();
        break;
      }
      quote = quoteAfter(quote, line[index]!);
    }
    if (current === '' && code.trim() === '') {
      // A comment line of its own says what the command before it prints.
      const previous = commands.at(-1);
      if (comment !== undefined && previous !== undefined && previous.comment === undefined) commands[commands.length - 1] = { ...previous, comment };
      continue;
    }
    const firstWord = code.trim().split(/\s/)[0];
    if (!startsInQuote && ['while', 'for', 'until', 'if', 'case'].includes(firstWord ?? '')) depth += 1;
    if (!startsInQuote && ['done', 'fi', 'esac'].includes(firstWord ?? '')) depth -= 1;
    current = current === '' ? code : `${current}\n${code}`;
    if (quote !== undefined || code.endsWith('\\') || depth > 0) continue;
    for (const text of splitOutsideQuotes(current.trim(), ' && ')) commands.push({ text, where: 'shell block', ...(comment === undefined ? {} : { comment }) });
    current = '';
  }
  return commands;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (quote === undefined && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index).trim());
      start = index + separator.length;
    }
    quote = quoteAfter(quote, text[index]!);
  }
  return [...parts, text.slice(start).trim()];
}

/** The quote still open after `char`, as bash reads quotes: `'` and `"` open one, the same character closes it. */
function quoteAfter(quote: string | undefined, char: string): string | undefined {
  if (quote !== undefined) return char === quote ? undefined : quote;
  return char === "'" || char === '"' ? char : undefined;
}
