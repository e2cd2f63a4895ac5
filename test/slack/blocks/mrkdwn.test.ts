/** The escaping kit: what the mrkdwn tag and its helpers let through, checked on arbitrary text (fast-check). */
import fc from 'fast-check';
import { channelMention, cutMrkdwn, esc, groupMention, joinMrkdwn, link, mention, Mrkdwn, mrkdwn, slackDate } from '../../../src/slack/blocks/mrkdwn';
import { context, plain, section } from '../../../src/slack/blocks/block-kit';
import { HOSTILE_FRAGMENTS, hostile } from '../support/slack-markup';

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('mrkdwn tag', () => {
  it('escapes every interpolated value and the literal parts, so the text reads back exactly and holds no < or >', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const m = mrkdwn`*${a}* <name> & ${b}`;
        expect(m.text).not.toMatch(/[<>]/);
        expect(unescape(m.text)).toBe(`*${a}* <name> & ${b}`);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('keeps Mrkdwn pieces as they are (no double escaping) and escapes strings and numbers', () => {
    const m = mrkdwn`${mention('U1')} ${esc('a&b')} ${'<x>'} ${3}`;
    expect(m.text).toBe('<@U1> a&amp;b &lt;x&gt; 3');
    expect(joinMrkdwn([mention('U1'), esc('<y>')], ' & ').text).toBe('<@U1> &amp; &lt;y&gt;');
  });

  it('cannot be made from a raw string outside the kit', () => {
    const Ctor = Mrkdwn as unknown as new (key: symbol, v: string) => Mrkdwn;
    expect(() => new Ctor(Symbol('mrkdwn kit'), '<!channel>')).toThrow(TypeError);
  });
});

describe('helpers that make the app’s own markup', () => {
  it('mentions only real Slack IDs; anything else is shown as escaped text', () => {
    expect(mention('U0ALICE').text).toBe('<@U0ALICE>');
    expect(mention('W0BOB').text).toBe('<@W0BOB>');
    expect(mention('!channel').text).toBe('!channel');
    expect(mention('U1|x> <!channel').text).toBe('U1|x&gt; &lt;!channel');
    expect(channelMention('C0APPROVALS').text).toBe('<#C0APPROVALS>');
    expect(channelMention('C1><!here').text).toBe('C1&gt;&lt;!here');
    expect(groupMention('S0TEAM').text).toBe('<!subteam^S0TEAM>');
    expect(groupMention('here').text).toBe('here');
  });

  it('links only http(s) URLs, drops credentials, encodes what would end the token and escapes the label', () => {
    expect(link('https://mlflow.test/#/models/a|b', 'M<&>').text).toBe('<https://mlflow.test/#/models/a%7Cb|M&lt;&amp;&gt;>');
    expect(link('http://alice:s3cret@mlflow.test:5000/x?a=1&b=2', 'MLflow').text).toBe('<http://mlflow.test:5000/x?a=1&amp;b=2|MLflow>');
    expect(link('http://a:b@c:d@host/p>q <!channel>', 'x').text).toBe('<http://host/p%3Eq%20%3C!channel%3E|x>');
    expect(link('javascript:alert(1)', 'Notion').text).toBe('Notion');
    expect(link('<https://evil|MLflow>', 'MLflow').text).toBe('MLflow');
  });

  it('dates fall back to text for an impossible time', () => {
    expect(slackDate(0).text).toBe('<!date^0^{date_short_pretty} {time}|1970-01-01T00:00:00Z>');
    expect(slackDate(Number.NaN).text).toBe('an unknown time');
    expect(slackDate(1e20).text).toBe('an unknown time');
  });
});

describe('cutting mrkdwn', () => {
  const pieces = fc.array(
    fc.oneof(
      hostile.map((s) => esc(s)),
      fc.constantFrom(mention('U0ALICE'), link('https://mlflow.test/x', 'MLflow'), slackDate(0), esc(HOSTILE_FRAGMENTS[0])),
    ),
    { maxLength: 30 },
  );

  it('never leaves half an entity or half a token', () => {
    fc.assert(
      fc.property(pieces, fc.integer({ min: 2, max: 400 }), (parts, max) => {
        const cut = cutMrkdwn(joinMrkdwn(parts), max).text;
        expect(cut.length).toBeLessThanOrEqual(max);
        // Every < opens a token closed in the text; every & starts a whole entity.
        expect(cut.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
        expect(cut).not.toMatch(/&(?!(amp|lt|gt);)/);
      }),
      { numRuns: 1_000, seed: 2 },
    );
  });

  it('keeps blocks valid: an empty text becomes a dash, empty context items are dropped', () => {
    expect(section(esc(''))).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '—' } });
    expect(context(esc(''), esc('x'))).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'x' }] });
    const long = plain(esc('<'.repeat(5_000)));
    expect(long.text.length).toBeLessThanOrEqual(3000);
    expect(long.text.endsWith('&lt;…')).toBe(true);
  });
});
