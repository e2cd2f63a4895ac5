/**
 * Block Kit validation with Slack's documented limits (docs.slack.dev/reference/block-kit). Problems come back
 * the way Slack reports them in `response_metadata.messages`: "[ERROR] <what> [json-pointer:/blocks/0/text/text]".
 */

/** One rule a payload broke, with the JSON pointer of the offending field. */
export interface BlockProblem {
  readonly pointer: string;
  readonly message: string;
}

/** Where blocks live: messages allow 50 blocks, modals and Home tabs 100. */
export type BlockSurface = 'message' | 'modal';

/** Documented per-surface block counts. */
export const MAX_BLOCKS: Readonly<Record<BlockSurface, number>> = { message: 50, modal: 100 };

const SECTION_TEXT_MAX_CHARS = 3000;
const SECTION_FIELD_MAX_CHARS = 2000;
const SECTION_FIELDS_MAX = 10;
const HEADER_TEXT_MAX_CHARS = 150;
const BUTTON_TEXT_MAX_CHARS = 75;
const ACTION_ID_MAX_CHARS = 255;
const BLOCK_ID_MAX_CHARS = 255;
const BUTTON_VALUE_MAX_CHARS = 2000;
const URL_MAX_CHARS = 3000;
const ALT_TEXT_MAX_CHARS = 2000;
const CONTEXT_ELEMENTS_MAX = 10;
const ACTIONS_ELEMENTS_MAX = 25;
const MARKDOWN_BLOCK_MAX_CHARS = 12000;
const PLACEHOLDER_MAX_CHARS = 150;
const OPTION_TEXT_MAX_CHARS = 75;
const OPTION_VALUE_MAX_CHARS = 150;
const OPTIONS_MAX = 100;
const LABEL_MAX_CHARS = 2000;

const BLOCK_TYPES = new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video']);
const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'overflow',
  'radio_buttons',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'image',
]);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects problems while walking a payload. */
class Walker {
  readonly problems: BlockProblem[] = [];

  fail(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  /** A string no longer than max (and not empty unless allowed). Returns false when the field is absent. */
  text(value: unknown, pointer: string, max: number, required: boolean): boolean {
    if (value === undefined) {
      if (required) this.fail(pointer, 'missing required field');
      return false;
    }
    if (typeof value !== 'string') this.fail(pointer, 'must be a string');
    else if (value.length === 0 && required) this.fail(pointer, 'must be more than 0 characters');
    else if (value.length > max) this.fail(pointer, `must be less than ${max + 1} characters`);
    return true;
  }

  /** A text object: `{type: plain_text|mrkdwn, text}`; plainOnly where Slack allows only plain_text. */
  textObject(value: unknown, pointer: string, max: number, plainOnly: boolean, required = true): void {
    if (value === undefined) {
      if (required) this.fail(pointer, 'missing required field');
      return;
    }
    if (!isObj(value)) return this.fail(pointer, 'must be an object');
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.fail(`${pointer}/type`, `must be one of: ${allowed.join(', ')}`);
    }
    this.text(value.text, `${pointer}/text`, max, true);
  }

  blocks(value: unknown, pointer: string, surface: BlockSurface): void {
    if (!Array.isArray(value)) return this.fail(pointer, 'must be an array');
    const max = MAX_BLOCKS[surface];
    if (value.length > max) this.fail(pointer, `no more than ${max} items allowed`);
    value.forEach((b, i) => this.block(b, `${pointer}/${i}`));
  }

  private block(block: unknown, p: string): void {
    if (!isObj(block)) return this.fail(p, 'must be an object');
    if (typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
      return this.fail(p, `failed to match all allowed schemas (unsupported block type: ${String(block.type)})`);
    }
    if (block.block_id !== undefined) this.text(block.block_id, `${p}/block_id`, BLOCK_ID_MAX_CHARS, true);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.fail(p, 'must provide either text or fields');
        this.textObject(block.text, `${p}/text`, SECTION_TEXT_MAX_CHARS, false, false);
        if (block.fields !== undefined) this.fields(block.fields, `${p}/fields`);
        if (block.accessory !== undefined) this.element(block.accessory, `${p}/accessory`);
        return;
      case 'header':
        return this.textObject(block.text, `${p}/text`, HEADER_TEXT_MAX_CHARS, true);
      case 'context':
        return this.list(block.elements, `${p}/elements`, CONTEXT_ELEMENTS_MAX, (e, ep) => {
          if (isObj(e) && e.type === 'image') this.image(e, ep);
          else this.textObject(e, ep, SECTION_TEXT_MAX_CHARS, false);
        });
      case 'actions':
        return this.list(block.elements, `${p}/elements`, ACTIONS_ELEMENTS_MAX, (e, ep) => this.element(e, ep));
      case 'image':
        return this.image(block, p);
      case 'input':
        this.textObject(block.label, `${p}/label`, LABEL_MAX_CHARS, true);
        this.textObject(block.hint, `${p}/hint`, LABEL_MAX_CHARS, true, false);
        if (block.element === undefined) this.fail(`${p}/element`, 'missing required field');
        else this.element(block.element, `${p}/element`);
        return;
      case 'markdown':
        this.text(block.text, `${p}/text`, MARKDOWN_BLOCK_MAX_CHARS, true);
        return;
      case 'rich_text':
        if (!Array.isArray(block.elements)) this.fail(`${p}/elements`, 'must be an array');
        return;
      default:
        return; // divider, file, video: nothing this app renders needs checking
    }
  }

  private fields(value: unknown, p: string): void {
    this.list(value, p, SECTION_FIELDS_MAX, (f, fp) => this.textObject(f, fp, SECTION_FIELD_MAX_CHARS, false));
  }

  private list(value: unknown, p: string, max: number, each: (v: unknown, p: string) => void): void {
    if (!Array.isArray(value)) return this.fail(p, 'must be an array');
    if (value.length === 0) this.fail(p, 'must provide at least 1 item');
    if (value.length > max) this.fail(p, `no more than ${max} items allowed`);
    value.forEach((v, i) => each(v, `${p}/${i}`));
  }

  private image(img: Obj, p: string): void {
    if (img.image_url === undefined && img.slack_file === undefined) this.fail(p, 'must provide either image_url or slack_file');
    if (img.image_url !== undefined) this.text(img.image_url, `${p}/image_url`, URL_MAX_CHARS, true);
    this.text(img.alt_text, `${p}/alt_text`, ALT_TEXT_MAX_CHARS, true);
  }

  private element(el: unknown, p: string): void {
    if (!isObj(el)) return this.fail(p, 'must be an object');
    if (typeof el.type !== 'string' || !INTERACTIVE_ELEMENTS.has(el.type)) {
      return this.fail(p, `failed to match all allowed schemas (unsupported element type: ${String(el.type)})`);
    }
    if (el.type === 'image') return this.image(el, p);
    if (el.action_id !== undefined) this.text(el.action_id, `${p}/action_id`, ACTION_ID_MAX_CHARS, true);
    this.textObject(el.placeholder, `${p}/placeholder`, PLACEHOLDER_MAX_CHARS, true, false);
    if (el.type === 'button') {
      this.textObject(el.text, `${p}/text`, BUTTON_TEXT_MAX_CHARS, true);
      if (el.value !== undefined) this.text(el.value, `${p}/value`, BUTTON_VALUE_MAX_CHARS, false);
      if (el.url !== undefined) this.text(el.url, `${p}/url`, URL_MAX_CHARS, true);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        this.fail(`${p}/style`, 'must be one of: primary, danger');
      }
    }
    if (el.confirm !== undefined) this.confirm(el.confirm, `${p}/confirm`);
    if ((el.type === 'static_select' || el.type === 'multi_static_select') && el.options === undefined && el.option_groups === undefined) {
      this.fail(p, 'must provide either options or option_groups');
    }
    if (el.type === 'external_select' && el.min_query_length !== undefined && (typeof el.min_query_length !== 'number' || el.min_query_length < 0)) {
      this.fail(`${p}/min_query_length`, 'must be a non-negative integer');
    }
    if (el.initial_option !== undefined) this.option(el.initial_option, `${p}/initial_option`);
    if (el.options !== undefined) {
      this.list(el.options, `${p}/options`, OPTIONS_MAX, (o, op) => this.option(o, op));
    }
  }

  /** An option object: text (select menus: plain_text only) ≤ 75 characters, value ≤ 150. */
  option(o: unknown, p: string, plainOnly = false): void {
    if (!isObj(o)) return this.fail(p, 'must be an object');
    this.textObject(o.text, `${p}/text`, OPTION_TEXT_MAX_CHARS, plainOnly);
    this.text(o.value, `${p}/value`, OPTION_VALUE_MAX_CHARS, true);
  }

  private confirm(c: unknown, p: string): void {
    if (!isObj(c)) return this.fail(p, 'must be an object');
    this.textObject(c.title, `${p}/title`, 100, true);
    this.textObject(c.text, `${p}/text`, 300, false);
    this.textObject(c.confirm, `${p}/confirm`, 30, true);
    this.textObject(c.deny, `${p}/deny`, 30, true);
  }
}

/** Checks a message's blocks (at most 50). */
export function validateMessageBlocks(blocks: unknown): BlockProblem[] {
  const w = new Walker();
  w.blocks(blocks, '/blocks', 'message');
  return [...w.problems, ...duplicateBlockIds(blocks, '/blocks')];
}

/**
 * Checks a view as Slack does (docs.slack.dev/reference/views): a modal needs a plain_text title of at most 24
 * characters, and a submit button when it has an input block; a Home tab has no title, submit or close. Both: up to
 * 100 blocks, unique block ids, callback_id ≤ 255, private_metadata ≤ 3000. `surface` is what the method publishes
 * (views.publish: home; views.open/update: modal); omitted, the view's own type decides.
 */
export function validateView(view: unknown, surface?: 'modal' | 'home'): BlockProblem[] {
  const w = new Walker();
  if (!isObj(view)) {
    w.fail('/view', 'must be an object');
    return w.problems;
  }
  const expected = surface ?? (view.type === 'home' ? 'home' : 'modal');
  if (view.type !== expected) w.fail('/view/type', `must be ${expected}`);
  if (expected === 'modal') {
    w.textObject(view.title, '/view/title', 24, true);
    w.textObject(view.submit, '/view/submit', 24, true, false);
    w.textObject(view.close, '/view/close', 24, true, false);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) w.fail('/view/submit', 'submit is required when an input block is within the blocks array');
  } else {
    for (const field of ['title', 'submit', 'close'] as const) if (view[field] !== undefined) w.fail(`/view/${field}`, 'not allowed in a home view');
  }
  if (view.callback_id !== undefined) w.text(view.callback_id, '/view/callback_id', 255, false);
  if (view.private_metadata !== undefined) w.text(view.private_metadata, '/view/private_metadata', 3000, false);
  if (view.external_id !== undefined) w.text(view.external_id, '/view/external_id', 255, true);
  w.blocks(view.blocks, '/view/blocks', 'modal');
  duplicateBlockIds(view.blocks, '/view/blocks').forEach((p) => w.fail(p.pointer, p.message));
  return w.problems;
}

/** Slack refuses two blocks with the same block_id in one message or view. */
function duplicateBlockIds(blocks: unknown, pointer: string): BlockProblem[] {
  if (!Array.isArray(blocks)) return [];
  const seen = new Set<string>();
  const problems: BlockProblem[] = [];
  blocks.forEach((b, i) => {
    const id = isObj(b) ? b.block_id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) problems.push({ pointer: `${pointer}/${i}/block_id`, message: `duplicate block_id: ${id}` });
    seen.add(id);
  });
  return problems;
}

/** Slack's rendering of problems for `response_metadata.messages`. */
export function problemMessages(problems: readonly BlockProblem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.pointer}]`);
}

/**
 * Checks an options load answer (block_suggestion → `{options}` or `{option_groups}`): at most 100 options, each a
 * plain_text option (text ≤ 75, value ≤ 150), as Slack requires for external selects.
 */
export function validateOptionsResponse(body: unknown): BlockProblem[] {
  const w = new Walker();
  if (!isObj(body)) {
    w.fail('', 'must be an object');
    return w.problems;
  }
  if (!Array.isArray(body.options)) {
    w.fail('/options', 'must be an array');
    return w.problems;
  }
  if (body.options.length > OPTIONS_MAX) w.fail('/options', `no more than ${OPTIONS_MAX} items allowed`);
  body.options.forEach((o, i) => w.option(o, `/options/${i}`, true));
  return w.problems;
}
