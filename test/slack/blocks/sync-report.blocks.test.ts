import { formatReport } from '../../../src/cli/format-report';
import { ReportBuilder } from '../../../src/core/sync/report-builder';
import { syncReportMessage } from '../../../src/slack/blocks/sync-report.blocks';
import { messageText } from '../support/model-app';

function reportWithOwnership() {
  const r = new ReportBuilder({ now: () => 0 }, {}, false);
  r.outcome('churn', '2', 'updated');
  r.change({ kind: 'updated', model: 'churn', version: '2', detail: 'Notion page updated: stage', fields: ['stage'] });
  r.editOverwritten({
    pageId: 'p1',
    url: 'https://www.notion.so/aaaa',
    model: 'churn',
    version: '2',
    fields: ['stage', 'description'],
    editedBy: 'person-1',
    editedAt: '2026-05-01T10:17:00.000Z',
  });
  r.notManaged({ pageId: 'p2', url: 'https://www.notion.so/bbbb', model: '<!channel> churn <@U123>', version: '2' });
  r.deferred({ model: 'fraud', version: '4', reason: 'a sync of fraud is running: it picks up version 4 when it is done with fraud, or the next sync does' });
  return r.finish();
}

describe('sync report sections for ownership', () => {
  it('lists Notion edits overwritten and pages not managed in Slack, escaping names that came from data', () => {
    const text = messageText(syncReportMessage(reportWithOwnership(), 'full', 'Sync'));
    expect(text).toContain('*Notion edits overwritten* (1)\n• <https://www.notion.so/aaaa|churn v2>: stage, description (edited <!date^');
    expect(text).toContain('*Not managed* (1)\n• <https://www.notion.so/bbbb|&lt;!channel&gt; churn &lt;@U123&gt; v2>');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('it picks up version 4');
  });

  it('prints the same sections in the terminal report', () => {
    const out = formatReport(reportWithOwnership());
    expect(out).toContain(
      'Notion edits overwritten (change them in MLflow):\n  - churn v2: stage, description (edited 2026-05-01T10:17:00.000Z) https://www.notion.so/aaaa',
    );
    expect(out).toContain('Not managed (made by someone else; left alone):\n  - <!channel> churn <@U123> v2: https://www.notion.so/bbbb');
    expect(out).toContain('Left to the sync already running:\n  - fraud v4: a sync of fraud is running');
  });
});
