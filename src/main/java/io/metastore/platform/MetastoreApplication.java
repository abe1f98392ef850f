package io.metastore.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The JAX-RS application, at the context root {@code /metastore} (see ibm-web-ext.xml). */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Metastore", version = "1",
        description = "Persist and search JSON metadata records with tags, owner and auditing."))
public class MetastoreApplication extends Application {
}
