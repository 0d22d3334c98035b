# Build on Node 24 LTS; the runtime image carries production dependencies and the compiled JS only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY config ./config
COPY seeds ./seeds
USER node
EXPOSE 3000 9464
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["worker"]
