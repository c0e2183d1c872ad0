package io.promo.domain.campaign;

import io.promo.domain.shared.TextNormalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Keyword targets as stored and matched: normalized, blanks dropped, duplicates removed, order kept. */
public final class Keywords {

    public static final int MAX_COUNT = 50;
    public static final int MAX_LENGTH = 80;

    private Keywords() {
    }

    public static List<String> normalize(Collection<String> raw) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String keyword : raw) {
            if (keyword != null) {
                String normalized = TextNormalizer.normalize(keyword);
                if (!normalized.isEmpty()) {
                    unique.add(normalized);
                }
            }
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    public static boolean isNormalized(List<String> keywords) {
        return normalize(keywords).equals(keywords);
    }
}
