package io.promo.domain.serving.engine;

import io.promo.domain.pricing.EffectivePolicy;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.serving.index.CitySlice;
import io.promo.domain.serving.index.KeywordProgram;
import io.promo.domain.serving.index.LocalHours;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.memory.MemoryReading;
import io.promo.domain.serving.memory.MemoryTokenCodec;
import io.promo.domain.serving.memory.ViewerMemory;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.util.Optional;

/**
 * What every candidate of one decision is checked against, computed once per decision: the resolved
 * policy, the budget day and the pacing share F(now), the normalized query and (on first need) the
 * keywords it matches. Reused across decisions of a thread, so a decision allocates none of it.
 */
final class SearchContext {

    private static final MemoryTokenCodec.Read NO_CODEC = new MemoryTokenCodec.Read(MemoryReading.ABSENT, ViewerMemory.EMPTY);

    ServingIndex index;
    Surface surface;
    Optional<RoleCode> role;
    CityCode city;
    /** The index's number of the city; -1 when no campaign targets it. */
    int cityId;
    String normalizedQuery;
    EffectivePolicy policy;
    /** Whether clicks pay the second price here: the policy's pricing mode, else the deployment's (ADR 0029). */
    boolean secondPrice;
    long floorCents;
    long nowMillis;
    long dayEpoch;
    /** False when the index is from another budget day than now (a refresh is under way): today's spend is then 0. */
    boolean indexIsToday;
    double hoursIntoDay;
    /** F(now) of the (surface, city) traffic curve. */
    double trafficShare;
    TrafficCurve curve;
    /** How many positions of the page one advertiser may take ({@link ServingSettings#maxSlotsPerAdvertiser}). */
    int maxSlotsPerAdvertiser;
    /** Seeds the rotation of tied campaigns; a function of the request and the time only. */
    long rotationSeed;
    /** Minutes since the epoch: the unit of frequency caps. */
    long nowMinute;
    private MemoryTokenCodec memoryCodec;
    private String memoryToken;
    /** The search, kept to ask for the viewer's key only when a token is read or written (it is built per call). */
    private Search request;
    /** Read on first need: a decision with no capped candidate never decodes or verifies the token. */
    private MemoryTokenCodec.Read memoryRead;
    /** The local hour of the week in the search's city, or -1 until a scheduled campaign asks (ADR 0036). */
    private int hourOfWeek;
    /** This thread's city hours, kept from decision to decision: the hour changes once an hour. */
    private final LocalHours localHours = new LocalHours();
    /**
     * The {@link ServingCampaign#dayHours} whose restricted F(now) this decision computed, and those F: schedules are
     * few and shared (business hours), so a decision computes each once. A small table searched linearly.
     */
    private final int[] restrictedHours = new int[RESTRICTED_SLOTS];
    private final double[] restrictedShares = new double[RESTRICTED_SLOTS];
    private int restrictedCount;
    private static final int RESTRICTED_SLOTS = 16;
    private boolean keywordsMatched;
    private final QueryText.IntBuffer matchedKeywords = new QueryText.IntBuffer();
    /** {@link ServingCampaign#keywordBits} of the matched keywords: a first, exact-negative filter. */
    private long matchedKeywordBits;
    /** keywordMark[id] == keywordGeneration: keyword id matched this decision's query (cleared by a new generation). */
    private int[] keywordMark = new int[0];
    private int keywordGeneration;
    /** The dictionary id of the whole normalized query, or -1: what an exact target must be. */
    private int exactQueryId;

    void reset(ServingIndex index, Search request, Instant now, ServingSettings settings, CitySlice slice) {
        this.index = index;
        this.surface = request.surface();
        this.role = request.role();
        this.city = request.city();
        this.cityId = slice != null ? slice.cityId : index.cityId(city);
        this.normalizedQuery = QueryText.normalize(request.query());
        this.policy = slice != null ? slice.policy(role) : index.policies.resolve(surface, role, city);
        this.secondPrice = policy.pricingMode(settings.pricingMode()) == PricingMode.SECOND_PRICE;
        this.floorCents = policy.limits().cpcFloor().cents();
        this.nowMillis = now.toEpochMilli();
        this.maxSlotsPerAdvertiser = settings.maxSlotsPerAdvertiser();
        long dayStart;
        long dayEnd;
        if (nowMillis >= index.dayStartMillis && nowMillis < index.dayEndMillis) {
            indexIsToday = true;
            dayEpoch = index.dayEpoch;
            dayStart = index.dayStartMillis;
            dayEnd = index.dayEndMillis;
        } else {
            indexIsToday = false;
            java.time.LocalDate today = settings.calendar().dayOf(now);
            dayEpoch = today.toEpochDay();
            dayStart = settings.calendar().startOf(today).toEpochMilli();
            dayEnd = settings.calendar().endOf(today).toEpochMilli();
        }
        this.hoursIntoDay = (nowMillis - dayStart) * 24.0 / (dayEnd - dayStart);
        TrafficCurve curve = slice != null ? slice.curve : index.curve(surface, city);
        this.trafficShare = curve.cumulativeShare(hoursIntoDay);
        this.rotationSeed = ServingCampaign.mix64(nowMillis * 0x9E3779B97F4A7C15L
                ^ ((long) request.viewerHash() << 32)
                ^ normalizedQuery.hashCode()
                ^ ((long) city.value().hashCode() << 16)
                ^ (role.isPresent() ? (long) role.get().value().hashCode() << 8 : 0L));
        this.keywordsMatched = false;
        this.matchedKeywords.clear();
        this.nowMinute = Math.floorDiv(nowMillis, 60_000L);
        this.memoryCodec = settings.frequencyCapping().codec().orElse(null);
        this.memoryToken = request.memoryToken();
        this.request = request;
        this.memoryRead = null;
        this.hourOfWeek = -1;
        this.restrictedCount = 0;
        this.curve = curve;
    }

    /** The viewer's memory as their token says, read once per decision on first need; empty unless valid. */
    ViewerMemory memory() {
        return readMemory().memory();
    }

    MemoryReading memoryReading() {
        return readMemory().reading();
    }

    private MemoryTokenCodec.Read readMemory() {
        if (memoryRead == null) {
            memoryRead = memoryCodec == null ? NO_CODEC : memoryCodec.read(memoryToken, request.viewerKey(), nowMinute);
        }
        return memoryRead;
    }

    MemoryTokenCodec codec() {
        return memoryCodec;
    }

    String viewerKey() {
        return request.viewerKey();
    }

    /**
     * The request's token as the page hands it back when no capped campaign was placed (nothing new to remember):
     * as it came, unless it is longer than any token promo writes or was read and did not verify, which would only be
     * carried from page to page (and would break the answer's bound) without ever being trusted.
     */
    String memoryTokenToKeep() {
        if (memoryToken == null || memoryToken.length() > MemoryTokenCodec.MAX_TOKEN_LENGTH) {
            return null;
        }
        return memoryRead == null || memoryRead.reading() == MemoryReading.VALID ? memoryToken : null;
    }

    /** The local hour of the week now in the search's city (0 is monday 00:00): computed on first need. */
    int hourOfWeek() {
        if (hourOfWeek < 0) {
            hourOfWeek = index.hourOfWeek(city, nowMillis, localHours);
        }
        return hourOfWeek;
    }

    /**
     * F(now) for {@code campaign}'s pacing: of the traffic curve restricted to its scheduled hours of the day
     * ({@link ServingCampaign#dayHours}), or {@link #trafficShare} when it runs all day.
     */
    double pacingShare(ServingCampaign campaign) {
        int hours = campaign.dayHours;
        if (hours == ServingCampaign.ALL_DAY_HOURS || !indexIsToday) {
            return trafficShare;
        }
        for (int i = 0; i < restrictedCount; i++) {
            if (restrictedHours[i] == hours) {
                return restrictedShares[i];
            }
        }
        double share = curve.cumulativeShare(hours, hoursIntoDay);
        int slot = restrictedCount < RESTRICTED_SLOTS ? restrictedCount++ : (hours & (RESTRICTED_SLOTS - 1));
        restrictedHours[slot] = hours;
        restrictedShares[slot] = share;
        return share;
    }

    long spentToday(ServingCampaign campaign) {
        return indexIsToday ? campaign.spentToday : 0;
    }

    boolean matchesAnyKeyword(ServingCampaign campaign) {
        if (!keywordsMatched) {
            matchKeywords();
        }
        return (campaign.keywordBits & matchedKeywordBits) != 0 && firstMatch(campaign.keywords) >= 0;
    }

    /** The position among the campaign's negative targets of the first that matches the query, or -1. */
    int matchingNegative(ServingCampaign campaign) {
        if (!keywordsMatched) {
            matchKeywords();
        }
        return (campaign.negativeBits & matchedKeywordBits) == 0 ? -1 : firstMatch(campaign.negatives);
    }

    /** The position among the targets of {@code program} (a {@link KeywordProgram}) of the first that matches, or -1. */
    private int firstMatch(int[] program) {
        int target = 0;
        for (int at = 0; at < program.length; target++) {
            int type = program[at];
            int from = at + 2;
            at = from + program[at + 1];
            if (type == KeywordProgram.EXACT) {
                if (program[from] == exactQueryId) {
                    return target;
                }
                continue;
            }
            boolean all = true;
            for (int i = from; i < at && all; i++) {
                all = keywordMark[program[i]] == keywordGeneration;
            }
            if (all) {
                return target;
            }
        }
        return -1;
    }

    private void matchKeywords() {
        QueryText.matchKeywords(normalizedQuery, index.keywords, matchedKeywords);
        exactQueryId = index.keywords.size() == 0 ? -1 : index.keywords.idOf(normalizedQuery, 0, normalizedQuery.length());
        keywordsMatched = true;
        matchedKeywordBits = 0;
        for (int i = 0; i < matchedKeywords.size(); i++) {
            matchedKeywordBits |= 1L << matchedKeywords.get(i);
        }
        if (keywordMark.length < index.keywords.size()) {
            keywordMark = new int[Math.max(index.keywords.size(), keywordMark.length * 2)];
            keywordGeneration = 0;
        }
        if (++keywordGeneration == 0) {
            java.util.Arrays.fill(keywordMark, 0);
            keywordGeneration = 1;
        }
        for (int i = 0; i < matchedKeywords.size(); i++) {
            keywordMark[matchedKeywords.get(i)] = keywordGeneration;
        }
    }

    /** The campaign's place in the rotation of campaigns tied on score for this decision. */
    long rotation(ServingCampaign campaign) {
        return ServingCampaign.mix64(campaign.idHash ^ rotationSeed);
    }
}
