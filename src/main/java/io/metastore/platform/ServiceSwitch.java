package io.metastore.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code METASTORE_ENABLED} (default true): false keeps a deployed Metastore idle, for teams that run the shared
 * server locally without it. The application still deploys (Liberty, liberty:run and Arquillian all deploy it the same
 * way) but migrates nothing, opens no database connection and answers 503 "disabled". Read once at deployment, like
 * the datasource settings; MicroProfile Config lets the environment variable win over the server.xml default.
 */
@ApplicationScoped
public class ServiceSwitch {

    public static final String PROPERTY = "METASTORE_ENABLED";

    @Inject
    @ConfigProperty(name = PROPERTY, defaultValue = "true")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }
}
