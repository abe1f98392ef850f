package io.metastore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentKeyTest {

    private static final Path COMMITTED = Path.of("liberty/dev/jwt-public.pem");

    @Test
    void theConstantIsTheCommittedDevelopmentKey() throws Exception {
        String committed = Files.readString(COMMITTED).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertEquals(committed, DevelopmentKey.PEM_BODY, "liberty/dev/jwt-public.pem changed: update the constant");
    }

    @Test
    void recognisesTheKeyAsPemOrInsideAJwksAndByUrlOrPath(@TempDir Path directory) throws Exception {
        assertTrue(DevelopmentKey.isAt(COMMITTED.toAbsolutePath().toUri().toString()));
        assertTrue(DevelopmentKey.isAt(COMMITTED.toAbsolutePath().toString()));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(DevelopmentKey.PEM_BODY)));
        String modulus = Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned(key.getModulus().toByteArray()));
        Path jwks = Files.writeString(directory.resolve("jwks.json"),
                "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" + modulus + "\"}]}");
        assertTrue(DevelopmentKey.isAt(jwks.toUri().toString()));
    }

    @Test
    void anotherKeyAMissingFileOrARemoteLocationIsNot(@TempDir Path directory) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path other = Files.writeString(directory.resolve("other.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertFalse(DevelopmentKey.isAt(other.toUri().toString()));
        assertFalse(DevelopmentKey.isAt(directory.resolve("absent.pem").toUri().toString()));
        assertFalse(DevelopmentKey.isAt("https://idp.example/jwks"));
    }

    private static byte[] unsigned(byte[] modulus) {
        return modulus[0] == 0 ? java.util.Arrays.copyOfRange(modulus, 1, modulus.length) : modulus;
    }
}
