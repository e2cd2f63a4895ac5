/**
 * Output hygiene, property-based (fast-check): every renderer under src/slack/blocks, fed hostile data in every
 * string field (`<!channel>`, `<@U123>`, `<http://x|y>`, `&`, `*_~\``, long repeats that get cut …), never lets a
 * mention, broadcast, channel link or link that came from data reach a mrkdwn text or `text` fallback, while its
 * own mentions, dates and links still appear; and its output stays valid Block Kit. The renderers are enumerated by
 * reading the modules under src/slack/blocks: a new export fails this test until it has a case or a reason.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { validateMessageBlocks, validateOptionsResponse, validateView, problemMessages } from '../../../emulators/slack/block-kit.validation';
import { ModelsyncError, type ErrorSystem } from '../../../src/core/errors';
import { aliasChangeMessage } from '../../../src/slack/blocks/alias-change.blocks';
import { failureMessage, unexpectedErrorText, workingText } from '../../../src/slack/blocks/answer.blocks';
import { askAgainCommand, changeClauses, supersededText } from '../../../src/slack/blocks/approval-wording.blocks';
import { helpMessage, parseErrorMessage } from '../../../src/slack/blocks/help.blocks';
import { refusalMessage, refusalSentence, refusalText } from '../../../src/slack/blocks/refusal.blocks';
import { listMessage, statusMessage } from '../../../src/slack/blocks/status.blocks';
import type { Refusal } from '../../../src/core/outcomes/refusal';
import type { StageChangeNotice } from '../../../src/core/notifications/stage-change';
import { busyMessage } from '../../../src/slack/blocks/busy.blocks';
import { approvalRequestMessage } from '../../../src/slack/blocks/approval-request.blocks';
import { approvalWhy, approvalWhySentence } from '../../../src/slack/blocks/approval-reasons.blocks';
import type { ApprovalReason } from '../../../src/core/policy/planned-change';
import { promoteMessage, registerMessage, syncMessage, unaliasMessage } from '../../../src/slack/blocks/command-result.blocks';
import { gateHeadline, gateLines } from '../../../src/slack/blocks/gate-report.blocks';
import { threeLinks } from '../../../src/slack/blocks/links.blocks';
import { esc } from '../../../src/slack/blocks/mrkdwn';
import { registryEventMessage } from '../../../src/slack/blocks/registry-event.blocks';
import { rejectReasonModal } from '../../../src/slack/blocks/reject-modal.blocks';
import { noticeBlocks, stageChangeMessage } from '../../../src/slack/blocks/stage-change.blocks';
import { driftMessage } from '../../../src/slack/blocks/drift-notices.blocks';
import { principalMentions } from '../../../src/slack/blocks/principals.blocks';
import { requesterNoticeMessage } from '../../../src/slack/blocks/requester-notice.blocks';
import { statsLine, syncReportMessage } from '../../../src/slack/blocks/sync-report.blocks';
import { allowedRefs, displayedTexts, hostile, like, linksTo, markupProblems } from '../support/slack-markup';
import {
  ALIAS_CHANGES,
  APPROVAL_REQUESTS,
  GATES,
  LINKS,
  LIST_RESULTS,
  PARSE_ERRORS,
  PROMOTE_OUTCOMES,
  REGISTER_RESULTS,
  REGISTRY_EVENTS,
  STAGE_CHANGES,
  STATUS_RESULTS,
  SYNC_REPORT,
  SYNC_RUNS,
  UNALIAS_OUTCOMES,
} from '../support/renderer-fixtures';
import { APPROVAL_CHANGES, REFUSALS } from '../support/refusal-fixtures';
import { GUARD_INCIDENTS, HISTORY_LINES, HISTORY_RESULTS } from '../support/history-fixtures';
import { guardIncidentMessage } from '../../../src/slack/blocks/guard-alert.blocks';
import { historyLine, historyMessage } from '../../../src/slack/blocks/history.blocks';
import { helpEntries } from '../../../src/slack/commands/slash-subcommand';
import { homeView } from '../../../src/slack/blocks/home.blocks';
import { modalRefusal, modalResult, modalWorking, modelModal, modelOptions } from '../../../src/slack/blocks/model-modal.blocks';
import { HEALTH, HOME_OVERVIEWS, MODAL_STATES } from '../support/view-fixtures';
import { diffMessage } from '../../../src/slack/blocks/diff.blocks';
import { linkPreviewMessage } from '../../../src/slack/blocks/link-preview.blocks';
import { subscribeMessage, subscriptionsMessage, unsubscribeMessage } from '../../../src/slack/blocks/subscriptions.blocks';
import { DIFF_RESULTS, LINK_PREVIEWS, SUBSCRIBE_RESULTS, SUBSCRIPTIONS_RESULTS, UNSUBSCRIBE_RESULTS } from '../support/reach-fixtures';
import { MODEL_SLASH_SUBCOMMANDS } from '../../../src/slack/commands/model-subcommands';

jest.setTimeout(120_000);

/** Fixed seed so a failure reproduces; HYGIENE_SEED / HYGIENE_RUNS explore further. */
const SEED = Number(process.env.HYGIENE_SEED ?? 12);
const RUNS_PER_CASE = Number(process.env.HYGIENE_RUNS ?? 150);

class HostileError extends ModelsyncError {
  readonly code = 'hostile_test_error';
  readonly system: ErrorSystem = 'core';
}

/** One renderer: inputs shaped like its fixtures, how to call it, and the markup it must still produce. */
interface RendererCase<T> {
  readonly inputs: fc.Arbitrary<T>;
  readonly render: (input: T) => unknown;
  /** Mentions/links the renderer makes on purpose from valid structured fields (checked on the unmutated fixtures). */
  readonly fixtures?: readonly T[];
  readonly intended?: (input: T) => { readonly tokens?: readonly string[]; readonly links?: readonly string[] };
  /** What Block Kit surface the output is, for validation. */
  readonly surface?: 'message' | 'modal' | 'text' | 'options';
}

function rendererCase<T>(c: RendererCase<T>): RendererCase<unknown> {
  return c as unknown as RendererCase<unknown>;
}

const fromFixtures = <T>(fixtures: readonly T[]): fc.Arbitrary<T> => fc.oneof(...fixtures.map((f) => like(f)));

/** Why an approval is needed; the alias is data (a stage is one of MLflow's four names). */
const reasonArb: fc.Arbitrary<ApprovalReason> = fc.oneof(
  fc.record({ kind: fc.constantFrom('enters-stage' as const, 'leaves-stage' as const), stage: fc.constantFrom('Production' as const, 'Staging' as const) }),
  fc.record({ kind: fc.constant('moves-alias' as const), alias: hostile }),
);

/** The help lines of the declared /model sub-commands. */
const HELP = helpEntries(MODEL_SLASH_SUBCOMMANDS);

/** The mentions a refusal makes on purpose, from its principal, channel and decider fields. */
function intendedRefs(r: Refusal): { readonly tokens: readonly string[] } {
  switch (r.code) {
    case 'channel_not_allowed':
      return { tokens: r.channels.map((c) => `<#${c}>`) };
    case 'not_allowed_to_request':
    case 'cleanup_not_allowed':
      return { tokens: r.principals.map((p) => (p.startsWith('S') ? `<!subteam^${p}>` : `<@${p}>`)) };
    case 'request_decided':
      return { tokens: r.by === undefined ? [] : [`<@${r.by}>`] };
    default:
      return { tokens: [] };
  }
}

/** Every export of src/slack/blocks: a renderer case, or why it needs none. Keyed `file:export`. */
const RENDERERS: Record<string, RendererCase<unknown>> = {
  'alias-change.blocks.ts:aliasChangeMessage': rendererCase({
    inputs: fromFixtures(ALIAS_CHANGES),
    fixtures: ALIAS_CHANGES,
    render: aliasChangeMessage,
    intended: (n) => ({ tokens: [`<@${n.actor.userId}>`], links: [n.links.mlflow] }),
  }),
  'answer.blocks.ts:failureMessage': rendererCase({
    inputs: fc.record({ what: hostile, message: hostile }),
    render: ({ what, message }) => failureMessage(what, new HostileError(message)),
  }),
  'answer.blocks.ts:workingText': rendererCase({ inputs: hostile, render: workingText, surface: 'text' }),
  'answer.blocks.ts:unexpectedErrorText': rendererCase({
    inputs: hostile,
    render: (message) => unexpectedErrorText(new HostileError(message)),
    surface: 'text',
  }),
  'approval-request.blocks.ts:approvalRequestMessage': rendererCase({
    inputs: fromFixtures(APPROVAL_REQUESTS),
    fixtures: APPROVAL_REQUESTS,
    render: approvalRequestMessage,
    intended: (r) => ({
      tokens: [
        `<@${r.requester}>`,
        ...(r.status === 'approved' || r.status === 'rejected' ? [`<@${r.decidedBy}>`] : []),
        // A pending request pages its approvers.
        ...(r.status === 'pending' ? (r.approvers ?? []).map((p) => (p.startsWith('S') ? `<!subteam^${p}>` : `<@${p}>`)) : []),
      ],
      links: [r.links.mlflow],
    }),
  }),
  'requester-notice.blocks.ts:requesterNoticeMessage': rendererCase({
    inputs: fromFixtures(APPROVAL_REQUESTS),
    fixtures: APPROVAL_REQUESTS,
    // Pending and superseded requests are not told; an empty message stands in so the case still renders.
    render: (r) => requesterNoticeMessage(r) ?? { text: 'not told', blocks: [] },
    intended: (r) => ({
      tokens: r.status === 'approved' || r.status === 'rejected' ? [`<@${r.decidedBy}>`, '<#C0APPROVALS>'] : [],
      links: r.status === 'approved' ? [r.links.mlflow] : [],
    }),
  }),
  'principals.blocks.ts:principalMentions': rendererCase({
    inputs: fc.array(fc.oneof(fc.constantFrom('U0ALICE', 'W0BOB', 'S0TEAM', '*'), hostile), { maxLength: 4 }).map((approvers) => ({ approvers })),
    render: ({ approvers }) => ({ text: principalMentions(approvers).text || 'none' }),
    surface: 'text',
  }),
  'approval-reasons.blocks.ts:approvalWhy': rendererCase({
    inputs: fc.array(reasonArb, { minLength: 1, maxLength: 3 }),
    render: (reasons) => ({ text: approvalWhy(reasons).text }),
    surface: 'text',
  }),
  'approval-reasons.blocks.ts:approvalWhySentence': rendererCase({
    inputs: fc.array(reasonArb, { minLength: 1, maxLength: 3 }),
    render: (reasons) => ({ text: approvalWhySentence(reasons).text }),
    surface: 'text',
  }),
  // The count of waiting requests is its only data.
  'busy.blocks.ts:busyMessage': rendererCase({ inputs: fc.nat({ max: 100_000 }), render: busyMessage }),
  'approval-wording.blocks.ts:askAgainCommand': rendererCase({
    inputs: fromFixtures(APPROVAL_REQUESTS),
    render: (req) => ({ text: askAgainCommand(req).text }),
    surface: 'text',
  }),
  'approval-wording.blocks.ts:supersededText': rendererCase({
    inputs: fc.tuple(fromFixtures(APPROVAL_CHANGES), fc.option(hostile, { nil: undefined })),
    render: ([changes, note]) => ({ text: supersededText(changes, note).text }),
    surface: 'text',
  }),
  'approval-wording.blocks.ts:changeClauses': rendererCase({
    inputs: fromFixtures(APPROVAL_CHANGES),
    render: (changes) => ({ text: changeClauses(changes).text }),
    surface: 'text',
  }),
  'command-result.blocks.ts:registerMessage': rendererCase({
    inputs: fromFixtures(REGISTER_RESULTS),
    fixtures: REGISTER_RESULTS,
    render: registerMessage,
    intended: (r) => ('refused' in r ? {} : { links: [r.links.mlflow] }),
  }),
  'command-result.blocks.ts:promoteMessage': rendererCase({
    inputs: fromFixtures(PROMOTE_OUTCOMES),
    fixtures: PROMOTE_OUTCOMES,
    render: promoteMessage,
    intended: (o) => (o.kind === 'pending' && o.request.message ? { tokens: [`<#${o.request.message.channel}>`] } : {}),
  }),
  'command-result.blocks.ts:unaliasMessage': rendererCase({ inputs: fromFixtures(UNALIAS_OUTCOMES), fixtures: UNALIAS_OUTCOMES, render: unaliasMessage }),
  'command-result.blocks.ts:syncMessage': rendererCase({ inputs: fromFixtures(SYNC_RUNS), render: syncMessage }),
  'guard-alert.blocks.ts:guardIncidentMessage': rendererCase({
    inputs: fromFixtures(GUARD_INCIDENTS),
    fixtures: GUARD_INCIDENTS,
    render: guardIncidentMessage,
    intended: (i) => ({ tokens: i.revertedBy?.startsWith('U') ? [`<@${i.revertedBy}>`] : [], links: [i.modelUrl] }),
  }),
  'history.blocks.ts:historyMessage': rendererCase({
    inputs: fromFixtures(HISTORY_RESULTS),
    fixtures: HISTORY_RESULTS,
    render: historyMessage,
    intended: (r) => (r.found ? { links: [r.modelUrl, ...r.lines.map((l) => l.versionUrl)] } : {}),
  }),
  'history.blocks.ts:historyLine': rendererCase({
    inputs: fromFixtures(HISTORY_LINES),
    fixtures: HISTORY_LINES,
    render: (line) => ({ text: historyLine(line).text }),
    surface: 'text',
    intended: (l) => ({ links: [l.versionUrl] }),
  }),
  'status.blocks.ts:statusMessage': rendererCase({
    inputs: fromFixtures(STATUS_RESULTS),
    fixtures: STATUS_RESULTS,
    render: statusMessage,
    intended: (r) => (r.found ? { links: [r.modelUrl] } : {}),
  }),
  'status.blocks.ts:listMessage': rendererCase({
    inputs: fromFixtures(LIST_RESULTS),
    fixtures: LIST_RESULTS,
    render: listMessage,
    intended: (models) => ({ links: models.map((m) => m.url) }),
  }),
  'help.blocks.ts:helpMessage': rendererCase({
    inputs: fc.option(hostile, { nil: undefined }),
    render: (intro) => helpMessage(HELP, intro === undefined ? undefined : esc(intro)),
  }),
  'help.blocks.ts:parseErrorMessage': rendererCase({ inputs: fromFixtures(PARSE_ERRORS), render: (e) => parseErrorMessage(e, HELP) }),
  'refusal.blocks.ts:refusalMessage': rendererCase({
    inputs: fromFixtures(REFUSALS),
    fixtures: REFUSALS,
    render: refusalMessage,
    intended: intendedRefs,
  }),
  'refusal.blocks.ts:refusalText': rendererCase({ inputs: fromFixtures(REFUSALS), render: refusalText, surface: 'text' }),
  'refusal.blocks.ts:refusalSentence': rendererCase({
    inputs: fromFixtures(REFUSALS),
    fixtures: REFUSALS,
    render: (r) => ({ text: refusalSentence(r).text }),
    surface: 'text',
    intended: intendedRefs,
  }),
  'gate-report.blocks.ts:gateLines': rendererCase({ inputs: like(GATES), render: (g) => gateLines(g), surface: 'text' }),
  'gate-report.blocks.ts:gateHeadline': rendererCase({ inputs: like(GATES), render: gateHeadline, surface: 'text' }),
  'links.blocks.ts:threeLinks': rendererCase({
    inputs: like(LINKS),
    fixtures: [LINKS],
    render: threeLinks,
    surface: 'text',
    intended: (l) => ({ links: [l.mlflow, l.notion ?? '', l.zenml ?? ''] }),
  }),
  'registry-event.blocks.ts:registryEventMessage': rendererCase({
    inputs: fromFixtures(REGISTRY_EVENTS),
    fixtures: REGISTRY_EVENTS,
    render: registryEventMessage,
    intended: (n) => ({ links: n.links ? [n.links.mlflow] : [] }),
  }),
  'reject-modal.blocks.ts:rejectReasonModal': rendererCase({
    // The channel is the id Slack put in the click's payload.
    inputs: fc.tuple(fromFixtures(APPROVAL_REQUESTS), fc.option(fc.constant('C0APPROVALS'), { nil: undefined })),
    render: ([req, channel]) => rejectReasonModal(req, channel),
    surface: 'modal',
  }),
  'home.blocks.ts:homeView': rendererCase({
    inputs: fc.tuple(fromFixtures(HOME_OVERVIEWS), fc.option(like(HEALTH), { nil: undefined }), fc.option(fromFixtures(REFUSALS), { nil: undefined })),
    fixtures: HOME_OVERVIEWS.map((o): [typeof o, typeof HEALTH | undefined, Refusal | undefined] => [o, HEALTH, undefined]),
    render: ([o, health, refusal]) => homeView(o, health, refusal === undefined ? undefined : refusalMessage(refusal)),
    surface: 'modal',
    intended: ([o]) => ({
      tokens: o.waitingForYou.map((r) => `<@${r.requester}>`),
      links: [...o.waitingForYou.map((r) => r.links.mlflow), ...(o.models.ok ? o.models.models.map((m) => m.url) : [])],
    }),
  }),
  'model-modal.blocks.ts:modelModal': rendererCase({ inputs: fromFixtures(MODAL_STATES), render: modelModal, surface: 'modal' }),
  // Model names are plain_text options (Slack does not parse plain_text); long names are left out, not cut.
  'model-modal.blocks.ts:modelOptions': rendererCase({
    inputs: fc.array(hostile, { minLength: 1, maxLength: 120 }).map((names) => ['churn', ...names]),
    render: (names) => ({ options: modelOptions(names) }),
    surface: 'options',
  }),
  'model-modal.blocks.ts:modalWorking': rendererCase({ inputs: hostile, render: modalWorking, surface: 'modal' }),
  'model-modal.blocks.ts:modalResult': rendererCase({
    inputs: fromFixtures(PROMOTE_OUTCOMES),
    render: (o) => modalResult(promoteMessage(o)),
    surface: 'modal',
  }),
  'model-modal.blocks.ts:modalRefusal': rendererCase({ inputs: fc.array(hostile, { minLength: 1, maxLength: 3 }), render: modalRefusal }),
  'stage-change.blocks.ts:stageChangeMessage': rendererCase({
    inputs: fromFixtures(STAGE_CHANGES),
    fixtures: STAGE_CHANGES,
    render: stageChangeMessage,
    intended: (n) => ({
      tokens: n.actor.kind === 'user' ? [`<@${n.actor.userId}>`, ...(n.actor.approvedBy ? [`<@${n.actor.approvedBy}>`] : [])] : [],
      links: [n.links.mlflow],
    }),
  }),
  'stage-change.blocks.ts:noticeBlocks': rendererCase({
    inputs: fromFixtures(STAGE_CHANGES),
    render: (n) => ({ text: 'notice', blocks: noticeBlocks(n) }),
  }),
  'drift-notices.blocks.ts:driftMessage': rendererCase({
    // One notice is posted as itself; several, and more than a message holds, as one post.
    inputs: fc.oneof(
      fc.array(fromFixtures(STAGE_CHANGES), { minLength: 1, maxLength: 4 }),
      fc.constant(Array.from({ length: 30 }, () => STAGE_CHANGES[4] as StageChangeNotice)),
    ),
    render: driftMessage,
  }),
  'sync-report.blocks.ts:syncReportMessage': rendererCase({
    inputs: fc.tuple(like(SYNC_REPORT), fc.constantFrom('full' as const, 'compact' as const), hostile),
    render: ([r, detail, title]) => syncReportMessage(r, detail, title),
  }),
  'sync-report.blocks.ts:statsLine': rendererCase({ inputs: like(SYNC_REPORT), render: statsLine, surface: 'text' }),
  'subscriptions.blocks.ts:subscribeMessage': rendererCase({
    inputs: fromFixtures(SUBSCRIBE_RESULTS),
    fixtures: SUBSCRIBE_RESULTS,
    render: subscribeMessage,
    intended: (r) => (r.kind === 'added' || r.kind === 'widened' ? { tokens: [`<#${r.channel}>`, `<@${r.subscription.by}>`] } : {}),
  }),
  'subscriptions.blocks.ts:unsubscribeMessage': rendererCase({
    inputs: fromFixtures(UNSUBSCRIBE_RESULTS),
    fixtures: UNSUBSCRIBE_RESULTS,
    render: unsubscribeMessage,
    intended: (r) => (r.kind === 'not_subscribed' ? {} : { tokens: [`<#${r.channel}>`] }),
  }),
  'subscriptions.blocks.ts:subscriptionsMessage': rendererCase({
    inputs: fromFixtures(SUBSCRIPTIONS_RESULTS),
    fixtures: SUBSCRIPTIONS_RESULTS,
    render: subscriptionsMessage,
    intended: (r) => ({ tokens: [`<#${r.channel}>`, ...r.subscriptions.map((s) => `<@${s.by}>`)] }),
  }),
  'diff.blocks.ts:diffMessage': rendererCase({
    inputs: fromFixtures(DIFF_RESULTS),
    fixtures: DIFF_RESULTS,
    render: diffMessage,
    intended: (r) => (r.found ? { links: [r.left.versionUrl, r.right.versionUrl, ...(r.right.runMissing ? [] : [r.right.runUrl ?? ''])] } : {}),
  }),
  'link-preview.blocks.ts:linkPreviewMessage': rendererCase({
    inputs: fromFixtures(LINK_PREVIEWS),
    fixtures: LINK_PREVIEWS,
    render: linkPreviewMessage,
    intended: (p) => ({ links: p.kind === 'version' ? [p.links.mlflow, p.links.notion ?? '', p.links.zenml ?? ''] : [p.modelUrl] }),
  }),
};

/** Exports that render no data of their own, and why. */
const NOT_RENDERERS: Record<string, string> = {
  'approval-reasons.blocks.ts:onlyLeaves': 'a predicate on the reasons; renders nothing',
  'approval-request.blocks.ts:approvalButtons': 'fixed button labels, the request id as value; rendered inside approvalRequestMessage and homeView',
  'model-modal.blocks.ts:versionOptionText': 'plain_text option text (Slack does not parse plain_text); rendered inside modelModal',
  'diff.blocks.ts:formatMetric': 'formats a number; diffMessage and linkPreviewMessage render it',
  'block-kit.ts:*': 'the block builders: they take only Mrkdwn (typed), see mrkdwn.test.ts',
  'mrkdwn.ts:*': 'the escaping kit itself, property-tested in mrkdwn.test.ts',
  'reject-modal.blocks.ts:readRejectMetadata': 'parses private_metadata back; renders nothing',
  'sync-report.blocks.ts:groupFailures': 'groups failures as data; syncReportMessage renders them',
};

function exportsOfBlocks(): string[] {
  const dir = path.join(__dirname, '../../../src/slack/blocks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((file) =>
      Object.entries(require(path.join(dir, file)) as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'function')
        .map(([name]) => `${file}:${name}`),
    );
}

function expectClean(output: unknown, input: unknown, surface: RendererCase<unknown>['surface']): void {
  const texts = displayedTexts(output);
  expect(texts.all.length).toBeGreaterThan(0);
  const allowed = allowedRefs(input);
  const problems = texts.mrkdwn.flatMap((t) => markupProblems(t, allowed));
  if (problems.length > 0) throw new Error(`markup from data reached Slack:\n${problems.slice(0, 5).join('\n')}`);
  if (surface === 'modal') expect(problemMessages(validateView(output))).toEqual([]);
  else if (surface === 'options') expect(problemMessages(validateOptionsResponse(output))).toEqual([]);
  else if (surface !== 'text') {
    const m = output as { text: string; blocks: unknown[] };
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(problemMessages(validateMessageBlocks(m.blocks))).toEqual([]);
  }
}

describe('every Slack renderer escapes data', () => {
  it('has a hygiene case for every export under src/slack/blocks (a new renderer must be added here)', () => {
    const exported = exportsOfBlocks();
    const missing = exported.filter((k) => !(k in RENDERERS) && !(k in NOT_RENDERERS) && !(`${k.split(':')[0]}:*` in NOT_RENDERERS));
    expect(missing).toEqual([]);
    const stale = Object.keys(RENDERERS).filter((k) => !exported.includes(k));
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(RENDERERS))('%s: no mention, broadcast or link from data reaches Slack', (key) => {
    const c = RENDERERS[key] as RendererCase<unknown>;
    fc.assert(
      fc.property(c.inputs, (input) => expectClean(c.render(input), input, c.surface)),
      { numRuns: RUNS_PER_CASE, seed: SEED },
    );
  });

  it.each(Object.keys(RENDERERS).filter((k) => RENDERERS[k]?.fixtures && RENDERERS[k]?.intended))('%s: keeps its own mentions and links', (key) => {
    const c = RENDERERS[key] as RendererCase<unknown>;
    for (const fixture of c.fixtures ?? []) {
      const texts = displayedTexts(c.render(fixture)).mrkdwn;
      const { tokens = [], links = [] } = c.intended?.(fixture) ?? {};
      for (const t of tokens) expect(texts.join('\n')).toContain(t);
      for (const url of links.filter(Boolean)) expect(linksTo(texts, url)).toBe(true);
      expectClean(c.render(fixture), fixture, c.surface);
    }
  });
});
