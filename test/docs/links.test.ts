/**
 * Every relative link in the README and under docs/ leads somewhere: the file (or folder) exists, and an anchor
 * (`#…`) names a heading of the target Markdown file, as GitHub anchors them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { frontDoorAndDocs, headingAnchors, links, ROOT } from './support/markdown';

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i; // https:, mailto:, …

function brokenLinks(): string[] {
  const broken: string[] = [];
  for (const doc of frontDoorAndDocs()) {
    for (const { target, line } of links(doc.text)) {
      if (EXTERNAL.test(target)) continue;
      const [filePart = '', anchor] = target.split('#', 2);
      const where = `${doc.file}:${line} → ${target}`;
      const resolved = filePart === '' ? path.join(ROOT, doc.file) : path.resolve(path.dirname(path.join(ROOT, doc.file)), decodeURI(filePart));
      if (!resolved.startsWith(ROOT)) {
        broken.push(`${where}: leaves the repository`);
        continue;
      }
      if (!existsSync(resolved)) {
        broken.push(`${where}: no such file`);
        continue;
      }
      if (anchor === undefined || anchor === '' || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) continue;
      if (!headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) {
        broken.push(`${where}: no heading with that anchor in ${path.relative(ROOT, resolved)}`);
      }
    }
  }
  return broken;
}

describe('links in the README and docs/', () => {
  it('finds links to check (the reader of links works)', () => {
    const count = frontDoorAndDocs().reduce((n, doc) => n + links(doc.text).filter((l) => !EXTERNAL.test(l.target)).length, 0);
    expect(count).toBeGreaterThan(20);
  });

  it('lead to files that exist and to headings that exist', () => {
    expect(brokenLinks()).toEqual([]);
  });
});

describe('heading anchors as GitHub makes them', () => {
  it('drops punctuation and code marks, keeps digits, hyphens and letters, and numbers repeats', () => {
    const anchors = headingAnchors(
      '## 2. Create the Slack app from `manifest.json`\n### `/model register`\n## Overload (issue 19)\n## Notes\n## Notes\n```\n## not a heading\n```\n',
    );
    expect([...anchors]).toEqual(['2-create-the-slack-app-from-manifestjson', 'model-register', 'overload-issue-19', 'notes', 'notes-1']);
  });
});
