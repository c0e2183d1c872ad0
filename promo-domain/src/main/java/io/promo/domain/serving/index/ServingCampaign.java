package io.promo.domain.serving.index;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Surface;
import java.time.LocalDate;
import java.util.List;

/**
 * What the decision path needs of one campaign, flattened when the index is built: its settings, its status
 * and its advertiser's, and its budget state as of the index's day.
 *
 * <p>A decision reads a hundred or so of these, scattered over megabytes, so the object is kept small: what
 * eligibility and ranking read of every candidate is primitive fields here (amounts fit the seed's int columns;
 * statuses are reduced to the booleans the rules ask); what only placed campaigns and diagnoses need sits in
 * {@link Details}, one reference away.
 *
 * <p>Only the index builds one. What the engine reads is public final fields rather than accessors: the engine is
 * another package, and these are the very reads the decision path is made of.
 */
public final class ServingCampaign {

    /** No end date. */
    public static final int OPEN_END = Integer.MAX_VALUE;
    /** No total budget. */
    public static final int NO_TOTAL = -1;
    /** {@link #dayHours} of a campaign that serves at every hour. */
    public static final int ALL_DAY_HOURS = (1 << 24) - 1;

    public final long idHash;
    /**
     * {@link #hash64} of the advertiser's id: two campaigns of different advertisers almost always differ here, so
     * {@link #sameAdvertiser} decides most comparisons from this field alone, without reading the ids (the second
     * price and competitive separation compare advertisers on every decision).
     */
    public final long advertiserHash;
    /** The predicted CTR its {@link #score} was computed with (also in {@link #details}, one object further away). */
    public final double predictedCtr;
    /** The campaign's number in its index, 0 to campaignCount - 1: where decisions count its auctions (ADR 0031). */
    public final int position;
    /** Expected revenue per impression in cents: cpc × predicted CTR. */
    public final double score;
    public final long balance;
    public final long spentTotal;
    /** Spend on the index's budget day (at most the int range, which no daily budget exceeds). */
    public final int spentToday;
    public final int cpc;
    public final int dailyBudget;
    public final int totalBudget;
    public final int startEpochDay;
    public final int endEpochDay;
    /** The index's number of the first city target: the usual CITY check touches no array. */
    final int firstCityId;
    final int cityCount;
    public final boolean featured;
    public final boolean active;
    public final boolean advertiserActive;
    public final boolean accelerated;
    /** Whether the campaign has positive keyword targets (without, it matches every query but its negatives). */
    public final boolean hasKeywords;
    public final boolean hasNegatives;
    /**
     * {@link KeywordProgram#bits} of the positive targets: a campaign none of whose bits the query's matched
     * keywords set cannot match, and the KEYWORD check then needs no read of {@link #keywords} (a cache miss).
     */
    public final long keywordBits;
    /** The {@link KeywordProgram} of the positive keyword targets. */
    public final int[] keywords;
    /** {@link KeywordProgram#bits} of the negative targets. */
    public final long negativeBits;
    /** The {@link KeywordProgram} of the negative keyword targets, in the order of {@link Details#keywords}. */
    public final int[] negatives;
    /** The index's numbers of the city targets. */
    final int[] cityIds;
    /** Whether the campaign has an ad schedule (ADR 0036): without, every hour of the week passes. */
    public final boolean scheduled;
    /** {@link AdSchedule#weekMask()}: the hours of the week it may serve, in the local time of the search's city. */
    private final long week0;
    private final long week1;
    private final long week2;
    /**
     * The hours of the index's budget day (bit h: hour h, as pacing counts them) in which the schedule lets the
     * campaign serve in at least one of its cities: the hours even pacing spreads the daily budget over. All 24
     * when it is not scheduled.
     */
    public final int dayHours;
    public final CampaignId id;
    /** The owner: competitive separation counts a page's positions per advertiser, and the clearing price never
     * prices a campaign against another of its advertiser's. */
    public final AdvertiserId advertiserId;
    public final String targetEntityId;
    public final Format format;
    public final Details details;
    /** The frequency cap it runs under (its own or the deployment's): impressions per period, 0 for none. */
    public final int capImpressions;
    public final int capPeriodHours;
    public final int capPeriodMinutes;
    /** The keyed hash viewer-memory tokens know it by, computed when the index is built; 0 without a cap. */
    public final int capHash;

    /** Read by placed campaigns' pages and by diagnoses only. */
    public record Details(AdvertiserId advertiserId, AdvertiserStatus advertiserStatus, Surface surface, CampaignStatus status,
            PacingMode pacing, List<CityCode> cities, List<String> keywords, double predictedCtr, AdSchedule schedule) {
    }

    /**
     * A campaign at position 0, without a frequency cap, its schedule (if any) applying at every hour of the day it
     * runs: for tests of the index's parts.
     *
     * @param advertiserStatus null when the advertiser is unknown to the index: the ADVERTISER check fails
     */
    ServingCampaign(Campaign campaign, AdvertiserStatus advertiserStatus, BudgetState budget, double predictedCtr,
            int[] keywords, int[] negatives, int[] cityIds) {
        this(campaign, advertiserStatus, budget, predictedCtr, keywords, negatives, cityIds, 0,
                campaign.settings().schedule().isAlways() ? null : campaign.settings().schedule().weekMask(), ALL_DAY_HOURS,
                0, 0, 0);
    }

    /**
     * @param advertiserStatus null when the advertiser is unknown to the index: the ADVERTISER check fails
     * @param week           {@link AdSchedule#weekMask()} of its schedule, null when it has none
     * @param dayHours       see {@link #dayHours}; ignored when the campaign has no schedule
     * @param capImpressions 0 when no frequency cap applies; then the period and hash are ignored
     */
    ServingCampaign(Campaign campaign, AdvertiserStatus advertiserStatus, BudgetState budget, double predictedCtr,
            int[] keywords, int[] negatives, int[] cityIds, int position, long[] week, int dayHours, int capImpressions,
            int capPeriodHours, int capHash) {
        CampaignSettings settings = campaign.settings();
        this.capImpressions = capImpressions;
        this.capPeriodHours = capImpressions == 0 ? 0 : capPeriodHours;
        this.capPeriodMinutes = this.capPeriodHours * 60;
        this.capHash = capImpressions == 0 ? 0 : capHash;
        AdSchedule schedule = settings.schedule();
        this.scheduled = !schedule.isAlways();
        this.week0 = scheduled ? week[0] : -1L;
        this.week1 = scheduled ? week[1] : -1L;
        this.week2 = scheduled ? week[2] : -1L;
        this.dayHours = scheduled ? dayHours : ALL_DAY_HOURS;
        this.position = position;
        this.id = campaign.id();
        this.advertiserId = campaign.advertiserId();
        this.idHash = hash64(campaign.id().value());
        this.advertiserHash = hash64(campaign.advertiserId().value());
        this.predictedCtr = predictedCtr;
        this.targetEntityId = campaign.target().id();
        this.format = settings.format();
        this.featured = settings.format() == Format.FEATURED;
        this.active = campaign.status() == CampaignStatus.ACTIVE;
        this.advertiserActive = advertiserStatus == AdvertiserStatus.ACTIVE;
        this.accelerated = settings.pacingMode() == PacingMode.ACCELERATED;
        this.startEpochDay = epochDay(settings.startDate());
        this.endEpochDay = settings.endDate().map(ServingCampaign::epochDay).orElse(OPEN_END);
        this.cpc = Math.toIntExact(settings.cpc().cents());
        this.dailyBudget = Math.toIntExact(settings.dailyBudget().cents());
        this.totalBudget = settings.totalBudget().map(total -> Math.toIntExact(total.cents())).orElse(NO_TOTAL);
        this.keywords = keywords;
        this.hasKeywords = keywords.length > 0;
        this.keywordBits = KeywordProgram.bits(keywords);
        this.negatives = negatives;
        this.hasNegatives = negatives.length > 0;
        this.negativeBits = KeywordProgram.bits(negatives);
        this.cityIds = cityIds;
        this.firstCityId = cityIds.length > 0 ? cityIds[0] : -1;
        this.cityCount = cityIds.length;
        this.balance = budget.balance().cents();
        this.spentToday = (int) Math.min(Integer.MAX_VALUE, Math.max(0, budget.spentOnDay().cents()));
        this.spentTotal = budget.spentTotal().cents();
        this.score = cpc * predictedCtr;
        this.details = new Details(campaign.advertiserId(), advertiserStatus, campaign.surface(), campaign.status(),
                settings.pacingMode(), settings.cityTargets(), settings.keywordTargets(), predictedCtr, schedule);
    }

    /** A copy of {@code from} whose budget fields are {@code budget}'s: everything else, the score included, is kept. */
    private ServingCampaign(ServingCampaign from, BudgetState budget) {
        this.id = from.id;
        this.advertiserId = from.advertiserId;
        this.idHash = from.idHash;
        this.advertiserHash = from.advertiserHash;
        this.predictedCtr = from.predictedCtr;
        this.position = from.position;
        this.targetEntityId = from.targetEntityId;
        this.format = from.format;
        this.featured = from.featured;
        this.active = from.active;
        this.advertiserActive = from.advertiserActive;
        this.accelerated = from.accelerated;
        this.startEpochDay = from.startEpochDay;
        this.endEpochDay = from.endEpochDay;
        this.cpc = from.cpc;
        this.dailyBudget = from.dailyBudget;
        this.totalBudget = from.totalBudget;
        this.keywords = from.keywords;
        this.hasKeywords = from.hasKeywords;
        this.keywordBits = from.keywordBits;
        this.negatives = from.negatives;
        this.hasNegatives = from.hasNegatives;
        this.negativeBits = from.negativeBits;
        this.cityIds = from.cityIds;
        this.firstCityId = from.firstCityId;
        this.cityCount = from.cityCount;
        this.scheduled = from.scheduled;
        this.week0 = from.week0;
        this.week1 = from.week1;
        this.week2 = from.week2;
        this.dayHours = from.dayHours;
        this.balance = budget.balance().cents();
        this.spentToday = (int) Math.min(Integer.MAX_VALUE, Math.max(0, budget.spentOnDay().cents()));
        this.spentTotal = budget.spentTotal().cents();
        this.score = from.score;
        this.details = from.details;
        this.capImpressions = from.capImpressions;
        this.capPeriodHours = from.capPeriodHours;
        this.capPeriodMinutes = from.capPeriodMinutes;
        this.capHash = from.capHash;
    }

    /** This campaign with another budget state (of the same budget day as the index that holds it). */
    ServingCampaign withBudget(BudgetState budget) {
        return new ServingCampaign(this, budget);
    }

    /**
     * {@code campaign} as this one's successor in the same index: its keyword programs, city numbers, position,
     * predicted CTR, schedule masks (read in its cities' zones) and frequency cap (with its keyed hash) are this
     * one's, everything else is read again. Only for a campaign whose keywords, cities, cpc, schedule and own
     * frequency cap are unchanged ({@link #sameShape} then holds).
     */
    ServingCampaign successor(Campaign campaign, AdvertiserStatus advertiserStatus, BudgetState budget) {
        return new ServingCampaign(campaign, advertiserStatus, budget, details.predictedCtr(), keywords, negatives, cityIds,
                position, scheduled ? new long[] {week0, week1, week2} : null, dayHours, capImpressions, capPeriodHours,
                capHash);
    }

    /**
     * Whether {@code other} takes this campaign's entry wherever it is in an index: the same campaign, entity, format,
     * score, surface and cities, and both ended or neither (an ended campaign is in no slice).
     */
    boolean sameShape(ServingCampaign other) {
        return id.equals(other.id) && targetEntityId.equals(other.targetEntityId) && format == other.format
                && Double.compare(score, other.score) == 0 && details.surface() == other.details.surface()
                && details.cities().equals(other.details.cities())
                && (details.status() == CampaignStatus.ENDED) == (other.details.status() == CampaignStatus.ENDED)
                && position == other.position;
    }

    /** Days far outside the int range are clamped: compared with today, they mean the same. */
    private static int epochDay(LocalDate date) {
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE - 1, date.toEpochDay()));
    }

    /** Whether {@code other} is a campaign of this campaign's advertiser. */
    public boolean sameAdvertiser(ServingCampaign other) {
        return advertiserHash == other.advertiserHash && advertiserId.equals(other.advertiserId);
    }

    /** Whether the schedule lets the campaign serve in hour-of-week {@code hourOfWeek} (0 is monday 00:00, local). */
    public boolean scheduledAt(int hourOfWeek) {
        long word = hourOfWeek < 64 ? week0 : hourOfWeek < 128 ? week1 : week2;
        return (word & (1L << hourOfWeek)) != 0;
    }

    public boolean targetsCity(int cityId) {
        if (firstCityId == cityId) {
            return cityId >= 0;
        }
        if (cityCount == 1) {
            return false;
        }
        for (int id : cityIds) {
            if (id == cityId) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the UTF-16 units, then a finalizer so that ids differing in one character spread over all bits. */
    static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** The finalizer of SplitMix64 (Steele, Lea, Flood 2014): a bijection whose output bits all depend on all input bits. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return id.value();
    }
}
