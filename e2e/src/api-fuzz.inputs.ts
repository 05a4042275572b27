import fc from 'fast-check';

/** One operation of the gateway's OpenAPI document. */
export interface ApiRoute {
  readonly method: string;
  /** With `{name}` placeholders. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  /** The JSON body's schema (zod's JSON Schema in the document); undefined for a body-less route. */
  readonly bodySchema?: JsonSchema;
  readonly hasBody: boolean;
}

/** The part of JSON Schema that zod's `toJSONSchema` writes for our request shapes. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every `/api` operation of the gateway's OpenAPI document (`/api/docs-json`). */
export function routesOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        queryParams: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        bodySchema: content['application/json']?.schema,
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  return routes;
}

/** Who sends a request: a real session, none, or one a browser of another site would forge. */
export type Sender = 'anonymous' | 'admin' | 'agent' | 'customer' | 'malformed-cookie' | 'no-csrf-token' | 'foreign-origin';
/** Real sessions weigh more: most routes' deeper checks are behind a role. */
const SENDER_WEIGHTS: Record<Sender, number> = { admin: 3, agent: 2, customer: 2, anonymous: 1, 'malformed-cookie': 1, 'no-csrf-token': 1, 'foreign-origin': 1 };
const sender = fc.oneof(...Object.entries(SENDER_WEIGHTS).map(([name, weight]) => ({ weight, arbitrary: fc.constant(name as Sender) })));

/** A request body as sent on the wire. */
export type FuzzBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'raw'; readonly contentType: string; readonly text: string; readonly contentEncoding?: string };

export interface FuzzRequest {
  readonly sender: Sender;
  readonly pathValues: readonly string[];
  readonly query: string;
  readonly body: FuzzBody;
}

/** Text that broke something somewhere once: NUL, bad percent-encoding, very long, odd Unicode, injections. */
const nastyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // PostgreSQL refuses NUL in text: the 5xx this suite was written for.
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%',
      '%E0%A4%A',
      '../../etc/passwd',
      "' OR 1=1 --",
      '<img src=x onerror=alert(1)>',
      '\uD800',
      '𝕏'.repeat(300),
      'x'.repeat(5000),
      ' ',
      '',
      '+8613800000001',
      '0',
      '-1',
      'null',
      'CNY',
      'agent',
      'admin',
    ),
  },
  { weight: 1, arbitrary: fc.uuid() },
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: nastyText },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(nastyText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.record({ amountMinor: nastyNumber, currency: nastyText }) },
);

/** Bodies a JSON parser or a careless handler chokes on, and what a cross-site form sends. */
const rawBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json', text: '{"username":' }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json', text: '['.repeat(5000) }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json', text: JSON.stringify({ padding: 'x'.repeat(120_000) }) }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json; charset=klingon', text: '{}' }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json', text: '{}', contentEncoding: 'gzip' }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/json', text: '{}', contentEncoding: 'klingon' }),
  fc.constant<FuzzBody>({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&') }),
  fc.string({ maxLength: 200 }).map<FuzzBody>((text) => ({ kind: 'raw', contentType: 'text/plain', text })),
  fc.string({ maxLength: 200 }).map<FuzzBody>((text) => ({ kind: 'raw', contentType: 'text/csv', text: `sku,name,price\n${text}` })),
  fc.string({ maxLength: 200 }).map<FuzzBody>((text) => ({ kind: 'raw', contentType: 'application/x-ndjson', text })),
  fc.jsonValue({ maxDepth: 3 }).map<FuzzBody>((value) => ({ kind: 'raw', contentType: 'application/json', text: JSON.stringify(value) ?? 'null' })),
);

/** Percent-encodes text; a lone surrogate (not encodable) becomes the raw bytes of one, itself bad input. */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** Path parameter values: mostly encoded, sometimes raw percent sequences. */
const pathValue = fc.oneof(
  nastyText.map(encodeLoosely),
  fc.constantFrom('%00', '%', '%E0%A4%A', '..', '%2F', 'a%2Fb'),
);

/** A value the schema accepts (or close to it): the base that one mutation then spoils. */
export function validish(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant({});
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((alternative) => validish(alternative, depth + 1)));
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const shape = Object.fromEntries(properties.map(([name, property]) => [name, validish(property, depth + 1)]));
      // Optional fields present half the time: the deeper checks are the ones worth reaching.
      return fc.record(shape, { requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)) });
    }
    case 'array':
      return fc.array(validish(schema.items, depth + 1), { maxLength: 2 });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.min(schema.maximum ?? 1000, min + 1000)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200));
        } catch {
          // a pattern fast-check cannot generate from: plain text below
        }
      }
      const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, 12));
      return fc.stringMatching(new RegExp(`^[a-z0-9]{${length}}$`));
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Property paths of a schema (nested objects too), for the one field a mutation spoils. */
function propertyPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  const paths: string[][] = [];
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    paths.push([...prefix, name]);
    if (property.type === 'object' && prefix.length < 2) paths.push(...propertyPaths(property, [...prefix, name]));
  }
  return paths;
}

/** A copy of `value` with the field at `path` replaced (objects on the way created as needed). */
function withField(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const root: Record<string, unknown> = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = replacement;
      return;
    }
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    node = node[key] as Record<string, unknown>;
  });
  return root;
}

/** Generated bad input for one route; `knownIds` (real ids of the run) make some path parameters reach real rows. */
export function requestsFor(route: ApiRoute, knownIds: readonly string[] = []): fc.Arbitrary<FuzzRequest> {
  const paths = propertyPaths(route.bodySchema);
  const valid = validish(route.bodySchema);
  const mutated = paths.length > 0 ? fc.tuple(valid, fc.constantFrom(...paths), nastyValue).map(([base, path, spoiled]) => withField(base, path, spoiled)) : valid;
  const jsonBody = fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), nastyValue, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const body: fc.Arbitrary<FuzzBody> = fc.oneof(
    { weight: 6, arbitrary: jsonBody.map<FuzzBody>((value) => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: rawBody },
    { weight: route.hasBody ? 1 : 6, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
  );
  const queryKeys = route.queryParams.length > 0 ? fc.constantFrom(...route.queryParams) : fc.string({ maxLength: 8 });
  const query = fc
    .array(fc.tuple(fc.oneof(queryKeys, fc.string({ maxLength: 8 })), nastyText), { maxLength: 4 })
    .map((pairs) => pairs.map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`).join('&'));
  const parameter = knownIds.length > 0 ? fc.oneof(pathValue, fc.constantFrom(...knownIds)) : pathValue;
  return fc.record({
    sender,
    pathValues: fc.array(parameter, { minLength: route.pathParams.length, maxLength: route.pathParams.length }),
    query,
    body,
  });
}

/** The route's path with generated values for its parameters, and the query. */
export function urlPath(route: ApiRoute, request: FuzzRequest): string {
  let path = route.path;
  route.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, request.pathValues[i] ?? 'x')));
  return request.query ? `${path}?${request.query}` : path;
}

/** Twilio Media Streams frames, valid and not: what a confused or hostile peer sends call-ingest. */
export function mediaFrames(): fc.Arbitrary<(string | Uint8Array)[]> {
  const callSid = fc.oneof(fc.constantFrom('CAfuzz00000000000000000000000001', 'CA' + 'f'.repeat(32)), nastyText);
  const sequenceNumber = fc.oneof(nastyNumber.map(String), nastyText, nastyNumber);
  const start = fc.record({
    event: fc.constant('start'),
    sequenceNumber,
    streamSid: nastyText,
    start: fc.record({
      callSid,
      customParameters: fc.dictionary(fc.constantFrom('From', 'To', 'from', 'x'), nastyText, { maxKeys: 3 }),
      mediaFormat: fc.record({ encoding: fc.constantFrom('audio/x-mulaw', 'audio/l16', 'klingon'), sampleRate: fc.oneof(fc.constant(8000), nastyNumber), channels: fc.constant(1) }),
    }),
  });
  const media = fc.record({
    event: fc.constant('media'),
    sequenceNumber,
    media: fc.record({ track: fc.constant('inbound'), chunk: sequenceNumber, timestamp: sequenceNumber, payload: fc.oneof(fc.base64String({ maxLength: 400 }), nastyText) }),
  });
  const other = fc.oneof(
    fc.record({ event: fc.constantFrom('connected', 'stop', 'mark', 'dtmf', 'klingon'), sequenceNumber, dtmf: fc.record({ digit: nastyText }) }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const frame = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(start, media, other).map((message) => JSON.stringify(message) ?? 'null') },
    { weight: 1, arbitrary: nastyText },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );
  return fc.array(frame, { minLength: 1, maxLength: 12 });
}

/** `/api/live` upgrades: a real session or a generated cookie, from the gateway's own page or another origin. */
export function liveUpgrades(): fc.Arbitrary<{ sender: Sender; cookie?: string; origin?: string }> {
  return fc.record(
    {
      sender,
      cookie: fc.oneof(fc.constantFrom('cc_session=%', 'cc_session=', 'cc_session=%E0%A4%A', `cc_session=${'x'.repeat(300)}`), fc.string({ maxLength: 40 }).map((text) => `cc_session=${text.replace(/[^\x21-\x7e]/g, '')}`)),
      origin: fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1:1', 'file://'),
    },
    { requiredKeys: ['sender'] },
  );
}

/**
 * Bodies for call-ingest's Twilio voice webhook: well-formed forms with nasty values, bracketed
 * keys the form parser turns into objects or arrays (`From[x]=1`), repeated fields, other content
 * types and plain garbage.
 */
export function voiceWebhookBodies(): fc.Arbitrary<{ contentType: string; body: string }> {
  const field = fc.constantFrom('From', 'To', 'CallSid', 'AccountSid', 'From[x]', 'From[]', 'To[0]', 'CallSid[a][b]', 'Caller');
  const pairs = fc.array(fc.tuple(field, nastyText), { maxLength: 8 });
  const form = pairs.map((entries) => ({ contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(entries).toString() }));
  const other = fc.record({
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded; charset=klingon', 'multipart/form-data'),
    body: nastyText,
  });
  return fc.oneof({ weight: 3, arbitrary: form }, { weight: 1, arbitrary: other });
}
