/** Escapes text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * The TwiML answer to a voice webhook: connect the call's audio to our media WebSocket as a
 * bidirectional stream, passing the caller's and the dialled number as stream parameters (they
 * come back in the `start` message's customParameters; Twilio forbids query strings in the URL).
 * `<Connect>` holds the call for as long as the socket is open; when callcart closes it (the agent
 * hung up) Twilio goes on with the next verb, `<Hangup/>`, so the caller is not left in silence.
 */
export function connectStreamTwiml(streamUrl: string, parameters: Record<string, string>): string {
  const parameterElements = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${escapeXml(name)}" value="${escapeXml(value)}"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Response><Connect><Stream url="${escapeXml(streamUrl)}">${parameterElements}</Stream></Connect><Hangup/></Response>`
  );
}
