import { describe, expect, it } from 'vitest';
import { readStatusPageConfig } from './status-page.js';
import { readStatuspageConfig } from './statuspage.js';

describe('the status page settings', () => {
  it('are off without a section or variables, and read the config file section with defaults', () => {
    expect(readStatusPageConfig({}, undefined)).toBeNull();
    expect(readStatusPageConfig({}, { components: [{ key: 'api', name: 'API', group: 'Platform' }] })).toEqual({
      enabled: true,
      title: 'Status',
      components: [{ key: 'api', name: 'API', description: null, group: 'Platform' }],
    });
    expect(readStatusPageConfig({ STATUS_PAGE_ENABLED: 'false' }, { title: 'Acme' })?.enabled).toBe(false);
  });

  it('read the environment when the file says nothing, the file winning when both do', () => {
    const env = { STATUS_PAGE_TITLE: 'Env status', STATUS_PAGE_COMPONENTS: 'api=Public API, web = Website' };
    expect(readStatusPageConfig(env, undefined)?.components.map((c) => [c.key, c.name])).toEqual([
      ['api', 'Public API'],
      ['web', 'Website'],
    ]);
    expect(readStatusPageConfig(env, { title: 'File' })?.title).toBe('File');
  });

  it.each([
    [{}, { components: [{ key: 'API!', name: 'x' }] }, 'integrations.statusPage.components.0.key'],
    [{}, { components: [{ key: 'a', name: 'x' }, { key: 'a', name: 'y' }] }, 'integrations.statusPage.components.1.key'],
    [{}, { colour: 'red' }, 'integrations.statusPage'],
    [{ STATUS_PAGE_COMPONENTS: 'api' }, undefined, 'STATUS_PAGE_COMPONENTS'],
    [{ STATUS_PAGE_ENABLED: 'maybe' }, {}, 'STATUS_PAGE_ENABLED'],
  ])('name what is wrong (%j, %j)', (env, file, named) => {
    expect(() => readStatusPageConfig(env, file)).toThrow(named);
  });
});

describe('the Statuspage settings', () => {
  it('are off without a key and page, and read the mapping from the file or the environment', () => {
    expect(readStatuspageConfig({}, undefined)).toBeNull();
    expect(readStatuspageConfig({ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p' }, { components: { api: 'c1' } })).toEqual({
      apiKey: 'k',
      pageId: 'p',
      apiUrl: 'https://api.statuspage.io/v1',
      components: { api: 'c1' },
    });
    expect(readStatuspageConfig({ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p', STATUSPAGE_API_URL: 'http://127.0.0.1:9/v1/', STATUSPAGE_COMPONENTS: 'api=c1,web=c2' }, undefined)).toMatchObject({
      apiUrl: 'http://127.0.0.1:9/v1',
      components: { api: 'c1', web: 'c2' },
    });
  });

  it.each([
    [{ STATUSPAGE_PAGE_ID: 'p' }, 'STATUSPAGE_API_KEY'],
    [{ STATUSPAGE_API_KEY: 'k' }, 'STATUSPAGE_PAGE_ID'],
    [{ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p', STATUSPAGE_API_URL: 'nope' }, 'STATUSPAGE_API_URL'],
    [{ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p', STATUSPAGE_COMPONENTS: 'api' }, 'STATUSPAGE_COMPONENTS'],
  ])('name the bad variable (%j)', (env, named) => {
    expect(() => readStatuspageConfig(env, undefined)).toThrow(named);
  });
});
