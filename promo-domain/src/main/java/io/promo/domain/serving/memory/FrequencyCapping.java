package io.promo.domain.serving.memory;

import io.promo.domain.campaign.FrequencyCap;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment's frequency capping: the cap of campaigns without one of their own ({@code PROMO_FREQUENCY_CAP}, off by
 * default) and the codec of the viewer-memory tokens that carry a viewer's impressions between decisions.
 *
 * @param codec empty where no tokens are read or written (a domain test's engine): caps then count one page only
 */
public record FrequencyCapping(Optional<FrequencyCap> deploymentDefault, Optional<MemoryTokenCodec> codec) {

    /** No default cap and no tokens. */
    public static final FrequencyCapping OFF = new FrequencyCapping(Optional.empty(), Optional.empty());

    public FrequencyCapping {
        Objects.requireNonNull(deploymentDefault, "deploymentDefault");
        Objects.requireNonNull(codec, "codec");
    }

    /** The cap a campaign runs under: its own, else the deployment's, else none. */
    public Optional<FrequencyCap> effective(Optional<FrequencyCap> own) {
        return own.or(() -> deploymentDefault);
    }
}
