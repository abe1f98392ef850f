package io.metastore.it.neighbour;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The neighbour's one protected call: the names in its own table, read through its own datasource. */
@Path("items")
public class CatalogItems {

    @Resource(lookup = "jdbc/catalog")
    DataSource catalog;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String names() throws SQLException {
        try (Connection connection = catalog.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT name FROM catalog.items ORDER BY id")) {
            StringBuilder names = new StringBuilder();
            while (rows.next()) {
                names.append(rows.getString(1)).append('\n');
            }
            return names.toString();
        }
    }
}
