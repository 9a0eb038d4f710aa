import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The documentation names files and folders in backticks and links to pages; after the next move
// of the code, a name that points nowhere fails here instead of sending a reader to nothing.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const documents = [
  'README.md',
  'web/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

// Tracked files and new ones not yet added, without the ignored (.data/, node_modules/, cdk.out/).
const repositoryFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((line) => line !== '');
const topLevel = new Set(repositoryFiles.map((file) => file.split('/')[0]!));

/** A backticked text that names a repository path: it starts with a top-level entry and has no spaces. */
function repositoryPathsIn(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1]!.replace(/[.,:;]$/, ''))
    .filter((text) => topLevel.has(text) || (text.includes('/') && topLevel.has(text.split('/')[0]!) && !text.includes('://')));
}

/** Link targets of `[text](target)` that are files of this repository (not URLs, not anchors). */
function linkTargetsIn(markdown: string, document: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target))
    .map((target) => normalize(join(dirname(document), target)));
}

/** Whether a file or folder of that name exists; `<placeholder>` stands for one path segment or part of one. */
function exists(path: string): boolean {
  const pattern = new RegExp(
    `^${path
      .replace(/\/$/, '')
      .split(/(<[^>]+>)/)
      .map((piece) => (/^<[^>]+>$/.test(piece) ? '[^/]+' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}(?:/|$)`,
  );
  return repositoryFiles.some((file) => pattern.test(file));
}

describe('the paths the documentation names', () => {
  it.each(documents)('exist, for every path in backticks and every link in %s', (document) => {
    const markdown = readFileSync(join(root, document), 'utf8');

    const missing = [...repositoryPathsIn(markdown), ...linkTargetsIn(markdown, document)].filter((path) => !exists(path));

    expect(missing, `paths ${document} names that are not in the repository`).toEqual([]);
  });

  it.each([
    ['functions/platform/http/html-response.ts', true],
    ['functions/shared/contracts/', false],
    ['functions/<feature>/contracts/', true],
    ['test/infra/constructs/<construct>.test.ts', true],
    ['web/survey-pages', false],
    ['functions/console', true],
    ['functions/cons', false],
  ])('counts %s as existing: %s', (path, found) => {
    expect(exists(path)).toBe(found);
  });

  it('takes paths from backticks, not URLs, prose or code blocks', () => {
    const markdown = 'See `functions/intake/` and `https://x/functions/a`, `cdk.json`, `npm start` and functions/b.\n```sh\ncat `local/x`\n```\n';

    expect(repositoryPathsIn(markdown)).toEqual(['functions/intake/', 'cdk.json']);
  });
});
