package io.metastore.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * A {@code ;} in a path is an ordinary character of it, as in the record name {@code a;b}: Metastore has no matrix
 * parameters. JAX-RS would take a raw {@code ;} for the start of one and route {@code /records/ns/a;b} to key
 * {@code ns/a}, another record; so before routing every raw {@code ;} is percent-encoded, which is how it arrives from
 * clients that encode it ({@code %3B}) anyway.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 60)
public class SemicolonsInPaths implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path.indexOf(';') >= 0) {
            request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
                    + path.replace(";", "%3B") + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
