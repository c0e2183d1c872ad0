package io.promo.domain.serving.index;

import io.promo.domain.pricing.PolicyLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Where sponsored results may sit on a surface's page. Sponsored results live only in positions 1–20
 * (the span {@code max_density_top20} counts).
 *
 * <ul>
 *   <li>Above the fold, positions 1 … {@code foldSize}: featured campaigns only, filled from position 1
 *       down, at most {@code max_above_fold} of them.</li>
 *   <li>Below the fold: the {@code belowFoldAnchors} in their order, then every other position up to 20
 *       in ascending order. With {@code k} below-fold results, the first {@code k} of that order are used;
 *       the best-ranked result takes the lowest of those positions.</li>
 * </ul>
 * {@link #standard(int)} anchors every fifth position starting two below the fold (fold 4: 6, 11, 16),
 * so that sponsored results are spread out and never stacked at the fold.
 */
public record SlotLayout(int foldSize, List<Integer> belowFoldAnchors) {

    public static final int TOP = PolicyLimits.TOP;

    public SlotLayout {
        Objects.requireNonNull(belowFoldAnchors, "belowFoldAnchors");
        belowFoldAnchors = List.copyOf(belowFoldAnchors);
        if (foldSize < 0 || foldSize > TOP) {
            throw new IllegalArgumentException("foldSize must be between 0 and " + TOP + ": " + foldSize);
        }
        if (new LinkedHashSet<>(belowFoldAnchors).size() != belowFoldAnchors.size()) {
            throw new IllegalArgumentException("duplicate anchors: " + belowFoldAnchors);
        }
        for (int anchor : belowFoldAnchors) {
            if (anchor <= foldSize || anchor > TOP) {
                throw new IllegalArgumentException("anchor " + anchor + " is not below the fold (" + foldSize
                        + ") within the top " + TOP);
            }
        }
    }

    /** Anchors at fold + 2, fold + 7, fold + 12, … up to 20. */
    public static SlotLayout standard(int foldSize) {
        List<Integer> anchors = new ArrayList<>();
        for (int position = foldSize + 2; position <= TOP; position += 5) {
            anchors.add(position);
        }
        return new SlotLayout(foldSize, anchors);
    }

    /** Every below-fold position of the top 20, in the order they are used. */
    public List<Integer> belowFoldOrder() {
        List<Integer> order = new ArrayList<>(belowFoldAnchors);
        for (int position = foldSize + 1; position <= TOP; position++) {
            if (!belowFoldAnchors.contains(position)) {
                order.add(position);
            }
        }
        return List.copyOf(order);
    }
}
