package io.promo.domain.traffic;

import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.PagePosition;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The decided page and the signed click token of each sponsored position.
 *
 * @param clickTokens        by page position (index 0 is position 1): the sponsored position's click token, null at an
 *                           organic one. By position rather than by impression id: finding a token is then an index,
 *                           not a hash of a fresh id
 * @param impressionsDropped sponsored impressions of this page the full buffer could not take (not logged)
 */
public record ServedPage(DecisionPage page, List<String> clickTokens, int impressionsDropped) {

    public ServedPage {
        Objects.requireNonNull(page, "page");
        if (clickTokens.size() != page.positions().size()) {
            throw new IllegalArgumentException("one click token or null per position: " + clickTokens.size()
                    + " for " + page.positions().size() + " positions");
        }
        // Its own copy, nulls kept (List.copyOf refuses them); DecisionPage numbers positions 1..n, the index plus one.
        clickTokens = Collections.unmodifiableList(Arrays.asList(clickTokens.toArray(new String[0])));
    }

    public String clickToken(PagePosition.Sponsored position) {
        return clickTokens.get(position.position() - 1);
    }
}
