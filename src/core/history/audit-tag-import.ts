import type { AuditEntry, AuditEvent } from '../approvals/audit-log';
import { AUDIT_TAG_PREFIX } from '../approvals/audit-log';
import type { ModelVersion } from '../domain/model-version';
import { isStage } from '../domain/stage';

const EVENTS: readonly AuditEvent[] = [
  'requested',
  'approved',
  'rejected',
  'expired',
  'superseded',
  'transitioned',
  'alias_set',
  'alias_removed',
  'gate_blocked',
  'gate_override',
];

/**
 * The history older releases kept as JSON version tags (`modelsync.audit.<ms>.<event>`, one per event), read back so
 * the store's history starts with it. Only values in exactly the shape the app wrote are taken (the key's time and
 * event must match the value's): a tag someone else wrote under that prefix is ignored, and no tag is changed.
 */
export function auditEntriesFromTags(versions: readonly ModelVersion[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const v of versions) {
    for (const [key, value] of Object.entries(v.tags)) {
      if (!key.startsWith(AUDIT_TAG_PREFIX)) continue;
      const entry = parseEntry(key.slice(AUDIT_TAG_PREFIX.length), value, v);
      if (entry) out.push(entry);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function parseEntry(suffix: string, value: string, v: ModelVersion): AuditEntry | undefined {
  const [time, event] = suffix.split('.');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || raw.event !== event || !EVENTS.includes(event as AuditEvent)) return undefined;
  const at = typeof raw.at === 'string' ? Date.parse(raw.at) : NaN;
  if (!Number.isFinite(at) || String(at) !== time || typeof raw.by !== 'string') return undefined;
  if (raw.model !== v.name || raw.version !== v.version) return undefined;
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const from = isStage(raw.from) ? raw.from : undefined;
  const to = isStage(raw.to) ? raw.to : undefined;
  return {
    event: event as AuditEvent,
    model: v.name,
    version: v.version,
    by: raw.by,
    at,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(text('requestId') ? { requestId: text('requestId') } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(text('alias') ? { alias: text('alias') } : {}),
  };
}
