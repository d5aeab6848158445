import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The web UI learns from /api/v1/me whether it runs beside the sandbox: only then does it link there. */
describe('the sandbox flag on /api/v1/me', () => {
  let plain: TestApp;
  let beside: TestApp;
  beforeAll(async () => {
    [plain, beside] = await Promise.all([startTestApp(), startTestApp({ appOptions: { sandboxUrl: '/sandbox' } })]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), beside?.close()]);
  });

  it('is null without the sandbox, and the sandbox path when it runs', async () => {
    expect((await plain.api('GET', '/api/v1/me')).body).toMatchObject({ sandbox_url: null, via: 'token' });
    expect((await beside.api('GET', '/api/v1/me')).body).toMatchObject({ sandbox_url: '/sandbox', via: 'token' });
  });

  it('is behind authentication like the rest of /api/v1/me', async () => {
    expect((await fetch(`${beside.baseUrl}/api/v1/me`)).status).toBe(401);
  });

  it("serves the API docs as Response's own: title, logo and favicon, no framework branding", async () => {
    const res = await fetch(`${plain.baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Response API</title>');
    expect(html).not.toMatch(/Swagger UI|favicon-(16|32)x/);
    const icon = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(icon).toMatch(/theme\/favicon\.svg$/);
    const favicon = await fetch(new URL(icon!, res.url));
    expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
    // The logo replaces Swagger's in the page's script, as an SVG that names Response.
    const init = await (await fetch(`${plain.baseUrl}/api/docs/static/swagger-initializer.js`)).text();
    const logo = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(init)?.[1];
    expect(Buffer.from(logo ?? '', 'base64').toString()).toContain('Response API');
  });
});
