package io.metastore.observability;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Fields Liberty adds to every log record the current thread writes, as {@code ext_<name>} members of its JSON log
 * lines (Liberty's {@code com.ibm.websphere.logging.hpel.LogRecordContext}). Metastore uses them for the request id,
 * which then marks every line a request causes, and for the access line's fields. Reached reflectively, since the API
 * ships with the server rather than on Maven Central; outside Liberty (unit tests) the fields are dropped silently.
 */
final class LogContext {

    private static final MethodHandle ADD = handle("addExtension", MethodType.methodType(void.class, String.class,
            String.class));
    private static final MethodHandle REMOVE = handle("removeExtension", MethodType.methodType(boolean.class,
            String.class));

    private LogContext() {
    }

    static void put(String name, String value) {
        if (ADD != null) {
            try {
                ADD.invoke(name, value);
            } catch (Throwable e) {
                throw new IllegalStateException("Liberty refused log field " + name, e);
            }
        }
    }

    static void remove(String name) {
        if (REMOVE != null) {
            try {
                REMOVE.invoke(name);
            } catch (Throwable e) {
                throw new IllegalStateException("Liberty refused to drop log field " + name, e);
            }
        }
    }

    private static MethodHandle handle(String method, MethodType type) {
        try {
            Class<?> context = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
            return MethodHandles.publicLookup().findStatic(context, method, type);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
