package io.metastore.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalPostgresTest {

    @ParameterizedTest
    @CsvSource({
            "jdbc:postgresql://127.0.0.1:5432/postgres, 5432",
            "jdbc:postgresql://localhost:54329/metastore?sslmode=disable, 54329",
            "jdbc:postgresql://LOCALHOST/postgres, 5432",
            "jdbc:postgresql://[::1]:6543/postgres, 6543",
            "jdbc:postgresql:///postgres, 5432"})
    void aServerOnLoopbackIsLocal(String url, int port) {
        assertEquals(Optional.of(new LocalPostgres(port)), LocalPostgres.of(url));
    }

    @ParameterizedTest
    @CsvSource({
            "jdbc:postgresql://db.internal:5432/postgres",
            "jdbc:postgresql://10.0.0.7/postgres",
            "jdbc:postgresql://127.0.0.1:5432,db.internal:5432/postgres",
            "jdbc:postgresql://127.0.0.2:5432/postgres",
            "jdbc:mysql://127.0.0.1:3306/postgres"})
    void anyOtherServerIsNot(String url) {
        assertEquals(Optional.empty(), LocalPostgres.of(url));
    }
}
