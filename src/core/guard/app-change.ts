/** Runs the app's own stage and alias changes under the guard, so they are recorded as the app's (see Guard.appChange). */
export interface AppChangeRecorder {
  appChange<T>(model: string, change: () => Promise<T>): Promise<T>;
}

/** Without a guard: the change just runs. */
export const UNGUARDED: AppChangeRecorder = { appChange: (_model, change) => change() };
