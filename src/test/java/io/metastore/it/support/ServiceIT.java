package io.metastore.it.support;

import java.net.URL;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The common ground of the black-box tests: the packaged WAR deployed on the real server, its base URL, and for each
 * test a namespace of its own (so tests never see each other's rows) with a client that may write it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServiceIT {

    @ArquillianResource
    protected URL base;

    /** A namespace no other test uses. */
    protected String ns;

    /** A client holding {@code <ns>:write}, as principal {@code svc}. */
    protected Api api;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.metastore();
    }

    @BeforeEach
    void useOwnNamespace() {
        String prefix = getClass().getSimpleName().replace("IT", "").toLowerCase(Locale.ROOT);
        ns = prefix.substring(0, Math.min(prefix.length(), 12)) + "-" + UUID.randomUUID().toString().substring(0, 8);
        api = new Api(base, Tokens.token("svc", ns + ":write"));
    }

    /** The server root, for /health, /openapi and /metrics. */
    protected Api server() {
        try {
            return new Api(new URL(base, "/"), null);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
