package io.promo.domain.testing;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Test-data builders: valid defaults, tests change only what they are about. */
public final class TestData {

    public static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123456Z");
    public static final IdGenerator IDS = new SortableRandomIdGenerator(Clock.systemUTC());
    public static final CityCode BERLIN = new CityCode("berlin");
    public static final CityCode PARIS = new CityCode("paris");

    private TestData() {
    }

    public static Advertiser anAdvertiser() {
        return Advertiser.onboard(IDS.newAdvertiserId(), new UserId("usr_" + randomSuffix()),
                Optional.of(new PaymentReference("cus_123/pm_456")), NOW);
    }

    public static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    public static Campaign aCampaign(AdvertiserId advertiserId) {
        return aCampaign(advertiserId, settings().build());
    }

    public static Campaign aCampaign(AdvertiserId advertiserId, CampaignSettings settings) {
        return Campaign.draft(IDS.newCampaignId(), advertiserId, Surface.PEOPLE_SEARCH, aServiceProfile(), settings, NOW);
    }

    public static TargetEntity aServiceProfile() {
        return new TargetEntity(TargetEntityType.SERVICE_PROFILE, "srv_" + randomSuffix());
    }

    public static TargetEntity aStudio() {
        return new TargetEntity(TargetEntityType.STUDIO, "std_" + randomSuffix());
    }

    public static Policy aPolicy(PolicyScope scope, long floorCents) {
        return new Policy(IDS.newPolicyId(), scope, new PolicyLimits(Money.ofCents(floorCents), 2, 1), NOW);
    }

    private static String randomSuffix() {
        return IDS.next(io.promo.domain.shared.IdPrefix.USER).substring(4);
    }

    /** Builds {@link CampaignSettings}; defaults: 50¢ cpc, $10 a day, $100 in total, berlin, even pacing. */
    public static final class SettingsBuilder {
        private String name = "Portraits in Berlin";
        private Format format = Format.FEATURED;
        private List<CityCode> cities = List.of(BERLIN);
        private List<String> keywords = List.of("portrait", "headshot");
        private LocalDate startDate = LocalDate.of(2026, 12, 1);
        private Optional<LocalDate> endDate = Optional.of(LocalDate.of(2026, 12, 31));
        private Money cpc = Money.ofCents(50);
        private Money daily = Money.ofCents(1_000);
        private Optional<Money> total = Optional.of(Money.ofCents(10_000));
        private PacingMode pacing = PacingMode.EVEN;
        private io.promo.domain.campaign.AdSchedule schedule = io.promo.domain.campaign.AdSchedule.ALWAYS;

        public SettingsBuilder name(String value) {
            name = value;
            return this;
        }

        public SettingsBuilder format(Format value) {
            format = value;
            return this;
        }

        public SettingsBuilder cities(CityCode... value) {
            cities = List.of(value);
            return this;
        }

        public SettingsBuilder keywords(String... value) {
            keywords = List.of(value);
            return this;
        }

        public SettingsBuilder startDate(LocalDate value) {
            startDate = value;
            return this;
        }

        public SettingsBuilder endDate(LocalDate value) {
            endDate = Optional.ofNullable(value);
            return this;
        }

        public SettingsBuilder cpc(long cents) {
            cpc = Money.ofCents(cents);
            return this;
        }

        public SettingsBuilder dailyBudget(long cents) {
            daily = Money.ofCents(cents);
            return this;
        }

        public SettingsBuilder totalBudget(Long cents) {
            total = Optional.ofNullable(cents).map(Money::ofCents);
            return this;
        }

        public SettingsBuilder pacing(PacingMode value) {
            pacing = value;
            return this;
        }

        public SettingsBuilder schedule(io.promo.domain.campaign.AdSchedule value) {
            schedule = value;
            return this;
        }

        public CampaignSettings build() {
            return new CampaignSettings(name, format, cities, keywords, startDate, endDate, cpc, daily, total, pacing,
                    schedule, Optional.empty());
        }
    }
}
