/**
 * The playground's mrkdwn renderer (emulators/playground/public/mrkdwn.js, what the demo shows in a browser) loaded
 * in a sandbox, plus the text a reader would see: HTML tags dropped and HTML entities resolved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

interface MrkdwnModule {
  mrkdwnToHtml(text: string, ctx: { users: Record<string, { name: string }>; channels?: Record<string, { name: string }> }): string;
}

let loaded: MrkdwnModule | undefined;

function renderer(): MrkdwnModule {
  if (!loaded) {
    const source = readFileSync(path.join(__dirname, '../../../emulators/playground/public/mrkdwn.js'), 'utf8');
    const sandbox = { window: {} as { Mrkdwn?: MrkdwnModule } };
    vm.runInNewContext(source, sandbox);
    loaded = sandbox.window.Mrkdwn as MrkdwnModule;
  }
  return loaded;
}

/** The HTML the playground renders for a mrkdwn text. */
export function mrkdwnHtml(text: string, users: Record<string, { name: string }> = {}): string {
  return renderer().mrkdwnToHtml(text, { users, channels: {} });
}

/** What a reader sees: the rendered HTML's text. */
export function mrkdwnVisibleText(text: string, users: Record<string, { name: string }> = {}): string {
  return mrkdwnHtml(text, users)
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
