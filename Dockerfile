# Renxing's command line in an image: `renxing worker`, `renxing serve`, `renxing run` …
# (docker-compose.yml builds it). Built with the full toolchain (the build compiles TypeScript, the
# WebAssembly kernel and the viewer), shipped on the slim image with only what runs.
FROM node:20-bookworm AS build
WORKDIR /opt/renxing
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /opt/renxing
COPY --from=build /opt/renxing/package.json /opt/renxing/package-lock.json ./
COPY --from=build /opt/renxing/node_modules ./node_modules
COPY --from=build /opt/renxing/dist ./dist
COPY --from=build /opt/renxing/scenarios ./scenarios
COPY --from=build /opt/renxing/schemas ./schemas
# The API's SQLite database lives in /data (a volume); the office's own region packs in /packs.
RUN mkdir -p /data /packs && chown node:node /data
USER node
ENTRYPOINT ["node", "/opt/renxing/dist/engine/cli/main.js"]
CMD ["--help"]
