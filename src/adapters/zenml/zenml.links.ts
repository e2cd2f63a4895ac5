/**
 * Links to a ZenML model version. ZenML Pro has a dashboard page per version
 * (`<dashboard>/projects/<project id>/model-versions/<id>`, as zenml.utils.dashboard_utils.get_model_version_url
 * builds it). The open-source dashboard has none: in 0.98 its only model route, /projects/default/models, shows a
 * "ZenML Pro" upsell page. There the most useful stable link is the version's REST resource on the server, which
 * a browser logged in to the dashboard (same-origin session cookie) shows as JSON with stage and metadata.
 */
import { withoutCredentials } from '../log/url-credentials';
import type { ServerInfo } from './zenml.schemas';

/** Where the links point and which shape they take. */
export interface LinkStyle {
  /** Base without trailing slash. */
  readonly base: string;
  readonly pro: boolean;
}

/** Picks the link style from the server's `/info` and an optional operator override of the base URL. */
export function linkStyle(info: ServerInfo, serverUrl: string, dashboardUrl?: string): LinkStyle {
  const pro = info.deployment_type === 'cloud' || Boolean(info.pro_workspace_id);
  const base = dashboardUrl || (pro ? info.dashboard_url : undefined) || info.server_url || serverUrl;
  // The base ends up in Slack, Notion and MLflow tags: credentials written into ZENML_SERVER_URL must not.
  return { base: withoutCredentials(base).replace(/\/+$/, ''), pro };
}

/** The page (Pro) or REST resource (open source) of one model version. */
export function modelVersionUrl(style: LinkStyle, projectId: string, versionId: string): string {
  return style.pro
    ? `${style.base}/projects/${encodeURIComponent(projectId)}/model-versions/${encodeURIComponent(versionId)}`
    : `${style.base}/api/v1/model_versions/${encodeURIComponent(versionId)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (ZenML ids; anything else would get HTTP 422 from an id path). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
