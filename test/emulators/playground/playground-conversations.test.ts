import { onUnfurlDomain, storedText } from '../../../emulators/playground/playground.conversations';

describe('the playground message box, as Slack stores what people type', () => {
  it('escapes &, < and > and wraps each link as <url>, listing each link once', () => {
    expect(storedText('R&D: is http://127.0.0.1:5000/#/models/churn/versions/5 <better>? http://127.0.0.1:5000/#/models/churn/versions/5')).toEqual({
      text: 'R&amp;D: is <http://127.0.0.1:5000/#/models/churn/versions/5> &lt;better&gt;? <http://127.0.0.1:5000/#/models/churn/versions/5>',
      urls: ['http://127.0.0.1:5000/#/models/churn/versions/5'],
    });
    expect(storedText('no links here')).toEqual({ text: 'no links here', urls: [] });
  });

  it('sends link_shared only for links on the unfurl domains (or below them), whatever the port', () => {
    expect(onUnfurlDomain('http://127.0.0.1:5000/#/models/churn', ['127.0.0.1'])).toBe(true);
    expect(onUnfurlDomain('https://mlflow.corp.example/#/models/churn', ['corp.example'])).toBe(true);
    expect(onUnfurlDomain('https://evilcorp.example/#/models/churn', ['corp.example'])).toBe(false);
    expect(onUnfurlDomain('https://example.com/x', ['127.0.0.1'])).toBe(false);
    expect(onUnfurlDomain('not a url', ['127.0.0.1'])).toBe(false);
  });
});
