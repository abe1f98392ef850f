package io.metastore.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configDropins override that gives a test's Liberty server its HTTP port and its database. Liberty reads overrides
 * in name order, so the file name must sort after liberty-maven-plugin's {@code liberty-plugin-variable-config.xml}.
 */
final class ServerOverride {

    private ServerOverride() {
    }

    static void write(Path file, String httpPort, String databaseUrl, String user, String password)
            throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by the integration tests: the server's port and database -->
                <server>
                  <variable name="default.http.port" value="%s"/>
                  <variable name="default.https.port" value="-1"/>
                  <variable name="METASTORE_DB_URL" value="%s"/>
                  <variable name="METASTORE_DB_USER" value="%s"/>
                  <variable name="METASTORE_DB_PASSWORD" value="%s"/>
                </server>
                """.formatted(Xml.attribute(httpPort), Xml.attribute(databaseUrl), Xml.attribute(user),
                Xml.attribute(password));
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
    }
}
