# The tracker's image for docker-compose.yml. `npm start` applies the
# migrations, loads the demo data into an empty database and serves the build.
# Node 24 is the long-term-support line (Node 20's support ended in April 2026),
# and the server spends about an eighth less CPU a dashboard request on it
# than on Node 20 (docs/benchmarks.md, sixth measurement).
FROM node:24-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["npm", "start"]
