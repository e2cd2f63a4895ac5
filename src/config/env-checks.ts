/**
 * Checks across variables (pairs that go together, formats of lists and rules). Each appends a sentence per
 * problem naming the variable and what would be right, never the value.
 */
import { aliasNameProblem } from '../core/commands/alias-name';
import { DEFAULT_STAGE_ALIASES, type StageAliases } from '../core/commands/alias-promotion';
import { parseStage, type Stage } from '../core/domain/stage';
import type { GatePolicy } from '../core/gates/gate-rule';
import { parsePromotionGates } from '../core/gates/gate-syntax';
import type { PromotionRule } from '../core/approvals/request-policy';
import { parsePromotionRules } from '../slack/policy/promotion-rules';
import { isHttpUrl, type Env } from './env-schema';

export function checkMlflow(e: Env, problems: string[]): void {
  const uri = e.MLFLOW_TRACKING_URI;
  if (uri === undefined) {
    problems.push('MLFLOW_TRACKING_URI is required: the URL of an MLflow tracking server, e.g. http://127.0.0.1:5000');
  } else if (!isHttpUrl(uri)) {
    problems.push(
      'MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow server (e.g. http://127.0.0.1:5000); ' +
        'a local path such as ./mlruns or a file:/sqlite: URI is not a server. Start one with `mlflow server` and point at it',
    );
  }
  if ((e.MLFLOW_TRACKING_USERNAME === undefined) !== (e.MLFLOW_TRACKING_PASSWORD === undefined)) {
    problems.push('MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together (HTTP basic auth)');
  }
  if (e.MLFLOW_TRACKING_TOKEN !== undefined && e.MLFLOW_TRACKING_USERNAME !== undefined) {
    problems.push('set either MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD, not both');
  }
  if (e.MLFLOW_WEBHOOK_URL !== undefined && e.MLFLOW_WEBHOOK_SECRET === undefined) {
    problems.push('MLFLOW_WEBHOOK_SECRET is required with MLFLOW_WEBHOOK_URL: deliveries are only accepted when signed');
  }
}

export function checkNotion(e: Env, problems: string[]): void {
  if (e.NOTION_API_TOKEN === undefined) {
    problems.push('NOTION_API_TOKEN is required: the internal integration secret from notion.so/my-integrations');
  }
  if (e.NOTION_DATABASE_ID === undefined) {
    problems.push('NOTION_DATABASE_ID is required: the id of the database shared with the integration (32 hex digits in its URL)');
  } else if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(e.NOTION_DATABASE_ID)) {
    problems.push('NOTION_DATABASE_ID must be a Notion id: 32 hex digits, with or without dashes');
  }
}

export function checkZenml(e: Env, problems: string[]): void {
  const anyZenml = e.ZENML_API_KEY ?? e.ZENML_USERNAME ?? e.ZENML_PROJECT ?? e.ZENML_DASHBOARD_URL;
  if (e.ZENML_SERVER_URL === undefined) {
    if (anyZenml !== undefined) problems.push('ZENML_SERVER_URL is required when other ZENML_* settings are given');
    return;
  }
  if (e.ZENML_API_KEY === undefined && e.ZENML_USERNAME === undefined) {
    problems.push('ZenML needs credentials: set ZENML_API_KEY (service account) or ZENML_USERNAME and ZENML_PASSWORD');
  }
  if (e.ZENML_API_KEY !== undefined && e.ZENML_USERNAME !== undefined) {
    problems.push('set either ZENML_API_KEY or ZENML_USERNAME/ZENML_PASSWORD, not both');
  }
}

export function parseSocketMode(e: Env, problems: string[]): boolean {
  const raw = e.SLACK_SOCKET_MODE;
  if (raw === undefined) return e.SLACK_APP_TOKEN !== undefined && e.SLACK_SIGNING_SECRET === undefined;
  if (!/^(true|false|1|0|yes|no)$/i.test(raw)) {
    problems.push('SLACK_SOCKET_MODE must be true or false');
    return false;
  }
  return /^(true|1|yes)$/i.test(raw);
}

export function checkSlack(e: Env, socketMode: boolean, problems: string[]): void {
  if (e.SLACK_BOT_TOKEN === undefined) {
    problems.push('SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page');
  } else if (!e.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  }
  if (socketMode) {
    if (e.SLACK_APP_TOKEN === undefined) problems.push('SLACK_APP_TOKEN (xapp-…) is required for Socket Mode');
    else if (!e.SLACK_APP_TOKEN.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
  } else if (e.SLACK_SIGNING_SECRET === undefined) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (Slack app "Basic Information" page); or set SLACK_APP_TOKEN for Socket Mode');
  }
  checkPrincipals('SYNC_ADMINS', e.SYNC_ADMINS, problems);
}

/** The value of APPROVERS that keeps the old open default, written out so nobody gets it by leaving the list empty. */
export const ANYONE_BUT_REQUESTER = 'anyone-but-requester';

/**
 * APPROVERS: user IDs and user group IDs, or `anyone-but-requester` alone (returned as the empty list, which the
 * approval policy reads as "anyone but the requester"). Empty while approvals are needed is a start-up error in
 * app mode: an open default is a decision someone must write down, not a setting someone forgot.
 */
export function parseApprovers(
  e: Env,
  needs: { readonly mode: 'app' | 'cli'; readonly protectedStages: readonly Stage[]; readonly protectedAliases: readonly string[] },
  problems: string[],
): string[] {
  const open = e.APPROVERS.filter((id) => id.toLowerCase() === ANYONE_BUT_REQUESTER);
  if (open.length > 0) {
    if (open.length !== e.APPROVERS.length) {
      problems.push(`APPROVERS=${ANYONE_BUT_REQUESTER} stands alone: either list who may approve or write only ${ANYONE_BUT_REQUESTER}`);
    }
    return [];
  }
  checkPrincipals('APPROVERS', e.APPROVERS, problems);
  if (e.APPROVERS.length > 0 || needs.mode !== 'app') return [...e.APPROVERS];
  const guarded = [
    ...(needs.protectedStages.length > 0 ? [`entering or leaving ${needs.protectedStages.join(', ')} (PROTECTED_STAGES)`] : []),
    ...(needs.protectedAliases.length > 0 ? [`moving ${needs.protectedAliases.map((a) => `@${a}`).join(', ')} (PROTECTED_ALIASES)`] : []),
  ];
  if (guarded.length > 0) {
    problems.push(
      `APPROVERS is empty, but ${guarded.join(' and ')} ${guarded.length > 1 ? 'need' : 'needs'} an approval. Write one of: ` +
        `APPROVERS=U0123ABCD,S0456EFGH (the Slack user IDs and/or user group IDs who may approve); ` +
        `APPROVERS=${ANYONE_BUT_REQUESTER} (anyone but the requester may approve); ` +
        `or PROTECTED_STAGES=off and PROTECTED_ALIASES=off (no approvals at all)`,
    );
  }
  return [];
}

/** A list of Slack user IDs (U…/W…) and user group IDs (S…); the problem names the variable, never the entry. */
function checkPrincipals(name: string, ids: readonly string[], problems: string[]): void {
  if (ids.some((id) => !/^[UWS][A-Z0-9]{2,}$/.test(id))) {
    problems.push(`${name} must be a comma-separated list of Slack user IDs (U…/W…) or user group IDs (S…); one entry is neither`);
  }
}

export function parseProtectedStages(raw: string | undefined, problems: string[]): Stage[] {
  if (raw === undefined) return ['Production'];
  // "off" disables approvals; "None" is a stage name, so it cannot double as the switch.
  if (raw.toLowerCase() === 'off') return [];
  const stages: Stage[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const stage = parseStage(part);
    if (!stage) {
      problems.push('PROTECTED_STAGES must be a comma-separated list of Staging, Production, Archived, None (or off for no approvals)');
      return ['Production'];
    }
    stages.push(stage);
  }
  return stages;
}

export function parseProtectedAliases(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return ['champion'];
  if (raw.toLowerCase() === 'off') return [];
  const aliases = raw
    .split(',')
    .map((s) => s.trim().replace(/^@/, ''))
    .filter(Boolean);
  aliases.forEach((alias, i) => {
    if (aliasNameProblem(alias) !== undefined) {
      problems.push(
        `PROTECTED_ALIASES entry ${i + 1} is not a valid MLflow alias name: use letters, digits, _ and - (not latest, not v<digits>); or off for none`,
      );
    }
  });
  return aliases;
}

/** STAGE_ALIASES: `production:champion,staging:challenger` (the default); only Production and Staging take an alias. */
export function parseStageAliases(raw: string | undefined, problems: string[]): StageAliases {
  if (raw === undefined) return DEFAULT_STAGE_ALIASES;
  const map: Partial<Record<Stage, string>> = {};
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((pair, i) => {
      const where = `STAGE_ALIASES entry ${i + 1}`;
      const [stageText, aliasText, ...extra] = pair.split(':').map((s) => s.trim());
      const stage = parseStage(stageText ?? '');
      const alias = (aliasText ?? '').replace(/^@/, '');
      if (aliasText === undefined || extra.length > 0) problems.push(`${where} must be <stage>:<alias>, e.g. production:champion`);
      else if (stage !== 'Production' && stage !== 'Staging')
        problems.push(`${where}: the stage must be production or staging (archived and none take no alias)`);
      else if (aliasNameProblem(alias) !== undefined)
        problems.push(`${where}: the alias is not a valid MLflow alias name (letters, digits, _ and -; not latest, not v<digits>)`);
      else if (map[stage] !== undefined) problems.push(`${where} maps ${stage} a second time; give each stage one alias`);
      else map[stage] = alias;
    });
  return map;
}

export function parseGates(raw: string | undefined, problems: string[]): GatePolicy {
  if (raw === undefined) return [];
  const parsed = parsePromotionGates(raw);
  if (parsed.ok) return parsed.policy;
  problems.push(...parsed.problems);
  return [];
}

export function parseRules(raw: string | undefined, problems: string[]): PromotionRule[] {
  if (raw === undefined) return [];
  const parsed = parsePromotionRules(raw);
  problems.push(...parsed.problems.map((p) => `PROMOTION_RULES ${p}`));
  return [...parsed.rules];
}
