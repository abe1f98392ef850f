package io.metastore.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build just packaged, deployed as-is: the tests exercise exactly what ships. A running server
 * ({@link TargetServer}) already runs its own build, so there it is an empty stand-in that is never deployed.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive metastore() {
        if (TargetServer.running().isPresent()) {
            // Arquillian exports every deployment (arquillian.xml), which an archive without content cannot be
            return ShrinkWrap.create(WebArchive.class, "metastore.war")
                    .add(new StringAsset("not deployed: the tests call " + TargetServer.running().get()), "README");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/metastore.war"));
    }
}
