package io.metastore.security;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives Liberty's MP JWT the key for Metastore's tokens from METASTORE_JWT_PUBLIC_KEY_LOCATION, in this application's
 * configuration only. MP JWT reads its key from MicroProfile Config, where a server variable named mp.jwt.* would
 * reach every application on the server; this source outranks such variables (and the environment) so that Metastore
 * neither hands its key to other applications nor picks up theirs. An empty value is "not set" to MP JWT.
 */
public class JwtTrustConfigSource implements ConfigSource {

    /** Above server.xml variables (500), the environment (300) and microprofile-config.properties (100). */
    private static final int ORDINAL = 900;

    private static final Map<String, String> PROPERTIES = Map.of(
            "mp.jwt.verify.publickey.location", "${" + TrustSettings.KEY_LOCATION + ":}",
            "mp.jwt.verify.publickey", "",
            "mp.jwt.decrypt.key.location", "");

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "Metastore JWT trust";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
