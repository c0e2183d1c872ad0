package io.promo.domain.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Recognizes user agents that are not people, from a pattern list kept as a resource
 * ({@code bot-user-agents.txt} beside this class), so the list is maintained without touching code.
 * All patterns are compiled into one case-insensitive alternation: one scan per click.
 */
public final class BotUserAgents {

    public static final String RESOURCE = "bot-user-agents.txt";

    private final Pattern pattern;
    private final int size;

    private BotUserAgents(List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("a bot list needs at least one pattern");
        }
        this.pattern = Pattern.compile("(?:" + String.join(")|(?:", patterns) + ")", Pattern.CASE_INSENSITIVE);
        this.size = patterns.size();
    }

    /** The maintained list shipped with promo. */
    public static BotUserAgents standard() {
        try (InputStream in = BotUserAgents.class.getResourceAsStream(RESOURCE)) {
            return fromLines(new BufferedReader(new InputStreamReader(
                    Objects.requireNonNull(in, "resource " + RESOURCE), StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list in the resource's format: one pattern a line, '#' comments and blank lines ignored. */
    public static BotUserAgents fromLines(List<String> lines) {
        List<String> patterns = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                Pattern.compile(trimmed); // a broken line fails here, naming itself
                patterns.add(trimmed);
            }
        }
        return new BotUserAgents(patterns);
    }

    public boolean isBot(String userAgent) {
        return pattern.matcher(userAgent).find();
    }

    public int size() {
        return size;
    }
}
