# syntax=docker/dockerfile:1
#
# Response: multi-stage image.
#   docker build -t response .
#   docker run -p 3000:3000 --env-file .env -v response-data:/data response
#
# The build stage has the compilers (esbuild, TypeScript, Vite); the runtime stage has
# production dependencies and the built output only.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: the server (esbuild), its SDK's declarations (tsc) and the web UI (vite) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Lockfile and the workspaces' manifests first, so the dependency layer is cached until a package.json changes.
COPY package.json package-lock.json ./
COPY packages/slack-emulator/package.json ./packages/slack-emulator/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Response" \
      org.opencontainers.image.description="Slack-first incident response" \
      org.opencontainers.image.licenses="MIT"
# NODE_ENV=production also keeps the sandbox workspace off (anyone reaching it could act as its admin):
# it runs in this image only when asked for by name with SANDBOX=true (or SANDBOX=share).
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# The workspace's manifest lets npm ci check it against the lockfile and install its dependencies (ws). Its code
# comes compiled inside dist/ (dist/node_modules/@response/slack-emulator, found before the source link).
COPY package.json package-lock.json ./
COPY packages/slack-emulator/package.json ./packages/slack-emulator/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Owned by root and read-only to the app user: the process cannot rewrite its own code.
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# Only the embedded database (DATABASE_URL unset) writes here; mount a volume on /data to keep it.
RUN mkdir -p /data && chown 1000:1000 /data

# Numeric uid (the image's `node` user) so Kubernetes' runAsNonRoot can verify it without a passwd lookup.
USER 1000:1000
EXPOSE 3000
# No curl in the slim image: ask Node itself. Exec form, so PORT is read by the script, not the shell.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (stops accepting, finishes in-flight work, exits 0);
# no npm wrapper in between, which would swallow the signal.
CMD ["node", "dist/main/server.js"]
