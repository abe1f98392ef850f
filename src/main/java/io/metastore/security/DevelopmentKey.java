package io.metastore.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Recognises the committed development key (liberty/dev/jwt-public.pem) in a configured key file, as a PEM public key
 * or inside a JWKS. Its private half is in the repository, so whoever trusts it trusts anyone. Only local files are
 * read; a key served over http(s) is the issuer's business.
 */
final class DevelopmentKey {

    /** The body of liberty/dev/jwt-public.pem; DevelopmentKeyTest keeps the two equal. */
    static final String PEM_BODY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2BTtGuIY2ghDs3W9DGWj"
            + "nQVZWVDn+8Sc7fwdKaN1/KPTjFUNHzfRz6lmusZ00mys/1VFWh6ZEzb8H+bIvR/d"
            + "XgZej9BZxqjRnoHdv42VtanV0MpOW2qTEXqX70BrvFzDrS8H83BKMLZL5txTw5NY"
            + "UFQH8y06daWv8YVywCW/pujJl5gX/y5cOLxFwvS8GwPgNZSyG2NgYiTuav31AOHi"
            + "MB6qkwqxiIP6bBi23LGn3ocTMZxZwA8b4Ik4i62SKMZpmc6Yxt1Rs6oVkSpiezye"
            + "Sw/tCr4l7jBoInzwZmHpu6hTFQnXDFtQrwfns5NlbXaKAL1bJp0jWQY+bA5F8f1o"
            + "QwIDAQAB";
    /** The modulus as a JWK writes it ("n": unsigned big-endian, base64url without padding). */
    private static final String JWK_MODULUS = jwkModulus();

    private DevelopmentKey() {
    }

    /** Whether the key file at this location (a file: URL or a path) holds the development key. */
    static boolean isAt(String location) {
        return file(location).flatMap(DevelopmentKey::read)
                .map(text -> text.replaceAll("\\s", ""))
                .map(text -> text.contains(PEM_BODY) || text.contains(JWK_MODULUS))
                .orElse(false);
    }

    private static Optional<Path> file(String location) {
        if (location.startsWith("file:")) {
            try {
                return Optional.of(Path.of(URI.create(location)));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return Optional.empty();
            }
        }
        return location.contains(":") ? Optional.empty() : Optional.of(Path.of(location));
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String jwkModulus() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PEM_BODY)));
            byte[] modulus = key.getModulus().toByteArray();
            byte[] unsigned = modulus[0] == 0 ? Arrays.copyOfRange(modulus, 1, modulus.length) : modulus;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The development key constant is not an RSA public key", e);
        }
    }
}
