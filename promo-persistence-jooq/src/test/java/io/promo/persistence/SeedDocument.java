package io.promo.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data-model contract, {@code docs/seed/000_9ca39997eec9c872.txt}: a markdown page whose body is
 * the SQL of the core tables, written in emphasis with markdown escapes. {@link #sql()} recovers the SQL.
 */
final class SeedDocument {

    /** Relative to the module directory, Surefire's working directory. */
    static final Path LOCATION = Path.of("..", "docs", "seed", "000_9ca39997eec9c872.txt");

    static final List<String> CORE_TABLES =
            List.of("promo_advertiser", "promo_campaign", "promo_budget_ledger", "promo_event", "promo_policy");

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)\\bcreate\\s+table\\s+(\\w+)");
    private static final String ESCAPABLE = "\\`*_{}[]()#+-.!<>|\"'~";

    private final String markdown;

    private SeedDocument(String markdown) {
        this.markdown = markdown;
    }

    static SeedDocument load() throws IOException {
        return new SeedDocument(Files.readString(LOCATION, StandardCharsets.UTF_8));
    }

    static SeedDocument of(String markdown) {
        return new SeedDocument(markdown);
    }

    /**
     * The SQL: front matter, headings and HTML anchor lines dropped; markdown escapes ({@code \_ \[ \] \*}
     * ...) resolved; unescaped {@code *} (emphasis) removed; trailing line-break spaces trimmed.
     */
    String sql() {
        StringBuilder sql = new StringBuilder();
        List<String> lines = markdown.lines().toList();
        int index = 0;
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            index = 1;
            while (index < lines.size() && !lines.get(index).strip().equals("---")) {
                index++;
            }
            index++;
        }
        for (; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.startsWith("#") || line.startsWith("<a ") || line.startsWith("</a")) {
                continue;
            }
            sql.append(unmark(line).stripTrailing()).append('\n');
        }
        return sql.toString().strip() + "\n";
    }

    /** Names of the tables the SQL creates, in order. */
    List<String> createdTables() {
        Matcher matcher = CREATE_TABLE.matcher(sql());
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static String unmark(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && ESCAPABLE.indexOf(line.charAt(i + 1)) >= 0) {
                out.append(line.charAt(++i));
            } else if (c != '*') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
