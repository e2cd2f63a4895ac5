import type { PageFields, PageRecord } from '../../../src/core/ports/pages.port';
import { changedFields } from '../../../src/core/sync/desired-fields';
import { fieldsDigest, PageStubIndex } from '../../../src/core/sync/page-stubs';

const fields: PageFields = {
  modelName: 'churn',
  version: '3',
  stage: 'Staging',
  sourceUri: 's3://models/churn/3',
  description: 'a model',
  createdAt: '2026-01-02T03:04:05.000Z',
  mlflowUrl: 'http://mlflow/#/models/churn/versions/3',
  zenmlUrl: null,
  aliases: ['champion', 'blue'],
  lastDecision: '',
};
const other: Partial<PageFields> = {
  stage: 'Production',
  sourceUri: 's3://elsewhere',
  description: 'another',
  createdAt: '2026-01-02T03:04:06.000Z',
  mlflowUrl: 'http://mlflow/#/models/churn/versions/4',
  zenmlUrl: 'http://zenml/x',
  aliases: ['champion'],
  lastDecision: 'approved',
};

describe('fieldsDigest', () => {
  it('changes with every field changedFields compares, and agrees with it', () => {
    for (const [key, value] of Object.entries(other)) {
      const changed = { ...fields, [key]: value };
      expect([key, changedFields(fields, changed)]).toEqual([key, [key]]);
      expect([key, fieldsDigest(changed)]).not.toEqual([key, fieldsDigest(fields)]);
    }
  });

  it('reads aliases as a set and times as instants, as changedFields does', () => {
    const same = { ...fields, aliases: ['blue', 'champion'], createdAt: '2026-01-02T04:04:05+01:00' };
    expect(changedFields(fields, same)).toEqual([]);
    expect(fieldsDigest(same)).toBe(fieldsDigest(fields));
    expect(fieldsDigest({ ...fields, createdAt: 'not a date' })).not.toBe(fieldsDigest({ ...fields, createdAt: null }));
  });
});

describe('PageStubIndex', () => {
  const page = (id: string, f: Partial<PageFields>): PageRecord => ({
    id,
    url: `https://www.notion.so/${id}`,
    createdTime: '2026-01-01T00:00:00.000Z',
    fields: { ...fields, ...f },
    authorship: { createdByApp: true, lastEditedByApp: false, lastEditedBy: 'person-1', lastEditedTime: '2026-01-01T00:01:00.000Z' },
  });

  it('gives back what it was given, takes groups out, and leaves the rest (blank rows never) for orphans', () => {
    const index = new PageStubIndex();
    index.add([page('a1', {}), page('a2', {}), page('b', { version: '4', aliases: [] }), page('blank', { version: ' ' })]);
    index.add([page('a1', {})]); // listed again at a window boundary
    const taken = index.take('churn', '3');
    expect(taken).toEqual([
      {
        id: 'a1',
        url: 'https://www.notion.so/a1',
        createdTime: '2026-01-01T00:00:00.000Z',
        authorship: page('a1', {}).authorship,
        digest: fieldsDigest(fields),
        aliases: ['champion', 'blue'],
      },
      expect.objectContaining({ id: 'a2' }),
    ]);
    expect(index.take('churn', '3')).toEqual([]);
    expect(index.hasModel('churn')).toBe(true);
    expect(index.groups().map((g) => [g.model, g.version, g.pages.map((p) => p.id), g.pages[0]!.aliases])).toEqual([['churn', '4', ['b'], undefined]]);
    index.take('churn', '4');
    expect(index.hasModel('churn')).toBe(false);
  });
});
