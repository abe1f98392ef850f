package io.metastore.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JAX-RS application, at the context root {@code /metastore} (see ibm-web-ext.xml). */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Metastore", version = "1",
        description = "Persist and search JSON metadata records with tags, owner and auditing."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "RS256 service token; namespace grants in the groups claim (<ns>:read, <ns>:write, *:read, *:write)")
public class MetastoreApplication extends Application {
}
