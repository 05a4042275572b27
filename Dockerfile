# syntax=docker/dockerfile:1
# One image for every callcart service; SERVICE picks the one that runs:
#   docker build -t callcart .
#   docker run --rm -e SERVICE=orders -e NATS_URL=nats://... -e DATABASE_URL=postgres://... callcart
# (docker-compose.yml builds it with --build-arg SERVICE=<name>, which only sets the default.)
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile every app into dist/apps/<app>/src/main.js -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
# speech: the offline recogniser will need Debian's pocketsphinx here to build its N-API addon
# (pocketsphinx libpocketsphinx-dev libsphinxbase-dev, plus python3 make g++ for node-gyp), and
# pocketsphinx-en-us + libpocketsphinx3 in the runtime stage below. Not installed yet.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the compiled output only ----------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
# gateway 3000, call-ingest 3001, speech 3002, catalogue 3003, orders 3004, voice 3005 (HTTP_PORT overrides)
EXPOSE 3000 3001 3002 3003 3004 3005
# Last, so the layers above are shared by every service's image.
ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
# Shell form so $SERVICE expands; `exec` replaces the shell with node, so node itself gets
# SIGTERM and shuts down gracefully (compose adds an init process to reap zombies: init: true).
CMD exec node dist/apps/$SERVICE/src/main.js
