package io.metastore.it.support;

/** Values written into the Liberty configuration files the tests generate. */
public final class Xml {

    private Xml() {
    }

    /** The value escaped for a double-quoted XML attribute. */
    public static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
