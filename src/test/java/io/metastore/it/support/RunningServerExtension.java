package io.metastore.it.support;

import io.openliberty.arquillian.managed.WLPManagedContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Puts {@link RunningServerContainer} in place of the managed Liberty server when the tests target a running one. */
public final class RunningServerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (TargetServer.running().isPresent()) {
            builder.override(DeployableContainer.class, WLPManagedContainer.class, RunningServerContainer.class);
        }
    }
}
