package io.promo.domain.conversion;

/**
 * Out port: where conversions are recorded, each id once, append-only (the database refuses to change or remove
 * one), and counted per campaign and click budget day in the same step.
 */
public interface ConversionLog {

    /**
     * In one step no concurrent call with the same conversion id can interleave with: when the id is stored already,
     * answers {@link ConversionLogged.AlreadyRecorded} with the stored conversion and writes nothing; else loads the
     * {@link CandidateClick}s of {@code conversion.subject()} (the named click; or the viewer's clicks on campaigns
     * promoting the entity from {@link AttributionPolicy#windowStart} to {@link AttributionPolicy#windowEnd}), asks
     * {@code policy}, and stores the conversion as it decides, adding it to its campaign's count of its click's
     * budget day when attributed; {@link ConversionLogged.BeforeClick} writes nothing.
     */
    ConversionLogged record(ConversionToRecord conversion, AttributionPolicy policy);
}
