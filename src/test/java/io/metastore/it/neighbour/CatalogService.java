package io.metastore.it.neighbour;

import io.metastore.it.support.Xml;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A stand-in for another platform service on the shared Liberty server, as the catalog service is: its own WAR
 * (context root /catalog), its own MicroProfile JWT trust (issuer, key and audience of its own, configured in its own
 * MicroProfile Config and in the shared server's {@code <mpJwt id="catalogJwt">}) and its own datasource and schema.
 */
public final class CatalogService {

    public static final String ISSUER = "https://catalog-issuer.example";
    public static final String AUDIENCE = "catalog";

    private CatalogService() {
    }

    /** The WAR, trusting tokens signed with the key in this PEM file (a file: URL). */
    public static WebArchive archive(String keyLocation) {
        return ShrinkWrap.create(WebArchive.class, "catalog.war")
                .addClasses(CatalogApplication.class, CatalogItems.class)
                .addAsResource(new StringAsset("mp.jwt.verify.publickey.location=" + keyLocation + "\n"),
                        "META-INF/microprofile-config.properties")
                .setWebXML(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <security-constraint>
                            <web-resource-collection>
                              <web-resource-name>items</web-resource-name>
                              <url-pattern>/items</url-pattern>
                            </web-resource-collection>
                            <auth-constraint><role-name>**</role-name></auth-constraint>
                          </security-constraint>
                          <login-config><auth-method>MP-JWT</auth-method><realm-name>catalog</realm-name></login-config>
                        </web-app>
                        """));
    }

    /** What the shared server's owner configures for it: its JWT trust, scoped to /catalog/, and its datasource. */
    public static String serverConfiguration(String databaseUrl, String user, String password) {
        return """
                  <authFilter id="catalogJwtRequests">
                    <requestUrl id="catalogContextRoot" urlPattern="/catalog/" matchType="contains"/>
                  </authFilter>
                  <mpJwt id="catalogJwt" authFilterRef="catalogJwtRequests" issuer="%s" audiences="%s"/>
                  <library id="catalogPostgresqlDriver">
                    <fileset dir="${shared.resource.dir}/jdbc" includes="*.jar"/>
                  </library>
                  <dataSource id="catalogDataSource" jndiName="jdbc/catalog" type="javax.sql.ConnectionPoolDataSource">
                    <jdbcDriver libraryRef="catalogPostgresqlDriver"/>
                    <properties.postgresql URL="%s" user="%s" password="%s" ApplicationName="catalog"/>
                  </dataSource>
                """.formatted(ISSUER, AUDIENCE, Xml.attribute(databaseUrl), Xml.attribute(user),
                Xml.attribute(password));
    }
}
