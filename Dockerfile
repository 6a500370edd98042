# syntax=docker/dockerfile:1
# Ticketgram as a container image: built in one stage, run in a slim one as an unprivileged
# user, with its SQLite database (and the token key generated next to it) on a volume.
# docs/deploy.md has the whole story (PostgreSQL, a reverse proxy, backups).
#
#   docker build -t ticketgram .
#   docker run -d --name ticketgram -p 127.0.0.1:8080:8080 \
#       -v ticketgram-data:/var/lib/ticketgram \
#       -e TICKETGRAM_BOT_TOKEN=123456789:AA... \
#       -e TICKETGRAM_SECRET_KEY=... \
#       -e TICKETGRAM_PUBLIC_URL=https://help.example.com \
#       ticketgram
#
# Without TICKETGRAM_BOT_TOKEN it runs the demo: `docker run --rm -p 127.0.0.1:8080:8080
# ticketgram` and open the sign-in link it prints last.

FROM rust:1.95-slim-trixie AS build
WORKDIR /src
COPY . .
# Caches keep the registry and the build between `docker build`s (BuildKit); the binary is
# copied out of the cached target directory, which does not end up in the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p ticketgram \
    && install -m 0755 target/release/ticketgram /usr/local/bin/ticketgram

FROM debian:trixie-slim
# CA certificates for api.telegram.org and webhook receivers. Time zones are compiled into
# the binary (chrono-tz), so no tzdata.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 ticketgram \
    && useradd --system --uid 10001 --gid ticketgram --home-dir /var/lib/ticketgram \
        --shell /usr/sbin/nologin ticketgram \
    && install -d -o ticketgram -g ticketgram -m 0700 /var/lib/ticketgram
COPY --from=build /usr/local/bin/ticketgram /usr/local/bin/ticketgram

# The database and `ticketgram.secret` (the key sealing stored bot tokens, made on first
# start when TICKETGRAM_SECRET_KEY is unset) live here: keep this volume, back it up.
VOLUME /var/lib/ticketgram
WORKDIR /var/lib/ticketgram
ENV TICKETGRAM_DATABASE_URL=sqlite:///var/lib/ticketgram/ticketgram.db \
    TICKETGRAM_HTTP_ADDR=0.0.0.0:8080 \
    TICKETGRAM_LOG_FORMAT=json
EXPOSE 8080
USER ticketgram:ticketgram
# `serve` stops cleanly on SIGTERM (what `docker stop` sends).
ENTRYPOINT ["/usr/local/bin/ticketgram"]
CMD ["serve"]
