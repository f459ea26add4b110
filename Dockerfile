# connect-auditor in a container: Debian 12, built in one stage, run in another
# as a non-root user, with the packs baked in.
#   docker build -t connect-auditor .
#   docker run --rm -v "$PWD:/work" connect-auditor audit /work/snapshot.json -o /work/out
# (tests/dockerfile_check.py checks this file's COPY sources and user.)
FROM debian:12-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config python3 liblua5.4-dev libcjson-dev libcurl4-openssl-dev \
      check libsubunit-dev libsqlite3-dev libssl-dev libexpat1-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt LICENSE NOTICE README.md CHANGELOG.md ./
COPY auditor/ auditor/
COPY policies/ policies/
COPY schema/ schema/
COPY scripts/gen-cli-docs scripts/
COPY tests/ tests/
COPY fixtures/ fixtures/
COPY bench/ bench/
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
 && cmake --build build -j"$(nproc)" --target connect-auditor cli-docs \
 && DESTDIR=/out cmake --install build

FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcurl4 libssl3 liblua5.4-0 libcjson1 libexpat1 libsqlite3-0 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /home/auditor auditor
COPY --from=build /out/usr/ /usr/
USER 10001:10001
WORKDIR /home/auditor
ENTRYPOINT ["/usr/bin/connect-auditor"]
CMD ["--help"]
