import { connectStreamTwiml, escapeXml } from './twiml';

describe('TwiML', () => {
  it('connects a stream with escaped parameters', () => {
    const twiml = connectStreamTwiml('wss://ingest.example.com/media', { from: '+8613812345678', to: '"<&>\'' });
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://ingest.example.com/media">' +
        '<Parameter name="from" value="+8613812345678"/><Parameter name="to" value="&quot;&lt;&amp;&gt;&apos;"/>' +
        '</Stream></Connect><Hangup/></Response>',
    );
    expect(escapeXml('a&b')).toBe('a&amp;b');
  });
});
