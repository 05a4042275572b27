import { fixtures, IMPORT_UPLOAD_MAX_BYTES, importProgressV1, importRunV1, productGetV1, productUpdateV1, type ImportRunRequestV1, type ProductUpdateRequestV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { ADMIN, type GatewayWorld, type LiveClient, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const CSV = 'sku,name,price\n100234,Nivea Creme 150 ml,59.00\n100235,Broken,-1\n';

describe('catalogue import and product editing on the admin API', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let manager: TestBrowser & { staffId: string };
  let agent: TestBrowser & { staffId: string };
  const imports: ImportRunRequestV1[] = [];
  const updates: ProductUpdateRequestV1[] = [];
  const sockets: LiveClient[] = [];

  /** Uploads a file as the admin page does: the raw file as the body, its name in the query. */
  const upload = async (browser: TestBrowser, query: string, body: string | Uint8Array, contentType = 'text/csv') => {
    const response = await fetch(`${world.url}/api/admin/catalogue/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...browser.ownPageHeaders() },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    world = await startGatewayWorld();
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    manager = await staffBrowser(world, admin, 'import-manager', 'catalogue-manager');
    agent = await staffBrowser(world, admin, 'import-agent', 'agent');
    await world.services.reply(importRunV1, async (request) => {
      imports.push(request);
      const progress = { importId: request.importId, file: request.fileName, created: 1, updated: 0, unchanged: 0, rejected: 1 };
      await world.services.publish(importProgressV1, { ...progress, phase: 'running', linesRead: 1 });
      await world.services.publish(importProgressV1, { ...progress, phase: 'completed', linesRead: 2 });
      return { ok: true, importId: request.importId, linesRead: 2, created: 1, updated: 0, unchanged: 0, rejected: 1, rejectedRows: [{ line: 3, reason: 'price: a negative price' }] };
    });
    await world.services.reply(productGetV1, ({ productId }) =>
      productId === fixtures.peanutOil.id ? { ok: true, product: fixtures.peanutOil } : { ok: false, code: 'NOT_FOUND', message: `no product ${productId}` },
    );
    await world.services.reply(productUpdateV1, (request) => {
      updates.push(request);
      return { ok: true, product: { ...fixtures.peanutOil, ...(request.changes.name ? { name: request.changes.name } : {}) }, aliases: request.changes.aliases ?? [] };
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await world.close();
  });

  it("relays an uploaded CSV with the manager as actor, answers the report and pushes progress to managers, not agents", async () => {
    const [managerSocket, agentSocket] = [await manager.openLive(), await agent.openLive()];
    sockets.push(managerSocket, agentSocket);
    await eventually(() => managerSocket.messages.length > 0 && agentSocket.messages.length > 0, 'both sockets to be greeted');
    const importId = '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
    const answer = await upload(manager, `fileName=spring.csv&currency=CNY&importId=${importId}`, CSV);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ importId, linesRead: 2, created: 1, updated: 0, unchanged: 0, rejected: 1, rejectedRows: [{ line: 3, reason: 'price: a negative price' }] });
    expect(imports.at(-1)).toEqual({ importId, fileName: 'spring.csv', format: 'csv', content: CSV, currency: 'CNY', actor: { kind: 'staff', staffId: manager.staffId } });
    await eventually(() => managerSocket.messages.filter((message) => message.type === 'import.progress').length === 2, 'both progress events to reach the manager');
    expect(managerSocket.messages.find((message) => message.type === 'import.progress')?.data).toMatchObject({ importId, phase: 'running', file: 'spring.csv' });
    expect(agentSocket.messages.some((message) => message.type === 'import.progress')).toBe(false);
  });

  it('generates the import id when the page gives none and takes the format from the file name', async () => {
    const answer = await upload(admin, 'fileName=items.jsonl', '{"sku":"1","name":"x"}\n', 'application/octet-stream');
    expect(answer.status).toBe(200);
    expect(imports.at(-1)).toMatchObject({ format: 'jsonl', importId: answer.body.importId });
    expect(String(answer.body.importId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a file over the upload limit with 413 naming the command-line tool, and relays nothing', async () => {
    const before = imports.length;
    const big = new Uint8Array(IMPORT_UPLOAD_MAX_BYTES + 1).fill(0x61);
    const answer = await upload(manager, 'fileName=huge.csv', big);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
    expect(String(answer.body.message)).toContain('command-line');
    expect(imports.length).toBe(before);

    // Without a Content-Length (chunked), the limit holds while reading.
    const chunk = new Uint8Array(100_000).fill(0x62);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const chunked = await fetch(`${world.url}/api/admin/catalogue/imports?fileName=huge.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...manager.ownPageHeaders() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(imports.length).toBe(before);
  });

  it('refuses agents (403), an unknown format (400), an empty file (400) and a JSON body (415)', async () => {
    expect((await upload(agent, 'fileName=a.csv', CSV)).status).toBe(403);
    expect((await upload(manager, 'fileName=notes.txt', CSV, 'text/plain')).status).toBe(400);
    expect((await upload(manager, 'fileName=a.csv&currency=yuan', CSV)).status).toBe(400);
    expect((await upload(manager, 'fileName=a.csv', '')).status).toBe(400);
    expect((await upload(manager, 'fileName=a.csv', '{"content":"x"}', 'application/json')).status).toBe(415);
    expect((await agent.get(`/api/admin/catalogue/products/${fixtures.peanutOil.id}`)).status).toBe(403);
  });

  it('reads a product and relays an edit with the staff actor; a bad body is a 400', async () => {
    const read = await manager.get<{ product: { id: string } }>(`/api/admin/catalogue/products/${fixtures.peanutOil.id}`);
    expect(read.status).toBe(200);
    expect(read.body.product.id).toBe(fixtures.peanutOil.id);
    expect((await manager.get('/api/admin/catalogue/products/nope-404')).status).toBe(404);

    const edited = await manager.call<{ product: { name: string }; aliases: string[] }>('PATCH', `/api/admin/catalogue/products/${fixtures.peanutOil.id}`, {
      name: 'Peanut oil 5 L',
      aliases: ['花生油', 'groundnut oil'],
      active: false,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ product: { name: 'Peanut oil 5 L' }, aliases: ['花生油', 'groundnut oil'] });
    expect(updates.at(-1)).toEqual({
      productId: fixtures.peanutOil.id,
      changes: { name: 'Peanut oil 5 L', aliases: ['花生油', 'groundnut oil'], active: false },
      actor: { kind: 'staff', staffId: manager.staffId },
    });
    const count = updates.length;
    const empty = await manager.call('PATCH', `/api/admin/catalogue/products/${fixtures.peanutOil.id}`, {});
    expect(empty.status).toBe(400);
    const badPrice = await manager.call('PATCH', `/api/admin/catalogue/products/${fixtures.peanutOil.id}`, { price: { amountMinor: -5, currency: 'CNY' } });
    expect(badPrice.status).toBe(400);
    expect(String(badPrice.body.message)).toContain('price');
    expect((await manager.call('PATCH', '/api/admin/catalogue/products/bad id!', { active: true })).status).toBe(400);
    expect((await agent.call('PATCH', `/api/admin/catalogue/products/${fixtures.peanutOil.id}`, { active: true })).status).toBe(403);
    expect(updates.length).toBe(count);
  });

  it('describes the upload and the product edit in the OpenAPI document', async () => {
    const document = await new TestBrowser(world.url).get<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.paths['/api/admin/catalogue/imports'].post.requestBody).toMatchObject({ content: { 'text/csv': expect.anything() } });
    expect(JSON.stringify(document.body.paths['/api/admin/catalogue/products/{productId}'].patch.requestBody)).toContain('aliases');
  });
});
