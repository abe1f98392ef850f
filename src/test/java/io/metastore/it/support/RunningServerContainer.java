package io.metastore.it.support;

import java.net.URI;
import org.jboss.arquillian.container.spi.client.container.ConfigurationMapper;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian's view of the running server of {@link TargetServer}: nothing to start, stop, deploy or undeploy (the
 * server runs the developer's build already); a deployment only tells the tests where Metastore answers.
 */
public final class RunningServerContainer implements DeployableContainer<RunningServerContainer.Configuration> {

    private static final String CONTEXT_ROOT = "/metastore";

    /** Nothing to configure: the server is named by {@link TargetServer}. */
    public static final class Configuration implements ContainerConfiguration {
        @Override
        public void validate() {
            // nothing to check
        }
    }

    @Override
    public Class<Configuration> getConfigurationClass() {
        return Configuration.class;
    }

    /** arquillian.xml configures the managed server this container replaces; none of it applies here. */
    @Override
    public ConfigurationMapper<Configuration> getConfigurationMapper() {
        return (configuration, definition) -> {
        };
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return ProtocolDescription.DEFAULT;
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) {
        URI root = TargetServer.running().orElseThrow();
        int port = root.getPort() != -1 ? root.getPort() : "https".equals(root.getScheme()) ? 443 : 80;
        HTTPContext context = new HTTPContext(root.getHost(), port, "https".equals(root.getScheme()));
        return new ProtocolMetaData().addContext(context.add(new Servlet("metastore", CONTEXT_ROOT)));
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // the application stays: it is the developer's
    }
}
