package io.promo.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares tables of two schemas of one database through the catalog: columns (name, order, type,
 * nullability, default), check constraints, primary key, foreign keys (columns, referenced table and
 * columns, ON DELETE / ON UPDATE action) and any other table constraint. Indexes are not compared.
 * Each difference is one line naming the table, the column or constraint and what differs.
 */
final class SchemaComparison {

    private record Column(String name, int position, String dataType, String udtName, String nullable,
                          String defaultExpression) {
    }

    private record Constraint(String type, String definition, List<String> columns, String referencedTable,
                              List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    private static final String COLUMNS = """
            select column_name, data_type, udt_name, is_nullable, column_default
            from information_schema.columns
            where table_schema = ? and table_name = ?
            order by ordinal_position
            """;

    private static final String CONSTRAINTS = """
            select con.contype::text,
                   pg_get_constraintdef(con.oid),
                   array(select a.attname::text
                         from unnest(con.conkey) with ordinality as k(attnum, ord)
                         join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                         order by k.ord),
                   ref.relname::text,
                   array(select a.attname::text
                         from unnest(con.confkey) with ordinality as k(attnum, ord)
                         join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                         order by k.ord),
                   con.confdeltype::text,
                   con.confupdtype::text
            from pg_constraint con
            join pg_class rel on rel.oid = con.conrelid
            join pg_namespace ns on ns.oid = rel.relnamespace
            left join pg_class ref on ref.oid = con.confrelid
            where ns.nspname = ? and rel.relname = ? and con.contype <> 'n'
            order by con.contype, pg_get_constraintdef(con.oid)
            """;

    private final Connection connection;
    private final String expectedSchema;
    private final String actualSchema;

    SchemaComparison(Connection connection, String expectedSchema, String actualSchema) {
        this.connection = Objects.requireNonNull(connection);
        this.expectedSchema = Objects.requireNonNull(expectedSchema);
        this.actualSchema = Objects.requireNonNull(actualSchema);
    }

    /** Every difference found in the given tables; empty when they match. */
    List<String> differences(List<String> tables) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (String table : tables) {
            differences.addAll(differences(table));
        }
        return differences;
    }

    List<String> differences(String table) throws SQLException {
        List<String> differences = new ArrayList<>();
        Map<String, Column> expectedColumns = columns(expectedSchema, table);
        Map<String, Column> actualColumns = columns(actualSchema, table);
        if (expectedColumns.isEmpty()) {
            differences.add(table + ": no such table in " + expectedSchema);
            return differences;
        }
        if (actualColumns.isEmpty()) {
            differences.add(table + ": missing in " + actualSchema);
            return differences;
        }
        compareColumns(table, expectedColumns, actualColumns, differences);
        compareConstraints(table, constraints(expectedSchema, table), constraints(actualSchema, table), differences);
        return differences;
    }

    private void compareColumns(String table, Map<String, Column> expected, Map<String, Column> actual,
                                List<String> differences) {
        for (Column e : expected.values()) {
            Column a = actual.get(e.name());
            String where = table + "." + e.name();
            if (a == null) {
                differences.add(where + ": column missing in " + actualSchema);
                continue;
            }
            differ(differences, where, "position", e.position(), a.position());
            differ(differences, where, "data_type", e.dataType(), a.dataType());
            differ(differences, where, "udt_name", e.udtName(), a.udtName());
            differ(differences, where, "is_nullable", e.nullable(), a.nullable());
            differ(differences, where, "column_default", e.defaultExpression(), a.defaultExpression());
        }
        for (Column a : actual.values()) {
            if (!expected.containsKey(a.name())) {
                differences.add(table + "." + a.name() + ": extra column in " + actualSchema
                        + " (" + a.dataType() + ")");
            }
        }
    }

    private void compareConstraints(String table, List<Constraint> expected, List<Constraint> actual,
                                    List<String> differences) {
        List<Constraint> unmatched = new ArrayList<>(actual);
        for (Constraint e : expected) {
            if (unmatched.remove(e)) {
                continue;
            }
            Optional<Constraint> counterpart = unmatched.stream()
                    .filter(c -> c.type().equals(e.type()) && c.columns().equals(e.columns()))
                    .findFirst();
            if (counterpart.isEmpty()) {
                differences.add(describe(table, e) + ": missing in " + actualSchema);
                continue;
            }
            Constraint a = counterpart.get();
            unmatched.remove(a);
            String where = table + " " + e.columns() + " " + kind(e);
            differ(differences, where, "definition", e.definition(), a.definition());
            differ(differences, where, "referenced table", e.referencedTable(), a.referencedTable());
            differ(differences, where, "referenced columns", e.referencedColumns(), a.referencedColumns());
            differ(differences, where, "confdeltype", e.onDelete(), a.onDelete());
            differ(differences, where, "confupdtype", e.onUpdate(), a.onUpdate());
        }
        for (Constraint a : unmatched) {
            differences.add(describe(table, a) + ": extra in " + actualSchema);
        }
    }

    private static String describe(String table, Constraint c) {
        return table + " " + c.columns() + " " + kind(c) + " " + c.definition();
    }

    private static String kind(Constraint c) {
        return switch (c.type()) {
            case "c" -> "check constraint";
            case "p" -> "primary key";
            case "f" -> "foreign key";
            case "u" -> "unique constraint";
            case "x" -> "exclusion constraint";
            default -> "constraint (" + c.type() + ")";
        };
    }

    private static void differ(List<String> differences, String where, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(where + ": " + what + " expected " + expected + " but was " + actual);
        }
    }

    private Map<String, Column> columns(String schema, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                int position = 0;
                while (rs.next()) {
                    position++;
                    String name = rs.getString(1);
                    columns.put(name, new Column(name, position, rs.getString(2), rs.getString(3),
                            rs.getString(4), normalize(rs.getString(5))));
                }
            }
        }
        return columns;
    }

    private List<Constraint> constraints(String schema, String table) throws SQLException {
        List<Constraint> constraints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    boolean foreignKey = type.equals("f");
                    constraints.add(new Constraint(
                            type,
                            normalize(rs.getString(2)),
                            strings(rs.getArray(3)),
                            rs.getString(4),
                            strings(rs.getArray(5)),
                            foreignKey ? rs.getString(6) : null,
                            foreignKey ? rs.getString(7) : null));
                }
            }
        }
        return constraints;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Collapses whitespace and drops qualification by either compared schema. */
    private String normalize(String sql) {
        if (sql == null) {
            return null;
        }
        String unqualified = sql;
        for (String schema : List.of(expectedSchema, actualSchema)) {
            unqualified = unqualified.replaceAll("(?<![\\w\"])\"?" + Pattern.quote(schema) + "\"?\\.", "");
        }
        return unqualified.replaceAll("\\s+", " ").trim();
    }
}
