# Metastore on the official Open Liberty image, with the production defaults of liberty/production/server.xml (the
# runnable jar's): no token issuer trusted until METASTORE_JWT_ISSUER, METASTORE_JWT_PUBLIC_KEY_LOCATION and
# METASTORE_JWT_AUDIENCES are set (an audience is required; the development key is not in the image), JSON lines on
# the console. Configured by the same environment variables as every Metastore (README, docs/metastore.md).
# Untested: the machines this project is built on have no container engine.
#
#   mvn package        (builds target/metastore.war and copies the PostgreSQL driver into target/liberty)
#   docker build -t metastore .
#   docker run -p 9080:9080 -e METASTORE_DB_URL=... -e METASTORE_JWT_ISSUER=... ... metastore
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

# Configuration first, then features.sh installs the features it names (the kernel-slim image has none)
COPY --chown=1001:0 liberty/production/server.xml liberty/production/jvm.options liberty/metastore.xml \
     liberty/standalone.xml /config/
RUN features.sh

# The JDBC driver where metastore.xml's library looks (${shared.resource.dir}/jdbc), and the application
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/postgresql-*.jar /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/metastore.war /config/apps/

# The image's own set-up (keystore, class cache); the server runs as the image's non-root user 1001
RUN configure.sh
USER 1001
