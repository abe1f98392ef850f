package io.metastore.it.neighbour;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The stand-in neighbour's JAX-RS application, at its context root {@code /catalog}. */
@ApplicationPath("/")
public class CatalogApplication extends Application {
}
