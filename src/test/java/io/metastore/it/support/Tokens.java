package io.metastore.it.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Real RS256 JWTs for the tests, signed with the committed development key (the one the test server trusts) or with
 * another issuer's key ({@link SigningKeys}), and, to prove rejection, with a stranger's key, another issuer or
 * audience, bad times or {@code alg: none}. No {@code aud} unless one is given: the standalone server requires none.
 */
public final class Tokens {

    public static final String DEV_ISSUER = "metastore-dev";
    private static final Path DEV_PRIVATE_KEY = Path.of("liberty/dev/jwt-private.pem");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String subject;
    private final List<String> groups;
    private String issuer = DEV_ISSUER;
    private Instant expiresAt = Instant.now().plusSeconds(3600);
    private Instant notBefore;
    private PrivateKey key = devKey();
    private List<String> audiences = List.of();
    private boolean unsigned;

    private Tokens(String subject, List<String> groups) {
        this.subject = subject;
        this.groups = groups;
    }

    /** A valid token for the subject with these grants, e.g. {@code token("alice", "assets:write")}. */
    public static String token(String subject, String... grants) {
        return of(subject, grants).sign();
    }

    public static Tokens of(String subject, String... grants) {
        return new Tokens(subject, List.of(grants));
    }

    public Tokens issuer(String value) {
        issuer = value;
        return this;
    }

    public Tokens audience(String... values) {
        audiences = List.of(values);
        return this;
    }

    public Tokens signedWith(PrivateKey value) {
        key = value;
        return this;
    }

    public Tokens expiresAt(Instant value) {
        expiresAt = value;
        return this;
    }

    public Tokens notBefore(Instant value) {
        notBefore = value;
        return this;
    }

    public Tokens signedByStranger() {
        return signedWith(SigningKeys.generate().getPrivate());
    }

    public Tokens unsigned() {
        unsigned = true;
        return this;
    }

    public String sign() {
        String header = unsigned ? "{\"alg\":\"none\",\"typ\":\"JWT\"}" : "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":" + quote(issuer)
                + (audiences.isEmpty() ? "" : ",\"aud\":" + array(audiences))
                + ",\"sub\":" + quote(subject) + ",\"upn\":" + quote(subject)
                + ",\"groups\":" + array(groups)
                + ",\"iat\":" + Math.min(now, expiresAt.getEpochSecond() - 60) + ",\"exp\":" + expiresAt.getEpochSecond()
                + (notBefore == null ? "" : ",\"nbf\":" + notBefore.getEpochSecond())
                + ",\"jti\":" + quote(UUID.randomUUID().toString()) + "}";
        String signingInput = encode(header) + "." + encode(claims);
        if (unsigned) {
            return signingInput + ".";
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String array(List<String> values) {
        return "[" + values.stream().map(Tokens::quote).collect(Collectors.joining(",")) + "]";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static PrivateKey devKey() {
        try {
            String pem = Files.readString(DEV_PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the development key " + DEV_PRIVATE_KEY, e);
        }
    }
}
