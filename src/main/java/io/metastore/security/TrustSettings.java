package io.metastore.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which tokens Metastore accepts, from METASTORE_JWT_ISSUER, METASTORE_JWT_AUDIENCES and
 * METASTORE_JWT_PUBLIC_KEY_LOCATION, and what is wrong with them. Liberty verifies signature, issuer and audience
 * before the application runs; these rules add what Liberty cannot know: an audience is required, and the committed
 * development key (whose private half is public) is trusted only as the standalone server's development trust.
 */
public record TrustSettings(Optional<String> issuer, List<String> audiences, Optional<String> keyLocation,
                            boolean developmentKey) {

    public static final String ISSUER = "METASTORE_JWT_ISSUER";
    public static final String AUDIENCES = "METASTORE_JWT_AUDIENCES";
    public static final String KEY_LOCATION = "METASTORE_JWT_PUBLIC_KEY_LOCATION";
    public static final String DEVELOPMENT_ISSUER = "metastore-dev";
    /** Liberty's word for "any audience"; honoured only with the development key, which anyone can sign with. */
    public static final String ANY_AUDIENCE = "ALL_AUDIENCES";

    public TrustSettings {
        audiences = audiences.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    /** What must change before any token is accepted; empty when the settings are sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (issuer.isEmpty()) {
            problems.add(ISSUER + " is not set (the iss of the tokens to accept)");
        }
        if (keyLocation.isEmpty()) {
            problems.add(KEY_LOCATION + " is not set (the issuer's public key or JWKS, as a file or URL)");
        }
        if (audiences.isEmpty()) {
            problems.add(AUDIENCES + " is not set (the aud the token issuer mints for Metastore)");
        }
        if (developmentKey && !issuer.orElse("").equals(DEVELOPMENT_ISSUER)) {
            problems.add(KEY_LOCATION + " names the committed development key, which is trusted only with issuer "
                    + DEVELOPMENT_ISSUER + "; set it to " + issuer.orElse("the issuer") + "'s key");
        }
        if (audiences.contains(ANY_AUDIENCE) && !developmentKey) {
            problems.add(AUDIENCES + "=" + ANY_AUDIENCE + " would accept tokens minted for any service; name "
                    + "Metastore's audience");
        }
        return problems;
    }

    /** Whether a verified token was issued for Metastore: by the configured issuer, for a configured audience. */
    public boolean accepts(String tokenIssuer, Collection<String> tokenAudiences) {
        if (!problems().isEmpty() || !issuer.get().equals(tokenIssuer)) {
            return false;
        }
        if (audiences.contains(ANY_AUDIENCE)) {
            return true;
        }
        return tokenAudiences != null && tokenAudiences.stream().anyMatch(Set.copyOf(audiences)::contains);
    }
}
