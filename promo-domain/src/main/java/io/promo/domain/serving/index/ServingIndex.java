package io.promo.domain.serving.index;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.KeywordTarget;
import io.promo.domain.campaign.Keywords;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.EffectivePolicy;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyResolver;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.serving.memory.FrequencyCapping;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of everything a decision reads: campaigns by (surface, city) and promoted entity,
 * each with its settings, its status and its advertiser's, its budget state on the snapshot's budget day
 * and its ranking score; the policies; the keyword dictionary; the pacing curves.
 *
 * <p>A decision looks up each organic match in its city's slice, so its cost grows with the organic
 * matches and their campaigns, never with the campaigns of the city. Ended campaigns (terminal) are kept
 * only for diagnosis, out of the slices; every other status stays in, so that a paused campaign is
 * rejected by the very check that explains it.
 *
 * <p>The engine ({@code serving.engine}) reads the snapshot's day, policies and keywords and its {@link CitySlice}s
 * directly; the decision path adds no call of its own to get at them.
 */
public final class ServingIndex {

    final Instant builtAt;
    final LocalDate day;
    public final long dayEpoch;
    public final long dayStartMillis;
    public final long dayEndMillis;
    public final PolicyResolver policies;
    public final KeywordDictionary keywords;
    private final EnumMap<Surface, Map<CityCode, CitySlice>> slices;
    private final Map<CampaignId, ServingCampaign> byId;
    /** The campaigns' ids by {@link ServingCampaign#position}. */
    private final CampaignId[] byPosition;
    /** The one campaign {@link #withBudget} replaced, or null: it stands in for its entry of {@link #byId}. */
    private final ServingCampaign replaced;
    private final Map<TrafficScope, TrafficCurve> curves;
    private final Map<CityCode, Integer> cityIds;
    /** The zone of each city, in which schedules are read (ADR 0036). */
    private final CityZones cityZones;

    private ServingIndex(Instant builtAt, LocalDate day, long dayStartMillis, long dayEndMillis, PolicyResolver policies,
            KeywordDictionary keywords, EnumMap<Surface, Map<CityCode, CitySlice>> slices,
            Map<CampaignId, ServingCampaign> byId, CampaignId[] byPosition, ServingCampaign replaced,
            Map<TrafficScope, TrafficCurve> curves, Map<CityCode, Integer> cityIds, CityZones cityZones) {
        this.builtAt = builtAt;
        this.day = day;
        this.dayEpoch = day.toEpochDay();
        this.dayStartMillis = dayStartMillis;
        this.dayEndMillis = dayEndMillis;
        this.policies = policies;
        this.keywords = keywords;
        this.slices = slices;
        this.byId = byId;
        this.byPosition = byPosition;
        this.replaced = replaced;
        this.curves = curves;
        this.cityIds = cityIds;
        this.cityZones = cityZones;
    }

    /** The snapshot of {@code data} as of {@code builtAt}, whose budget day is the one {@code builtAt} falls on. */
    public static ServingIndex build(Instant builtAt, ServingSettings settings, ServingData data) {
        LocalDate day = settings.calendar().dayOf(builtAt);
        Map<AdvertiserId, AdvertiserStatus> advertiserStatus = new HashMap<>();
        for (Advertiser advertiser : data.advertisers()) {
            advertiserStatus.put(advertiser.id(), advertiser.status());
        }
        KeywordDictionary.Builder dictionary = new KeywordDictionary.Builder();
        Map<CampaignId, ServingCampaign> byId = new HashMap<>(data.campaigns().size() * 2);
        // Surface → city → entity id → its campaign, or its campaigns as an array: no list or scope object per
        // campaign, since the whole index is rebuilt every refresh interval.
        EnumMap<Surface, Map<CityCode, Map<String, Object>>> grouped = new EnumMap<>(Surface.class);
        BudgetState noMoney = BudgetState.empty(day);
        Map<CityCode, Integer> cityIds = new HashMap<>();
        Map<String, KeywordTarget> parsedKeywords = new HashMap<>();
        CampaignId[] byPosition = new CampaignId[data.campaigns().size()];
        FrequencyCapping capping = settings.frequencyCapping();
        long dayStartMillis = settings.calendar().startOf(day).toEpochMilli();
        long dayEndMillis = settings.calendar().endOf(day).toEpochMilli();
        // Schedules are few and shared (business hours): each mask is computed once a build, each zone's hours once.
        Map<AdSchedule, long[]> weekMasks = new HashMap<>();
        Map<java.time.ZoneId, int[]> zoneHours = new HashMap<>();
        for (Campaign campaign : data.campaigns()) {
            BudgetState budget = data.budgets().getOrDefault(campaign.id(), noMoney);
            if (!budget.day().equals(day)) {
                throw new IllegalArgumentException("budget state of " + campaign.id() + " is for " + budget.day()
                        + ", the index is for " + day);
            }
            List<String> typed = campaign.settings().keywordTargets();
            List<KeywordTarget> keywordTargets = new ArrayList<>(typed.size());
            for (String keyword : typed) {
                // Parsed once per distinct keyword of a build: campaigns share most of theirs.
                KeywordTarget target = parsedKeywords.computeIfAbsent(keyword, ServingIndex::keywordTarget);
                if (target != null) {
                    keywordTargets.add(target);
                }
            }
            int[] keywords = KeywordProgram.compile(keywordTargets, false, dictionary);
            int[] negatives = KeywordProgram.compile(keywordTargets, true, dictionary);
            double predictedCtr = settings.ctrModel().predict(data.ctr().getOrDefault(campaign.id(), CtrCounts.NONE));
            List<CityCode> targets = campaign.settings().cityTargets();
            int[] campaignCities = new int[targets.size()];
            for (int i = 0; i < campaignCities.length; i++) {
                campaignCities[i] = cityIds.computeIfAbsent(targets.get(i), city -> cityIds.size());
            }
            int position = byId.size();
            AdSchedule schedule = campaign.settings().schedule();
            long[] week = null;
            int dayHours = ServingCampaign.ALL_DAY_HOURS;
            if (!schedule.isAlways()) {
                week = weekMasks.computeIfAbsent(schedule, AdSchedule::weekMask);
                dayHours = dayHours(week, targets, settings.cityZones(), zoneHours, dayStartMillis, dayEndMillis);
            }
            // The cap's hash is keyed: computed here, once per build, never on the decision path.
            FrequencyCap cap = capping.effective(campaign.settings().frequencyCap()).orElse(null);
            ServingCampaign serving = new ServingCampaign(campaign, advertiserStatus.get(campaign.advertiserId()),
                    budget, predictedCtr, keywords, negatives, campaignCities, position, week, dayHours,
                    cap == null ? 0 : cap.impressions(), cap == null ? 0 : cap.periodHours(),
                    cap == null || capping.codec().isEmpty() ? 0 : capping.codec().get().campaignHash(campaign.id()));
            byPosition[position] = campaign.id();
            if (byId.put(campaign.id(), serving) != null) {
                throw new IllegalArgumentException("campaign " + campaign.id() + " twice");
            }
            if (campaign.status() == CampaignStatus.ENDED) {
                continue;
            }
            Map<CityCode, Map<String, Object>> byCity = grouped.computeIfAbsent(campaign.surface(), surface -> new HashMap<>());
            for (CityCode city : serving.details.cities()) {
                byCity.computeIfAbsent(city, key -> new HashMap<>()).merge(serving.targetEntityId, serving,
                        ServingIndex::alongside);
            }
        }
        PolicyResolver policies = new PolicyResolver(data.policies(), settings.deploymentDefault());
        Map<TrafficScope, List<RoleCode>> rolesWithPolicy = new HashMap<>();
        for (Policy policy : data.policies()) {
            PolicyScope scope = policy.scope();
            scope.role().ifPresent(role -> rolesWithPolicy.computeIfAbsent(new TrafficScope(scope.surface(), scope.city()),
                    key -> new ArrayList<>()).add(role));
        }
        EnumMap<Surface, Map<CityCode, CitySlice>> slices = new EnumMap<>(Surface.class);
        Comparator<ServingCampaign> byCampaignId = Comparator.comparing(c -> c.id.value());
        grouped.forEach((surface, byCity) -> byCity.forEach((city, byEntity) -> {
            int count = 0;
            for (Object campaigns : byEntity.values()) {
                if (campaigns instanceof ServingCampaign[] several) {
                    Arrays.sort(several, byCampaignId);
                    count += several.length;
                } else {
                    count++;
                }
            }
            TrafficScope scope = new TrafficScope(surface, city);
            TrafficCurve curve = data.curves().getOrDefault(scope, TrafficCurve.uniform());
            Map<RoleCode, EffectivePolicy> byRole = new HashMap<>();
            for (RoleCode role : rolesWithPolicy.getOrDefault(scope, List.of())) {
                byRole.put(role, policies.resolve(surface, Optional.of(role), city));
            }
            slices.computeIfAbsent(surface, key -> new HashMap<>())
                    .put(city, new CitySlice(scope, cityIds.get(city), byEntity, curve, count,
                            policies.resolve(surface, Optional.empty(), city), byRole));
        }));
        return new ServingIndex(builtAt, day, dayStartMillis, dayEndMillis, policies, dictionary.build(), slices, byId,
                byPosition, null, Map.copyOf(data.curves()), Map.copyOf(cityIds), settings.cityZones());
    }

    /**
     * {@link ServingCampaign#dayHours}: budget-day hour h is on when, at its middle, the local hour in one of the
     * campaign's cities is scheduled. (A zone half an hour off the budget zone's hours is judged by the half hour
     * in the middle of each pacing hour.)
     */
    private static int dayHours(long[] week, List<CityCode> cities, CityZones zones, Map<java.time.ZoneId, int[]> zoneHours,
            long dayStartMillis, long dayEndMillis) {
        int hours = 0;
        for (CityCode city : cities) {
            int[] local = zoneHours.computeIfAbsent(zones.zoneOf(city), zone -> {
                int[] at = new int[24];
                for (int h = 0; h < 24; h++) {
                    long middle = dayStartMillis + (long) ((h + 0.5) * (dayEndMillis - dayStartMillis) / 24);
                    at[h] = hourOfWeek(zone, middle);
                }
                return at;
            });
            for (int h = 0; h < 24; h++) {
                if ((week[local[h] >>> 6] & (1L << local[h])) != 0) {
                    hours |= 1 << h;
                }
            }
        }
        return hours;
    }

    /** The local hour of the week at {@code epochMillis} in {@code zone}: 0 is monday 00:00–01:00. */
    static int hourOfWeek(java.time.ZoneId zone, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        return hourOfWeek(zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds(), epochSecond);
    }

    /** The local hour of the week at {@code epochSecond} with the zone's {@code offset} (seconds east of UTC) then. */
    static int hourOfWeek(int offset, long epochSecond) {
        long localSecond = epochSecond + offset;
        long localDay = Math.floorDiv(localSecond, 86_400L);
        int hour = (int) (Math.floorMod(localSecond, 86_400L) / 3600);
        // 1970-01-01 was a thursday (day 3 of a week that starts on monday).
        int dayOfWeek = (int) Math.floorMod(localDay + 3, 7L);
        return dayOfWeek * 24 + hour;
    }

    /**
     * The local hour of the week at {@code epochMillis} in {@code city}'s zone ({@link CityZones}), through the
     * calling thread's {@code memo}.
     */
    public int hourOfWeek(CityCode city, long epochMillis, LocalHours memo) {
        return memo.hourOfWeek(cityZones.zoneOf(city), epochMillis);
    }

    /** A campaign's keyword as a target: a campaign holds only valid ones ({@link Keywords#fromStorage}), else null. */
    private static KeywordTarget keywordTarget(String keyword) {
        return KeywordTarget.parse(keyword) instanceof KeywordTarget.Valid valid ? valid.target() : null;
    }

    /** The campaigns of one entity so far with one more: a campaign alone, or an array of several. */
    private static Object alongside(Object present, Object added) {
        ServingCampaign[] before = present instanceof ServingCampaign one ? new ServingCampaign[] {one}
                : (ServingCampaign[]) present;
        ServingCampaign[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = (ServingCampaign) added;
        return after;
    }

    /**
     * This snapshot with one campaign's budget state replaced by {@code budget} (read later, of the same budget day):
     * what a diagnosis decides on, so that it agrees with the balance read beside it (ADR 0020). Copies the slices
     * of the campaign's cities and shares the rest: the map of all campaigns too, beside which the replacement is
     * kept (a second replacement copies the map). The decision path never calls it.
     */
    public ServingIndex withBudget(CampaignId id, BudgetState budget) {
        ServingCampaign present = campaign(id).orElse(null);
        if (present == null) {
            return this;
        }
        if (!budget.day().equals(day)) {
            throw new IllegalArgumentException("budget state of " + id + " is for " + budget.day() + ", the index is for "
                    + day);
        }
        ServingCampaign replacement = present.withBudget(budget);
        Map<CampaignId, ServingCampaign> campaigns = byId;
        if (replaced != null && !replaced.id.equals(id)) {
            campaigns = new HashMap<>(byId);
            campaigns.put(replaced.id, replaced);
        }
        EnumMap<Surface, Map<CityCode, CitySlice>> patched = new EnumMap<>(slices);
        Map<CityCode, CitySlice> cities = slices.get(present.details.surface());
        if (cities != null) {
            Map<CityCode, CitySlice> patchedCities = new HashMap<>(cities);
            for (CityCode city : present.details.cities()) {
                CitySlice slice = cities.get(city);
                if (slice != null) {
                    patchedCities.put(city, slice.replacing(present, replacement));
                }
            }
            patched.put(present.details.surface(), patchedCities);
        }
        return new ServingIndex(builtAt, day, dayStartMillis, dayEndMillis, policies, keywords, patched, campaigns,
                byPosition, replacement, curves, cityIds, cityZones);
    }

    /**
     * This snapshot as of {@code now}, of the same budget day: what an incremental refresh that found nothing changed
     * answers (ADR 0038). Shares everything.
     */
    public ServingIndex restampedAt(Instant now) {
        long millis = now.toEpochMilli();
        if (millis < dayStartMillis || millis >= dayEndMillis) {
            throw new IllegalArgumentException(now + " is not on the index's budget day " + day);
        }
        return new ServingIndex(now, day, dayStartMillis, dayEndMillis, policies, keywords, slices, byId, byPosition,
                replaced, curves, cityIds, cityZones);
    }

    /**
     * This snapshot as of {@code now} with the budget states of {@code budgets} (of the index's day) in place of its
     * campaigns' own: what an incremental refresh answers when only spend, top-ups or credits changed (ADR 0038).
     * Copies the map of campaigns once and each touched slice's entries once; shares the rest. Campaigns the index
     * does not hold are ignored.
     */
    public ServingIndex withBudgets(Instant now, Map<CampaignId, BudgetState> budgets) {
        Map<CampaignId, ServingCampaign> replacements = new HashMap<>();
        budgets.forEach((id, budget) -> {
            ServingCampaign present = campaign(id).orElse(null);
            if (present == null) {
                return;
            }
            if (!budget.day().equals(day)) {
                throw new IllegalArgumentException("budget state of " + id + " is for " + budget.day()
                        + ", the index is for " + day);
            }
            replacements.put(id, present.withBudget(budget));
        });
        return patched(now, replacements);
    }

    /**
     * This snapshot as of {@code now} with each campaign of {@code replacements} in place of the one of its id: each
     * of the same shape ({@link ServingCampaign#sameShape}: entity, format, score, surface and cities, neither ended),
     * so that it takes its predecessor's entry in the slices it is in. Copies the map of campaigns once and each touched
     * slice's entries once; shares the rest.
     */
    ServingIndex patched(Instant now, Map<CampaignId, ServingCampaign> replacements) {
        ServingIndex stamped = restampedAt(now);
        if (replacements.isEmpty()) {
            return stamped;
        }
        Map<CampaignId, ServingCampaign> campaigns = new HashMap<>(byId);
        if (replaced != null) {
            campaigns.put(replaced.id, replaced);
        }
        Map<Surface, Map<CityCode, java.util.IdentityHashMap<ServingCampaign, ServingCampaign>>> bySlice =
                new EnumMap<>(Surface.class);
        replacements.forEach((id, replacement) -> {
            ServingCampaign present = campaigns.get(id);
            if (present == null) {
                throw new IllegalArgumentException("campaign " + id + " is not in the index");
            }
            if (!present.sameShape(replacement)) {
                throw new IllegalArgumentException("campaign " + id + " changed its place in the index");
            }
            campaigns.put(id, replacement);
            if (present.details.status() == CampaignStatus.ENDED) {
                return;
            }
            Map<CityCode, java.util.IdentityHashMap<ServingCampaign, ServingCampaign>> cities =
                    bySlice.computeIfAbsent(present.details.surface(), key -> new HashMap<>());
            for (CityCode city : present.details.cities()) {
                cities.computeIfAbsent(city, key -> new java.util.IdentityHashMap<>()).put(present, replacement);
            }
        });
        EnumMap<Surface, Map<CityCode, CitySlice>> patched = new EnumMap<>(slices);
        bySlice.forEach((surface, cities) -> {
            Map<CityCode, CitySlice> present = slices.get(surface);
            if (present == null) {
                return;
            }
            Map<CityCode, CitySlice> patchedCities = new HashMap<>(present);
            cities.forEach((city, replacing) -> {
                CitySlice slice = present.get(city);
                if (slice != null) {
                    patchedCities.put(city, slice.replacingAll(replacing));
                }
            });
            patched.put(surface, patchedCities);
        });
        return new ServingIndex(now, day, dayStartMillis, dayEndMillis, policies, keywords, patched, campaigns,
                byPosition, null, curves, cityIds, cityZones);
    }

    /** Every slice, for tests that compare two indexes' contents. */
    void forEachSlice(java.util.function.BiConsumer<Surface, CitySlice> action) {
        slices.forEach((surface, cities) -> cities.values().forEach(slice -> action.accept(surface, slice)));
    }

    public Instant builtAt() {
        return builtAt;
    }

    /** The budget day whose spend the snapshot holds. */
    public LocalDate day() {
        return day;
    }

    /** Every campaign of the snapshot, ended ones included. */
    public int campaignCount() {
        return byId.size();
    }

    /** The id of the campaign whose {@link ServingCampaign#position} is {@code position}. */
    public CampaignId campaignAt(int position) {
        return byPosition[position];
    }

    /** How many (campaign, city) entries the slice of {@code surface} in {@code city} holds. */
    public int campaignsIn(Surface surface, CityCode city) {
        CitySlice slice = slice(surface, city);
        return slice == null ? 0 : slice.campaigns;
    }

    /** Older than {@code interval}, or from another budget day than {@code now}'s. */
    public boolean isStaleAt(Instant now, Duration interval) {
        long millis = now.toEpochMilli();
        return millis < dayStartMillis || millis >= dayEndMillis
                || millis - builtAt.toEpochMilli() >= interval.toMillis() || now.isBefore(builtAt);
    }

    /** The index's number of {@code city}, or -1 when no campaign targets it. */
    public int cityId(CityCode city) {
        Integer id = cityIds.get(city);
        return id == null ? -1 : id;
    }

    public CitySlice slice(Surface surface, CityCode city) {
        Map<CityCode, CitySlice> cities = slices.get(surface);
        return cities == null ? null : cities.get(city);
    }

    public Optional<ServingCampaign> campaign(CampaignId id) {
        if (replaced != null && replaced.id.equals(id)) {
            return Optional.of(replaced);
        }
        return Optional.ofNullable(byId.get(id));
    }

    public TrafficCurve curve(Surface surface, CityCode city) {
        CitySlice slice = slice(surface, city);
        return slice != null ? slice.curve : curves.getOrDefault(new TrafficScope(surface, city), TrafficCurve.uniform());
    }
}
