import type { KnownBlock } from '@slack/web-api';
import type { KeyMetric, LinkPreview } from '../../core/unfurls/link-preview.query';
import { context, joinMrkdwn, link, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import { formatMetric } from './diff.blocks';
import { threeLinks } from './links.blocks';

function metricsLine(metrics: readonly KeyMetric[]): Mrkdwn {
  if (metrics.length === 0) return mrkdwn`_no metrics on its source run_`;
  return joinMrkdwn(
    metrics.map((m) => mrkdwn`${m.name} *${formatMetric(m.value)}*`),
    ' · ',
  );
}

function versions(list: readonly string[]): Mrkdwn {
  return list.length === 0
    ? mrkdwn`—`
    : joinMrkdwn(
        list.map((v) => mrkdwn`v${v}`),
        ', ',
      );
}

/**
 * The unfurl of a shared MLflow page (chat.unfurl takes its blocks): a version's stage, aliases, key metrics and
 * the MLflow, Notion and ZenML links; or a model's Production and Staging holders, aliases and latest version.
 */
export function linkPreviewMessage(p: LinkPreview): SlackMessage {
  if (p.kind === 'version') {
    const v = p.version;
    const aliases =
      (v.aliases ?? []).length > 0
        ? mrkdwn` · ${joinMrkdwn(
            (v.aliases ?? []).map((a) => mrkdwn`\`@${a}\``),
            ' ',
          )}`
        : mrkdwn``;
    const blocks: KnownBlock[] = [
      section(mrkdwn`:package: *${link(p.links.mlflow, `${v.name} v${v.version}`)}* · *${v.stage}*${aliases}\n${metricsLine(p.metrics)}`),
      context(threeLinks(p.links), mrkdwn`registered ${slackDate(v.createdAt)}`),
    ];
    return message(mrkdwn`${v.name} v${v.version}: ${v.stage}`, blocks);
  }
  const aliases =
    p.aliases.length > 0
      ? joinMrkdwn(
          p.aliases.map((a) => mrkdwn`\`@${a.alias}\` → v${a.version}`),
          ', ',
        )
      : mrkdwn`none`;
  const latest = p.latest ? mrkdwn` (latest v${p.latest.version}, ${p.latest.stage})` : mrkdwn``;
  const blocks: KnownBlock[] = [
    section(mrkdwn`:card_index_dividers: *${link(p.modelUrl, p.model)}* · ${p.versionCount} version${p.versionCount === 1 ? '' : 's'}${latest}`),
    context(mrkdwn`Production: ${versions(p.production)} · Staging: ${versions(p.staging)} · Aliases: ${aliases}`),
  ];
  return message(mrkdwn`${p.model}: ${p.versionCount} versions`, blocks);
}
