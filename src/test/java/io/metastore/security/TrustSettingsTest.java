package io.metastore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustSettingsTest {

    private static final Optional<String> PLATFORM = Optional.of("https://idp.example");
    private static final Optional<String> JWKS = Optional.of("https://idp.example/jwks");

    @Test
    void aPlatformIssuerKeyAndAudienceAreSoundAndAcceptOnlyThatIssuerAndAudience() {
        TrustSettings trust = new TrustSettings(PLATFORM, List.of("metastore", " metastore-v2 "), JWKS, false);
        assertEquals(List.of(), trust.problems());
        assertTrue(trust.accepts("https://idp.example", Set.of("catalog", "metastore-v2")));
        assertFalse(trust.accepts("https://idp.example", Set.of("catalog")), "another service's audience");
        assertFalse(trust.accepts("https://idp.example", null), "no audience");
        assertFalse(trust.accepts("https://other.example", Set.of("metastore")), "another issuer");
    }

    @Test
    void withoutAnAudienceNothingIsAccepted() {
        TrustSettings trust = new TrustSettings(PLATFORM, List.of(" ", ""), JWKS, false);
        assertEquals(List.of("METASTORE_JWT_AUDIENCES is not set (the aud the token issuer mints for Metastore)"),
                trust.problems());
        assertFalse(trust.accepts("https://idp.example", Set.of("metastore")));
        assertFalse(trust.accepts("https://idp.example", null));
    }

    @Test
    void anyAudienceBelongsToTheDevelopmentTrustOnly() {
        TrustSettings development = new TrustSettings(Optional.of("metastore-dev"), List.of("ALL_AUDIENCES"),
                Optional.of("file:/srv/dev/jwt-public.pem"), true);
        assertEquals(List.of(), development.problems());
        assertTrue(development.accepts("metastore-dev", null), "no audience required in development");
        assertTrue(development.accepts("metastore-dev", Set.of("anything")));

        TrustSettings platform = new TrustSettings(PLATFORM, List.of("ALL_AUDIENCES"), JWKS, false);
        assertEquals(List.of("METASTORE_JWT_AUDIENCES=ALL_AUDIENCES would accept tokens minted for any service; name "
                + "Metastore's audience"), platform.problems());
        assertFalse(platform.accepts("https://idp.example", Set.of("metastore")));
    }

    @Test
    void theDevelopmentKeyIsTrustedOnlyWithTheDevelopmentIssuer() {
        // the standalone server with only METASTORE_JWT_ISSUER overridden
        TrustSettings issuerOnly = new TrustSettings(PLATFORM, List.of("ALL_AUDIENCES"),
                Optional.of("file:/srv/dev/jwt-public.pem"), true);
        assertEquals(List.of("METASTORE_JWT_PUBLIC_KEY_LOCATION names the committed development key, which is trusted "
                + "only with issuer metastore-dev; set it to https://idp.example's key"), issuerOnly.problems());
        assertFalse(issuerOnly.accepts("https://idp.example", Set.of("metastore")));
    }

    @Test
    void everyMissingSettingIsNamedAtOnce() {
        TrustSettings nothing = new TrustSettings(Optional.empty(), List.of(), Optional.empty(), false);
        assertEquals(3, nothing.problems().size(), nothing.problems()::toString);
        assertFalse(nothing.accepts(null, null));
    }
}
