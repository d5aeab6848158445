import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';

/**
 * The API docs page (/api/docs) as Response's own: its title, name and storm-cloud mark, the web
 * UI's colours, and none of the framework's branding (title "Swagger UI", logo, favicon).
 */
const MARK = `<g fill="none" stroke-linecap="round" stroke-linejoin="round">
  <path d="M12 27h20a8 8 0 0 0 0-16 11 11 0 0 0-21-2A9 9 0 0 0 12 27z" fill="#dbe4f3"/>
  <path d="M22 22l-4 8h6l-3 8" stroke="#fdb022" stroke-width="2.6"/>
</g>`;

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="40" viewBox="0 0 260 40">
${MARK}
<text x="48" y="27" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="20" font-weight="700" fill="#ffffff">Response API</text>
</svg>`;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 44 40"><rect width="44" height="40" rx="8" fill="#14233c"/>${MARK}</svg>`;

// The top bar in the web UI's header colour; the URL box and "Explore" button go (one spec, found by itself).
const CSS = `.swagger-ui .topbar { background: #14233c; }
.swagger-ui .topbar .download-url-wrapper { display: none; }
.swagger-ui .topbar-wrapper img { height: 40px; }
.swagger-ui .topbar-wrapper > a.link { margin-right: auto; }`;

export const apiDocsTheme: Pick<FastifySwaggerUiOptions, 'logo' | 'theme'> = {
  logo: { type: 'image/svg+xml', content: Buffer.from(LOGO) },
  theme: {
    title: 'Response API',
    css: [{ filename: 'response.css', content: CSS }],
    favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(FAVICON) }],
  },
};
