package io.metastore.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build just packaged, deployed as-is: the tests exercise exactly what ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive metastore() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/metastore.war"));
    }
}
