# The application image: nginx + the FastCGI handlers (spawn-fcgi + multiwatch) + the job schedule,
# under Debian's supervisor; also runs the OVH emulator (docker-compose.yml, dev profile).
# Same commands as scripts/run: render_static, scripts/lib/nginx.sh site, scripts/migrate up,
# scripts/scheduler. Settings: the same environment variables (README "Configuration").
# Docker does not run on the project's machines: this file is checked by reading and by
# `docker-compose config` only (README "Containers").

# --- build -------------------------------------------------------------------------------------
FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      cmake g++ make pkg-config ca-certificates nodejs npm \
      libfcgi-dev libpqxx-dev libcurl4-openssl-dev libjansson-dev libctemplate-dev \
      libgtest-dev libgmock-dev libpcre2-dev libssl-dev libcpp-httplib-dev libhowardhinnant-date-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# npm first: the assets (DSFR, Chart.js) change less often than the code.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build -j"$(nproc)" \
      --target announcements book cancel status stats moderate jobs render_static ovh_emulator

# --- runtime -----------------------------------------------------------------------------------
FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      nginx spawn-fcgi multiwatch supervisor postgresql-client curl ca-certificates procps tzdata \
      libfcgi0ldbl libpqxx-6.4 libcurl4 libjansson4 libctemplate3 libpcre2-8-0 libssl3 libdate-tz3 \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && useradd --system --home-dir /var/lib/audioconf --shell /usr/sbin/nologin audioconf
# The layout of a VM install (README "Production"): /opt/audioconf holds the release.
COPY --from=build /build/bin/ /opt/audioconf/bin/
COPY --from=build /src/node_modules/@gouvfr/dsfr/dist/ /opt/audioconf/node_modules/@gouvfr/dsfr/dist/
COPY --from=build /src/node_modules/chart.js/dist/ /opt/audioconf/node_modules/chart.js/dist/
COPY templates/ /opt/audioconf/templates/
COPY static/ /opt/audioconf/static/
COPY nginx/ /opt/audioconf/nginx/
COPY scripts/ /opt/audioconf/scripts/
COPY deploy/stack.conf /opt/audioconf/deploy/stack.conf
COPY sql/ /opt/audioconf/sql/
COPY deploy/docker/supervisord.conf /etc/supervisor/audioconf.conf
COPY deploy/docker/entrypoint.sh /usr/local/bin/audioconf-entrypoint
ENV AUDIOCONF_BUILD_DIR=/opt/audioconf \
    AUDIOCONF_TEMPLATES_DIR=/opt/audioconf/templates \
    AUDIOCONF_VAR_DIR=/var/lib/audioconf \
    AUDIOCONF_CONFIG_DIR=/etc/audioconf \
    WORKERS_PER_HANDLER=2 \
    PORT=8080 \
    TZ=Europe/Paris
# The socket directory: setgid and in nginx's group (Debian's nginx runs its workers as
# www-data), so that each handler socket, 0660, is nginx's to open and no one else's.
RUN mkdir -p /var/lib/audioconf /etc/audioconf /run/audioconf \
 && chown audioconf: /var/lib/audioconf \
 && chown audioconf:www-data /run/audioconf && chmod 2750 /run/audioconf
VOLUME /var/lib/audioconf
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/api/status" || exit 1
ENTRYPOINT ["/usr/local/bin/audioconf-entrypoint"]
CMD ["app"]
