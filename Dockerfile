# Chatwork Invite: a multi-stage image. Build: `docker build -t chatwork-invite .`; run: see README "Docker".
# The build stage has the dev dependencies (TypeScript) and compiles src/ to dist/; the runtime stage has only
# the production dependencies and dist/, and runs as the unprivileged `node` user.

ARG NODE_VERSION=20.20
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; these are for the rare platform that must compile it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATA_DIR=/data \
  STORE_URL=sqlite:/data/chatwork-invite.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SQLite file and a generated secret.key live in /data: mount a volume there so they survive the container.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `docker stop` sends SIGTERM to node itself (no npm or shell in between): it drains and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
