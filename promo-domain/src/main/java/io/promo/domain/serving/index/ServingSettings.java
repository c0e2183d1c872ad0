package io.promo.domain.serving.index;

import io.promo.domain.campaign.CityZones;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.serving.memory.FrequencyCapping;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.ranking.CtrModel;
import io.promo.domain.shared.Surface;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The serving configuration of a deployment.
 *
 * @param refreshInterval   how stale the serving index may get before it is rebuilt (default 1 s): a paused,
 *                          suspended or exhausted campaign stops serving within it
 * @param calendar          the budget day
 * @param deploymentDefault the limits where no policy applies (the last step of floor resolution)
 * @param layouts           the slot layout of every surface (defaults: people_search fold 4, studio_search fold 3)
 * @param ctrModel          how CTR is predicted for ranking
 * @param pacing            how the traffic curve for even pacing is learned
 * @param maxSlotsPerAdvertiser how many sponsored positions of one page one advertiser may take (default
 *                          {@value #DEFAULT_MAX_SLOTS_PER_ADVERTISER}), whatever the density allows: a studio with
 *                          five promoted photographers does not take every slot
 * @param pricingMode       what a click pays: the clearing price (default) or the campaign's cpc
 * @param frequencyCapping  the default frequency cap and the viewer-memory tokens (default: no cap, no tokens)
 * @param cityZones         the time zone of each city, in which ad schedules are read (default: every city in the
 *                          budget zone; ADR 0036)
 */
public record ServingSettings(
        Duration refreshInterval,
        BudgetCalendar calendar,
        PolicyLimits deploymentDefault,
        Map<Surface, SlotLayout> layouts,
        CtrModel ctrModel,
        PacingSettings pacing,
        int maxSlotsPerAdvertiser,
        PricingMode pricingMode,
        FrequencyCapping frequencyCapping,
        CityZones cityZones) {

    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    /** A people-search result card is small: four fit above the fold. */
    public static final int DEFAULT_PEOPLE_SEARCH_FOLD = 4;
    /** A studio card is larger (photos of the space): three fit above the fold. */
    public static final int DEFAULT_STUDIO_SEARCH_FOLD = 3;
    /** Two: as many as the default density allows, so one advertiser fills them only where no rival is eligible. */
    public static final int DEFAULT_MAX_SLOTS_PER_ADVERTISER = 2;

    public ServingSettings {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(deploymentDefault, "deploymentDefault");
        Objects.requireNonNull(ctrModel, "ctrModel");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(pricingMode, "pricingMode");
        Objects.requireNonNull(frequencyCapping, "frequencyCapping");
        Objects.requireNonNull(cityZones, "cityZones");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive: " + refreshInterval);
        }
        EnumMap<Surface, SlotLayout> copy = new EnumMap<>(Surface.class);
        copy.putAll(layouts);
        for (Surface surface : Surface.values()) {
            if (!copy.containsKey(surface)) {
                throw new IllegalArgumentException("no slot layout for " + surface.code());
            }
        }
        layouts = java.util.Collections.unmodifiableMap(copy);
        if (maxSlotsPerAdvertiser < 1) {
            throw new IllegalArgumentException("maxSlotsPerAdvertiser must be at least 1: " + maxSlotsPerAdvertiser);
        }
    }

    /** The settings without frequency capping and with every city in the budget zone. */
    public ServingSettings(Duration refreshInterval, BudgetCalendar calendar, PolicyLimits deploymentDefault,
            Map<Surface, SlotLayout> layouts, CtrModel ctrModel, PacingSettings pacing, int maxSlotsPerAdvertiser,
            PricingMode pricingMode) {
        this(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing, maxSlotsPerAdvertiser, pricingMode,
                FrequencyCapping.OFF, CityZones.none(calendar.zone()));
    }

    /** The settings with the default {@link #maxSlotsPerAdvertiser}, pricing by {@link PricingMode#SECOND_PRICE}. */
    public ServingSettings(Duration refreshInterval, BudgetCalendar calendar, PolicyLimits deploymentDefault,
            Map<Surface, SlotLayout> layouts, CtrModel ctrModel, PacingSettings pacing) {
        this(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing, DEFAULT_MAX_SLOTS_PER_ADVERTISER,
                PricingMode.SECOND_PRICE);
    }

    public static ServingSettings defaults(PolicyLimits deploymentDefault, BudgetCalendar calendar) {
        return new ServingSettings(DEFAULT_REFRESH_INTERVAL, calendar, deploymentDefault,
                Map.of(Surface.PEOPLE_SEARCH, SlotLayout.standard(DEFAULT_PEOPLE_SEARCH_FOLD),
                        Surface.STUDIO_SEARCH, SlotLayout.standard(DEFAULT_STUDIO_SEARCH_FOLD)),
                CtrModel.DEFAULT, PacingSettings.DEFAULT);
    }

    public SlotLayout layout(Surface surface) {
        return layouts.get(surface);
    }

    public ServingSettings withRefreshInterval(Duration interval) {
        return new ServingSettings(interval, calendar, deploymentDefault, layouts, ctrModel, pacing, maxSlotsPerAdvertiser,
                pricingMode, frequencyCapping, cityZones);
    }

    public ServingSettings withLayout(Surface surface, SlotLayout layout) {
        EnumMap<Surface, SlotLayout> changed = new EnumMap<>(layouts);
        changed.put(surface, layout);
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, changed, ctrModel, pacing,
                maxSlotsPerAdvertiser, pricingMode, frequencyCapping, cityZones);
    }

    public ServingSettings withCtrModel(CtrModel model) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, model, pacing, maxSlotsPerAdvertiser,
                pricingMode, frequencyCapping, cityZones);
    }

    public ServingSettings withPacing(PacingSettings settings) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, settings,
                maxSlotsPerAdvertiser, pricingMode, frequencyCapping, cityZones);
    }

    public ServingSettings withDeploymentDefault(PolicyLimits limits) {
        return new ServingSettings(refreshInterval, calendar, limits, layouts, ctrModel, pacing, maxSlotsPerAdvertiser,
                pricingMode, frequencyCapping, cityZones);
    }

    public ServingSettings withMaxSlotsPerAdvertiser(int max) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing, max, pricingMode,
                frequencyCapping, cityZones);
    }

    public ServingSettings withPricingMode(PricingMode mode) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing,
                maxSlotsPerAdvertiser, mode, frequencyCapping, cityZones);
    }

    public ServingSettings withFrequencyCapping(FrequencyCapping capping) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing,
                maxSlotsPerAdvertiser, pricingMode, capping, cityZones);
    }

    public ServingSettings withCityZones(CityZones zones) {
        return new ServingSettings(refreshInterval, calendar, deploymentDefault, layouts, ctrModel, pacing,
                maxSlotsPerAdvertiser, pricingMode, frequencyCapping, zones);
    }
}
