/** Longest inline error shown under a modal field. */
const INLINE_ERROR_MAX = 500;

/**
 * The plain-text reading of the app's own mrkdwn (an inline modal error is plain text: Slack shows markup as typed):
 * mentions and channels as @id / #id, links and dates as their label, entities decoded, emphasis and emoji codes
 * dropped (a name's own underscores stay). Only for text the mrkdwn kit made, where every `<…>` is one of its tokens.
 */
export function plainOfMrkdwn(text: string): string {
  const plain = text
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<!subteam\^([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/:[a-z0-9_+-]+:\s*/g, '')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\s)_([^_\n]+)_(?=$|[\s.,;:!?)])/g, '$1$2')
    .replace(/`([^`\n]*)`/g, '"$1"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= INLINE_ERROR_MAX ? plain : `${plain.slice(0, INLINE_ERROR_MAX - 1)}…`;
}
