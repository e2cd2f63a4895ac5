/**
 * Who and what the demo workspace holds: the people the playground can act as, the channel everything is posted
 * to, the seeded model. The app learns none of this except through its ordinary settings (APPROVERS, channels).
 */

/** Not a secret: signs the playground's requests to the local app and nothing else. */
export const DEMO_SIGNING_SECRET = 'modelsync-demo-signing-secret-not-for-production';

/** The one channel the demo posts approvals, stage changes and sync reports to. */
export const DEMO_CHANNEL = { id: 'C0MLMODELS', name: 'ml-models' } as const;

/** A person the playground's "you are" switcher offers. */
export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  /** What the switcher says about them. */
  readonly role: string;
}

/** The requester, the approver (the only APPROVERS entry) and someone who may not approve. */
export const DEMO_USERS = {
  requester: { id: 'U0DEMOALICE', name: 'alice', realName: 'Alice Chen', role: 'data scientist (asks for promotions)' },
  approver: { id: 'U0DEMOBOB', name: 'bob', realName: 'Bob Okafor', role: 'ML lead (approver)' },
  outsider: { id: 'U0DEMODAVE', name: 'dave', realName: 'Dave Ruiz', role: 'analyst (not allowed to approve)' },
} as const satisfies Record<string, DemoUser>;

/** The seeded registered model. */
export const DEMO_MODEL = 'churn';

/** Default loopback ports of `npm run demo`; a taken one is replaced by a free one (see demo-ports.ts). */
export const DEFAULT_DEMO_PORTS = { playground: 3000, app: 3001, mlflow: 5000, notion: 4010, slack: 4020, zenml: 8237 } as const;

/** One port per demo service; 0 picks a free port. */
export type DemoPorts = { readonly [K in keyof typeof DEFAULT_DEMO_PORTS]: number };
