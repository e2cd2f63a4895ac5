import { AUDIT_TAG_PREFIX } from '../../../src/core/approvals/audit-log';
import { auditEntriesFromTags } from '../../../src/core/history/audit-tag-import';
import { TAG_LAST_DECISION } from '../../../src/core/history/last-decision';
import { coreHarness } from '../support/core-harness';

const AT = Date.UTC(2026, 10, 20, 9, 30);

/** A tag exactly as releases before issue 14 wrote it (auditTagKey / auditTagValue). */
function oldTag(event: string, at: number, fields: Record<string, unknown>): [string, string] {
  return [`${AUDIT_TAG_PREFIX}${at}.${event}`, JSON.stringify({ event, ...fields, at: new Date(at).toISOString() })];
}

describe('the JSON audit tags of older releases', () => {
  it('are read into history entries only when they have exactly the shape the app wrote', async () => {
    const h = coreHarness();
    await h.registry.seedManaged('churn', 2);
    const tags: [string, string][] = [
      oldTag('requested', AT, { model: 'churn', version: '2', by: 'U0ALICE', from: 'None', to: 'Production', requestId: 'r1' }),
      oldTag('transitioned', AT + 60_000, { model: 'churn', version: '2', by: 'U0ALICE', from: 'None', to: 'Production', requestId: 'r1' }),
      // The key's time does not match the value's: not the app's.
      [
        `${AUDIT_TAG_PREFIX}${AT + 5}.approved`,
        JSON.stringify({ event: 'approved', model: 'churn', version: '2', by: 'U0BOB', at: new Date(AT).toISOString() }),
      ],
      [`${AUDIT_TAG_PREFIX}note`, 'written by a person'],
      [`${AUDIT_TAG_PREFIX}${AT}.requested`.replace('requested', 'rejected'), '{not json'],
    ];
    for (const [k, v] of tags) await h.registry.setVersionTag('churn', '2', k, v);
    const versions = await h.registry.listVersions('churn');

    const entries = auditEntriesFromTags(versions);
    expect(entries.map((e) => [e.event, e.version, e.by, e.at, e.from, e.to, e.requestId])).toEqual([
      ['requested', '2', 'U0ALICE', AT, 'None', 'Production', 'r1'],
      ['transitioned', '2', 'U0ALICE', AT + 60_000, 'None', 'Production', 'r1'],
    ]);

    // The guard's first look carries them into the store's history, once; no tag is changed or deleted.
    await h.core.guard.inspect(['churn'], 'sync');
    await h.core.guard.inspect(['churn'], 'sync');
    const history = await h.core.history.all('churn');
    expect(history.map((e) => e.event)).toEqual(['transitioned', 'requested']);
    expect(await h.core.history.importOld('churn', entries)).toBe(0);
    const after = (await h.registry.getVersion('churn', '2'))!.tags;
    for (const [k, v] of tags) expect(after[k]).toBe(v);
    expect(after[TAG_LAST_DECISION]).toBeUndefined();
  });
});
