package io.promo.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that records every statement an adapter prepares on it, with the parameters it binds, so
 * that a test can ask PostgreSQL how it plans exactly what the adapter sends ({@link Recorded#explainOn}).
 */
final class StatementRecorder {

    private final DataSource target;
    private final List<Recorded> statements = new ArrayList<>();

    StatementRecorder(DataSource target) {
        this.target = target;
    }

    /** A prepared statement as the adapter sent it: its SQL and its {@code set…} calls in order. */
    record Recorded(String sql, List<Binding> bindings) {

        /** {@code EXPLAIN} of this statement with the same parameters, on {@code connection}. */
        List<String> explainOn(Connection connection) throws SQLException {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = connection.prepareStatement("explain " + sql)) {
                for (Binding binding : bindings) {
                    binding.applyTo(explain, connection);
                }
                try (var rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            return plan;
        }
    }

    record Binding(Method setter, Object[] arguments) {

        void applyTo(PreparedStatement statement, Connection connection) throws SQLException {
            Object[] copy = arguments.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] instanceof Array array) {
                    // An Array belongs to the connection that created it.
                    copy[i] = connection.createArrayOf(array.getBaseTypeName(), (Object[]) array.getArray());
                }
            }
            try {
                setter.invoke(statement, copy);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot replay " + setter.getName(), e);
            }
        }
    }

    DataSource dataSource() {
        return proxy(DataSource.class, target, (method, arguments, result) ->
                result instanceof Connection connection ? recordingConnection(connection) : result);
    }

    /** Forgets what was recorded so far (e.g. the statements the adapters send when they are built). */
    synchronized void clear() {
        statements.clear();
    }

    synchronized List<Recorded> statements() {
        return List.copyOf(statements);
    }

    private Connection recordingConnection(Connection connection) {
        return proxy(Connection.class, connection, (method, arguments, result) ->
                result instanceof PreparedStatement prepared && method.getName().equals("prepareStatement")
                        ? recordingStatement(prepared, (String) arguments[0]) : result);
    }

    private PreparedStatement recordingStatement(PreparedStatement statement, String sql) {
        List<Binding> bindings = new ArrayList<>();
        synchronized (this) {
            statements.add(new Recorded(sql, bindings));
        }
        return proxy(PreparedStatement.class, statement, (method, arguments, result) -> {
            if (method.getName().startsWith("set") && arguments != null && arguments.length >= 2
                    && method.getParameterTypes()[0] == int.class) {
                bindings.add(new Binding(method, arguments.clone()));
            }
            return result;
        });
    }

    private interface AfterCall {
        Object after(Method method, Object[] arguments, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (self, method, arguments) -> {
            Object result;
            try {
                result = method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.after(method, arguments, result);
        };
        return (T) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
